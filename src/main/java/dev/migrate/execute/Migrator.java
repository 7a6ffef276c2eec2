package dev.migrate.execute;

import dev.migrate.MigrateException;
import dev.migrate.changelog.Revision;
import dev.migrate.graph.Direction;
import dev.migrate.graph.MigrationPath;
import dev.migrate.graph.RevisionGraph;
import dev.migrate.graph.Step;
import dev.migrate.graph.Target;
import dev.migrate.render.PostgresRenderer;
import dev.migrate.schema.Replay;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs migrations on a live PostgreSQL database over one JDBC connection: {@code upgrade},
 * {@code downgrade}, {@code stamp}, {@code repair} and {@code current}. Every writing command
 * first takes the advisory lock, reads the applied heads (missing tables: nothing applied),
 * checks the applied revisions' checksums and plans; only a run that can proceed then creates
 * the version and history tables it lacks, right before its first write, and sends. Progress goes to the event consumer; failures are {@link MigrateException}s with a
 * stable code ({@link MigrationFailedException} for a revision that failed on the server).
 *
 * <pre>
 * Migrator migrator = new Migrator(connection, RunSettings.defaults("0.1.0"), event -> log.info(event.line()));
 * migrator.upgrade(RunSource.of(graph, () -> replay), Target.parse("head"));
 * </pre>
 */
public final class Migrator {

  private final Connection connection;
  private final RunSettings settings;
  private final Consumer<Event> events;

  public Migrator(Connection connection, RunSettings settings, Consumer<Event> events) {
    this.connection = Objects.requireNonNull(connection, "connection");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.events = Objects.requireNonNull(events, "events");
  }

  /**
   * Upgrades to {@code target}; returns the plan that ran (empty when there was nothing to do).
   * An upgrade renders the revisions as written, so the replay is not asked for.
   */
  public Plan upgrade(RunSource source, Target target) {
    return migrate(source, target, Direction.UP);
  }

  /**
   * Downgrades to {@code target}; an irreversible revision on the way stops it before anything
   * runs. The replay, which derives the reversals, is asked for only when there is a step to take.
   */
  public Plan downgrade(RunSource source, Target target) {
    return migrate(source, target, Direction.DOWN);
  }

  private Plan migrate(RunSource source, Target target, Direction direction) {
    return locked(interruption -> {
      State state = readHeads();
      RevisionGraph graph = source.graph();
      checkKnown(state, graph);
      state = checkEdited(state, graph, source.passedEditChecks());
      MigrationPath path = path(graph, state, target, direction);
      if (path.steps().isEmpty()) {
        createTables(state.exist()); // a run with nothing to do still leaves the tables, as it always has
        events.accept(new Event.NothingToDo(state.heads));
        return new Plan(Direction.UP, List.of(), path.headsAfter());
      }
      state = withLastRows(state); // the newest row of each revision: what a resumed or repeated run needs
      int major = serverMajor();
      Plan plan = cachedPlan(source.rendered(), path, major, direction);
      if (plan == null) {
        if (source.fullGraph() != graph) {
          path = path(source.fullGraph(), state, target, direction); // the same steps, with their operations
        }
        plan = Planner.plan(path, source::replay, new PostgresRenderer(major), settings.timeouts());
        remember(source, plan, major);
      }
      Sequencer sequencer = new Sequencer(settings.tables(), settings.transactionMode(), settings.pluginVersion());
      sequencer.check(plan);
      if (direction == Direction.UP) {
        checkUnsettled(plan, state);
      }
      createTables(state.exist()); // only now: a run refused above must leave nothing on the database
      events.accept(new Event.Running(plan.direction(), plan.size(), plan.headsAfter()));
      List<String> finished = new ArrayList<>();
      Consumer<Event> counting = event -> {
        if (event instanceof Event.RevisionApplied applied) {
          finished.add(applied.revision());
        } else if (event instanceof Event.RevisionSkipped skipped) {
          finished.add(skipped.revision());
        }
        events.accept(event);
      };
      try {
        sequencer.send(plan, new JdbcSink(connection, settings, state.lastRows, counting, interruption));
      } catch (MigrateException e) {
        if (interruption.requested()) {
          throw interrupted(plan, finished, e);
        }
        throw e;
      }
      checkAfterRun(graph, source.passedEditChecks());
      return plan;
    });
  }

