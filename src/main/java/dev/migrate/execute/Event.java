package dev.migrate.execute;

import dev.migrate.graph.Direction;
import java.time.Duration;
import java.util.List;

/**
 * Progress of a run, reported to a {@code Consumer<Event>}: the core keeps no logger, the mojo
 * logs {@link #line()} at {@link #level()}.
 */
public sealed interface Event {

  enum Level { DEBUG, INFO, WARN }

  /** Most events are progress a user wants to see. */
  default Level level() {
    return Level.INFO;
  }

  /** The log line for this event. */
  String line();

  /** Another run holds the migration lock; logged when the wait begins and now and then while it lasts. */
  record Waiting(LockHolder holder, Duration waited, Duration lockWait) implements Event {
    @Override
    public Level level() {
      return Level.WARN;
    }

    @Override
    public String line() {
      return "waiting for another migration run to finish: the lock is held by "
          + (holder == null ? "a session that just ended" : holder.toString()) + " (waited " + waited.toSeconds()
          + " s of lockWait " + lockWait.toSeconds() + " s)";
    }
  }

  record LockAcquired(long key, Duration waited) implements Event {
    @Override
    public Level level() {
      return Level.DEBUG;
    }

    @Override
    public String line() {
      return "took the migration lock pg_advisory_lock(" + key + ") after " + waited.toMillis() + " ms";
    }
  }

  record TablesCreated(List<String> tables) implements Event {
    public TablesCreated {
      tables = List.copyOf(tables);
    }

    @Override
    public String line() {
      return "created " + String.join(" and ", tables);
    }
  }

  /** Before the first revision: how many will run and where they lead. */
  record Running(Direction direction, int count, List<String> headsAfter) implements Event {
    public Running {
      headsAfter = List.copyOf(headsAfter);
    }

    @Override
    public String line() {
      return (direction == Direction.UP ? "upgrading" : "downgrading") + " " + count
          + (count == 1 ? " revision" : " revisions") + " to "
          + (headsAfter.isEmpty() ? "base" : String.join(", ", headsAfter));
    }
  }

  record NothingToDo(List<String> heads) implements Event {
    public NothingToDo {
      heads = List.copyOf(heads);
    }

    @Override
    public String line() {
      return "nothing to do: the database is at " + (heads.isEmpty() ? "base" : String.join(", ", heads));
    }
  }

  /** {@code [i/n] <rev> <message> (N ms)}. */
  record RevisionApplied(int index, int count, String revision, String message, Direction direction, long millis)
      implements Event {
    @Override
    public String line() {
      return "[" + index + "/" + count + "] " + (direction == Direction.DOWN ? "downgraded " : "") + revision + " "
          + message + " (" + millis + " ms)";
    }
  }

  /** A precondition with {@code on-fail: skip} failed: the revision is recorded as applied, nothing ran. */
  record RevisionSkipped(int index, int count, String revision, String precondition) implements Event {
    @Override
    public String line() {
      return "[" + index + "/" + count + "] " + revision + " skipped: precondition " + precondition
          + " is false (on-fail: skip)";
    }
  }

  /**
   * A non-transactional revision an earlier run left part-way is resumed after the statements
   * that run recorded as committed.
   */
  record Resuming(String revision, String message, int done, int total, HistoryRow row) implements Event {
    @Override
    public Level level() {
      return Level.WARN;
    }

    @Override
    public String line() {
      if (done >= total) {
        return "finishing revision " + revision + " (" + message + "): an earlier run (" + row.when() + ") recorded all "
            + total + " of its statements as committed but not the revision itself; recording it now, running nothing";
      }
      return "resuming revision " + revision + " (" + message + ") at statement " + (done + 1) + " of " + total
          + ": an earlier run (" + row.when() + ") recorded " + (done == 0 ? "none of its statements"
              : done == 1 ? "statement 1" : "statements 1-" + done) + " as committed"
          + (row.direction() == HistoryDirection.RUNNING ? " and ended without recording how it stopped" : "");
    }
  }

  /** A revision failed on lock_timeout and is tried again after a pause. */
  record Retrying(String revision, int attempt, int retries, Duration pause, String reason) implements Event {
    @Override
    public Level level() {
      return Level.WARN;
    }

    @Override
    public String line() {
      return "revision " + revision + " gave up waiting for a lock (" + reason + "); retry " + attempt + " of "
          + retries + " in " + pause.toMillis() + " ms";
    }
  }

  /** A statement sent to the database, for {@code -X}. */
  record Executed(String sql) implements Event {
    @Override
    public Level level() {
      return Level.DEBUG;
    }

    @Override
    public String line() {
      return sql + ";";
    }
  }

  record Stamped(List<String> heads) implements Event {
    public Stamped {
      heads = List.copyOf(heads);
    }

    @Override
    public String line() {
      return "stamped the version table: " + (heads.isEmpty() ? "base" : String.join(", ", heads));
    }
  }

  record Repaired(String revision, String what) implements Event {
    @Override
    public String line() {
      return "repaired " + revision + ": " + what;
    }
  }

  /**
   * The run was stopped by SIGINT or SIGTERM: what it applied and what not. Reported by the core,
   * before the JVM exits, since the build tool may not live to print the failure.
   */
  record Interrupted(String report, boolean lockReleased) implements Event {
    @Override
    public Level level() {
      return Level.WARN;
    }

    @Override
    public String line() {
      return report + (lockReleased ? " The migration lock is released."
          : " The connection closed before the migration lock could be released: the server rolls back and releases"
              + " it as the session ends.");
    }
  }

  /** Something worth knowing that does not stop the run, such as a lock that could not be released. */
  record Warning(String text) implements Event {
    @Override
    public Level level() {
      return Level.WARN;
    }

    @Override
    public String line() {
      return text;
    }
  }
}
