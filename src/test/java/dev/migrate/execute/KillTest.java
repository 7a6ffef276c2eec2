package dev.migrate.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.changelog.Changelog;
import dev.migrate.changelog.QualifiedName;
import dev.migrate.graph.RevisionGraph;
import dev.migrate.graph.Target;
import dev.migrate.introspect.Difference;
import dev.migrate.introspect.Introspector;
import dev.migrate.introspect.ModelNormalizer;
import dev.migrate.introspect.SchemaDiff;
import dev.migrate.schema.Replay;
import dev.migrate.schema.SchemaModel;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * quality.md, Reliability: kill -9 at random points of a long upgrade. Each trial runs the
 * migrator in a child JVM, kills it with SIGKILL while it applies revisions, and checks that the
 * database is at a revision boundary, its schema is the model's at that revision, no advisory
 * lock remains, and a rerun finishes the job.
 */
class KillTest {

  private static final int REVISIONS = 40;
  private static final int TRIALS = 10;
  private static final Changelog CHANGELOG = TestChangelogs.w(REVISIONS);
  private static final RevisionGraph GRAPH = RevisionGraph.of(CHANGELOG.revisions());
  private static final Replay REPLAY = Replay.of(CHANGELOG, GRAPH);
  private static final Map<Integer, SchemaModel> NORMALIZED = new HashMap<>();
  private static final Set<QualifiedName> VERSION_TABLES =
      Set.of(QualifiedName.parse("migrate_version"), QualifiedName.parse("migrate_history"));

  @Test
  void upgrade_killedAtRandomPoints_leavesARevisionBoundaryAndARerunFinishes() throws Exception {
    Random random = new Random(20261124L);
    List<Integer> reached = new ArrayList<>();
    for (int trial = 0; trial < TRIALS; trial++) {
      TestDatabase db = TestDatabase.fresh();
      String url = db.url() + (db.url().contains("?") ? "&" : "?") + "ApplicationName=killed-run";
      Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), UpgradeProcess.class.getName(), url,
          String.valueOf(REVISIONS)).redirectErrorStream(true).start();
      BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      String line;
      int applied = 0;
      int killAfter = 1 + random.nextInt(REVISIONS - 10);
      while ((line = out.readLine()) != null) {
        if (line.startsWith("[") && ++applied >= killAfter) {
          break;
        }
      }
      // a further random delay puts the kill anywhere inside a revision, not only between two
      Thread.sleep(random.nextInt(15));
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      awaitSessionsGone(db);

      List<String> version = db.rows("SELECT version_num FROM migrate_version");
      int at = version.isEmpty() ? 0 : Integer.parseInt(version.get(0).substring(1));
      reached.add(at);
      assertThat(version).hasSizeLessThanOrEqualTo(1);
      assertThat(at).as("trial %d", trial).isBetween(killAfter, REVISIONS);
      assertThat(differencesFrom(db, at)).as("schema after trial %d at w%04d", trial, at).isEmpty();
      if (trial == 0 && at < REVISIONS) {
        // once is enough to show the comparison can fail; each introspection costs a few hundred ms
        assertThat(differencesFrom(db, at + 1)).as("the comparison sees the next revision's t_%d", at + 1)
            .isNotEmpty();
      }
      assertThat(db.rows("SELECT count(*) FROM migrate_history WHERE direction = 'up'"))
          .containsExactly(String.valueOf(at));
      assertThat(db.rows("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")).containsExactly("0");