  /**
   * The plan from the statements earlier runs rendered, or null unless every step has them: the
   * revisions may be outlines, and nothing is loaded, rendered or replayed.
   */
  private Plan cachedPlan(RenderedCache cache, MigrationPath path, int major, Direction direction) {
    List<PlannedRevision> revisions = new ArrayList<>(path.steps().size());
    for (Step step : path.steps()) {
      RenderedCache.Entry entry = cache.get(direction, step.revision().id(), major).orElse(null);
      if (entry == null) {
        return null;
      }
      Timeouts timeouts = new Timeouts(
          entry.lockTimeout() != null ? entry.lockTimeout() : settings.timeouts().lockTimeout(),
          entry.statementTimeout() != null ? entry.statementTimeout() : settings.timeouts().statementTimeout());
      Revision revision = step.revision();
      revisions.add(new PlannedRevision(step, entry.statements(), entry.transactional(), timeouts,
          revision.checksum(), revision.message()));
    }
    return new Plan(direction, revisions, path.headsAfter());
  }

  /**
   * Keeps the statements just rendered, but none that runs an sql file, which is not part of the
   * cache's key, and no upgrade of a revision with preconditions, which a run must load to check.
   */
  private static void remember(RunSource source, Plan plan, int major) {
    RenderedCache cache = source.rendered();
    for (PlannedRevision planned : plan.revisions()) {
      Revision revision = planned.revision();
      List<dev.migrate.changelog.Operation> operations = plan.direction() == Direction.UP
          ? revision.upgradeOperations() : source.replay().downgradeOperations(revision.id());
      boolean sqlFile = operations.stream()
          .anyMatch(op -> op instanceof dev.migrate.changelog.Operation.Sql sql && sql.file() != null);
      boolean preconditions = plan.direction() == Direction.UP && !revision.preconditions().checks().isEmpty();
      if (!sqlFile && !preconditions) {
        cache.put(plan.direction(), revision.id(), major, new RenderedCache.Entry(planned.statements(),
            planned.transactional(), revision.lockTimeout(), revision.statementTimeout()));
      }
    }
    cache.save();
  }

  /**
   * The report of a run stopped by SIGINT or SIGTERM: which revisions it applied and which it
   * did not. A failed revision was rolled back whole unless it is non-transactional; with
   * transactionMode=all nothing of the run stays.
   */
  private MigrateException interrupted(Plan plan, List<String> finished, MigrateException failure) {
    String stopped = failure instanceof MigrationFailedException failed ? failed.revision() : null;
    List<String> applied = new ArrayList<>();
    List<String> notApplied = new ArrayList<>();
    for (PlannedRevision revision : plan.revisions()) {
      boolean done = settings.transactionMode() == TransactionMode.REVISION && finished.contains(revision.id())
          && !revision.id().equals(stopped);
      (done ? applied : notApplied).add(revision.id() + " (" + revision.message() + ")");
    }
    StringBuilder text = new StringBuilder("interrupted (SIGINT or SIGTERM): the running statement was cancelled");
    PlannedRevision partly = plan.revisions().stream()
        .filter(r -> r.id().equals(stopped) && !r.transactional()).findFirst().orElse(null);
    if (partly != null) {
      text.append("; revision ").append(partly.id()).append(" is transactional: false, so the statements before"
          + " the cancelled one stay committed:\n").append(failure.getMessage()).append('\n');
    } else {
      text.append(" and ").append(settings.transactionMode() == TransactionMode.ALL
          ? "the run's transaction rolled back (transactionMode=all). " : "its revision rolled back. ");
    }
    text.append(plan.direction() == Direction.UP ? "Applied" : "Downgraded").append(" before the interrupt: ")
        .append(applied.isEmpty() ? "none" : String.join(", ", applied)).append(". Not ")
        .append(plan.direction() == Direction.UP ? "applied" : "downgraded").append(": ")
        .append(String.join(", ", notApplied)).append(". Run the same goal again to continue.");
    return new MigrateException("interrupted", text.toString(), failure);
  }

