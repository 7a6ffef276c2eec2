package dev.migrate.changelog;

import java.util.List;
import java.util.Objects;

/** A foreign key: create-table's {@code foreign-keys} entries and the body of add-foreign-key. */
public record ForeignKeySpec(String name, List<String> columns, QualifiedName referencedTable,
    List<String> referencedColumns, ReferentialAction onDelete, ReferentialAction onUpdate, boolean deferrable) {

  public ForeignKeySpec {
    columns = List.copyOf(columns);
    Objects.requireNonNull(referencedTable, "referencedTable");
    referencedColumns = List.copyOf(referencedColumns);
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("a foreign key needs at least one column");
    }
  }
}
