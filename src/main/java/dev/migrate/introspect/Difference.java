package dev.migrate.introspect;

import java.util.Locale;
import java.util.Objects;

/**
 * One way a database differs from the model it should match, in a sentence fit for a report:
 * {@code missing column users.email (text not null)}, and in parts for a JSON report.
 *
 * @param noun what sort of object it is about: {@code table}, {@code column}, {@code index},
 *     {@code constraint}, {@code enum}, {@code sequence}, {@code view}, {@code schema},
 *     {@code extension}, {@code function}, {@code procedure}, {@code trigger}
 * @param object the object it is about, as an author names it ({@code users.email})
 * @param aspect what differs in an object both sides have ({@code type}, {@code default},
 *     {@code nullability}, ...), or null
 * @param expected what the model says (null when the model has no such object)
 * @param actual what the database has (null when it has no such object)
 * @param failure false for what is reported but never fails a check (column order; with an
 *     incomplete model, objects the model does not know)
 */
public record Difference(Kind kind, String noun, String object, String aspect, String expected, String actual,
    String description, boolean failure) {

  public enum Kind {
    /** In the model, not in the database. */
    MISSING,
    /** In the database, not in the model. */
    EXTRA,
    /** In both, not the same. */
    DIFFERENT,
    /** The same columns in another order: reported, never a failure. */
    COLUMN_ORDER;

    /** The kind as reports write it: {@code missing}, {@code extra}, {@code different}, {@code column-order}. */
    public String key() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  public Difference {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(noun, "noun");
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(description, "description");
  }

  @Override
  public String toString() {
    return (failure ? "" : "(warning) ") + description;
  }
}