  private static MigrationPath path(RevisionGraph graph, State state, Target target, Direction direction) {
    return direction == Direction.UP ? graph.upgrade(state.heads, target) : graph.downgrade(state.heads, target);
  }

  /**
   * Sets the version table to {@code target} without running anything, recording a
   * {@code stamp} history row for each head it adds. With {@code purge} the version table is
   * emptied first, so a table naming revisions this changelog does not have can be reset.
   *
   * @return the heads the version table holds afterwards
   */
  public List<String> stamp(RevisionGraph graph, Target target, boolean purge) {
    return locked(interruption -> {
      State state = readState();
      List<String> current = purge ? List.of() : state.heads;
      if (!purge) {
        checkKnown(state, graph);
        refuseEdited(state, graph, "The version table was not changed.");
      }
      List<String> after = graph.headsFor(target, current);
      after.forEach(id -> settings.tables().checkFits(graph.revision(id)));
      List<String> statements = new ArrayList<>();
      if (purge) {
        statements.add(settings.tables().deleteAllVersions());
      }
      for (String head : current) {
        if (!after.contains(head)) {
          statements.add(settings.tables().deleteVersion(head));
        }
      }
      for (String head : after) {
        if (!current.contains(head)) {
          Revision revision = graph.revision(head);
          statements.add(settings.tables().insertVersion(head));
          statements.add(settings.tables().insertHistory(HistoryDirection.STAMP, head, revision.checksum(),
              Parents.of(revision), "0", settings.pluginVersion(), revision.message()));
        }
      }
      createTables();
      inTransaction(statements);
      events.accept(new Event.Stamped(after));
      return after;
    });
  }

  /**
   * Accepts the changed checksums and parents of applied revisions and clears the failed state of
   * non-transactional revisions that stopped part-way, recording a {@code repair} row for each.
   */
  public List<Repair> repair(RevisionGraph graph) {
    return locked(interruption -> {
      State state = readState();
      checkKnown(state, graph);
      List<Repair> repairs = new ArrayList<>();
      for (EditedRevision edit : EditedRevision.among(state.heads, state.lastRows, graph)) {
        if (edit.checksumChanged()) {
          repairs.add(new Repair(edit.revision().id(), Repair.Kind.CHECKSUM, edit.row().checksum(), edit.checksum()));
        }
        if (edit.parentsChanged()) {
          repairs.add(new Repair(edit.revision().id(), Repair.Kind.PARENTS, edit.row().parents(),
              edit.parents().text()));
        }
      }
      for (HistoryRow row : state.lastRows.values()) {
        if (row.unsettled() || earlierBuildsFailure(row, graph)) {
          repairs.add(new Repair(row.revision(), Repair.Kind.FAILED_STATE, null, row.checksum()));
        }
      }
      repairs.sort(java.util.Comparator.comparing(Repair::revision));
      List<String> statements = new ArrayList<>();
      for (Repair repair : repairs) {
        boolean known = graph.contains(repair.revision());
        String checksum = known ? graph.revision(repair.revision()).checksum() : repair.after();
        // a failed revision was never applied, so it has no place in the graph to record
        Parents parents = known && repair.kind() != Repair.Kind.FAILED_STATE
            ? Parents.of(graph.revision(repair.revision())) : null;
        statements.add(settings.tables().insertHistory(HistoryDirection.REPAIR, repair.revision(), checksum, parents,
            "0", settings.pluginVersion(), repair.describe()));
      }
      createTables();
      inTransaction(statements);
      repairs.forEach(r -> events.accept(new Event.Repaired(r.revision(), r.describe())));
      if (repairs.stream().anyMatch(r -> r.kind() == Repair.Kind.PARENTS)) {
        warnStranded(state, graph);
      }
      return repairs;
    });
  }

