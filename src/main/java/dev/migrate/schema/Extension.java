package dev.migrate.schema;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An installed extension, and the types it brings (so a column may be {@code citext} or
 * {@code vector(3)} once the changelog creates the extension).
 *
 * @param schema the schema named in create-extension, or null for the default
 */
public record Extension(String name, String schema) {

  /** The types of the extensions people use most, by extension name. */
  private static final Map<String, List<String>> TYPES = Map.ofEntries(
      Map.entry("citext", List.of("citext")),
      Map.entry("vector", List.of("vector", "halfvec", "sparsevec", "bit")),
      Map.entry("hstore", List.of("hstore")),
      Map.entry("ltree", List.of("ltree", "lquery", "ltxtquery")),
      Map.entry("cube", List.of("cube")),
      Map.entry("earthdistance", List.of("earth")),
      Map.entry("seg", List.of("seg")),
      Map.entry("isn", List.of("ean13", "isbn", "isbn13", "ismn", "ismn13", "issn", "issn13", "upc")),
      Map.entry("postgis", List.of("geometry", "geography", "box2d", "box3d")),
      Map.entry("pg_trgm", List.of("gtrgm")),
      Map.entry("intarray", List.of("intbig_gkey", "query_int")),
      Map.entry("lo", List.of("lo")));

  public Extension {
    Objects.requireNonNull(name, "name");
  }

  /** The names of the types this extension creates; empty for an extension the model does not know. */
  public List<String> types() {
    return TYPES.getOrDefault(name, List.of());
  }
}
