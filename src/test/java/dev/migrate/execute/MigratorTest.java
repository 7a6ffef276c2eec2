package dev.migrate.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.migrate.MigrateException;
import dev.migrate.OwnerRole;
import dev.migrate.changelog.Change;
import dev.migrate.changelog.Changelog;
import dev.migrate.changelog.Column;
import dev.migrate.changelog.ColumnType;
import dev.migrate.changelog.Downgrade;
import dev.migrate.changelog.Operation;
import dev.migrate.changelog.Revision;
import dev.migrate.changelog.SourceSpan;
import dev.migrate.graph.RevisionGraph;
import dev.migrate.graph.Target;
import dev.migrate.render.PostgresRenderer;
import dev.migrate.schema.Replay;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class MigratorTest {

  private final List<Event> events = Collections.synchronizedList(new ArrayList<>());
  private final RunSettings settings = RunSettings.defaults("0.1.0");

  /** A changelog with its graph and replay, as the mojos build them. */
  record Project(Changelog changelog, RevisionGraph graph, Replay replay) {
    static Project of(Changelog changelog) {
      RevisionGraph graph = RevisionGraph.of(changelog.revisions());
      return new Project(changelog, graph, Replay.of(changelog, graph));
    }

    static Project of(List<Revision> revisions) {
      return of(new Changelog(revisions, List.of()));
    }
  }

  private <T> T with(TestDatabase db, RunSettings runSettings, Function<Migrator, T> work) {
    try (Connection connection = db.connect()) {
      return work.apply(new Migrator(connection, runSettings, events::add));
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private <T> T with(TestDatabase db, Function<Migrator, T> work) {
    return with(db, settings, work);
  }

  private Plan upgrade(TestDatabase db, Project project, String target) {
    return with(db, m -> m.upgrade(RunSource.of(project.graph(), project::replay), Target.parse(target)));
  }

  private Plan downgrade(TestDatabase db, Project project, String target) {
    return with(db, m -> m.downgrade(RunSource.of(project.graph(), project::replay), Target.parse(target)));
  }

  private List<String> lines(Class<? extends Event> type) {
    return events.stream().filter(type::isInstance).map(Event::line).toList();
  }

  @Test
  void upgrade_emptyDatabase_appliesEveryRevisionAndLogsEach() {
    TestDatabase db = TestDatabase.fresh();

    upgrade(db, Project.of(TestChangelogs.w(3)), "head");

    assertThat(db.tables()).containsExactly("t_1", "t_2", "t_3");
    assertThat(db.rows("SELECT version_num FROM migrate_version")).containsExactly("w0003");
    assertThat(db.rows("SELECT direction, revision, checksum LIKE '1:%', applied_by FROM migrate_history ORDER BY id"))
        .containsExactly("up|w0001|t|migrate_owner", "up|w0002|t|migrate_owner", "up|w0003|t|migrate_owner");
    assertThat(lines(Event.TablesCreated.class)).containsExactly("created migrate_version and migrate_history");
    assertThat(lines(Event.Running.class)).containsExactly("upgrading 3 revisions to w0003");
    assertThat(lines(Event.RevisionApplied.class)).hasSize(3)
        .allMatch(line -> line.matches("\\[\\d/3] w000\\d create t_\\d \\(\\d+ ms\\)"));
  }

  @Test
  void upgrade_atHead_doesNothing() {
    TestDatabase db = TestDatabase.fresh();
    Project project = Project.of(TestChangelogs.w(2));
    upgrade(db, project, "head");
    events.clear();

    Plan plan = upgrade(db, project, "head");

    assertThat(plan.isEmpty()).isTrue();
    assertThat(lines(Event.NothingToDo.class)).containsExactly("nothing to do: the database is at w0002");
    assertThat(lines(Event.Executed.class)).isEmpty();
  }

  @Test
  void upgrade_scriptOfTheSamePlan_equalsWhatRan() {
    TestDatabase db = TestDatabase.fresh();
    Project project = Project.of(TestChangelogs.w(4));
    Plan offline = Planner.plan(project.graph().upgrade(List.of(), Target.parse("head")), project::replay,
        new PostgresRenderer(18), Timeouts.none());
    String script = new ScriptWriter(settings.tables(), settings.transactionMode(), "0.1.0").write(offline);

    upgrade(db, project, "head");

    List<String> scriptStatements = new ArrayList<>();
    for (String part : script.replaceAll("(?m)^--.*\n", "").split(";\n")) {
      if (!part.isBlank()) {
        scriptStatements.add(part.strip());
      }
    }
    assertThat(lines(Event.Executed.class).stream().map(l -> l.substring(0, l.length() - 1)).toList())
        .containsExactlyElementsOf(scriptStatements);
  }

  @Test
  void downgrade_toBase_undoesEverythingNewestFirst() {
    TestDatabase db = TestDatabase.fresh();
    Project project = Project.of(TestChangelogs.w(3));
    upgrade(db, project, "head");
    events.clear();

    downgrade(db, project, "-1");
    assertThat(db.tables()).containsExactly("t_1", "t_2");
    assertThat(db.rows("SELECT column_name FROM information_schema.columns WHERE table_name = 't_2' AND column_name"
        + " LIKE 'note%'")).isEmpty();
    downgrade(db, project, "base");

    assertThat(db.tables()).isEmpty();
    assertThat(db.rows("SELECT version_num FROM migrate_version")).isEmpty();
    assertThat(db.rows("SELECT direction || ' ' || revision FROM migrate_history WHERE direction = 'down' ORDER BY id"))
        .containsExactly("down w0003", "down w0002", "down w0001");
    assertThat(lines(Event.RevisionApplied.class)).first().asString().startsWith("[1/1] downgraded w0003 create t_3");
  }

  @Test
  void downgrade_pastIrreversibleRevision_failsBeforeRunningAnything() {
    TestDatabase db = TestDatabase.fresh();
    List<Revision> revisions = new ArrayList<>(TestChangelogs.w(3).revisions());
    Revision second = revisions.get(1);
    revisions.set(1, new Revision(second.id(), second.downRevisions(), List.of(), List.of(), second.message(), true,
        null, second.upgrade(), Downgrade.irreversible(), null, null, second.at()));
    Project project = Project.of(revisions);
    upgrade(db, project, "head");

    MigrateException failure = catchThrowableOfType(MigrateException.class, () -> downgrade(db, project, "base"));

    assertThat(failure.code()).isEqualTo("irreversible");
    assertThat(failure.getMessage()).contains("w0002").contains("src/main/migrations/w0002_create_t_2.yaml")
        .contains("Nothing was run");
    assertThat(db.tables()).containsExactly("t_1", "t_2", "t_3");
    assertThat(db.rows("SELECT version_num FROM migrate_version")).containsExactly("w0003");
  }

  @Test
  void upgrade_revisionEditedAfterItWasApplied_isRefusedByChecksumUntilRepair() {
    TestDatabase db = TestDatabase.fresh();
    upgrade(db, Project.of(TestChangelogs.w(2)), "head");
    List<Revision> edited = new ArrayList<>(TestChangelogs.w(3).revisions());
    Revision first = edited.get(0);
    List<Change> changes = new ArrayList<>(first.upgrade());
    changes.add(Change.of(new Operation.AddColumn(TestChangelogs.table("t_1"),
        List.of(Column.of("sneaky", ColumnType.parse("int"))), false), SourceSpan.of(first.at().file(), 30, 5)));
    edited.set(0, new Revision(first.id(), first.downRevisions(), List.of(), List.of(), first.message(), true, null,
        changes, null, null, null, first.at()));
    Project project = Project.of(edited);

    MigrateException failure = catchThrowableOfType(MigrateException.class, () -> upgrade(db, project, "head"));

    assertThat(failure.code()).isEqualTo("checksum-mismatch");
    assertThat(failure.getMessage())
        .startsWith("src/main/migrations/w0001_create_t_1.yaml:1:1: revision w0001 (create t_1) was changed after it"
            + " was applied (recorded as up at ")
        .contains(" by migrate_owner; checksum then 1:")
        .contains("Restore the file as it was").contains("mvn migrate:repair").contains("Nothing was run");
    assertThat(db.tables()).containsExactly("t_1", "t_2");

    List<Repair> repairs = with(db, m -> m.repair(project.graph()));
    upgrade(db, project, "head");

    assertThat(repairs).extracting(Repair::revision, Repair::kind).containsExactly(
        org.assertj.core.groups.Tuple.tuple("w0001", Repair.Kind.CHECKSUM));
    assertThat(db.rows("SELECT direction, revision FROM migrate_history WHERE direction = 'repair'"))
        .containsExactly("repair|w0001");
    assertThat(db.tables()).containsExactly("t_1", "t_2", "t_3");
  }

  @Test
  void upgrade_cosmeticEdit_isAccepted() {
    TestDatabase db = TestDatabase.fresh();
    upgrade(db, Project.of(TestChangelogs.w(2)), "head");
    List<Revision> cosmetic = new ArrayList<>();
    for (Revision r : TestChangelogs.w(3).revisions()) {
      List<Change> moved = r.upgrade().stream().map(c -> new Change(c.operation(),
          SourceSpan.of(Path.of("moved/" + c.at().file().getFileName()), c.at().line() + 7, 9), List.of(), null))
          .toList();
      cosmetic.add(new Revision(r.id(), r.downRevisions(), List.of(), List.of(), r.message() + ", reworded", true,
          null, moved, null, null, null, SourceSpan.startOf(Path.of("moved/" + r.at().file().getFileName()))));
    }

    upgrade(db, Project.of(cosmetic), "head");

    assertThat(db.rows("SELECT version_num FROM migrate_version")).containsExactly("w0003");
  }

  @Test
  void upgrade_versionTableNamesUnknownRevision_failsWithTheThreeWaysOut() {
    TestDatabase db = TestDatabase.fresh();
    upgrade(db, Project.of(TestChangelogs.w(3)), "head");

    MigrateException failure = catchThrowableOfType(MigrateException.class,
        () -> upgrade(db, Project.of(TestChangelogs.w(2)), "head"));

    assertThat(failure.code()).isEqualTo("unknown-applied-revision");
    assertThat(failure.getMessage())
        .contains("the version table migrate_version says this database is at revision w0003, which the changelog"
            + " does not have")
        .contains("check out the branch that has revision w0003").contains("mvn clean")
        .contains("mvn migrate:stamp -Dmigrate.target=<revision> -Dmigrate.purge");
  }

  @Test
  void stamp_headThenPurgeToBase_writesOnlyTheVersionTable() {
    TestDatabase db = TestDatabase.fresh();
    Project project = Project.of(TestChangelogs.w(3));

    List<String> heads = with(db, m -> m.stamp(project.graph(), Target.parse("head"), false));

    assertThat(heads).containsExactly("w0003");
    assertThat(db.tables()).isEmpty();
    assertThat(db.rows("SELECT version_num FROM migrate_version")).containsExactly("w0003");
    assertThat(db.rows("SELECT direction, revision FROM migrate_history")).containsExactly("stamp|w0003");

    db.execute("UPDATE migrate_version SET version_num = 'gone00000000'");
    List<String> purged = with(db, m -> m.stamp(project.graph(), Target.parse("w0001"), true));

    assertThat(purged).containsExactly("w0001");
    assertThat(db.rows("SELECT version_num FROM migrate_version")).containsExactly("w0001");
    assertThat(lines(Event.Stamped.class)).containsExactly("stamped the version table: w0003",
        "stamped the version table: w0001");
  }

  /** The suite migrates as a production role would: the database's owner, with no other privilege. */
  @Test
  void upgrade_asTheDatabaseOwnerOnly_ownsWhatItCreates() {
    TestDatabase db = TestDatabase.fresh();
    upgrade(db, Project.of(TestChangelogs.w(2)), "head");

    assertThat(db.rows("SELECT current_user, rolsuper, rolcreaterole, rolcreatedb, rolbypassrls FROM pg_roles"
        + " WHERE rolname = current_user")).containsExactly(OwnerRole.NAME + "|f|f|f|f");
    assertThat(db.rows("SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()"))
        .containsExactly(OwnerRole.NAME);
    assertThat(db.rows("SELECT r.rolname FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid"
        + " WHERE m.member = (SELECT oid FROM pg_roles WHERE rolname = current_user)")).as("member of no role").isEmpty();
    assertThat(db.rows("SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'"))
        .containsExactly(OwnerRole.NAME);
  }

  @Test
  void current_newDatabase_isBaseAndCreatesNothing() {
    TestDatabase db = TestDatabase.fresh();

    assertThat(with(db, (Migrator m) -> m.current(RevisionGraph.of(List.of())))).isEmpty();
    assertThat(db.rows("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).isEmpty();
  }

  @Test
  void current_afterUpgrade_namesHeadWithWhenAndWho() {
    TestDatabase db = TestDatabase.fresh();
    upgrade(db, Project.of(TestChangelogs.w(2)), "head");

    List<AppliedHead> current = with(db, m -> m.current(Project.of(TestChangelogs.w(2)).graph()));

    assertThat(current).singleElement().satisfies(head -> {
      assertThat(head.revision()).isEqualTo("w0002");
      assertThat(head.lastRow().direction()).isEqualTo(HistoryDirection.UP);
      assertThat(head.lastRow().appliedBy()).isEqualTo(OwnerRole.NAME);
      assertThat(head.lastRow().appliedAt()).isNotNull();
      assertThat(head.lastRow().message()).isEqualTo("create t_2");
    });
  }

  /** Users with a duplicate name, then a non-transactional revision whose unique index fails on it. */
  private static Project uniqueNames() {
    Revision base = TestChangelogs.sqlRevision("a00000000001", null, "users",
        "CREATE TABLE users (id int, name text)", "INSERT INTO users VALUES (1, 'ann'), (2, 'ann')");
    Revision index = JdbcSinkTest.nonTransactional(TestChangelogs.sqlRevision("a00000000002", "a00000000001",
        "unique names", "CREATE TABLE side (id int)",
        "CREATE UNIQUE INDEX CONCURRENTLY ux_users_name ON users (name)", "CREATE TABLE after_index (id int)"));
    return Project.of(List.of(base, index));
  }

  /** The statements a message gives indented on their own lines, ready to run. */
  private static List<String> advisedStatements(String message) {
    return message.lines().filter(l -> l.startsWith("    ") && l.endsWith(";")).map(String::strip).toList();
  }

  @Test
  void upgrade_afterNonTransactionalFailureLeftAnInvalidIndex_namesTheDropThenResumesWhereItStopped() {
    TestDatabase db = TestDatabase.fresh();
    Project project = uniqueNames();
    catchThrowableOfType(MigrationFailedException.class, () -> upgrade(db, project, "head"));
    assertThat(with(db, Migrator::unsettled).rows()).singleElement().satisfies(row -> {
      assertThat(row.revision()).isEqualTo("a00000000002");
      assertThat(row.direction()).isEqualTo(HistoryDirection.FAILED);
      assertThat(row.statementsDone()).isEqualTo(1);
    });

    MigrateException blocked = catchThrowableOfType(MigrateException.class, () -> upgrade(db, project, "head"));

    assertThat(blocked.code()).isEqualTo("invalid-index");
    assertThat(blocked.getMessage()).startsWith("src/main/migrations/a00000000002_unique_names.yaml:1:1: revision"
        + " a00000000002 (unique names) stopped part-way in an earlier run (failed at ")
        .contains("its statement 2 left the INVALID index public.ux_users_name")
        .contains("upgrade again (it resumes at statement 2 of 3)").endsWith("Nothing was run.");
    assertThat(advisedStatements(blocked.getMessage()))
        .containsExactly("DROP INDEX CONCURRENTLY IF EXISTS public.ux_users_name;");

    advisedStatements(blocked.getMessage()).forEach(db::execute);
    db.execute("DELETE FROM users WHERE id = 2");
    events.clear();
    upgrade(db, project, "head");

    assertThat(lines(Event.Resuming.class)).singleElement().asString()
        .startsWith("resuming revision a00000000002 (unique names) at statement 2 of 3: an earlier run (failed at ")
        .endsWith(" by migrate_owner) recorded statement 1 as committed");
    assertThat(db.tables()).containsExactly("after_index", "side", "users");
    assertThat(db.rows("SELECT indexrelid::regclass::text, indisvalid FROM pg_index WHERE indexrelid::regclass::text"
        + " = 'ux_users_name'")).containsExactly("ux_users_name|t");
    assertThat(db.rows("SELECT version_num FROM migrate_version")).containsExactly("a00000000002");
    assertThat(db.rows("SELECT direction, statements_done FROM migrate_history WHERE revision = 'a00000000002'"
        + " ORDER BY id")).containsExactly("failed|1", "up|3");
    assertThat(with(db, Migrator::unsettled).rows()).isEmpty();
  }

  @Test
  void repair_afterTheUserUndidAPartlyAppliedRevision_nextUpgradeRunsItFromTheStart() {
    TestDatabase db = TestDatabase.fresh();
    Project project = uniqueNames();
    MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
        () -> upgrade(db, project, "head"));
    assertThat(failure.getMessage()).contains("or undo what it committed, then mvn migrate:repair (the next upgrade"
        + " runs it from the start)");

    db.execute("DROP TABLE side");
    advisedStatements(failure.getMessage()).stream().filter(s -> s.startsWith("DROP INDEX")).forEach(db::execute);
    db.execute("DELETE FROM users WHERE id = 2");
    List<Repair> repairs = with(db, m -> m.repair(project.graph()));
    events.clear();
    upgrade(db, project, "head");

    assertThat(repairs).extracting(Repair::revision, Repair::kind).containsExactly(
        org.assertj.core.groups.Tuple.tuple("a00000000002", Repair.Kind.FAILED_STATE));
    assertThat(lines(Event.Resuming.class)).isEmpty();
    assertThat(db.tables()).containsExactly("after_index", "side", "users");
    assertThat(db.rows("SELECT direction, statements_done FROM migrate_history WHERE revision = 'a00000000002'"
        + " ORDER BY id")).containsExactly("failed|1", "repair|null", "up|3");
  }

  @Test
  void stamp_afterTheUserFinishedAPartlyAppliedRevision_settlesIt() {
    TestDatabase db = TestDatabase.fresh();
    Project project = uniqueNames();
    MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
        () -> upgrade(db, project, "head"));
    assertThat(failure.getMessage()).contains("finish it, then mvn migrate:stamp -Dmigrate.target=a00000000002");

    advisedStatements(failure.getMessage()).stream().filter(s -> s.startsWith("DROP INDEX")).forEach(db::execute);
    db.execute("DELETE FROM users WHERE id = 2");
    db.execute("CREATE UNIQUE INDEX ux_users_name ON users (name)");
    db.execute("CREATE TABLE after_index (id int)");
    with(db, m -> m.stamp(project.graph(), Target.parse("a00000000002"), false));
    events.clear();
    Plan plan = upgrade(db, project, "head");

    assertThat(plan.isEmpty()).isTrue();
    assertThat(with(db, Migrator::unsettled).rows()).isEmpty();
    assertThat(db.rows("SELECT direction FROM migrate_history WHERE revision = 'a00000000002' ORDER BY id"))
        .containsExactly("failed", "stamp");
  }

  @Test
  void upgrade_sessionTerminatedDuringANonTransactionalStatement_claimsNoRecordAndTheNextUpgradeResumes()
      throws Exception {
    TestDatabase db = TestDatabase.fresh();
    Revision slow = JdbcSinkTest.nonTransactional(TestChangelogs.sqlRevision("b00000000001", null, "slow",
        "CREATE TABLE ta (id int)", "SELECT pg_sleep(2)", "CREATE TABLE tb (id int)"));
    Project project = Project.of(List.of(slow));
    String name = "terminated-" + System.nanoTime();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<MigrationFailedException> run = pool.submit(() -> {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
          statement.execute("SET application_name = '" + name + "'");
          new Migrator(connection, settings, events::add).upgrade(RunSource.of(project.graph(), project::replay),
              Target.parse("head"));
          return null;
        } catch (MigrationFailedException e) {
          return e;
        }
      });
      awaitQuery(db, name, "SELECT pg_sleep(2)");
      db.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '" + name + "'");
      MigrationFailedException failure = run.get();

      assertThat(failure.sqlState()).isEqualTo("57P01");
      assertThat(failure.getMessage()).startsWith("revision b00000000001 (slow) is transactional: false and stopped"
          + " at statement 2 of 3; its failure could not be recorded (")
          .contains("; migrate_history still has its running row, which says 1 of 3 statements committed")
          .doesNotContain("recorded as failed").contains("The next mvn migrate:upgrade resumes it at statement 2 of 3");
    } finally {
      pool.shutdownNow();
    }
    assertThat(db.rows("SELECT direction, statements_done FROM migrate_history")).containsExactly("running|1");
    assertThat(with(db, Migrator::unsettled)).satisfies(unsettled -> {
      assertThat(unsettled.lockHolder()).isNull();
      assertThat(unsettled.rows()).extracting(HistoryRow::direction).containsExactly(HistoryDirection.RUNNING);
    });

    events.clear();
    upgrade(db, project, "head");

    assertThat(lines(Event.Resuming.class)).singleElement().asString()
        .startsWith("resuming revision b00000000001 (slow) at statement 2 of 3: an earlier run (running at ")
        .endsWith("recorded statement 1 as committed and ended without recording how it stopped");
    assertThat(db.tables()).containsExactly("ta", "tb");
    assertThat(db.rows("SELECT direction, statements_done FROM migrate_history ORDER BY id"))
        .containsExactly("running|1", "up|3");
  }

  /** Waits until the session named {@code name} runs {@code query}. */
  static void awaitQuery(TestDatabase db, String name, String query) throws InterruptedException {
    for (int i = 0; i < 400; i++) {
      if (!db.rows("SELECT pid FROM pg_stat_activity WHERE application_name = '" + name + "' AND state = 'active'"
          + " AND query = '" + query.replace("'", "''") + "'").isEmpty()) {
        return;
      }
      Thread.sleep(25);
    }
    throw new AssertionError("session " + name + " never ran " + query);
  }

  @Test
  void upgrade_partlyAppliedRevisionChangedSince_isRefusedNamingTheWaysOut() {
    TestDatabase db = TestDatabase.fresh();
    Project project = uniqueNames();
    catchThrowableOfType(MigrationFailedException.class, () -> upgrade(db, project, "head"));
    Revision changed = JdbcSinkTest.nonTransactional(TestChangelogs.sqlRevision("a00000000002", "a00000000001",
        "unique names", "CREATE TABLE side (id int, more text)",
        "CREATE UNIQUE INDEX CONCURRENTLY ux_users_name ON users (name)", "CREATE TABLE after_index (id int)"));

    MigrateException refused = catchThrowableOfType(MigrateException.class,
        () -> upgrade(db, Project.of(List.of(project.graph().revision("a00000000001"), changed)), "head"));

    assertThat(refused.code()).isEqualTo("revision-failed");
    assertThat(refused.getMessage()).contains("stopped part-way in an earlier run (failed at ")
        .contains("after 1 of its statements had committed, and it was changed since")
        .contains("Restore the file as it was and upgrade (it resumes at statement 2)")
        .contains("mvn migrate:stamp -Dmigrate.target=a00000000002").contains("mvn migrate:repair");

    // following it: the file as it was resumes (once the INVALID index the failure named is gone)
    db.execute("DROP INDEX ux_users_name");
    db.execute("DELETE FROM users WHERE id = 2");
    upgrade(db, project, "head");
    assertThat(lines(Event.Resuming.class)).singleElement().asString().contains("at statement 2 of 3");
    assertThat(db.tables()).containsExactly("after_index", "side", "users");
  }

  @Test
  void upgrade_failedRowOfAnEarlierBuild_isRefusedUntilRepairThenRunsFromTheStart() {
    TestDatabase db = TestDatabase.fresh();
    Project project = uniqueNames();
    upgrade(db, Project.of(List.of(project.graph().revision("a00000000001"))), "head");
    db.execute("DELETE FROM users WHERE id = 2");
    db.execute("ALTER TABLE migrate_history DROP COLUMN statements_done");
    db.execute("INSERT INTO migrate_history (direction, revision, checksum, message) VALUES ('failed', 'a00000000002',"
        + " 'x', 'failed at: CREATE TABLE side (id int) (42P07: ERROR: relation \"side\" already exists); nothing"
        + " before it ran')");

    MigrateException refused = catchThrowableOfType(MigrateException.class, () -> upgrade(db, project, "head"));
    List<Repair> repairs = with(db, m -> m.repair(project.graph()));
    upgrade(db, project, "head");

    assertThat(refused.code()).isEqualTo("revision-failed");
    assertThat(refused.getMessage()).contains("did not record which statements committed, so it cannot be resumed")
        .contains("mvn migrate:repair");
    assertThat(repairs).extracting(Repair::kind).containsExactly(Repair.Kind.FAILED_STATE);
    assertThat(db.tables()).containsExactly("after_index", "side", "users");
  }

  @Test
  void downgrade_nonTransactionalRevision_recordsItsProgressAndEndsAsADownRow() {
    TestDatabase db = TestDatabase.fresh();
    Project project = Project.of(List.of(JdbcSinkTest.nonTransactional(TestChangelogs.wRevision(1))));
    upgrade(db, project, "head");

    downgrade(db, project, "base");

    assertThat(db.tables()).isEmpty();
    assertThat(db.rows("SELECT direction, statements_done > 0, message FROM migrate_history ORDER BY id"))
        .containsExactly("up|t|create t_1", "down|t|create t_1");
    assertThat(with(db, Migrator::unsettled).rows()).isEmpty();
  }

  @Test
  void upgrade_historyTableOfAnEarlierBuildOwnedByAnotherRole_namesTheStatementsForItsOwner() throws Exception {
    TestDatabase db = TestDatabase.fresh();
    db.execute("CREATE TABLE migrate_history (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, direction varchar(8)"
        + " NOT NULL CHECK (direction IN ('up', 'down', 'stamp', 'skip', 'failed', 'repair')), revision varchar(64)"
        + " NOT NULL, checksum varchar(80), applied_at timestamptz NOT NULL DEFAULT now(), duration_ms bigint,"
        + " applied_by text NOT NULL DEFAULT current_user, plugin_version text, message text)");
    String role = "deployer_" + ProcessHandle.current().pid() + "_" + System.nanoTime();
    db.createRole(role);
    db.execute("GRANT CREATE ON SCHEMA public TO " + role);
    db.execute("GRANT SELECT, INSERT, UPDATE ON migrate_history TO " + role);
    Project project = Project.of(TestChangelogs.w(1));

    MigrateException failure;
    try (Connection connection = db.admin(); Statement statement = connection.createStatement()) {
      statement.execute("SET ROLE " + role);
      failure = catchThrowableOfType(MigrateException.class, () -> new Migrator(connection, settings, events::add)
          .upgrade(RunSource.of(project.graph(), project::replay), Target.parse("head")));
    }
    assertThat(failure.code()).isEqualTo("history-table-upgrade");
    assertThat(failure.getMessage()).startsWith("migrate_history was created by an earlier build of the plugin")
        .contains("must be owner of table migrate_history").contains("have its owner run:\n");

    advisedStatements(failure.getMessage()).forEach(db::execute); // as the owner
    try (Connection connection = db.admin(); Statement statement = connection.createStatement()) {
      statement.execute("SET ROLE " + role);
      new Migrator(connection, settings, events::add).upgrade(RunSource.of(project.graph(), project::replay),
          Target.parse("head"));
    }
    assertThat(db.rows("SELECT direction, revision FROM migrate_history")).containsExactly("up|w0001");
  }

  @Test
  void upgrade_runKilledAfterItsLastStatementBeforeRecordingTheRevision_recordsItRunningNothing() {
    TestDatabase db = TestDatabase.fresh();
    Revision table = JdbcSinkTest.nonTransactional(TestChangelogs.sqlRevision("f00000000001", null, "table",
        "CREATE TABLE ta (id int)"));
    Project project = Project.of(List.of(table));
    with(db, m -> m.stamp(project.graph(), Target.parse("base"), false)); // creates the two tables, stamps nothing
    // what a run killed between its last progress and its closing transaction leaves
    db.execute("CREATE TABLE ta (id int)");
    db.execute("INSERT INTO migrate_history (direction, revision, checksum, statements_done) VALUES ('running',"
        + " 'f00000000001', '" + table.checksum() + "', 1)");

    upgrade(db, project, "head");

    assertThat(lines(Event.Resuming.class)).singleElement().asString().startsWith("finishing revision f00000000001"
        + " (table): an earlier run (running at ").endsWith("recorded all 1 of its statements as committed but not"
        + " the revision itself; recording it now, running nothing");
    assertThat(db.rows("SELECT version_num FROM migrate_version")).containsExactly("f00000000001");
    assertThat(db.rows("SELECT direction, statements_done FROM migrate_history ORDER BY id"))
        .containsExactly("running|1", "up|1");
  }

  @Test
  void upgrade_failedTransactionalRevision_isRecordedAndRunsAgainOnceFixed() {
    TestDatabase db = TestDatabase.fresh();
    Revision broken = TestChangelogs.sqlRevision("c00000000001", null, "broken", "SELECT 1 / 0");
    Revision fixed = TestChangelogs.sqlRevision("c00000000001", null, "broken", "SELECT 1 / 1");

    MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
        () -> upgrade(db, Project.of(List.of(broken)), "head"));
    upgrade(db, Project.of(List.of(fixed)), "head");

    assertThat(failure.getMessage()).endsWith("It is recorded as failed in migrate_history.");
    assertThat(db.rows("SELECT direction, message FROM migrate_history ORDER BY id")).containsExactly(
        "failed|ERROR 22012: division by zero; statement: SELECT 1 / 0; rolled back, nothing of it applied",
        "up|broken");
    assertThat(with(db, Migrator::unsettled).rows()).isEmpty();
  }

  @Test
  void upgrade_historyTableOfAnEarlierBuild_isBroughtUpToDate() {
    TestDatabase db = TestDatabase.fresh();
    db.execute("CREATE TABLE migrate_history (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, direction varchar(8)"
        + " NOT NULL CHECK (direction IN ('up', 'down', 'stamp', 'skip', 'failed', 'repair')), revision varchar(64)"
        + " NOT NULL, checksum varchar(80), applied_at timestamptz NOT NULL DEFAULT now(), duration_ms bigint,"
        + " applied_by text NOT NULL DEFAULT current_user, plugin_version text, message text)");
    db.execute("INSERT INTO migrate_history (direction, revision, message) VALUES ('up', 'old', 'from before')");
    Revision index = JdbcSinkTest.nonTransactional(TestChangelogs.sqlRevision("d00000000001", null, "index",
        "CREATE TABLE t (id int)", "CREATE INDEX CONCURRENTLY ix_t ON t (id)"));

    upgrade(db, Project.of(List.of(index)), "head");

    assertThat(lines(Event.Warning.class)).containsExactly("upgraded migrate_history from an earlier build's layout:"
        + " added the column statements_done, the column parents and the direction 'running'");
    assertThat(db.rows("SELECT direction, revision, statements_done FROM migrate_history ORDER BY id"))
        .containsExactly("up|old|null", "up|d00000000001|2");
  }

  @Test
  void upgrade_whileAnotherRunHoldsTheLock_waitsNamingTheHolderThenGivesUp() throws Exception {
    TestDatabase db = TestDatabase.fresh();
    Project project = Project.of(TestChangelogs.w(1));
    try (Connection holder = db.connect(); Statement statement = holder.createStatement()) {
      statement.execute("SET application_name = 'other-deploy'");
      statement.execute("SELECT pg_advisory_lock(" + settings.tables().lockKey() + ")");
      int pid = Integer.parseInt(db.rows("SELECT pid FROM pg_stat_activity WHERE application_name = 'other-deploy'")
          .get(0));

      MigrateException failure = catchThrowableOfType(MigrateException.class, () -> with(db,
          settings.withLockWait(Duration.ofMillis(600)), m -> m.upgrade(RunSource.of(project.graph(), project::replay),
              Target.parse("head"))));

      assertThat(lines(Event.Waiting.class)).first().asString()
          .startsWith("waiting for another migration run to finish: the lock is held by pid " + pid
              + " (other-deploy) from ")
          .contains("connected since ");
      assertThat(failure.code()).isEqualTo("lock-wait");
      assertThat(failure.getMessage()).contains("held by pid " + pid)
          .contains("SELECT pg_terminate_backend(" + pid + ")").contains("-Dmigrate.lockWait");
      assertThat(db.tables()).isEmpty();
    }
  }

  @Test
  void upgrade_lockReleasedWhileWaiting_runsAfterTheHolder() throws Exception {
    TestDatabase db = TestDatabase.fresh();
    Project project = Project.of(TestChangelogs.w(2));
    Connection holder = db.connect();
    try (Statement statement = holder.createStatement()) {
      statement.execute("SELECT pg_advisory_lock(" + settings.tables().lockKey() + ")");
    }
    Thread release = new Thread(() -> {
      try {
        Thread.sleep(700);
        holder.close();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    release.start();

    upgrade(db, project, "head");
    release.join();

    assertThat(lines(Event.Waiting.class)).isNotEmpty();
    assertThat(db.rows("SELECT version_num FROM migrate_version")).containsExactly("w0002");
  }

  @Test
  void upgrade_eightRunsAtOnce_applyEachRevisionExactlyOnce() throws Exception {
    TestDatabase db = TestDatabase.fresh();
    Project project = Project.of(TestChangelogs.w(20));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Plan>> runs = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        runs.add(pool.submit(() -> upgrade(db, project, "head")));
      }
      int ran = 0;
      for (Future<Plan> run : runs) {
        ran += run.get().size();
      }
      assertThat(ran).isEqualTo(20);
    } finally {
      pool.shutdownNow();
    }

    assertThat(db.rows("SELECT revision, count(*) FROM migrate_history WHERE direction = 'up' GROUP BY revision"))
        .hasSize(20).allMatch(row -> row.endsWith("|1"));
    assertThat(db.rows("SELECT version_num FROM migrate_version")).containsExactly("w0020");
    assertThat(db.rows("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")).containsExactly("0");
  }

  /** What the renderer refuses, or a target the changelog lacks, stops the run before it writes anything. */
  @Test
  void upgrade_planRefusedOnFreshDatabase_leavesNoVersionTables() {
    TestDatabase db = TestDatabase.fresh();
    Path file = TestChangelogs.file("e00000000001", "odd index");
    Revision odd = TestChangelogs.revision("e00000000001", List.of(), "odd index", true, List.of(
        Change.of(new Operation.CreateTable(TestChangelogs.table("tx"), List.of(Column.of("id",
            ColumnType.parse("int"))), null, List.of(), List.of(), List.of(), false, null, java.util.Map.of()),
            SourceSpan.of(file, 4, 5)),
        Change.of(new Operation.CreateIndex("ix_tx", TestChangelogs.table("tx"),
            List.of(dev.migrate.changelog.IndexElement.column("id")), false, false, null, "nosuchmethod", List.of(),
            false, java.util.Map.of()), SourceSpan.of(file, 9, 5))), file);

    MigrateException refused = catchThrowableOfType(MigrateException.class,
        () -> upgrade(db, Project.of(List.of(odd)), "head"));
    MigrateException unknown = catchThrowableOfType(MigrateException.class,
        () -> upgrade(db, Project.of(TestChangelogs.w(2)), "nosuch"));
    MigrateException unknownDown = catchThrowableOfType(MigrateException.class,
        () -> downgrade(db, Project.of(TestChangelogs.w(2)), "nosuch"));
    MigrateException unknownStamp = catchThrowableOfType(MigrateException.class,
        () -> with(db, m -> m.stamp(Project.of(TestChangelogs.w(2)).graph(), Target.parse("nosuch"), false)));

    assertThat(refused.code()).isEqualTo("unknown-index-method");
    assertThat(List.of(unknown.code(), unknownDown.code(), unknownStamp.code()))
        .containsOnly("unknown-revision");
    assertThat(db.rows("SELECT tablename FROM pg_tables WHERE tablename LIKE 'migrate%'")).isEmpty();
    assertThat(db.tables()).isEmpty();
    assertThat(lines(Event.Executed.class)).isEmpty();
    assertThat(db.rows("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")).containsExactly("0");
  }
}