  /**
   * After new parents are accepted, a revision the history records as applied may sit below no
   * head of the version table any more: the next upgrade would run it again.
   */
  private void warnStranded(State state, RevisionGraph graph) {
    Set<String> reached = new java.util.HashSet<>();
    graph.applied(state.heads).forEach(r -> reached.add(r.id()));
    List<String> stranded = state.lastRows.values().stream()
        .filter(row -> graph.contains(row.revision()) && !reached.contains(row.revision()))
        .filter(row -> row.direction() == HistoryDirection.UP || row.direction() == HistoryDirection.SKIP
            || row.direction() == HistoryDirection.STAMP)
        .map(HistoryRow::revision).sorted().toList();
    for (String id : stranded) {
      events.accept(new Event.Warning("revision " + id + " (" + graph.revision(id).message() + ") is recorded as"
          + " applied, but with the new parents no head of the version table is above it, so the next upgrade would"
          + " run it again; if it is in the database, record it: mvn migrate:stamp -Dmigrate.target=" + id));
    }
  }

  /**
   * The applied heads, each with its newest history row. Reads only: no lock, and a database
   * without a version table is simply at base. An applied revision whose file changed since
   * (checksum or parents) is reported as a warning: this only looks, the writing commands refuse.
   */
  public List<AppliedHead> current(RevisionGraph graph) {
    try {
      VersionTables tables = settings.tables();
      boolean[] exist = existing();
      if (!exist[0]) {
        return List.of();
      }
      Map<String, HistoryRow> rows = exist[1] ? lastRows(exist[2], exist[3]) : Map.of();
      List<String> applied = heads(tables);
      List<AppliedHead> heads = new ArrayList<>();
      for (String head : applied) {
        heads.add(new AppliedHead(head, rows.get(head)));
      }
      for (EditedRevision edit : EditedRevision.among(applied.stream().filter(graph::contains).toList(), rows, graph)) {
        events.accept(new Event.Warning(edit.line() + "; upgrade, downgrade and stamp refuse to run until the file is"
            + " restored or the change is accepted with mvn migrate:repair"));
      }
      return heads;
    } catch (SQLException e) {
      if (PrivilegeRefusal.is(e)) {
        throw PrivilegeRefusal.ofTables(connection, settings.tables(), e);
      }
      throw new ConnectionException("could not read " + settings.tables().versionName() + ": " + e.getMessage(), e);
    }
  }

  /**
   * The revisions whose newest history row says a non-transactional revision is under way or
   * stopped part-way (see {@link HistoryRow#unsettled()}), with the session that holds the
   * migration lock now, if any: without one, no run is applying them. Reads only.
   */
  public Unsettled unsettled() {
    try {
      boolean[] exist = existing();
      if (!exist[1]) {
        return new Unsettled(List.of(), null);
      }
      List<HistoryRow> rows = new ArrayList<>();
      for (HistoryRow row : lastRows(exist[2], exist[3]).values()) {
        if (row.unsettled()) {
          rows.add(row);
        }
      }
      rows.sort(java.util.Comparator.comparing(HistoryRow::revision));
      return new Unsettled(rows, rows.isEmpty() ? null : new AdvisoryLock(connection, settings.tables().lockKey())
          .holder());
    } catch (SQLException e) {
      throw new ConnectionException("could not read " + settings.tables().historyName() + ": " + e.getMessage(), e);
    }
  }

  /** @param lockHolder the session holding the migration lock, or null when no run is under way */
  public record Unsettled(List<HistoryRow> rows, LockHolder lockHolder) {
    public Unsettled {
      rows = List.copyOf(rows);
    }
  }

  // ---- the run's frame: lock, tables, state

  private interface Work<T> {
    T run(Interruption interruption) throws SQLException;
  }

  /**
   * The frame of every writing command: the migration lock and a shutdown hook for
   * the run's duration that cancels it on SIGINT or SIGTERM and lets the JVM exit only once the
   * transaction is rolled back, the lock released and the report given.
   */
  private <T> T locked(Work<T> work) {
    try (Interruption interruption = Interruption.install(events)) {
      return locked(work, interruption);
    }
  }

