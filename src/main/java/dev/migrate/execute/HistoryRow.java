package dev.migrate.execute;

import java.time.OffsetDateTime;

/** One row of the history table: what happened to a revision, when, and by which role. */
public record HistoryRow(String revision, HistoryDirection direction, String checksum, OffsetDateTime appliedAt,
    String appliedBy, String message) {

  /** {@code up at 2026-11-24T22:50:01Z by alice}. */
  public String when() {
    return direction.key() + " at "
        + (appliedAt == null ? "an unknown time" : appliedAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
        + " by " + appliedBy;
  }
}
