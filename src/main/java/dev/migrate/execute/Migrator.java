package dev.migrate.execute;

import dev.migrate.MigrateException;
import dev.migrate.changelog.Revision;
import dev.migrate.graph.Direction;
import dev.migrate.graph.MigrationPath;
import dev.migrate.graph.RevisionGraph;
import dev.migrate.graph.Target;
import dev.migrate.render.PostgresRenderer;
import dev.migrate.schema.Replay;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
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
 * first takes the advisory lock, creates the version and history tables if they are missing,
 * reads the applied heads and checks the applied revisions' checksums; only then does it plan
 * and send. Progress goes to the event consumer; failures are {@link MigrateException}s with a
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
    return locked(() -> {
      State state = readState();
      RevisionGraph graph = source.graph();
      checkKnown(state, graph);
      verifyChecksums(state, graph);
      MigrationPath path = path(graph, state, target, direction);
      if (path.steps().isEmpty()) {
        events.accept(new Event.NothingToDo(state.heads));
        return new Plan(Direction.UP, List.of(), path.headsAfter());
      }
      if (source.fullGraph() != graph) {
        path = path(source.fullGraph(), state, target, direction); // the same steps, with their operations
      }
      Plan plan = Planner.plan(path, source::replay, new PostgresRenderer(serverMajor()), settings.timeouts());
      Sequencer sequencer = new Sequencer(settings.tables(), settings.transactionMode(), settings.pluginVersion());
      sequencer.check(plan);
      if (direction == Direction.UP) {
        checkUnsettled(plan, state);
      }
      events.accept(new Event.Running(plan.direction(), plan.size(), plan.headsAfter()));
      sequencer.send(plan, new JdbcSink(connection, settings, state.lastRows, events));
      return plan;
    });
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
    return locked(() -> {
      State state = readState();
      List<String> current = purge ? List.of() : state.heads;
      if (!purge) {
        checkKnown(state, graph);
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
          statements.add(settings.tables().insertHistory(HistoryDirection.STAMP, head, revision.checksum(), "0",
              settings.pluginVersion(), revision.message()));
        }
      }
      inTransaction(statements);
      events.accept(new Event.Stamped(after));
      return after;
    });
  }

  /**
   * Accepts the changed checksums of applied revisions and clears the failed state of
   * non-transactional revisions that stopped part-way, recording a {@code repair} row for each.
   */
  public List<Repair> repair(RevisionGraph graph) {
    return locked(() -> {
      State state = readState();
      checkKnown(state, graph);
      List<Repair> repairs = new ArrayList<>();
      for (ChecksumMismatch mismatch : mismatches(state, graph)) {
        repairs.add(new Repair(mismatch.revision.id(), Repair.Kind.CHECKSUM, mismatch.row.checksum(), mismatch.now));
      }
      for (HistoryRow row : state.lastRows.values()) {
        if (row.unsettled() || earlierBuildsFailure(row, graph)) {
          repairs.add(new Repair(row.revision(), Repair.Kind.FAILED_STATE, null, row.checksum()));
        }
      }
      repairs.sort(java.util.Comparator.comparing(Repair::revision));
      List<String> statements = new ArrayList<>();
      for (Repair repair : repairs) {
        String checksum = graph.contains(repair.revision()) ? graph.revision(repair.revision()).checksum()
            : repair.after();
        statements.add(settings.tables().insertHistory(HistoryDirection.REPAIR, repair.revision(), checksum, "0",
            settings.pluginVersion(), repair.describe()));
      }
      inTransaction(statements);
      repairs.forEach(r -> events.accept(new Event.Repaired(r.revision(), r.describe())));
      return repairs;
    });
  }

  /**
   * The applied heads, each with its newest history row. Reads only: no lock, and a database
   * without a version table is simply at base.
   */
  public List<AppliedHead> current() {
    try {
      VersionTables tables = settings.tables();
      boolean[] exist = existing();
      if (!exist[0]) {
        return List.of();
      }
      Map<String, HistoryRow> rows = exist[1] ? lastRows(exist[2]) : Map.of();
      List<AppliedHead> heads = new ArrayList<>();
      for (String head : heads(tables)) {
        heads.add(new AppliedHead(head, rows.get(head)));
      }
      return heads;
    } catch (SQLException e) {
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
      for (HistoryRow row : lastRows(exist[2]).values()) {
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
    T run() throws SQLException;
  }

  private <T> T locked(Work<T> work) {
    AdvisoryLock lock = new AdvisoryLock(connection, settings.tables().lockKey());
    boolean autoCommit;
    try {
      autoCommit = connection.getAutoCommit();
      if (!autoCommit) {
        connection.setAutoCommit(true);
      }
      lock.acquire(settings.lockWait(), events);
    } catch (SQLException e) {
      throw new ConnectionException("could not take the migration lock: " + e.getMessage(), e);
    }
    try {
      createTables();
      return work.run();
    } catch (SQLException e) {
      throw new ConnectionException("the connection failed: " + e.getMessage(), e);
    } finally {
      // the run's own failure is already on its way; nothing here may replace it
      try {
        if (!connection.getAutoCommit()) {
          connection.rollback();
          connection.setAutoCommit(true);
        }
      } catch (SQLException e) {
        events.accept(new Event.Warning("could not end the transaction: " + e.getMessage()));
      }
      lock.release(events);
      try {
        connection.setAutoCommit(autoCommit);
      } catch (SQLException e) {
        events.accept(new Event.Warning("could not restore autocommit: " + e.getMessage()));
      }
    }
  }

  /** Creates whichever of the two tables is missing, with the migrating role's privileges. */
  private void createTables() throws SQLException {
    boolean[] exist = existing();
    List<String> created = new ArrayList<>();
    try (Statement statement = connection.createStatement()) {
      if (!exist[0]) {
        execute(statement, settings.tables().createVersionTable());
        created.add(settings.tables().versionName());
      }
      if (!exist[1]) {
        execute(statement, settings.tables().createHistoryTable());
        created.add(settings.tables().historyName());
      } else if (!exist[2]) {
        upgradeHistoryTable();
      }
    }
    if (!created.isEmpty()) {
      events.accept(new Event.TablesCreated(created));
    }
  }

  /**
   * A history table created by an earlier build lacks {@code statements_done} and the
   * {@code running} direction, which non-transactional revisions record their progress with.
   */
  private void upgradeHistoryTable() throws SQLException {
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
    List<String> statements = settings.tables().upgradeHistoryTable(checks);
    try {
      inTransaction(statements);
    } catch (SQLException e) {
      throw new MigrateException("history-table-upgrade", settings.tables().historyName() + " was created by an"
          + " earlier build of the plugin and needs a column and a direction more (" + e.getMessage().strip()
          + "); have its owner run:\n    " + String.join(";\n    ", statements) + ";", e);
    }
    events.accept(new Event.Warning("upgraded " + settings.tables().historyName() + " from an earlier build's layout:"
        + " added the column statements_done and the direction 'running'"));
  }

  private void execute(Statement statement, String sql) throws SQLException {
    events.accept(new Event.Executed(sql));
    statement.execute(sql);
  }

  /** Whether the version table, the history table, and the history table's statements_done column exist. */
  private boolean[] existing() throws SQLException {
    try (var query = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL, to_regclass(?) IS NOT NULL,"
        + " EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = to_regclass(?)"
        + " AND attname = 'statements_done' AND NOT attisdropped)")) {
      query.setString(1, settings.tables().versionName());
      query.setString(2, settings.tables().historyName());
      query.setString(3, settings.tables().historyName());
      try (ResultSet result = query.executeQuery()) {
        result.next();
        return new boolean[] {result.getBoolean(1), result.getBoolean(2), result.getBoolean(3)};
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

  /** What the database says about itself: its heads and the newest history row of each revision. */
  private record State(List<String> heads, Map<String, HistoryRow> lastRows) {}

  private State readState() throws SQLException {
    return new State(heads(settings.tables()), lastRows(true)); // the frame has brought the table up to date
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

  private Map<String, HistoryRow> lastRows(boolean currentLayout) throws SQLException {
    Map<String, HistoryRow> rows = new HashMap<>();
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(currentLayout ? settings.tables().selectLastRows()
            : settings.tables().selectLastRowsOfEarlierBuild())) {
      while (result.next()) {
        HistoryRow row = new HistoryRow(result.getString(1), HistoryDirection.of(result.getString(2)),
            result.getString(3), result.getObject(4, OffsetDateTime.class), result.getString(5), result.getString(6),
            result.getObject(7, Integer.class));
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

  private record ChecksumMismatch(Revision revision, HistoryRow row, String now) {}

  private void verifyChecksums(State state, RevisionGraph graph) {
    List<ChecksumMismatch> mismatches = mismatches(state, graph);
    if (mismatches.isEmpty()) {
      return;
    }
    StringBuilder text = new StringBuilder();
    for (ChecksumMismatch m : mismatches) {
      text.append(m.revision.at()).append(": revision ").append(m.revision.id()).append(" (")
          .append(m.revision.message()).append(") was changed after it was applied (recorded as ")
          .append(m.row.when()).append("; checksum then ").append(m.row.checksum()).append(", now ")
          .append(m.now).append(")\n");
    }
    text.append("An applied revision must not change: its change would never reach this database. Restore the"
        + " file as it was and put the change in a new revision (mvn migrate:revision), or, if the database already"
        + " matches the new content, accept it with mvn migrate:repair. Nothing was run.");
    throw new MigrateException("checksum-mismatch", text.toString());
  }

  private static final Set<HistoryDirection> APPLYING =
      Set.of(HistoryDirection.UP, HistoryDirection.SKIP, HistoryDirection.STAMP, HistoryDirection.REPAIR);

  /** Applied revisions (the heads and everything they require) whose file no longer has the checksum applied. */
  private static List<ChecksumMismatch> mismatches(State state, RevisionGraph graph) {
    List<ChecksumMismatch> found = new ArrayList<>();
    if (state.lastRows.isEmpty()) {
      return found;
    }
    for (Revision revision : graph.applied(state.heads)) {
      HistoryRow row = state.lastRows.get(revision.id());
      if (row == null || row.checksum() == null || !APPLYING.contains(row.direction())) {
        continue;
      }
      String now = revision.checksum();
      if (!now.equals(row.checksum())) {
        found.add(new ChecksumMismatch(revision, row, now));
      }
    }
    found.sort(java.util.Comparator.comparing(m -> m.revision.id()));
    return found;
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