  private <T> T locked(Work<T> work, Interruption interruption) {
    AdvisoryLock lock = new AdvisoryLock(connection, settings.tables().lockKey());
    boolean autoCommit;
    try {
      autoCommit = connection.getAutoCommit();
      if (!autoCommit) {
        connection.setAutoCommit(true);
      }
      lock.acquire(settings.lockWait(), events, interruption::requested);
    } catch (SQLException e) {
      throw new ConnectionException("could not take the migration lock: " + e.getMessage(), e);
    } catch (MigrateException e) {
      if (e.code().equals("interrupted")) {
        events.accept(new Event.Warning(e.getMessage()));
      }
      throw e;
    }
    MigrateException interrupted = null;
    try {
      // the work creates the tables itself once it has planned: a refused run writes nothing
      return work.run(interruption);
    } catch (SQLException e) {
      if (PrivilegeRefusal.is(e)) {
        throw PrivilegeRefusal.ofTables(connection, settings.tables(), e);
      }
      throw new ConnectionException("the connection failed: " + e.getMessage(), e);
    } catch (MigrateException e) {
      if (e.code().equals("interrupted")) {
        interrupted = e;
      }
      throw e;
    } finally {
      // the run's own failure is already on its way; nothing here may replace it
      boolean released = interrupted != null && closed() ? false : endRun(lock, autoCommit);
      if (interrupted != null) {
        // said here, before the shutdown hook lets the JVM exit: Maven may not live to print the exception
        events.accept(new Event.Interrupted(interrupted.getMessage(), released));
      }
    }
  }

