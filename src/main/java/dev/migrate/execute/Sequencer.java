package dev.migrate.execute;

import dev.migrate.MigrateException;
import dev.migrate.graph.Direction;
import dev.migrate.graph.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Walks a plan and hands every statement to a sink, in the one order both the script and a
 * live run use. A transactional revision is one transaction: its timeouts ({@code SET LOCAL}),
 * its statements, the version table writes and its history row, then COMMIT. Every revision
 * but the run's last commits with {@code synchronous_commit = off}: the last one's durable
 * commit makes all before it durable, and a crash loses only whole revisions.
 * A non-transactional revision first commits a {@code running} history row, then sends its
 * statements one by one outside a transaction ({@code SET LOCAL} does nothing there, so it uses
 * {@code SET} and {@code RESET}), committing after each the count of statements done; a
 * transaction of its own then moves the version table and turns the running row into its
 * {@code up} row. A live run that resumes such a revision starts after the statements the sink
 * says had committed ({@link StatementSink#committedBefore}).
 */
final class Sequencer {

  /** Milliseconds since the transaction began: a transactional revision's own time, measured by the server. */
  static final String TRANSACTION_MILLIS = "(extract(epoch FROM clock_timestamp() - now()) * 1000)::bigint";

  /** Milliseconds since a non-transactional revision's first statement, which sets {@link #STARTED_AT}. */
  static final String SESSION_MILLIS =
      "(extract(epoch FROM clock_timestamp() - current_setting('migrate.started_at')::timestamptz) * 1000)::bigint";

  static final String STARTED_AT = "SELECT set_config('migrate.started_at', clock_timestamp()::text, false)";

  private final VersionTables tables;
  private final TransactionMode mode;
  private final String pluginVersion;

  Sequencer(VersionTables tables, TransactionMode mode, String pluginVersion) {
    this.tables = Objects.requireNonNull(tables, "tables");
    this.mode = Objects.requireNonNull(mode, "mode");
    this.pluginVersion = pluginVersion;
  }

  /** Fails, before anything is sent, on a plan this configuration cannot run. */
  void check(Plan plan) {
    for (PlannedRevision revision : plan.revisions()) {
      tables.checkFits(revision.revision());
      if (mode == TransactionMode.ALL && !revision.transactional()) {
        throw new MigrateException("transaction-mode", revision.revision().at() + ": revision " + revision.id()
            + " is transactional: false (it runs statements such as CREATE INDEX CONCURRENTLY, which cannot run "
            + "inside a transaction block), so it cannot run with transactionMode=all; use transactionMode=revision");
      }
    }
  }

  void send(Plan plan, StatementSink sink) {
    check(plan);
    int count = plan.size();
    Settings settings = new Settings();
    if (mode == TransactionMode.ALL && count > 0) {
      sink.begin();
    }
    for (int i = 0; i < count; i++) {
      PlannedRevision revision = plan.revisions().get(i);
      boolean last = i == count - 1;
      StatementSink.Disposition disposition = sink.startRevision(i + 1, count, revision);
      boolean runs = disposition == StatementSink.Disposition.RUN;
      if (revision.transactional() || !runs) {
        if (mode == TransactionMode.REVISION) {
          sink.begin();
          settings = new Settings();
        }
        List<Command> commands = new ArrayList<>();
        if (runs) {
          settings.local(commands, revision.timeouts());
        }
        if (mode == TransactionMode.REVISION && !last) {
          commands.add(Command.of("SET LOCAL synchronous_commit = off"));
        }
        if (runs) {
          revision.statements().forEach(s -> commands.add(Command.of(s)));
        }
        bookkeeping(commands, revision, disposition, TRANSACTION_MILLIS);
        if (mode == TransactionMode.REVISION) {
          sink.sendAndCommit(commands, revision);
        } else {
          sink.sendTogether(commands, revision);
        }
      } else {
        int done = sink.committedBefore(revision);
        List<Command> commands = new ArrayList<>();
        commands.add(Command.of(STARTED_AT));
        commands.add(Command.of(tables.insertRunning(revision.id(), revision.checksum(), done, pluginVersion,
            historyMessage(revision))));
        Timeouts timeouts = revision.timeouts();
        if (timeouts.lockTimeout() != null) {
          commands.add(Command.of("SET lock_timeout = '" + Timeouts.setting(timeouts.lockTimeout()) + "'"));
        }
        if (timeouts.statementTimeout() != null) {
          commands.add(
              Command.of("SET statement_timeout = '" + Timeouts.setting(timeouts.statementTimeout()) + "'"));
        }
        List<PlannedStatement> statements = revision.statements();
        for (int k = done; k < statements.size(); k++) {
          commands.add(Command.of(statements.get(k)));
          commands.add(Command.of(tables.recordProgress(revision.id(), k + 1, SESSION_MILLIS)));
        }
        if (timeouts.lockTimeout() != null) {
          commands.add(Command.of("RESET lock_timeout"));
        }
        if (timeouts.statementTimeout() != null) {
          commands.add(Command.of("RESET statement_timeout"));
        }
        sink.sendEach(commands, revision);
        sink.begin();
        List<Command> records = new ArrayList<>();
        if (!last) {
          records.add(Command.of("SET LOCAL synchronous_commit = off"));
        }
        versionWrites(records, revision);
        records.add(Command.of(tables.finishRunning(revision.id(), direction(revision, disposition),
            appliedParents(revision), SESSION_MILLIS, revision.message())));
        sink.sendAndCommit(records, revision);
      }
      sink.finishRevision(i + 1, count, revision, disposition);
    }
    if (mode == TransactionMode.ALL && count > 0) {
      sink.commit();
    }
  }

  /** The version table writes of a step and its history row. */
  private void bookkeeping(List<Command> commands, PlannedRevision revision, StatementSink.Disposition disposition,
      String durationSql) {
    versionWrites(commands, revision);
    commands.add(Command.of(tables.insertHistory(direction(revision, disposition), revision.id(),
        revision.checksum(), appliedParents(revision), durationSql, pluginVersion, revision.message())));
  }

  private void versionWrites(List<Command> commands, PlannedRevision revision) {
    Step step = revision.step();
    List<String> removed = step.removedHeads();
    List<String> added = step.addedHeads();
    int pairs = Math.min(removed.size(), added.size());
    for (int k = 0; k < pairs; k++) {
      commands.add(Command.versionWrite(tables.moveVersion(removed.get(k), added.get(k))));
    }
    for (int k = pairs; k < removed.size(); k++) {
      commands.add(Command.versionWrite(tables.removeVersion(removed.get(k))));
    }
    for (int k = pairs; k < added.size(); k++) {
      commands.add(Command.versionWrite(tables.insertVersion(added.get(k))));
    }
  }

  private static HistoryDirection direction(PlannedRevision revision, StatementSink.Disposition disposition) {
    return disposition == StatementSink.Disposition.SKIP ? HistoryDirection.SKIP
        : revision.direction() == Direction.UP ? HistoryDirection.UP : HistoryDirection.DOWN;
  }

  /** Where an applied revision sits in the graph, recorded to be verified later; none for a downgrade. */
  private static Parents appliedParents(PlannedRevision revision) {
    return revision.direction() == Direction.UP ? Parents.of(revision.revision()) : null;
  }

  /** A running row's message: a downgrade says so, since the row becomes {@code down} only when it finishes. */
  private static String historyMessage(PlannedRevision revision) {
    return revision.direction() == Direction.UP ? revision.message() : "downgrade: " + revision.message();
  }

  /**
   * The timeouts in force in the open transaction. {@code SET LOCAL} lasts until the
   * transaction ends, so with one transaction for the whole run a revision without a timeout
   * sets it back to the default rather than inherit the one before it.
   */
  private static final class Settings {
    private Duration lockTimeout;
    private Duration statementTimeout;

    void local(List<Command> commands, Timeouts timeouts) {
      if (!Objects.equals(lockTimeout, timeouts.lockTimeout())) {
        commands.add(Command.of("SET LOCAL lock_timeout = " + value(timeouts.lockTimeout())));
        lockTimeout = timeouts.lockTimeout();
      }
      if (!Objects.equals(statementTimeout, timeouts.statementTimeout())) {
        commands.add(Command.of("SET LOCAL statement_timeout = " + value(timeouts.statementTimeout())));
        statementTimeout = timeouts.statementTimeout();
      }
    }

    private static String value(Duration duration) {
      return duration == null ? "DEFAULT" : "'" + Timeouts.setting(duration) + "'";
    }
  }
}
