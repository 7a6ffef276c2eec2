package dev.migrate.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.changelog.Changelog;
import dev.migrate.execute.Migrator;
import dev.migrate.execute.RunSettings;
import dev.migrate.execute.RunSource;
import dev.migrate.graph.RevisionGraph;
import dev.migrate.graph.Target;
import dev.migrate.load.ChangelogLoader;
import dev.migrate.schema.Replay;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The safe ways the lock rules recommend, run on real PostgreSQL (the default embedded major):
 * they apply, they do what they say, and lint is quiet on them while it fires on the direct way.
 */
class LockRulesSafeWayTest {

  private static final int ROWS = 10_000;
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres server;

  @TempDir
  Path dir;

  @BeforeAll
  static void start() throws IOException {
    server = EmbeddedPostgres.builder().setServerConfig("fsync", "off").setServerConfig("full_page_writes", "off")
        .start();
  }

  @AfterAll
  static void stop() throws IOException {
    server.close();
  }

  private static final String ORDERS = "- create-table: {name: orders, columns: [{name: id, type: int, primary-key:"
      + " true}, {name: qty, type: int}]}";

  @Test
  void setNotNull_afterAValidatedCheck_setsItWithoutScanningAndLintIsQuiet() throws Exception {
    LintFixture fixture = new LintFixture(dir).major(majorOfServer())
        .revision("orders", ORDERS)
        .revision("check", "- add-check-constraint: {table: orders, name: ck_orders_qty, expression: \"qty IS NOT"
            + " NULL\", not-valid: true}")
        .revision("validate", "- validate-constraint: {table: orders, name: ck_orders_qty}")
        .revision("not null", "- alter-column: {table: orders, name: qty, nullable: false}",
            "- drop-constraint: {table: orders, name: ck_orders_qty}");

    try (Connection db = freshDatabase()) {
      upgrade(db, "r1");
      fill(db);
      upgrade(db, "r3");
      long scans = scans(db);
      upgrade(db, "head");

      assertThat(scans(db)).as("sequential scans of orders by SET NOT NULL").isEqualTo(scans);
      assertThat(one(db, "SELECT is_nullable FROM information_schema.columns WHERE table_name = 'orders'"
          + " AND column_name = 'qty'")).isEqualTo("NO");
      assertThat(one(db, "SELECT count(*) FROM pg_constraint WHERE conname = 'ck_orders_qty'")).isEqualTo("0");
    }
    assertThat(fixture.findings("set-not-null")).isEmpty();
  }

  @Test
  void setNotNull_directly_scansTheTableAndLintFires() throws Exception {
    LintFixture fixture = new LintFixture(dir).major(majorOfServer())
        .revision("orders", ORDERS)
        .revision("not null", "- alter-column: {table: orders, name: qty, nullable: false}");

    try (Connection db = freshDatabase()) {
      upgrade(db, "r1");
      fill(db);
      long scans = scans(db);
      upgrade(db, "head");

      assertThat(scans(db)).as("sequential scans of orders by SET NOT NULL").isGreaterThan(scans);
    }
    assertThat(fixture.findings("set-not-null")).singleElement().extracting(Finding::revision).isEqualTo("r2");
  }

  @Test
  void uniqueConstraint_usingAnIndexBuiltConcurrently_attachesThatIndexAndLintIsQuiet() throws Exception {
    LintFixture fixture = new LintFixture(dir).major(majorOfServer())
        .revision("orders", ORDERS)
        .nonTransactional("index", "- create-index: {name: uq_orders_qty, table: orders, columns: [qty], unique: true,"
            + " concurrently: true}")
        .revision("attach", "- add-unique-constraint: {table: orders, name: uq_orders_qty, columns: [qty], using-index:"
            + " uq_orders_qty}");

    try (Connection db = freshDatabase()) {
      upgrade(db, "r1");
      fill(db);
      upgrade(db, "head");

      assertThat(one(db, "SELECT contype::text || ' ' || conindid::regclass::text FROM pg_constraint"
          + " WHERE conname = 'uq_orders_qty'")).isEqualTo("u uq_orders_qty");
      assertThat(one(db, "SELECT count(*) FROM pg_indexes WHERE tablename = 'orders'")).isEqualTo("2");
    }
    assertThat(fixture.lint().findings()).extracting(Finding::rule)
        .doesNotContain("unique-constraint-direct", "index-not-concurrent");
  }

  @Test
  void uniqueConstraint_directly_firesOnTheSameTable() {
    LintFixture fixture = new LintFixture(dir).major(majorOfServer())
        .revision("orders", ORDERS)
        .revision("unique", "- add-unique-constraint: {table: orders, name: uq_orders_qty, columns: [qty]}");

    assertThat(fixture.findings("unique-constraint-direct")).singleElement().extracting(Finding::revision)
        .isEqualTo("r2");
  }

  private static int majorOfServer() {
    try (Connection db = server.getPostgresDatabase().getConnection()) {
      return db.getMetaData().getDatabaseMajorVersion();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Connection freshDatabase() throws SQLException {
    String name = "safe_" + DATABASES.incrementAndGet();
    try (Connection admin = server.getPostgresDatabase().getConnection()) {
      run(admin, "CREATE DATABASE " + name);
    }
    return server.getDatabase("postgres", name).getConnection();
  }

  /** Upgrades the fixture's changelog to a target, as the upgrade goal does. */
  private void upgrade(Connection db, String target) {
    Changelog changelog = new ChangelogLoader(Map.of(), null).load(dir);
    RevisionGraph graph = RevisionGraph.of(changelog.revisions());
    new Migrator(db, RunSettings.defaults("test"), event -> { })
        .upgrade(RunSource.of(graph, () -> Replay.of(changelog, graph)), Target.parse(target));
  }

  /** Rows with no NULL, and no autovacuum whose reads could be mistaken for the statement's. */
  private static void fill(Connection db) throws SQLException {
    run(db, "ALTER TABLE orders SET (autovacuum_enabled = false)");
    run(db, "INSERT INTO orders SELECT g, g FROM generate_series(1, " + ROWS + ") g");
  }

  /** The sequential scans of orders so far, this session's own flushed first (15 and later flush on request). */
  private static long scans(Connection db) throws SQLException {
    run(db, "SELECT pg_stat_force_next_flush()");
    run(db, "SELECT 1");
    run(db, "SELECT pg_stat_clear_snapshot()");
    return Long.parseLong(one(db, "SELECT coalesce(pg_stat_get_numscans('orders'::regclass), 0)"));
  }

  private static void run(Connection db, String sql) throws SQLException {
    try (Statement statement = db.createStatement()) {
      statement.execute(sql);
    }
  }

  private static String one(Connection db, String query) throws SQLException {
    try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(query)) {
      rows.next();
      return rows.getString(1);
    }
  }
}
