package dev.migrate.changelog;

import java.util.Objects;

/**
 * A column as the changelog declares it.
 *
 * @param defaultValue the default, or null for none
 * @param identity ALWAYS or BY_DEFAULT, or null
 * @param references a one-column foreign key, or null
 * @param generated the expression of a stored generated column, or null
 */
public record Column(String name, ColumnType type, boolean nullable, Value defaultValue, Identity identity,
    boolean primaryKey, boolean unique, ColumnReference references, String comment, String generated) {

  public Column {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    if (identity == Identity.NONE) {
      throw new IllegalArgumentException("a column's identity is always or by-default");
    }
  }

  /** A plain nullable column with no constraint. */
  public static Column of(String name, ColumnType type) {
    return new Column(name, type, true, null, null, false, false, null, null, null);
  }

  public Column withName(String newName) {
    return new Column(newName, type, nullable, defaultValue, identity, primaryKey, unique, references, comment,
        generated);
  }
}