  /** Rolls back what is open, releases the lock and restores autocommit; true when the lock was released. */
  private boolean endRun(AdvisoryLock lock, boolean autoCommit) {
    try {
      if (!connection.getAutoCommit()) {
        connection.rollback();
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      events.accept(new Event.Warning("could not end the transaction: " + e.getMessage()));
    }
    boolean released = lock.release(events);
    try {
      connection.setAutoCommit(autoCommit);
    } catch (SQLException e) {
      events.accept(new Event.Warning("could not restore autocommit: " + e.getMessage()));
    }
    return released;
  }

  /** An interrupt may come with the server going away (the embedded one stops in a shutdown hook of its own). */
  private boolean closed() {
    try {
      return connection.isClosed();
    } catch (SQLException e) {
      return true;
    }
  }

  /**
   * Creates whichever of the two tables is missing, with the migrating role's privileges, and
   * gives a history table from an earlier build its {@code parents} column.
   */
  private void createTables() throws SQLException {
    createTables(existing());
  }

  /** As {@link #createTables()}, with what {@link #existing()} said earlier in this locked run. */
  private void createTables(boolean[] existed) throws SQLException {
    boolean[] exist = existed.clone();
    List<String> created = new ArrayList<>();
    VersionTables tables = settings.tables();
    try (Statement statement = connection.createStatement()) {
      if (!exist[0]) {
        setUp(statement, tables.createVersionTable(), "create the version table " + tables.versionName(), false);
        created.add(tables.versionName());
      }
      if (!exist[1]) {
        setUp(statement, tables.createHistoryTable(), "create the history table " + tables.historyName(), false);
        created.add(tables.historyName());
      } else if (!exist[2]) {
        upgradeHistoryTable(!exist[3]);
        exist[3] = true;
      }
      if (!exist[3]) { // also after creating it, as the script does
        setUp(statement, tables.addParentsColumn(), "add the parents column to " + tables.historyName(), true);
      }
    }
    if (!created.isEmpty()) {
      events.accept(new Event.TablesCreated(created));
    }
  }

  /**
   * A history table created by an earlier build lacks {@code statements_done} and the
   * {@code running} direction, which non-transactional revisions record their progress with, and
   * may lack the {@code parents} column too: all are added in one transaction, or all are named
   * for the table's owner to run.
   */
  private void upgradeHistoryTable(boolean withParents) throws SQLException {
    List<String> checks = new ArrayList<>();
    try (var query = connection.prepareStatement("SELECT conname FROM pg_catalog.pg_constraint WHERE conrelid ="
        + " to_regclass(?) AND contype = 'c' AND pg_catalog.pg_get_constraintdef(oid) LIKE '%direction%'")) {
      query.setString(1, settings.tables().historyName());
      try (ResultSet result = query.executeQuery()) {
        while (result.next()) {
          checks.add(result.getString(1));
        }
      }
    }
    List<String> statements = new ArrayList<>(settings.tables().upgradeHistoryTable(checks));
    if (withParents) {
      statements.add(settings.tables().addParentsColumn());
    }
    try {
      inTransaction(statements);
    } catch (SQLException e) {
      throw new MigrateException("history-table-upgrade", settings.tables().historyName() + " was created by an"
          + " earlier build of the plugin and needs columns and a direction more (" + e.getMessage().strip()
          + "); have its owner run:\n    " + String.join(";\n    ", statements) + ";", e);
    }
    events.accept(new Event.Warning("upgraded " + settings.tables().historyName() + " from an earlier build's layout:"
        + " added the column statements_done" + (withParents ? ", the column parents" : "") + " and the direction"
        + " 'running'"));
  }

  /** Sends one statement of the tables' set-up; a refusal names the statement, what is missing and how to get it. */
  private void setUp(Statement statement, String sql, String what, boolean alter) throws SQLException {
    events.accept(new Event.Executed(sql));
    try {
      statement.execute(sql);
    } catch (SQLException e) {
      if (PrivilegeRefusal.is(e)) {
        throw PrivilegeRefusal.ofSetUp(connection, settings.tables(), sql, what, alter, e);
      }
      if (e.getSQLState() == null || e.getSQLState().startsWith("08")) {
        throw e; // the connection itself failed
      }
      throw new MigrateException("version-tables", "could not " + what + ": " + sql + " failed: ERROR "
          + e.getSQLState() + ": " + PrivilegeRefusal.serverMessage(e), e);
    }
  }

  /**
   * Whether the version table and the history table exist, and whether the history table has the
   * statements_done and the parents columns (a table of an earlier build may lack either).
   */
  private boolean[] existing() throws SQLException {
    try (var query = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL, to_regclass(?) IS NOT NULL,"
        + " EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = to_regclass(?)"
        + " AND attname = 'statements_done' AND NOT attisdropped),"
        + " EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = to_regclass(?) AND attname = 'parents'"
        + " AND NOT attisdropped)")) {
      query.setString(1, settings.tables().versionName());
      query.setString(2, settings.tables().historyName());
      query.setString(3, settings.tables().historyName());
      query.setString(4, settings.tables().historyName());
      try (ResultSet result = query.executeQuery()) {
        result.next();
        return new boolean[] {result.getBoolean(1), result.getBoolean(2), result.getBoolean(3), result.getBoolean(4)};
      }
    }
  }

