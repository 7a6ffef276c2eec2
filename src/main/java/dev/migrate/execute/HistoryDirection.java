package dev.migrate.execute;

import java.util.Locale;

/** The {@code direction} column of the history table. */
public enum HistoryDirection {
  UP, DOWN, STAMP,
  /** A precondition with {@code on-fail: skip} failed: recorded as applied, nothing run. */
  SKIP,
  /** A non-transactional revision stopped part-way; upgrade refuses to pass it until repair. */
  FAILED,
  /** A changed checksum accepted, or a failed state cleared, by {@code migrate:repair}. */
  REPAIR;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static HistoryDirection of(String key) {
    return valueOf(key.toUpperCase(Locale.ROOT));
  }
}
