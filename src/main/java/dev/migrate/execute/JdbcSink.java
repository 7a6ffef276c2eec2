package dev.migrate.execute;

import dev.migrate.MigrateException;
import dev.migrate.changelog.Precondition;
import dev.migrate.changelog.Preconditions;
import dev.migrate.graph.Direction;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Delivers a plan's statements over JDBC: a transaction's statements as one batch (one round
 * trip), a non-transactional revision's one by one. On a failure it rolls back, works out which
 * statement failed and where its operation was written, and throws the report.
 */
final class JdbcSink implements StatementSink {

  /** pgjdbc names the failed entry of a batch: "Batch entry 4 CREATE ... was aborted". */
  private static final Pattern BATCH_ENTRY = Pattern.compile("(\\d+)");

  private static final String LOCK_NOT_AVAILABLE = "55P03";
  private static final String OUT_OF_MEMORY = "53200";
  private static final String DIVISION_BY_ZERO = "22012";
  private static final Command COMMIT = Command.of("COMMIT");

  private final Connection connection;
  private final RunSettings settings;
  private final Map<String, HistoryRow> lastRows;
  private final Consumer<Event> events;
  private final Interruption interruption;
  private long revisionStart;

  /** A sink that no signal interrupts. */
  JdbcSink(Connection connection, RunSettings settings, Map<String, HistoryRow> lastRows, Consumer<Event> events) {
    this(connection, settings, lastRows, events, Interruption.none());
  }

  JdbcSink(Connection connection, RunSettings settings, Map<String, HistoryRow> lastRows, Consumer<Event> events,
      Interruption interruption) {
    this.connection = connection;
    this.settings = settings;
    this.lastRows = lastRows;
    this.events = events;
    this.interruption = interruption;
  }

  @Override
  public Disposition startRevision(int index, int count, PlannedRevision revision) {
    revisionStart = System.nanoTime();
    HistoryRow last = lastRows.get(revision.id());
    if (revision.direction() == Direction.DOWN) {
      return last != null && last.direction() == HistoryDirection.SKIP ? Disposition.NOTHING : Disposition.RUN;
    }
    if (committedBefore(revision) > 0) {
      return Disposition.RUN; // its preconditions held when it started; what it did since may change them
    }
    Preconditions preconditions = revision.revision().preconditions();
    for (Precondition precondition : preconditions.checks()) {
      PreconditionQuery query = PreconditionQuery.of(precondition);
      if (holds(query, revision)) {
        continue;
      }
      if (preconditions.onFail() == Preconditions.OnFail.SKIP) {
        events.accept(new Event.RevisionSkipped(index, count, revision.id(), query.description()));
        return Disposition.SKIP;
      }
      throw new MigrateException("precondition-failed", revision.revision().at() + ": precondition "
          + query.description() + " of revision " + revision.id() + " (" + revision.message()
          + ") is false, so the revision did not run; " + stateAfterFailure() + ". Make the database meet it, or"
          + " give the revision's preconditions on-fail: skip to record it as applied without running it");
    }
    return Disposition.RUN;
  }

  private boolean holds(PreconditionQuery query, PlannedRevision revision) {
    try (Statement statement = connection.createStatement()) {
      try (ResultSet result = statement.executeQuery(query.sql())) {
        if (!result.next()) {
          throw new MigrateException("precondition-sql", revision.revision().at() + ": precondition " + query.description()
              + " of revision " + revision.id() + " returned no row; it must return one boolean");
        }
        return result.getBoolean(1);
      }
    } catch (SQLException e) {
      throw failure(revision, Command.of(query.sql()), e, "precondition " + query.description() + " of revision "
          + revision.id() + " could not be checked; " + stateAfterFailure(), null);
    }
  }

  @Override
  public void begin() {
    try {
      if (connection.getAutoCommit()) {
        connection.setAutoCommit(false);
      }
    } catch (SQLException e) {
      throw broken("BEGIN", e);
    }
    events.accept(new Event.Executed("BEGIN"));
  }

