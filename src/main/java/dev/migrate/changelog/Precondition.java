package dev.migrate.changelog;

import java.util.Objects;

/** One check of a revision's {@code preconditions}, run against the live database before it. */
public sealed interface Precondition {

  record TableExists(QualifiedName table) implements Precondition {
    public TableExists {
      Objects.requireNonNull(table, "table");
    }
  }

  record ColumnExists(QualifiedName table, String column) implements Precondition {
    public ColumnExists {
      Objects.requireNonNull(table, "table");
      Objects.requireNonNull(column, "column");
    }
  }

  record IndexExists(QualifiedName index) implements Precondition {
    public IndexExists {
      Objects.requireNonNull(index, "index");
    }
  }

  record EnumExists(QualifiedName enumName) implements Precondition {
    public EnumExists {
      Objects.requireNonNull(enumName, "enumName");
    }
  }

  /** A query returning one boolean. */
  record SqlCheck(String sql) implements Precondition {
    public SqlCheck {
      Objects.requireNonNull(sql, "sql");
    }
  }
}
