package dev.migrate.execute;

import dev.migrate.MigrateException;
import java.time.Duration;

/** A wait between two attempts (the lock poll, a lock_timeout retry) that an interrupt ends as a failure. */
final class Pause {

  private Pause() {}

  static void sleep(Duration duration, String reason) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MigrateException("interrupted", "interrupted while " + reason);
    }
  }
}
