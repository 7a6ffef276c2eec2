package dev.migrate.execute;

import dev.migrate.MigrateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The session-level advisory lock that serializes runs against one database. It is taken on
 * the connection that runs the migration, so it dies with that session: a killed run never
 * leaves it behind, and a server still finishing a killed client's batch keeps it until done.
 * It is taken by polling {@code pg_try_advisory_lock}: a waiter holds no snapshot, so a
 * {@code CREATE INDEX CONCURRENTLY} in the holder never waits on it.
 */
final class AdvisoryLock {

  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration REPORT_EVERY = Duration.ofSeconds(10);

  /** A bigint advisory key shows in pg_locks as classid (high 32 bits), objid (low 32 bits), objsubid 1. */
  private static final String HOLDER = "SELECT a.pid, a.application_name, a.client_addr::text, a.backend_start"
      + " FROM pg_catalog.pg_locks l JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid"
      + " WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1"
      + " AND l.classid::bigint = ? AND l.objid::bigint = ? LIMIT 1";

  private final Connection connection;
  private final long key;

  AdvisoryLock(Connection connection, long key) {
    this.connection = connection;
    this.key = key;
  }

  /** Waits up to {@code lockWait} for the lock, reporting the holder while it waits, until {@code stop} says so. */
  void acquire(Duration lockWait, Consumer<Event> events, BooleanSupplier stop) throws SQLException {
    long start = System.nanoTime();
    long lastReport = Long.MIN_VALUE;
    try (PreparedStatement attempt = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
      attempt.setLong(1, key);
      while (true) {
        try (ResultSet result = attempt.executeQuery()) {
          result.next();
          if (result.getBoolean(1)) {
            events.accept(new Event.LockAcquired(key, Duration.ofNanos(System.nanoTime() - start)));
            return;
          }
        }
        if (stop.getAsBoolean()) {
          throw new MigrateException("interrupted", "interrupted (SIGINT or SIGTERM) while waiting for the migration"
              + " lock; nothing was run");
        }
        long now = System.nanoTime();
        Duration waited = Duration.ofNanos(now - start);
        if (waited.compareTo(lockWait) >= 0) {
          LockHolder holder = holder();
          throw new MigrateException("lock-wait", "another migration run holds the lock on this database"
              + " (pg_advisory_lock(" + key + "))" + (holder == null ? "" : ", held by " + holder)
              + ", and it was not released within lockWait " + lockWait.toSeconds() + " s. Wait for that run to"
              + " finish, stop it" + (holder == null ? "" : " (SELECT pg_terminate_backend(" + holder.pid() + "))")
              + ", or raise -Dmigrate.lockWait");
        }
        if (lastReport == Long.MIN_VALUE || now - lastReport >= REPORT_EVERY.toNanos()) {
          events.accept(new Event.Waiting(holder(), waited, lockWait));
          lastReport = now;
        }
        Pause.sleep(POLL, "waiting for the migration lock");
      }
    }
  }

  /** Releases the lock; a failure is reported, never thrown over the run's own outcome. */
  boolean release(Consumer<Event> events) {
    try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
      unlock.setLong(1, key);
      unlock.execute();
      return true;
    } catch (SQLException e) {
      events.accept(new Event.Warning("could not release the migration lock (it goes when the connection closes): "
          + e.getMessage()));
      return false;
    }
  }

  LockHolder holder() throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(HOLDER)) {
      query.setLong(1, key >>> 32);
      query.setLong(2, key & 0xFFFF_FFFFL);
      try (ResultSet result = query.executeQuery()) {
        if (!result.next()) {
          return null;
        }
        return new LockHolder(result.getInt(1), result.getString(2), result.getString(3),
            result.getObject(4, OffsetDateTime.class));
      }
    }
  }

}