  private void inTransaction(List<String> statements) throws SQLException {
    if (statements.isEmpty()) {
      return;
    }
    connection.setAutoCommit(false);
    events.accept(new Event.Executed("BEGIN"));
    try (Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        events.accept(new Event.Executed(sql));
        statement.addBatch(sql);
      }
      statement.executeBatch();
      connection.commit();
      events.accept(new Event.Executed("COMMIT"));
    } finally {
      if (!connection.getAutoCommit()) {
        connection.rollback();
        connection.setAutoCommit(true);
      }
    }
  }

  private int serverMajor() throws SQLException {
    return connection.getMetaData().getDatabaseMajorVersion();
  }

  /**
   * What the database says about itself: its heads and the newest history row of each revision
   * (null until read: {@link #readHeads()}).
   */
  private record State(List<String> heads, Map<String, HistoryRow> lastRows, boolean[] exist) {}

  /**
   * Reads only, before anything is created: a missing version table is a database at base, a
   * missing history table has no rows, and a history table of an earlier build is read in its
   * layout (its rows have no statements_done, as they will have none once it is brought up to date).
   */
  private State readState() throws SQLException {
    return withLastRows(readHeads());
  }

  /** The heads and which tables exist, without the history rows, which {@link #withLastRows} reads. */
  private State readHeads() throws SQLException {
    boolean[] exist = existing();
    return new State(exist[0] ? heads(settings.tables()) : List.of(), null, exist);
  }

  private State withLastRows(State state) throws SQLException {
    return state.lastRows != null ? state : new State(state.heads,
        state.exist[1] ? lastRows(state.exist[2], state.exist[3]) : Map.of(), state.exist);
  }

  /**
   * The server's digest of what the edit check reads of the history table: every row's revision,
   * direction, checksum and parents, in order. One row to read, where the rows are one a revision.
   */
  private String historyDigest(boolean withParents) throws SQLException {
    String sql = "SELECT md5(string_agg(format('%s %s %s %s', revision, direction, quote_nullable(checksum), "
        + (withParents ? "quote_nullable(parents)" : "'NULL'") + "), E'\\n' ORDER BY id)) FROM "
        + settings.tables().historyName();
    try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
      result.next();
      String digest = result.getString(1);
      return digest == null ? "empty" : digest;
    }
  }

  private List<String> heads(VersionTables tables) throws SQLException {
    List<String> heads = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(tables.selectHeads())) {
      while (result.next()) {
        heads.add(result.getString(1));
      }
    }
    return heads;
  }

  private Map<String, HistoryRow> lastRows(boolean withStatementsDone, boolean withParents) throws SQLException {
    Map<String, HistoryRow> rows = new HashMap<>();
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(settings.tables().selectLastRows(withStatementsDone, withParents))) {
      while (result.next()) {
        HistoryRow row = new HistoryRow(result.getString(1), HistoryDirection.of(result.getString(2)),
            result.getString(3), result.getObject(4, OffsetDateTime.class), result.getString(5), result.getString(6),
            result.getObject(7, Integer.class), result.getString(8));
        rows.put(row.revision(), row);
      }
    }
    return rows;
  }

  // ---- checks before anything runs

  private void checkKnown(State state, RevisionGraph graph) {
    for (String head : state.heads) {
      if (!graph.contains(head)) {
        throw new MigrateException("unknown-applied-revision", "the version table "
            + settings.tables().versionName() + " says this database is at revision " + head
            + ", which the changelog does not have. Ways out: check out the branch that has revision " + head
            + " (a switched git branch); if this is the embedded database under target/, run mvn clean; or, if"
            + " you know where this database really is, run mvn migrate:stamp -Dmigrate.target=<revision>"
            + " -Dmigrate.purge");
      }
    }
  }

  /**
   * Refuses to run past an applied revision whose file changed, unless the same check passed
   * before on the same changelog, heads and history rows ({@link PassedEditChecks}); the state
   * comes back with its history rows when they had to be read.
   */
  private State checkEdited(State state, RevisionGraph graph, PassedEditChecks passed) throws SQLException {
    if (!state.exist[1] || !passed.remembers()) { // no history (nothing to compare), or no verdict to keep
      State read = withLastRows(state);
      refuseEdited(read, graph, "Nothing was run.");
      return read;
    }
    String database = checkedState(state);
    if (passed.passed(database)) {
      return state;
    }
    State read = withLastRows(state);
    refuseEdited(read, graph, "Nothing was run.");
    passed.record(database);
    return read;
  }

  /**
   * Makes the same check on the state a run left and keeps it when it passes (it does, unless
   * someone else wrote between): the next run, a no-op, then finds it passed. One more read of
   * the history, after a run that wrote to it.
   */
  private void checkAfterRun(RevisionGraph graph, PassedEditChecks passed) throws SQLException {
    if (!passed.remembers()) {
      return;
    }
    State after = readHeads();
    String database = checkedState(after);
    // at base nothing is applied, so nothing can differ from its file: no history rows to read
    if (after.heads.isEmpty() || EditedRevision.among(after.heads, withLastRows(after).lastRows, graph).isEmpty()) {
      passed.record(database);
    }
  }

  /** What the edit check reads of the database: the heads, and the digest of the history rows. */
  private String checkedState(State state) throws SQLException {
    List<String> heads = new ArrayList<>(state.heads);
    Collections.sort(heads);
    return settings.tables().versionName() + " " + String.join(",", heads) + "\n"
        + settings.tables().historyName() + " " + historyDigest(state.exist[3]);
  }

  private void refuseEdited(State state, RevisionGraph graph, String tail) {
    List<EditedRevision> edits = EditedRevision.among(state.heads, state.lastRows, graph);
    if (!edits.isEmpty()) {
      throw EditedRevision.refusal(edits, tail);
    }
  }

  /**
   * A revision of the plan that an earlier run left part-way: resumed where its record says,
   * unless something stands in the way, which is named with the way out. Nothing has run yet.
   */
  private void checkUnsettled(Plan plan, State state) throws SQLException {
    for (PlannedRevision revision : plan.revisions()) {
      HistoryRow row = state.lastRows.get(revision.id());
      if (row == null) {
        continue;
      }
      String settle = " Or settle it by hand: finish it, then mvn migrate:stamp -Dmigrate.target=" + revision.id()
          + "; or undo what it committed, then mvn migrate:repair (the next upgrade runs it from the start).";
      if (earlierBuildsFailure(row, plan)) {
        throw new MigrateException("revision-failed", revision.revision().at() + ": revision " + revision.id() + " ("
            + revision.message() + ") is transactional: false and stopped part-way in an earlier run (" + row.when()
            + "): " + row.message() + ". That run's build did not record which statements committed, so it cannot"
            + " be resumed. Nothing was run." + settle);
      }
      if (!row.unsettled()) {
        continue;
      }
      int done = row.statementsDone();
      int total = revision.statements().size();
      if (done > 0 && !revision.checksum().equals(row.checksum())) {
        throw new MigrateException("revision-failed", revision.revision().at() + ": revision " + revision.id() + " ("
            + revision.message() + ") stopped part-way in an earlier run (" + row.when() + ") after " + done
            + " of its statements had committed, and it was changed since (checksum then " + row.checksum() + ", now "
            + revision.checksum() + "), so where to resume is unknown. Restore the file as it was and upgrade"
            + " (it resumes at statement " + (done + 1) + "), then put the change in a new revision. Nothing was run."
            + settle);
      }
      if (done < total) {
        String invalid = invalidIndexBlocking(revision.statements().get(done).sql());
        if (invalid != null) {
          throw new MigrateException("invalid-index", revision.revision().at() + ": revision " + revision.id() + " ("
              + revision.message() + ") stopped part-way in an earlier run (" + row.when() + "), and its statement "
              + (done + 1) + " left the INVALID index " + invalid + ", so resuming would fail on it. Remove it, then"
              + " upgrade again (it resumes at statement " + (done + 1) + " of " + total + "):\n    DROP INDEX"
              + " CONCURRENTLY IF EXISTS " + invalid + ";\nNothing was run.");
        }
      }
      events.accept(new Event.Resuming(revision.id(), revision.message(), done, total, row));
    }
  }

  /** A failed row of a non-transactional revision, written by a build that did not count statements. */
  private static boolean earlierBuildsFailure(HistoryRow row, Plan plan) {
    return row.direction() == HistoryDirection.FAILED && row.statementsDone() == null
        && plan.revisions().stream().anyMatch(r -> r.id().equals(row.revision()) && !r.transactional());
  }

  private static boolean earlierBuildsFailure(HistoryRow row, RevisionGraph graph) {
    return row.direction() == HistoryDirection.FAILED && row.statementsDone() == null
        && (!graph.contains(row.revision()) || !graph.revision(row.revision()).transactional());
  }

  /** The INVALID index named in a CREATE INDEX statement, schema-qualified, or null. */
  private String invalidIndexBlocking(String sql) throws SQLException {
    if (!sql.regionMatches(true, 0, "CREATE", 0, 6) || !sql.toUpperCase(java.util.Locale.ROOT).contains("INDEX")) {
      return null;
    }
    try (Statement statement = connection.createStatement()) {
      return JdbcSink.invalidIndex(statement, sql);
    }
  }
}
