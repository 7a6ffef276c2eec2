package dev.migrate.changelog;

import java.util.List;

/** A primary key or unique constraint inside create-table: an optional name and its columns. */
public record KeySpec(String name, List<String> columns, boolean nullsNotDistinct) {

  public KeySpec {
    columns = List.copyOf(columns);
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("a key needs at least one column");
    }
  }
}
