package dev.migrate.execute;

import java.util.Locale;

/** The {@code direction} column of the history table. */
public enum HistoryDirection {
  UP, DOWN, STAMP,
  /** A precondition with {@code on-fail: skip} failed: recorded as applied, nothing run. */
  SKIP,
  /**
   * A revision failed: a transactional one was rolled back whole; a non-transactional one
   * stopped part-way, after the statements its {@code statements_done} counts.
   */
  FAILED,
  /** A changed checksum accepted, or a failed state cleared, by {@code migrate:repair}. */
  REPAIR,
  /**
   * A non-transactional revision under way: written before its first statement, its
   * {@code statements_done} counted up as each statement commits. It becomes the {@code up}
   * row when the revision finishes, {@code failed} when it fails; a run that was killed or
   * lost its connection leaves it as it was.
   */
  RUNNING;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static HistoryDirection of(String key) {
    return valueOf(key.toUpperCase(Locale.ROOT));
  }
}
