package dev.migrate.execute;

import java.time.OffsetDateTime;

/**
 * One row of the history table: what happened to a revision, when, and by which role.
 *
 * @param statementsDone how many statements of a non-transactional revision had committed when
 *     the row was last written; null for a transactional revision and for rows of earlier builds
 * @param parents the revision's parents when it was applied ({@link Parents#text()}), or null when the row does
 *     not record them (a failed or down row, or a row written before the column existed)
 */
public record HistoryRow(String revision, HistoryDirection direction, String checksum, OffsetDateTime appliedAt,
    String appliedBy, String message, Integer statementsDone, String parents) {

  /**
   * True when this newest row says a non-transactional revision stopped part-way or is under
   * way: some of its statements may have taken effect, and it is not in the version table.
   */
  public boolean unsettled() {
    return (direction == HistoryDirection.RUNNING || direction == HistoryDirection.FAILED) && statementsDone != null;
  }

  /** {@code up at 2026-11-24T22:50:01Z by alice}. */
  public String when() {
    return direction.key() + " at "
        + (appliedAt == null ? "an unknown time" : appliedAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
        + " by " + appliedBy;
  }
}