  @Override
  public void sendTogether(List<Command> commands, PlannedRevision revision) {
    deliver(commands, revision);
  }

  /**
   * The statements, the version and history rows and the COMMIT in one batch: one round trip a
   * revision. A statement that fails stops the batch before the COMMIT (the server skips the
   * rest), and so does a version table write that finds the table changed, since it checks
   * itself on the server; a COMMIT that fails is the failed statement.
   */
  @Override
  public void sendAndCommit(List<Command> commands, PlannedRevision revision) {
    List<Command> withCommit = new ArrayList<>(commands.size() + 1);
    withCommit.addAll(commands);
    withCommit.add(COMMIT);
    deliver(withCommit, revision);
  }

  private void deliver(List<Command> commands, PlannedRevision revision) {
    for (int attempt = 0;; attempt++) {
      try {
        send(commands);
        return;
      } catch (Failure failure) {
        rollback();
        SQLException cause = failure.cause;
        if (failure.command != null && failure.command.versionWrite() && DIVISION_BY_ZERO.equals(cause.getSQLState())) {
          throw versionTableChanged(failure.command);
        }
        if (LOCK_NOT_AVAILABLE.equals(cause.getSQLState()) && attempt < settings.lockRetries()
            && settings.transactionMode() == TransactionMode.REVISION && revision.transactional()) {
          Duration pause = settings.retryPause().multipliedBy(1L << Math.min(attempt, 20));
          events.accept(new Event.Retrying(revision.id(), attempt + 1, settings.lockRetries(), pause,
              cause.getMessage()));
          Pause.sleep(pause, "waiting to retry a revision");
          begin();
          continue;
        }
        if (!revision.transactional() && revision.direction() == Direction.UP) {
          throw failure(revision, failure.command, cause, "every statement of revision " + revision.id() + " ("
              + revision.message() + ") committed, but recording it in " + settings.tables().versionName()
              + " failed and was rolled back; " + settings.tables().historyName() + " says all "
              + revision.statements().size() + " statements committed, so the next upgrade records it without"
              + " running them again", null);
        }
        String recorded = recordFailure(revision, failure.command, cause);
        throw failure(revision, failure.command, cause, headline(revision), recorded);
      }
    }
  }

  /**
   * A transactional revision failed and was rolled back: it is recorded as {@code failed}, with
   * the SQLSTATE, in a transaction of its own. Says what became of that record.
   */
  private String recordFailure(PlannedRevision revision, Command failed, SQLException e) {
    String what = settings.transactionMode() == TransactionMode.ALL
        ? "the whole run was rolled back (transactionMode=all)" : "rolled back, nothing of it applied";
    String message = describe(e) + (failed == null ? "" : "; statement: " + failed.sql()) + "; " + what;
    try (Statement statement = connection.createStatement()) {
      if (!connection.getAutoCommit()) {
        connection.setAutoCommit(true);
      }
      statement.execute(settings.tables().insertHistory(HistoryDirection.FAILED, revision.id(), revision.checksum(),
          "0", settings.pluginVersion(), message));
      return "It is recorded as failed in " + settings.tables().historyName() + ".";
    } catch (SQLException recording) {
      return "It could not be recorded as failed in " + settings.tables().historyName() + ": " + describe(recording);
    }
  }

  /** {@code ERROR 42P01: relation "nowhere" does not exist}: PostgreSQL's SQLSTATE and message, once. */
  static String describe(SQLException e) {
    String message = e.getMessage();
    if (e instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
      message = psql.getServerErrorMessage().getMessage();
    }
    return "ERROR" + (e.getSQLState() == null ? "" : " " + e.getSQLState()) + ": " + message;
  }

