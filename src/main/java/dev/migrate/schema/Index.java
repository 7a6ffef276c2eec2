package dev.migrate.schema;

import dev.migrate.changelog.IndexElement;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An index made by {@code create-index}; it lives in its table's schema. Indexes that back a
 * primary key or unique constraint are not listed here but as that {@link Constraint}.
 *
 * @param method the access method, {@code btree} when the author names none
 * @param where the predicate of a partial index (the author's SQL), or null
 */
public record Index(String name, List<IndexElement> elements, boolean unique, String method, String where,
    List<String> include, Map<String, String> with) {

  public Index {
    name = ObjectNames.truncate(Objects.requireNonNull(name, "name"));
    elements = List.copyOf(elements);
    method = method == null ? "btree" : method;
    include = ObjectNames.truncate(include);
    with = with == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(with));
  }

  /** The plain columns it is on (key columns and included ones), not its expressions. */
  public List<String> columns() {
    return java.util.stream.Stream.concat(
        elements.stream().filter(IndexElement::isColumn).map(IndexElement::column), include.stream()).toList();
  }

  public Index withName(String newName) {
    return new Index(newName, elements, unique, method, where, include, with);
  }

  public Index withColumnRenamed(String from, String to) {
    List<IndexElement> renamed = elements.stream()
        .map(e -> from.equals(e.column())
            ? new IndexElement(to, null, e.order(), e.nulls(), e.opclass(), e.collate()) : e)
        .toList();
    return new Index(name, renamed, unique, method, where,
        include.stream().map(c -> c.equals(from) ? to : c).toList(), with);
  }
}
