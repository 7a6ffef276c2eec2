package dev.migrate.schema;

import dev.migrate.changelog.QualifiedName;
import java.util.Objects;

/** A view or materialized view; the query is the author's SQL as written. */
public record View(QualifiedName name, String query, boolean materialized) {

  public View {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(query, "query");
  }
}