  /** Sends commands as one batch, or one by one when a command holds several statements (a batch cannot). */
  private void send(List<Command> commands) throws Failure {
    try (Statement statement = connection.createStatement()) {
      boolean batched = true;
      try {
        for (Command command : commands) {
          statement.addBatch(command.sql());
        }
      } catch (SQLException multiStatement) {
        statement.clearBatch();
        batched = false;
      }
      commands.forEach(c -> events.accept(new Event.Executed(c.sql())));
      if (batched) {
        try {
          interruption.cancellable(statement, statement::executeBatch);
        } catch (BatchUpdateException e) {
          SQLException cause = e.getNextException() != null ? e.getNextException() : e;
          throw new Failure(failedEntry(commands, e), cause);
        }
      } else {
        for (Command command : commands) {
          try {
            interruption.cancellable(statement, () -> statement.execute(command.sql()));
          } catch (SQLException e) {
            throw new Failure(command, e);
          }
        }
      }
    } catch (SQLException e) {
      throw new Failure(null, e);
    }
  }

  private MigrateException versionTableChanged(Command command) {
    return new MigrateException("version-table-changed", "the version table " + settings.tables().versionName()
        + " did not hold what this run read from it (" + command.sql() + " changed no row, expected one); something"
        + " other than this plugin changed it during the run. " + (settings.transactionMode() == TransactionMode.ALL
            ? "The whole run was rolled back (transactionMode=all)" : "The revision was rolled back")
        + "; run mvn migrate:current to see the state, then try again");
  }

  /** Which command of a failed batch failed: pgjdbc names the entry; its text confirms it. */
  private static Command failedEntry(List<Command> commands, BatchUpdateException e) {
    String message = String.valueOf(e.getMessage());
    Matcher number = BATCH_ENTRY.matcher(message);
    if (number.find()) {
      int index = Integer.parseInt(number.group(1));
      if (index < commands.size() && message.contains(commands.get(index).sql())) {
        return commands.get(index);
      }
    }
    for (Command command : commands) {
      if (message.contains(command.sql())) {
        return command;
      }
    }
    return null;
  }

  @Override
  public int committedBefore(PlannedRevision revision) {
    HistoryRow last = lastRows.get(revision.id());
    return revision.direction() == Direction.UP && !revision.transactional() && last != null && last.unsettled()
        ? last.statementsDone() : 0;
  }