      try (Connection connection = db.connect()) {
        new Migrator(connection, RunSettings.defaults("0.1.0"), e -> { })
            .upgrade(RunSource.of(GRAPH, () -> REPLAY), Target.parse("head"));
      }
      assertThat(differencesFrom(db, REVISIONS)).isEmpty();
      assertThat(db.rows("SELECT count(*) FROM migrate_history WHERE direction = 'up'"))
          .containsExactly(String.valueOf(REVISIONS));
    }
    // the kills landed at different places, not all at the start or the end
    assertThat(new TreeSet<>(reached)).hasSizeGreaterThan(5);
  }

  /**
   * issue 8, item 2: kill -9 while a non-transactional revision builds an index concurrently.
   * The server session runs on after the client is gone (here it waits for an older snapshot
   * until an operator terminates it), which leaves an INVALID index. The next upgrade names it
   * with the statement that removes it; following that advice, the upgrade after resumes where
   * the history says the killed run stopped.
   */
  @Test
  void upgrade_killedDuringCreateIndexConcurrently_namesTheInvalidIndexThenResumes() throws Exception {
    TestDatabase db = TestDatabase.fresh();
    killDuringConcurrentBuild(db, true);

    assertThat(db.rows("SELECT direction, statements_done FROM migrate_history")).containsExactly("running|1");
    assertThat(db.rows("SELECT indexrelid::regclass::text FROM pg_index WHERE NOT indisvalid"))
        .containsExactly("ix_ta");
    RevisionGraph graph = RevisionGraph.of(UpgradeProcess.CONCURRENTLY.revisions());
    RunSource source = RunSource.of(graph, () -> Replay.of(UpgradeProcess.CONCURRENTLY, graph));
    List<Event> events = new ArrayList<>();
    dev.migrate.MigrateException blocked;
    try (Connection connection = db.connect()) {
      Migrator migrator = new Migrator(connection, RunSettings.defaults("0.1.0"), events::add);
      assertThat(migrator.unsettled().rows()).singleElement().extracting(HistoryRow::statementsDone).isEqualTo(1);
      blocked = org.assertj.core.api.Assertions.catchThrowableOfType(dev.migrate.MigrateException.class,
          () -> migrator.upgrade(source, Target.parse("head")));
    }
    assertThat(blocked.code()).isEqualTo("invalid-index");
    List<String> advice = blocked.getMessage().lines().filter(l -> l.startsWith("    ")).map(String::strip).toList();
    assertThat(advice).containsExactly("DROP INDEX CONCURRENTLY IF EXISTS public.ix_ta;");

    advice.forEach(db::execute);
    try (Connection connection = db.connect()) {
      new Migrator(connection, RunSettings.defaults("0.1.0"), events::add).upgrade(source, Target.parse("head"));
    }

    assertThat(events).filteredOn(e -> e instanceof Event.Resuming).extracting(Event::line).singleElement()
        .asString().startsWith("resuming revision e00000000001 (index concurrently) at statement 2 of 3");
    assertThat(db.tables()).containsExactly("ta", "tb");
    assertThat(db.rows("SELECT indexrelid::regclass::text, indisvalid FROM pg_index WHERE indrelid = 'ta'::regclass"))
        .containsExactly("ix_ta|t");
    assertThat(db.rows("SELECT direction, statements_done FROM migrate_history ORDER BY id"))
        .containsExactly("running|1", "up|3");
  }

  /**
   * Runs {@link UpgradeProcess#CONCURRENTLY} in a child JVM while an older snapshot keeps its
   * concurrent build waiting, kills the child with SIGKILL there, and then either terminates the
   * server session it left (as an operator would) or lets that session finish the build.
   */
  private static void killDuringConcurrentBuild(TestDatabase db, boolean terminate) throws Exception {
    String url = db.url() + (db.url().contains("?") ? "&" : "?") + "ApplicationName=killed-run";
    try (Connection blocker = db.connect(); Statement snapshot = blocker.createStatement()) {
      blocker.setAutoCommit(false);
      blocker.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      snapshot.execute("SELECT count(*) FROM pg_class"); // an older snapshot the concurrent build waits for
      Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), UpgradeProcess.class.getName(), url, "concurrently")
          .redirectErrorStream(true).start();
      MigratorTest.awaitQuery(db, "killed-run", "CREATE INDEX CONCURRENTLY ix_ta ON ta (id)");
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(db.rows("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'killed-run'"))
          .as("the server session outlives its killed client").containsExactly("1");
      if (terminate) {
        db.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'killed-run'");
      } else {
        blocker.rollback();
      }
      awaitSessionsGone(db);
    }
  }

  /**
   * The same kill, but the server session finishes the index after its client is gone: the
   * history still says 1 of 3, so the resumed statement fails on the index that is there. The
   * message says why; following it (finish the rest by hand, stamp) settles the revision.
   */
  @Test
  void upgrade_killedWhileTheServerFinishesTheStatement_resumedFailureExplainsAndStampSettles() throws Exception {
    TestDatabase db = TestDatabase.fresh();
    killDuringConcurrentBuild(db, false);
    assertThat(db.rows("SELECT direction, statements_done FROM migrate_history")).containsExactly("running|1");
    RevisionGraph graph = RevisionGraph.of(UpgradeProcess.CONCURRENTLY.revisions());
    RunSource source = RunSource.of(graph, () -> Replay.of(UpgradeProcess.CONCURRENTLY, graph));

    MigrationFailedException failure;
    try (Connection connection = db.connect()) {
      failure = org.assertj.core.api.Assertions.catchThrowableOfType(MigrationFailedException.class,
          () -> new Migrator(connection, RunSettings.defaults("0.1.0"), e -> { }).upgrade(source,
              Target.parse("head")));
    }
    assertThat(failure.sqlState()).isEqualTo("42P07");
    assertThat(failure.getMessage()).contains("This run resumed the revision at statement 2, which the earlier run"
        + " may have finished after it last recorded its progress")
        .contains("finish the rest by hand and run mvn migrate:stamp -Dmigrate.target=e00000000001");

    db.execute("CREATE TABLE tb (id int)");
    try (Connection connection = db.connect()) {
      Migrator migrator = new Migrator(connection, RunSettings.defaults("0.1.0"), e -> { });
      migrator.stamp(graph, Target.parse("e00000000001"), false);
      assertThat(migrator.unsettled().rows()).isEmpty();
      assertThat(migrator.upgrade(source, Target.parse("head")).isEmpty()).isTrue();
    }
    assertThat(db.rows("SELECT direction, statements_done FROM migrate_history ORDER BY id"))
        .containsExactly("running|1", "failed|1", "stamp|null");
  }

  /** The killed client's backend ends when the server notices the closed socket; wait for that. */
  private static void awaitSessionsGone(TestDatabase db) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      if (db.rows("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'killed-run'").equals(List.of("0"))) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the killed run's session is still there after 10 s");
  }

  /**
   * The live schema, read through the introspector, against the model the replay gives at
   * revision k: every failing difference (a column, type, default, constraint or index). The
   * model's expressions are put in the server's form once per k (what Introspector.compareWith
   * does each time), which keeps ten trials fast.
   */
  private static List<String> differencesFrom(TestDatabase db, int k) {
    try (Connection connection = db.connect()) {
      SchemaModel expected = NORMALIZED.computeIfAbsent(k, n -> new ModelNormalizer(connection)
          .normalize(n == 0 ? REPLAY.initialModel() : REPLAY.modelAfter(TestChangelogs.id(n))));
      SchemaModel live = new Introspector(connection).read(expected.defaultSchema(), expected.schemas(), VERSION_TABLES);
      return SchemaDiff.failures(SchemaDiff.between(expected, live)).stream().map(Difference::description).toList();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
