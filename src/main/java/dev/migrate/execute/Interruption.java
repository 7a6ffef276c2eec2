package dev.migrate.execute;

import dev.migrate.MigrateException;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * What a run does when the JVM is asked to stop (Ctrl-C's SIGINT, or SIGTERM) while it runs. A
 * client that merely exits leaves its backend running the statement to the end, holding the
 * statement's locks and the migration lock all that time (PostgreSQL notices a closed socket only
 * when it next talks to the client). So a shutdown hook, registered for the run's duration,
 * cancels the revision statement in flight with pgjdbc's cancel request, and then waits a bounded
 * time for the run to roll back, release the lock and report what was and was not applied; only
 * then may the JVM exit.
 *
 * <pre>
 * try (Interruption interruption = Interruption.install(events)) {
 *   int[] counts = interruption.cancellable(statement, statement::executeBatch);
 * }
 * </pre>
 */
final class Interruption implements AutoCloseable {

  /** How long the JVM's exit waits for the run's cleanup: a rollback and an unlock take milliseconds. */
  static final Duration CLEANUP_WAIT = Duration.ofSeconds(10);

  /** SQLSTATE query_canceled, which PostgreSQL gives a cancelled statement. */
  static final String QUERY_CANCELED = "57014";

  /**
   * A cancel request that reaches the server before the statement does is ignored (an idle
   * backend drops it), so the hook repeats it while the statement is in flight.
   */
  private static final long RECANCEL_MILLIS = 100;

  private final Consumer<Event> events;
  private final Thread hook;
  private final CountDownLatch finished = new CountDownLatch(1);
  private boolean requested; // guarded by this
  private Statement inFlight; // guarded by this

  private Interruption(Consumer<Event> events) {
    this.events = events;
    this.hook = new Thread(this::stop, "migrate-interrupt");
  }

  /** An interruption that never comes: no hook is registered. */
  static Interruption none() {
    return new Interruption(event -> { });
  }

  /** Registers the shutdown hook; {@link #close()} removes it when the run is over. */
  static Interruption install(Consumer<Event> events) {
    Interruption interruption = new Interruption(events);
    try {
      Runtime.getRuntime().addShutdownHook(interruption.hook);
    } catch (IllegalStateException shuttingDown) {
      throw new MigrateException("interrupted", "the JVM is shutting down (SIGINT or SIGTERM); nothing was run");
    }
    return interruption;
  }

  synchronized boolean requested() {
    return requested;
  }

  /**
   * Runs one revision statement so that an interrupt cancels it; once an interrupt has come, a
   * statement is not started but fails as a cancelled one would (SQLSTATE 57014), so the run
   * stops at the next statement whichever way the interrupt found it.
   */
  <T> T cancellable(Statement statement, Call<T> call) throws SQLException {
    synchronized (this) {
      if (requested) {
        throw new SQLException("canceling statement due to user request (interrupted before it was sent)",
            QUERY_CANCELED);
      }
      inFlight = statement;
    }
    try {
      return call.run();
    } finally {
      synchronized (this) {
        inFlight = null;
      }
    }
  }

  /** A JDBC call that may be cancelled. */
  interface Call<T> {
    T run() throws SQLException;
  }

  /** The hook: cancel, then wait for the run's cleanup, within {@link #CLEANUP_WAIT}. */
  private void stop() {
    long deadline = System.nanoTime() + CLEANUP_WAIT.toNanos();
    synchronized (this) {
      requested = true;
    }
    try {
      while (System.nanoTime() < deadline) {
        Statement statement;
        synchronized (this) {
          statement = inFlight;
        }
        if (statement != null) {
          // pgjdbc sends the cancel request only while this statement runs, never into a later one
          statement.cancel();
        }
        if (finished.await(RECANCEL_MILLIS, TimeUnit.MILLISECONDS)) {
          return;
        }
      }
      events.accept(new Event.Warning("the interrupted run did not finish its cleanup within "
          + CLEANUP_WAIT.toSeconds() + " s; the server rolls back its open transaction and releases the migration"
          + " lock when the connection closes"));
    } catch (SQLException e) {
      events.accept(new Event.Warning("could not cancel the running statement (" + e.getMessage() + "); the server"
          + " finishes it, then rolls it back when it finds the connection closed"));
      awaitFinish(deadline);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void awaitFinish(long deadline) {
    try {
      finished.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The run is over, its cleanup done: the hook, if running, lets the JVM exit; otherwise it is removed. */
  @Override
  public void close() {
    finished.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running and returns now that the run is over
    }
  }
}
