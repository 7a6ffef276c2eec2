package dev.migrate.execute;

import java.time.Duration;
import java.util.Objects;

/**
 * How a live run behaves: where its state lives, how it groups transactions, its timeouts,
 * how long it waits for another run's lock, and how often it retries a revision that gave up
 * waiting for a table lock ({@code lock_timeout}, SQLSTATE 55P03).
 *
 * @param retryPause the pause before the first retry; it doubles for each later one
 */
public record RunSettings(VersionTables tables, TransactionMode transactionMode, Timeouts timeouts,
    Duration lockWait, int lockRetries, Duration retryPause, String pluginVersion) {

  public RunSettings {
    Objects.requireNonNull(tables, "tables");
    Objects.requireNonNull(transactionMode, "transactionMode");
    Objects.requireNonNull(timeouts, "timeouts");
    Objects.requireNonNull(lockWait, "lockWait");
    Objects.requireNonNull(retryPause, "retryPause");
    if (lockRetries < 0) {
      throw new IllegalArgumentException("lockRetries < 0");
    }
  }

  /** The defaults of goals.md: migrate_version and migrate_history, one transaction per revision, lockWait 10m. */
  public static RunSettings defaults(String pluginVersion) {
    return new RunSettings(VersionTables.defaults(), TransactionMode.REVISION, Timeouts.none(),
        Duration.ofMinutes(10), 0, Duration.ofSeconds(1), pluginVersion);
  }

  public RunSettings withTables(VersionTables value) {
    return new RunSettings(value, transactionMode, timeouts, lockWait, lockRetries, retryPause, pluginVersion);
  }

  public RunSettings withTransactionMode(TransactionMode value) {
    return new RunSettings(tables, value, timeouts, lockWait, lockRetries, retryPause, pluginVersion);
  }

  public RunSettings withTimeouts(Timeouts value) {
    return new RunSettings(tables, transactionMode, value, lockWait, lockRetries, retryPause, pluginVersion);
  }

  public RunSettings withLockWait(Duration value) {
    return new RunSettings(tables, transactionMode, timeouts, value, lockRetries, retryPause, pluginVersion);
  }

  public RunSettings withLockRetries(int retries, Duration pause) {
    return new RunSettings(tables, transactionMode, timeouts, lockWait, retries, pause, pluginVersion);
  }
}
