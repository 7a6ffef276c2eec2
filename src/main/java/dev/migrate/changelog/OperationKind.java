package dev.migrate.changelog;

/**
 * Every operation a changelog may hold, by its key. The schemas list exactly these keys, and
 * a test keeps them so.
 */
public enum OperationKind {
  CREATE_TABLE("create-table"),
  DROP_TABLE("drop-table"),
  RENAME_TABLE("rename-table"),
  ADD_COLUMN("add-column"),
  DROP_COLUMN("drop-column"),
  ALTER_COLUMN("alter-column"),
  RENAME_COLUMN("rename-column"),
  CREATE_INDEX("create-index"),
  DROP_INDEX("drop-index"),
  RENAME_INDEX("rename-index"),
  ADD_PRIMARY_KEY("add-primary-key"),
  ADD_FOREIGN_KEY("add-foreign-key"),
  ADD_UNIQUE_CONSTRAINT("add-unique-constraint"),
  ADD_CHECK_CONSTRAINT("add-check-constraint"),
  DROP_CONSTRAINT("drop-constraint"),
  RENAME_CONSTRAINT("rename-constraint"),
  VALIDATE_CONSTRAINT("validate-constraint"),
  CREATE_ENUM("create-enum"),
  ADD_ENUM_VALUE("add-enum-value"),
  RENAME_ENUM_VALUE("rename-enum-value"),
  DROP_ENUM("drop-enum"),
  CREATE_SCHEMA("create-schema"),
  DROP_SCHEMA("drop-schema"),
  CREATE_SEQUENCE("create-sequence"),
  DROP_SEQUENCE("drop-sequence"),
  CREATE_VIEW("create-view"),
  DROP_VIEW("drop-view"),
  REFRESH_MATERIALIZED_VIEW("refresh-materialized-view"),
  CREATE_EXTENSION("create-extension"),
  DROP_EXTENSION("drop-extension"),
  CREATE_FUNCTION("create-function"),
  DROP_FUNCTION("drop-function"),
  CREATE_PROCEDURE("create-procedure"),
  DROP_PROCEDURE("drop-procedure"),
  CREATE_TRIGGER("create-trigger"),
  DROP_TRIGGER("drop-trigger"),
  COMMENT("comment"),
  INSERT("insert"),
  UPDATE("update"),
  DELETE("delete"),
  SQL("sql");

  private final String key;

  OperationKind(String key) {
    this.key = key;
  }

  /** The changelog key, {@code create-table}. */
  public String key() {
    return key;
  }

  public static java.util.Optional<OperationKind> fromKey(String key) {
    for (OperationKind kind : values()) {
      if (kind.key.equals(key)) {
        return java.util.Optional.of(kind);
      }
    }
    return java.util.Optional.empty();
  }
}
