package dev.migrate.execute;

import java.time.OffsetDateTime;

/**
 * One row of the history table: what happened to a revision, when, and by which role.
 *
 * @param parents the revision's parents when it was applied ({@link Parents#text()}), or null when the row does
 *     not record them (a failed or down row, or a row written before the column existed)
 */
public record HistoryRow(String revision, HistoryDirection direction, String checksum, OffsetDateTime appliedAt,
    String appliedBy, String message, String parents) {

  /** {@code up at 2026-11-24T22:50:01Z by alice}. */
  public String when() {
    return direction.key() + " at "
        + (appliedAt == null ? "an unknown time" : appliedAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
        + " by " + appliedBy;
  }
}
