package dev.migrate.execute;

import dev.migrate.changelog.Revision;
import java.time.Duration;

/**
 * {@code lock_timeout} and {@code statement_timeout} for a revision; null leaves the server's
 * setting alone. A revision's own {@code lock-timeout} / {@code statement-timeout} keys win over
 * the run's parameters.
 */
public record Timeouts(Duration lockTimeout, Duration statementTimeout) {

  public static Timeouts none() {
    return new Timeouts(null, null);
  }

  /** These timeouts with the revision's own keys applied over them. */
  public Timeouts overriddenBy(Revision revision) {
    return new Timeouts(revision.lockTimeout() != null ? revision.lockTimeout() : lockTimeout,
        revision.statementTimeout() != null ? revision.statementTimeout() : statementTimeout);
  }

  /**
   * A duration as a PostgreSQL setting value in the largest unit that keeps it exact:
   * {@code 5s}, {@code 1500ms}, {@code 10min} (PostgreSQL's units are ms, s, min, h, d).
   */
  static String setting(Duration duration) {
    long ms = duration.toMillis();
    if (ms != 0 && ms % 3_600_000 == 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms != 0 && ms % 60_000 == 0) {
      return ms / 60_000 + "min";
    }
    if (ms != 0 && ms % 1000 == 0) {
      return ms / 1000 + "s";
    }
    return ms + "ms";
  }
}