  @Override
  public void sendEach(List<Command> commands, PlannedRevision revision) {
    try {
      if (!connection.getAutoCommit()) {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw broken("autocommit", e);
    }
    Progress progress = new Progress(revision, committedBefore(revision));
    try (Statement statement = connection.createStatement()) {
      for (Command command : commands) {
        events.accept(new Event.Executed(command.sql()));
        try {
          interruption.cancellable(statement, () -> statement.execute(command.sql()));
        } catch (SQLException e) {
          throw progress.failure(command, e);
        }
        progress.executed(command);
      }
    } catch (SQLException e) {
      throw broken("a statement", e);
    }
  }

  /**
   * Where a non-transactional revision stands while its statements run: how many of them have
   * committed ({@code ran}), how many the history table says so ({@code recorded}), and whether
   * its running row was written. Every message it builds claims only what these say.
   */
  private final class Progress {
    private final PlannedRevision revision;
    private final int total;
    private final int resumedAt;
    private boolean running;
    private int ran;
    private int recorded;

    Progress(PlannedRevision revision, int done) {
      this.revision = revision;
      this.total = revision.statements().size();
      this.ran = done;
      this.recorded = done;
      HistoryRow last = lastRows.get(revision.id());
      // a running row is all a killed run leaves: the statement after its count may have finished anyway
      this.resumedAt = revision.direction() == Direction.UP && last != null && last.unsettled()
          && last.direction() == HistoryDirection.RUNNING ? done : -1;
    }

    void executed(Command command) {
      if (command.revisionStatement()) {
        ran++;
      } else if (command.sql().startsWith("INSERT INTO " + settings.tables().historyName())) {
        running = true;
      } else if (command.sql().startsWith("UPDATE " + settings.tables().historyName())) {
        recorded = ran;
      }
    }

    /** The revision stopped at {@code failed}: record that if the connection still can, and say what is known. */
    MigrateException failure(Command failed, SQLException e) {
      boolean statement = failed.revisionStatement();
      boolean lost = e.getSQLState() == null || e.getSQLState().startsWith("08");
      String invalid = null;
      String record;
      try (Statement sql = connection.createStatement()) {
        sql.execute("RESET lock_timeout");
        sql.execute("RESET statement_timeout");
        if (statement) {
          invalid = invalidIndex(sql, failed.sql());
        }
        if (!running) {
          record = "nothing of it was recorded in " + settings.tables().historyName();
        } else {
          String message = describe(e) + "; " + (statement ? "statement " + (ran + 1) + " of " + total + ": "
              + failed.sql() : "recording its progress failed") + "; " + ran + " of " + total
              + " statements committed before it";
          sql.execute(settings.tables().failRunning(revision.id(), ran, Sequencer.SESSION_MILLIS, message));
          recorded = ran;
          record = "it is recorded in " + settings.tables().historyName() + " as failed, with " + ran + " of " + total
              + " statements committed";
        }
      } catch (SQLException recording) {
        record = "its failure could not be recorded (" + describe(recording) + ")"
            + (running ? "; " + settings.tables().historyName() + " still has its running row, which says " + recorded
                + " of " + total + " statements committed" : "");
      }
      StringBuilder headline = new StringBuilder("revision " + revision.id() + " (" + revision.message()
          + ") is transactional: false and stopped ");
      if (!running) {
        headline.append("before this run sent any of its statements: writing its running row to ")
            .append(settings.tables().historyName()).append(" failed")
            .append(ran == 0 ? "; nothing of it ran" : "; the " + ran + " statements an earlier run committed stay");
        return JdbcSink.this.failure(revision, failed, e, headline.toString(), null);
      }
      headline.append(statement ? "at statement " + (ran + 1) + " of " + total : "after statement " + ran + " of "
          + total + ", while recording its progress").append("; ").append(record);
      return JdbcSink.this.failure(revision, failed, e, headline.toString(), advice(failed, lost, invalid));
    }

    private String advice(Command failed, boolean lost, String invalid) {
      List<String> committed = new ArrayList<>();
      for (int k = 0; k < ran; k++) {
        committed.add(revision.statements().get(k).sql());
      }
      StringBuilder text = new StringBuilder(committed.isEmpty() ? "None of its statements had committed."
          : "Committed, and still in place:\n    " + String.join(";\n    ", committed) + ";");
      if (failed.revisionStatement() && lost) {
        text.append("\nThe connection was lost while statement ").append(ran + 1)
            .append(" ran, so whether it took effect is unknown; check before going on.");
      }
      if (failed.revisionStatement() && ran == resumedAt) {
        text.append("\nThis run resumed the revision at statement ").append(ran + 1).append(", which the earlier run"
            + " may have finished after it last recorded its progress (a killed client's server session runs on),"
            + " so what it makes may be in place already. If it is, finish the rest by hand and run mvn migrate:stamp"
            + " -Dmigrate.target=").append(revision.id()).append("; if not, remove what is in the way and upgrade"
                + " again.");
      }
      if (ran > recorded) {
        text.append("\nStatement ").append(ran).append(" committed but is not recorded as done: the next upgrade"
            + " would run it again. Settle the revision by hand instead (below).");
      }
      if (invalid != null) {
        text.append("\nThe failed CREATE INDEX CONCURRENTLY left the INVALID index ").append(invalid)
            .append(" behind; remove it before upgrading again:\n    DROP INDEX CONCURRENTLY IF EXISTS ")
            .append(invalid).append(';');
      }
      if (revision.direction() == Direction.UP) {
        text.append("\nThe next mvn migrate:upgrade resumes it at statement ").append(recorded + 1).append(" of ")
            .append(total).append(". Or settle it by hand: finish it, then mvn migrate:stamp -Dmigrate.target=")
            .append(revision.id()).append("; or undo what it committed, then mvn migrate:repair (the next upgrade"
                + " runs it from the start).");
      } else {
        text.append("\nDeal with what was left, then downgrade again: it runs the revision's downgrade from the"
            + " start.");
      }
      return text.toString();
    }
  }

  /** The INVALID index a failed concurrent build of this statement left, schema-qualified, or null. */
  static String invalidIndex(Statement statement, String failedSql) throws SQLException {
    try (ResultSet result = statement.executeQuery("SELECT n.nspname, c.relname FROM pg_catalog.pg_index i"
        + " JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
        + " WHERE NOT i.indisvalid ORDER BY 1, 2")) {
      while (result.next()) {
        String name = result.getString(2);
        if (failedSql.contains(name)) {
          return dev.migrate.render.Sql.identifier(result.getString(1)) + "." + dev.migrate.render.Sql.identifier(name);
        }
      }
    }
    return null;
  }

  @Override
  public void commit() {
    try {
      connection.commit();
    } catch (SQLException e) {
      rollback();
      throw failure(null, Command.of("COMMIT"), e, "COMMIT failed; " + stateAfterFailure(), null);
    }
    events.accept(new Event.Executed("COMMIT"));
  }

  @Override
  public void finishRevision(int index, int count, PlannedRevision revision, Disposition disposition) {
    if (disposition != Disposition.SKIP) {
      long millis = Duration.ofNanos(System.nanoTime() - revisionStart).toMillis();
      events.accept(new Event.RevisionApplied(index, count, revision.id(), revision.message(),
          revision.direction(), millis));
    }
  }

  private String headline(PlannedRevision revision) {
    String name = "revision " + revision.id() + " (" + revision.message() + ")";
    if (settings.transactionMode() == TransactionMode.ALL) {
      return name + " failed; the whole run was rolled back (transactionMode=all), so nothing of it was applied";
    }
    return name + " failed and was rolled back whole; the revisions before it stay applied";
  }

  private String stateAfterFailure() {
    return settings.transactionMode() == TransactionMode.ALL
        ? "the whole run was rolled back (transactionMode=all)" : "the revisions before it stay applied";
  }

  private MigrationFailedException failure(PlannedRevision revision, Command command, SQLException e,
      String headline, String advice) {
    String code = "migration-failed";
    if (OUT_OF_MEMORY.equals(e.getSQLState())) {
      code = "too-many-locks";
      String locks = "PostgreSQL ran out of lock slots (max_locks_per_transaction): "
          + (settings.transactionMode() == TransactionMode.ALL
              ? "with transactionMode=all one transaction locks every object the whole run touches. "
                  + "Use transactionMode=revision (one transaction per revision), or raise max_locks_per_transaction"
                  + " on the server (it needs a restart)"
              : "raise max_locks_per_transaction on the server (it needs a restart), or split the revision");
      advice = advice == null ? locks : advice + "\n" + locks;
    }
    String sqlState = e.getSQLState();
    String message = e.getMessage();
    String detail = null;
    String hint = null;
    int position = 0;
    if (e instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
      ServerErrorMessage server = psql.getServerErrorMessage();
      message = server.getMessage();
      detail = server.getDetail();
      hint = server.getHint();
      position = server.getPosition();
    }
    return new MigrationFailedException(code, revision == null ? null : revision.id(), headline,
        command == null ? null : command.at(), command == null ? null : command.sql(), sqlState, message, detail,
        hint, position, advice, e);
  }

  private void rollback() {
    try {
      if (!connection.getAutoCommit()) {
        connection.rollback();
      }
    } catch (SQLException e) {
      events.accept(new Event.Warning("rollback failed (the server rolls back when the connection closes): "
          + e.getMessage()));
    }
  }

  private static MigrateException broken(String what, SQLException e) {
    return new ConnectionException("the connection failed during " + what + ": " + e.getMessage(), e);
  }


  /** A failed statement inside a batch, before the transaction is rolled back. */
  private static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Command command;
    private final SQLException cause;

    Failure(Command command, SQLException cause) {
      super(cause);
      this.command = command;
      this.cause = cause;
    }
  }
}
