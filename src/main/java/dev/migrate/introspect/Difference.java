package dev.migrate.introspect;

import java.util.Objects;

/**
 * One way a database differs from the model it should match, in a sentence fit for a report:
 * {@code missing column users.email (text not null)}.
 *
 * @param object the object it is about, as an author names it ({@code users.email})
 * @param failure false for what is reported but never fails a check (column order; with an
 *     incomplete model, objects the model does not know)
 */
public record Difference(Kind kind, String object, String description, boolean failure) {

  public enum Kind {
    /** In the model, not in the database. */
    MISSING,
    /** In the database, not in the model. */
    EXTRA,
    /** In both, not the same. */
    DIFFERENT,
    /** The same columns in another order: reported, never a failure. */
    COLUMN_ORDER
  }

  public Difference {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(description, "description");
  }

  @Override
  public String toString() {
    return (failure ? "" : "(warning) ") + description;
  }
}
