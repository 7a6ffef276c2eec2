package dev.migrate.changelog;

import java.util.Objects;

/** A column's own {@code references: {table, column, on-delete, on-update}}: a one-column foreign key. */
public record ColumnReference(QualifiedName table, String column, ReferentialAction onDelete,
    ReferentialAction onUpdate) {

  public ColumnReference {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(column, "column");
  }
}
