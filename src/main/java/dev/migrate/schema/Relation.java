package dev.migrate.schema;

import dev.migrate.changelog.QualifiedName;
import java.util.Objects;

/**
 * What holds a name in a schema's relation namespace ({@code pg_class}): tables, indexes
 * (including those behind primary keys and unique constraints), sequences and views share one
 * namespace per schema, so a new index cannot take a table's name.
 *
 * @param table the table an index belongs to, or null for other kinds
 */
public record Relation(Kind kind, QualifiedName name, QualifiedName table) {

  public enum Kind {
    TABLE("table"),
    INDEX("index"),
    CONSTRAINT_INDEX("index of a constraint"),
    SEQUENCE("sequence"),
    VIEW("view"),
    MATERIALIZED_VIEW("materialized view");

    private final String noun;

    Kind(String noun) {
      this.noun = noun;
    }

    /** The words a message uses for it. */
    public String noun() {
      return noun;
    }
  }

  public Relation {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
  }
}
