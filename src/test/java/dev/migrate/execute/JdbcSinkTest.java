package dev.migrate.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.migrate.changelog.Preconditions;
import dev.migrate.changelog.Precondition;
import dev.migrate.changelog.QualifiedName;
import dev.migrate.changelog.Revision;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The sequencer and the JDBC sink on a real database, with plans made by hand. */
class JdbcSinkTest {

  private static final Revision USERS = TestChangelogs.sqlRevision("8b1c0d2e4f6a", null, "create users",
      "CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL)");
  private static final Revision SURVEYS = TestChangelogs.sqlRevision("3f2a9c1e7b4d", "8b1c0d2e4f6a",
      "add csat surveys", "CREATE TABLE csat (id bigint PRIMARY KEY, score int)",
      "COMMENT ON TABLE csat IS 'it''s ours'");
  private static final Revision BROKEN = TestChangelogs.sqlRevision("c0ffee000001", "3f2a9c1e7b4d", "add broken",
      "CREATE TABLE broken (id int)", "ALTER TABLE broken ADD COLUMN x int REFERENCES nowhere (id)");

  private final List<Event> events = new ArrayList<>();

  private void run(TestDatabase db, RunSettings settings, Plan plan) throws Exception {
    try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
      statement.execute(settings.tables().createVersionTable());
      statement.execute(settings.tables().createHistoryTable());
      new Sequencer(settings.tables(), settings.transactionMode(), settings.pluginVersion())
          .send(plan, new JdbcSink(connection, settings, Map.of(), events::add));
    }
  }

  private List<String> executed() {
    return events.stream().filter(e -> e instanceof Event.Executed).map(e -> ((Event.Executed) e).sql()).toList();
  }

  /** The script's statements, without comments and the table creation that a live run does apart. */
  private static List<String> scriptStatements(String script) {
    String tables = "ADD COLUMN IF NOT EXISTS parents text;\n"; // the last statement of the tables' set-up
    String body = script.substring(script.indexOf(tables) + tables.length());
    List<String> statements = new ArrayList<>();
    for (String part : body.replaceAll("(?m)^--.*\n", "").split(";\n")) {
      if (!part.isBlank()) {
        statements.add(part.strip());
      }
    }
    return statements;
  }

  @Test
  void send_plan_sendsExactlyTheStatementsOfTheScript() throws Exception {
    TestDatabase db = TestDatabase.fresh();
    RunSettings settings = RunSettings.defaults("0.1.0").withTimeouts(new Timeouts(Duration.ofSeconds(5), null));
    Revision index = nonTransactional(TestChangelogs.sqlRevision("3f2a9c1e7b4e", "3f2a9c1e7b4d", "index csat",
        "CREATE INDEX CONCURRENTLY ix_csat_score ON csat (score)", "COMMENT ON INDEX ix_csat_score IS 'x'"));
    Plan plan = Plans.upgrade(settings.timeouts(), USERS, SURVEYS, index);

    run(db, settings, plan);

    String script = new ScriptWriter(settings.tables(), settings.transactionMode(), "0.1.0").write(plan);
    assertThat(executed()).containsExactlyElementsOf(scriptStatements(script));
    assertThat(db.rows("SELECT version_num FROM migrate_version")).containsExactly("3f2a9c1e7b4e");
    assertThat(db.rows("SELECT direction, revision, checksum, duration_ms >= 0, applied_by, plugin_version, message,"
        + " statements_done FROM migrate_history ORDER BY id")).containsExactly(
            "up|8b1c0d2e4f6a|1:8b1c0d2e4f6a|t|migrate_owner|0.1.0|create users|null",
            "up|3f2a9c1e7b4d|1:3f2a9c1e7b4d|t|migrate_owner|0.1.0|add csat surveys|null",
            "up|3f2a9c1e7b4e|1:3f2a9c1e7b4e|t|migrate_owner|0.1.0|index csat|2");
    assertThat(events).filteredOn(e -> e instanceof Event.RevisionApplied).extracting(Event::line)
        .allMatch(line -> line.matches("\\[\\d/3] \\w+ .+ \\(\\d+ ms\\)"))
        .first().asString().startsWith("[1/3] 8b1c0d2e4f6a create users (");
  }

  @Test
  void send_failingRevision_rolledBackWholeEarlierStayAndReportNamesEverything() throws Exception {
    TestDatabase db = TestDatabase.fresh();

    MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
        () -> run(db, RunSettings.defaults("0.1.0"), Plans.upgrade(Timeouts.none(), USERS, SURVEYS, BROKEN)));

    assertThat(failure.code()).isEqualTo("migration-failed");
    assertThat(failure.revision()).isEqualTo("c0ffee000001");
    assertThat(failure.at()).hasToString("src/main/migrations/c0ffee000001_add_broken.yaml:5:5");
    assertThat(failure.sql()).isEqualTo("ALTER TABLE broken ADD COLUMN x int REFERENCES nowhere (id)");
    assertThat(failure.sqlState()).isEqualTo("42P01");
    assertThat(failure.serverMessage()).isEqualTo("relation \"nowhere\" does not exist");
    assertThat(failure.getMessage())
        .startsWith("revision c0ffee000001 (add broken) failed and was rolled back whole;"
            + " the revisions before it stay applied\n"
            + "  at src/main/migrations/c0ffee000001_add_broken.yaml:5:5\n"
            + "  SQL: ALTER TABLE broken ADD COLUMN x int REFERENCES nowhere (id)\n"
            + "  ERROR 42P01: relation \"nowhere\" does not exist");
    assertThat(db.tables()).containsExactly("csat", "users");
    assertThat(db.rows("SELECT version_num FROM migrate_version")).containsExactly("3f2a9c1e7b4d");
    assertThat(failure.getMessage()).endsWith("\nIt is recorded as failed in migrate_history.");
    assertThat(db.rows("SELECT direction, revision, statements_done, message FROM migrate_history ORDER BY id"))
        .containsExactly("up|8b1c0d2e4f6a|null|create users", "up|3f2a9c1e7b4d|null|add csat surveys",
            "failed|c0ffee000001|null|ERROR 42P01: relation \"nowhere\" does not exist; statement: ALTER TABLE"
                + " broken ADD COLUMN x int REFERENCES nowhere (id); rolled back, nothing of it applied");
  }

  @Test
  void send_versionTableChangedByAnotherSession_revisionRolledBackNotCommitted() throws Exception {
    TestDatabase db = TestDatabase.fresh();
    RunSettings settings = RunSettings.defaults("0.1.0");
    // the plan moves 8b1c0d2e4f6a to 3f2a9c1e7b4d, but someone moved the table elsewhere meanwhile
    Plan plan = Plans.upgrade(Timeouts.none(), USERS, SURVEYS);
    Plan second = new Plan(plan.direction(), List.of(plan.revisions().get(1)), plan.headsAfter());
    db.execute(settings.tables().createVersionTable());
    db.execute("INSERT INTO migrate_version VALUES ('elsewhere')");

    var failure = catchThrowableOfType(dev.migrate.MigrateException.class, () -> run(db, settings, second));

    assertThat(failure.code()).isEqualTo("version-table-changed");
    assertThat(failure.getMessage()).contains("changed no row, expected one").contains("The revision was rolled back");
    assertThat(db.tables()).doesNotContain("csat");
    assertThat(db.rows("SELECT version_num FROM migrate_version")).containsExactly("elsewhere");
    assertThat(db.rows("SELECT count(*) FROM migrate_history")).containsExactly("0");
  }

  @Test
  void send_failedRevisionWhoseRecordFailsToo_saysItIsNotRecorded() throws Exception {
    TestDatabase db = TestDatabase.fresh();
    RunSettings settings = RunSettings.defaults("0.1.0");
    String role = "writer_" + ProcessHandle.current().pid() + "_" + System.nanoTime();
    try (Connection connection = db.admin(); Statement statement = connection.createStatement()) {
      statement.execute(settings.tables().createVersionTable());
      statement.execute(settings.tables().createHistoryTable());
      db.createRole(role);
      statement.execute("GRANT ALL ON migrate_version TO " + role);
      statement.execute("GRANT SELECT, UPDATE ON migrate_history TO " + role);
      statement.execute("SET ROLE " + role);

      MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
          () -> new Sequencer(settings.tables(), settings.transactionMode(), "0.1.0").send(
              Plans.upgrade(Timeouts.none(), TestChangelogs.sqlRevision("c0ffee000003", null, "divide", "SELECT 1 / 0")),
              new JdbcSink(connection, settings, Map.of(), events::add)));

      assertThat(failure.getMessage()).contains("\n  ERROR 22012: division by zero\n")
          .endsWith("\nIt could not be recorded as failed in migrate_history: ERROR 42501: permission denied for"
              + " table migrate_history");
    }
  }

  @Test
  void send_failureWithDetailHintAndPosition_reportsThem() throws Exception {
    TestDatabase db = TestDatabase.fresh();
    Revision duplicate = TestChangelogs.sqlRevision("d00000000001", "8b1c0d2e4f6a", "duplicate user",
        "INSERT INTO users VALUES (1, 'a')", "INSERT INTO users VALUES (1, 'b')");
    Revision typo = TestChangelogs.sqlRevision("d00000000002", "8b1c0d2e4f6a", "typo",
        "SELECT nme FROM users");

    MigrationFailedException unique = catchThrowableOfType(MigrationFailedException.class,
        () -> run(db, RunSettings.defaults("0.1.0"), Plans.upgrade(Timeouts.none(), USERS, duplicate)));
    events.clear();
    MigrationFailedException column = catchThrowableOfType(MigrationFailedException.class,
        () -> run(TestDatabase.fresh(), RunSettings.defaults("0.1.0"), Plans.upgrade(Timeouts.none(), USERS, typo)));

    assertThat(unique.sqlState()).isEqualTo("23505");
    assertThat(unique.detail()).isEqualTo("Key (id)=(1) already exists.");
    assertThat(unique.at().line()).isEqualTo(5);
    assertThat(unique.getMessage()).contains("\n  DETAIL: Key (id)=(1) already exists.");
    assertThat(column.sqlState()).isEqualTo("42703");
    assertThat(column.hint()).isEqualTo("Perhaps you meant to reference the column \"users.name\".");
    assertThat(column.position()).isEqualTo(8);
    assertThat(column.getMessage()).contains("\n  HINT: Perhaps you meant to reference the column \"users.name\".")
        .contains("\n  POSITION: 8 (near: nme FROM users)");
  }

  @Test
  void send_nonTransactionalRevisionWhoseRunningRowCannotBeWritten_runsNothingAndSaysSo() throws Exception {
    TestDatabase db = TestDatabase.fresh();
    RunSettings settings = RunSettings.defaults("0.1.0");
    String role = "writer_" + ProcessHandle.current().pid() + "_" + System.nanoTime();
    Revision index = nonTransactional(TestChangelogs.sqlRevision("e00000000009", null, "index",
        "CREATE TABLE t (id int)", "CREATE INDEX CONCURRENTLY ix_t ON t (id)"));
    try (Connection connection = db.admin(); Statement statement = connection.createStatement()) {
      statement.execute(settings.tables().createVersionTable());
      statement.execute(settings.tables().createHistoryTable());
      db.createRole(role);
      statement.execute("GRANT ALL ON migrate_version TO " + role);
      statement.execute("GRANT SELECT, UPDATE ON migrate_history TO " + role);
      statement.execute("GRANT CREATE ON SCHEMA public TO " + role);
      statement.execute("SET ROLE " + role);

      MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
          () -> new Sequencer(settings.tables(), settings.transactionMode(), "0.1.0").send(
              Plans.upgrade(Timeouts.none(), index), new JdbcSink(connection, settings, Map.of(), events::add)));

      assertThat(failure.getMessage()).startsWith("revision e00000000009 (index) is transactional: false and stopped"
          + " before this run sent any of its statements: writing its running row to migrate_history failed;"
          + " nothing of it ran\n").contains("ERROR 42501: permission denied for table migrate_history");
    }
    assertThat(db.tables()).isEmpty();
  }

  @Test
  void send_transactionModeAllFailure_nothingStays() throws Exception {
    TestDatabase db = TestDatabase.fresh();
    RunSettings all = RunSettings.defaults("0.1.0").withTransactionMode(TransactionMode.ALL);

    MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
        () -> run(db, all, Plans.upgrade(Timeouts.none(), USERS, SURVEYS, BROKEN)));

    assertThat(failure.getMessage()).startsWith("revision c0ffee000001 (add broken) failed; the whole run was rolled"
        + " back (transactionMode=all), so nothing of it was applied");
    assertThat(db.tables()).isEmpty();
    assertThat(db.rows("SELECT * FROM migrate_version")).isEmpty();
  }

  @Test
  void send_nonTransactionalFailure_recordsFailedRowAndNamesTheInvalidIndex() throws Exception {
    TestDatabase db = TestDatabase.fresh();
    Revision data = TestChangelogs.sqlRevision("e00000000001", "8b1c0d2e4f6a", "duplicate names",
        "INSERT INTO users VALUES (1, 'ann'), (2, 'ann')");
    Revision index = nonTransactional(TestChangelogs.sqlRevision("e00000000002", "e00000000001", "unique names",
        "CREATE TABLE side (id int)", "CREATE UNIQUE INDEX CONCURRENTLY ux_users_name ON users (name)"));

    MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
        () -> run(db, RunSettings.defaults("0.1.0"), Plans.upgrade(Timeouts.none(), USERS, data, index)));

    assertThat(failure.sqlState()).isEqualTo("23505");
    assertThat(failure.at()).hasToString("src/main/migrations/e00000000002_unique_names.yaml:5:5");
    assertThat(failure.getMessage())
        .startsWith("revision e00000000002 (unique names) is transactional: false and stopped at statement 2 of 2;"
            + " it is recorded in migrate_history as failed, with 1 of 2 statements committed")
        .contains("Committed, and still in place:\n    CREATE TABLE side (id int);")
        .contains("left the INVALID index public.ux_users_name behind; remove it before upgrading again:\n"
            + "    DROP INDEX CONCURRENTLY IF EXISTS public.ux_users_name;")
        .contains("The next mvn migrate:upgrade resumes it at statement 2 of 2. Or settle it by hand: finish it, then"
            + " mvn migrate:stamp -Dmigrate.target=e00000000002; or undo what it committed, then mvn migrate:repair");
    assertThat(db.rows("SELECT indexrelid::regclass::text FROM pg_index WHERE NOT indisvalid"))
        .containsExactly("ux_users_name");
    assertThat(db.rows("SELECT version_num FROM migrate_version")).containsExactly("e00000000001");
    assertThat(db.rows("SELECT direction, revision, statements_done, message FROM migrate_history ORDER BY id DESC"
        + " LIMIT 1")).singleElement().asString()
        .startsWith("failed|e00000000002|1|ERROR 23505: could not create unique index \"ux_users_name\"; statement 2"
            + " of 2: CREATE UNIQUE INDEX CONCURRENTLY ux_users_name ON users (name)")
        .endsWith("; 1 of 2 statements committed before it");
  }

  @Test
  void send_preconditionSkip_recordsSkipAndRunsNothing() throws Exception {
    TestDatabase db = TestDatabase.fresh();
    Revision guarded = withPreconditions(SURVEYS, Preconditions.OnFail.SKIP,
        new Precondition.TableExists(QualifiedName.unqualified("legacy")));

    run(db, RunSettings.defaults("0.1.0"), Plans.upgrade(Timeouts.none(), USERS, guarded));

    assertThat(db.tables()).containsExactly("users");
    assertThat(db.rows("SELECT direction, revision FROM migrate_history ORDER BY id"))
        .containsExactly("up|8b1c0d2e4f6a", "skip|3f2a9c1e7b4d");
    assertThat(db.rows("SELECT version_num FROM migrate_version")).containsExactly("3f2a9c1e7b4d");
    assertThat(events).filteredOn(e -> e instanceof Event.RevisionSkipped).extracting(Event::line)
        .containsExactly("[2/2] 3f2a9c1e7b4d skipped: precondition table-exists legacy is false (on-fail: skip)");
  }

  @Test
  void send_preconditionFail_stopsNamingRevisionAndCheck() throws Exception {
    TestDatabase db = TestDatabase.fresh();
    Revision guarded = withPreconditions(SURVEYS, Preconditions.OnFail.FAIL,
        new Precondition.ColumnExists(QualifiedName.unqualified("users"), "name"),
        new Precondition.SqlCheck("SELECT count(*) > 0 FROM users"));

    dev.migrate.MigrateException failure = catchThrowableOfType(dev.migrate.MigrateException.class,
        () -> run(db, RunSettings.defaults("0.1.0"), Plans.upgrade(Timeouts.none(), USERS, guarded)));

    assertThat(failure.code()).isEqualTo("precondition-failed");
    assertThat(failure.getMessage()).startsWith("src/main/migrations/3f2a9c1e7b4d_add_csat_surveys.yaml:1:1:"
        + " precondition sql SELECT count(*) > 0 FROM users of revision 3f2a9c1e7b4d (add csat surveys) is false")
        .contains("the revisions before it stay applied").contains("on-fail: skip");
    assertThat(db.tables()).containsExactly("users");
  }

  @Test
  void send_lockTimeoutWithRetries_retriesAfterAPauseAndSucceeds() throws Exception {
    TestDatabase db = TestDatabase.fresh();
    run(db, RunSettings.defaults("0.1.0"), Plans.upgrade(Timeouts.none(), USERS));
    events.clear();
    Revision alter = TestChangelogs.sqlRevision("f00000000001", "8b1c0d2e4f6a", "add email",
        "ALTER TABLE users ADD COLUMN email text");
    RunSettings settings = RunSettings.defaults("0.1.0").withTimeouts(new Timeouts(Duration.ofMillis(100), null))
        .withLockRetries(3, Duration.ofMillis(200));
    PlannedRevision planned = Plans.planned(alter, new dev.migrate.graph.Step(alter, dev.migrate.graph.Direction.UP,
        List.of("8b1c0d2e4f6a"), List.of("f00000000001")), settings.timeouts());
    Plan plan = new Plan(dev.migrate.graph.Direction.UP, List.of(planned), List.of("f00000000001"));

    try (Connection blocker = db.connect(); Statement statement = blocker.createStatement()) {
      blocker.setAutoCommit(false);
      statement.execute("LOCK TABLE users IN ACCESS SHARE MODE");
      CompletableFuture<Void> release = CompletableFuture.runAsync(() -> {
        try {
          Thread.sleep(400);
          blocker.rollback();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      try (Connection connection = db.connect()) {
        new Sequencer(settings.tables(), settings.transactionMode(), "0.1.0")
            .send(plan, new JdbcSink(connection, settings, Map.of(), events::add));
      }
      release.join();
    }

    assertThat(events).filteredOn(e -> e instanceof Event.Retrying).isNotEmpty().first()
        .extracting(Event::line).asString()
        .startsWith("revision f00000000001 gave up waiting for a lock (").contains("retry 1 of 3 in 200 ms");
    assertThat(db.rows("SELECT column_name FROM information_schema.columns WHERE table_name = 'users'"
        + " ORDER BY ordinal_position")).containsExactly("id", "name", "email");
  }

  @Test
  void send_transactionModeAllBeyondMaxLocksPerTransaction_saysWhatToChange() throws Exception {
    // each lock a whole-run transaction holds (a table, an index, an advisory lock) takes a slot of the
    // shared lock table; advisory locks fill it as fast as W(1000)'s tables would, without building them
    Revision many = TestChangelogs.sqlRevision("b00000000001", "8b1c0d2e4f6a", "many locks",
        "DO $$ BEGIN PERFORM pg_advisory_xact_lock(i) FROM generate_series(1, 50000) i; END $$");
    RunSettings all = RunSettings.defaults("0.1.0").withTransactionMode(TransactionMode.ALL);
    try (io.zonky.test.db.postgres.embedded.EmbeddedPostgres small = io.zonky.test.db.postgres.embedded.EmbeddedPostgres
        .builder().setServerConfig("max_locks_per_transaction", "10").setServerConfig("max_connections", "5").start();
        Connection connection = small.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(all.tables().createVersionTable());
      statement.execute(all.tables().createHistoryTable());

      MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
          () -> new Sequencer(all.tables(), all.transactionMode(), "0.1.0")
              .send(Plans.upgrade(Timeouts.none(), USERS, many), new JdbcSink(connection, all, Map.of(), events::add)));

      assertThat(failure.code()).isEqualTo("too-many-locks");
      assertThat(failure.sqlState()).isEqualTo("53200");
      assertThat(failure.getMessage()).contains("PostgreSQL ran out of lock slots (max_locks_per_transaction)")
          .contains("Use transactionMode=revision").contains("raise max_locks_per_transaction");
    }
  }

  static Revision nonTransactional(Revision r) {
    return new Revision(r.id(), r.downRevisions(), List.of(), List.of(), r.message(), false, r.preconditions(),
        r.upgrade(), r.downgrade(), r.lockTimeout(), r.statementTimeout(), r.at());
  }

  static Revision withPreconditions(Revision r, Preconditions.OnFail onFail, Precondition... checks) {
    return new Revision(r.id(), r.downRevisions(), List.of(), List.of(), r.message(), r.transactional(),
        new Preconditions(onFail, List.of(checks)), r.upgrade(), r.downgrade(), r.lockTimeout(),
        r.statementTimeout(), r.at());
  }
}
