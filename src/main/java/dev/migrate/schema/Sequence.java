package dev.migrate.schema;

import dev.migrate.changelog.QualifiedName;
import java.util.Objects;

/**
 * A sequence with PostgreSQL's defaults filled in (increment 1; an ascending sequence runs
 * from 1 to 2^63-1 and starts at its minimum, a descending one the other way), so the model
 * compares equal with what {@code pg_sequence} reports.
 *
 * @param ownedBy {@code table.column} the sequence belongs to, or null
 */
public record Sequence(QualifiedName name, long start, long increment, long min, long max, boolean cycle,
    String ownedBy) {

  public Sequence {
    Objects.requireNonNull(name, "name");
  }

  /** A sequence as {@code CREATE SEQUENCE} makes it, each null argument given PostgreSQL's default. */
  public static Sequence of(QualifiedName name, Long start, Long increment, Long min, Long max, boolean cycle,
      String ownedBy) {
    long inc = increment == null ? 1 : increment;
    long lo = min != null ? min : inc > 0 ? 1 : Long.MIN_VALUE;
    long hi = max != null ? max : inc > 0 ? Long.MAX_VALUE : -1;
    long first = start != null ? start : inc > 0 ? lo : hi;
    return new Sequence(name, first, inc, lo, hi, cycle, ownedBy);
  }
}
