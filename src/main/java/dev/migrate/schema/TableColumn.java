package dev.migrate.schema;

import dev.migrate.changelog.ColumnType;
import dev.migrate.changelog.Identity;
import dev.migrate.changelog.Value;
import java.util.Objects;

/**
 * A column as PostgreSQL holds it. Key and reference constraints declared on a changelog
 * column live on the {@link Table} as {@link Constraint}s, as they do in {@code pg_constraint}.
 * A primary-key or identity column is not nullable, as PostgreSQL makes it.
 *
 * @param defaultValue the default, or null for none
 * @param identity ALWAYS or BY_DEFAULT, or null
 * @param generated the expression of a stored generated column, or null
 * @param comment the column's comment, or null
 */
public record TableColumn(String name, ColumnType type, boolean nullable, Value defaultValue, Identity identity,
    String generated, String comment) {

  public TableColumn {
    name = ObjectNames.truncate(Objects.requireNonNull(name, "name"));
    Objects.requireNonNull(type, "type");
    if (identity == Identity.NONE) {
      identity = null;
    }
  }

  public static TableColumn of(String name, ColumnType type) {
    return new TableColumn(name, type, true, null, null, null, null);
  }

  public TableColumn withName(String newName) {
    return new TableColumn(newName, type, nullable, defaultValue, identity, generated, comment);
  }

  public TableColumn withType(ColumnType newType) {
    return new TableColumn(name, newType, nullable, defaultValue, identity, generated, comment);
  }

  public TableColumn withNullable(boolean newNullable) {
    return new TableColumn(name, type, newNullable, defaultValue, identity, generated, comment);
  }

  public TableColumn withDefault(Value newDefault) {
    return new TableColumn(name, type, nullable, newDefault, identity, generated, comment);
  }

  public TableColumn withIdentity(Identity newIdentity) {
    return new TableColumn(name, type, newIdentity == null || newIdentity == Identity.NONE ? nullable : false,
        defaultValue, newIdentity, generated, comment);
  }

  public TableColumn withComment(String newComment) {
    return new TableColumn(name, type, nullable, defaultValue, identity, generated, newComment);
  }
}
