package dev.migrate.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrate.MigrateException;
import dev.migrate.OwnerRole;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The safe ways the model rules name, run on a real PostgreSQL: the sequence a finding
 * recommends applies to a table holding rows and lints quietly, and the change the rule flags
 * really fails (where the rule says PostgreSQL refuses it).
 */
class SafeWaysOnPostgresTest {

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres server;

  @TempDir
  Path dir;

  @BeforeAll
  static void start() throws IOException {
    // scratch data need not survive a crash
    server = EmbeddedPostgres.builder().setServerConfig("fsync", "off").start();
  }

  @AfterAll
  static void stop() throws IOException {
    server.close();
  }

  /** A new database owned by the migration role, and a connection to it as that role. */
  private static Connection freshDatabase() throws SQLException {
    String name = "lint_" + DATABASES.incrementAndGet();
    try (Connection admin = server.getPostgresDatabase().getConnection()) {
      OwnerRole.createDatabase(admin, name);
    }
    return server.getDatabase(OwnerRole.NAME, name).getConnection();
  }

  /** Upgrades a new database to head with the changelog the fixture wrote, as migrate:upgrade does. */
  private Connection upgrade() throws SQLException {
    Changelog changelog = new ChangelogLoader(Map.of(), null).load(dir);
    RevisionGraph graph = RevisionGraph.of(changelog.revisions());
    Connection connection = freshDatabase();
    new Migrator(connection, RunSettings.defaults("test"), event -> { })
        .upgrade(RunSource.of(graph, () -> Replay.of(changelog, graph)), Target.parse("head"));
    return connection;
  }

  private static List<String> rows(Connection connection, String query) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(query)) {
      while (result.next()) {
        out.add(result.getString(1));
      }
    }
    return out;
  }

  private static final String USERS_WITH_ROWS = """
      - create-table: {name: users, columns: [{name: id, type: bigint, primary-key: true}, {name: email, type: text}]}
      """.strip();

  private static final String TWO_USERS =
      "- insert: {table: users, rows: [{id: 1, email: a@example.com}, {id: 2, email: b@example.com}]}";

  // ---- not-null-without-default

  @Test
  void notNullWithoutDefault_flaggedColumn_failsOnATableWithRows() {
    LintFixture fixture = new LintFixture(dir).revision("users", USERS_WITH_ROWS, TWO_USERS)
        .revision("phone", "- add-column: {table: users, column: {name: phone, type: text, nullable: false}}");
    assertThat(fixture.findings("not-null-without-default")).hasSize(1);

    assertThatThrownBy(this::upgrade).isInstanceOf(MigrateException.class)
        .hasMessageContaining("contains null values");
  }

  @Test
  void notNullWithoutDefault_safeSequence_appliesOnATableWithRowsAndLintsQuietly() throws SQLException {
    LintFixture fixture = new LintFixture(dir).revision("users", USERS_WITH_ROWS, TWO_USERS)
        .revision("phone, nullable", "- add-column: {table: users, column: {name: phone, type: text}}")
        .revision("fill phone", "- update: {table: users, set: {phone: unknown}, where: \"phone IS NULL\"}")
        .revision("prove it",
            "- add-check-constraint: {table: users, name: ck_phone, expression: \"phone IS NOT NULL\","
                + " not-valid: true}")
        .revision("then not null", "- validate-constraint: {table: users, name: ck_phone}",
            "- alter-column: {table: users, name: phone, nullable: false}",
            "- drop-constraint: {table: users, name: ck_phone}");

    assertThat(fixture.findings("not-null-without-default")).isEmpty();
    assertThat(fixture.findings("backfill-with-ddl")).isEmpty();
    try (Connection connection = upgrade()) {
      assertThat(rows(connection, "SELECT is_nullable FROM information_schema.columns"
          + " WHERE table_name = 'users' AND column_name = 'phone'")).containsExactly("NO");
      assertThat(rows(connection, "SELECT phone FROM users ORDER BY id")).containsExactly("unknown", "unknown");
    }
  }

  // ---- rename

  /** rename's safe way for a table: a view under the old name, through which old code still reads and writes. */
  @Test
  void rename_viewUnderTheOldName_keepsOldCodeReadingAndWriting() throws SQLException {
    LintFixture fixture = new LintFixture(dir).revision("users", USERS_WITH_ROWS, TWO_USERS)
        .revision("people", "- rename-table: {from: users, to: people}",
            "- create-view: {name: users, query: \"SELECT * FROM people\"}");
    assertThat(fixture.findings("rename")).singleElement()
        .satisfies(f -> assertThat(f.safeWay()).contains("create-view users with query SELECT * FROM people"));

    try (Connection connection = upgrade(); Statement statement = connection.createStatement()) {
      statement.execute("INSERT INTO users (id, email) VALUES (3, 'c@example.com')");
      statement.execute("UPDATE users SET email = 'z@example.com' WHERE id = 1");
      assertThat(rows(connection, "SELECT email FROM people ORDER BY id"))
          .containsExactly("z@example.com", "b@example.com", "c@example.com");
    }
  }

  // ---- enum-value-in-transaction

  private LintFixture tickets() {
    return new LintFixture(dir).revision("tickets", "- create-enum: {name: status, values: [open, closed]}",
        "- create-table: {name: tickets, columns: [{name: id, type: bigint, primary-key: true},"
            + " {name: status, type: status}]}");
  }

  /** Each kind of use the rule flags, as PostgreSQL sees it: every one is refused in the adding transaction. */
  @ParameterizedTest
  @ValueSource(strings = {
      "insert: {table: tickets, rows: [{id: 1, status: pending}]}",
      "update: {table: tickets, set: {status: pending}, where: \"true\"}",
      "alter-column: {table: tickets, name: status, default: pending}",
      "add-column: {table: tickets, column: {name: first, type: status, default: pending}}",
      "add-check-constraint: {table: tickets, name: ck_status, expression: \"status <> 'pending'\"}",
      "create-index: {name: ix_pending, table: tickets, columns: [id], where: \"status = 'pending'\"}",
      "create-view: {name: pending_tickets, query: \"SELECT id FROM tickets WHERE status = 'pending'\"}"})
  void enumValueInTransaction_flaggedUse_isRefusedByPostgres(String use) {
    LintFixture fixture = tickets().file("""
        revision: "r2"
        down-revision: "r1"
        message: "pending, used at once"
        downgrade: []
        upgrade:
          - add-enum-value: {enum: status, value: pending}
          - %s
        """.formatted(use));
    assertThat(fixture.findings("enum-value-in-transaction")).hasSize(1);

    assertThatThrownBy(this::upgrade).isInstanceOf(MigrateException.class)
        .hasMessageContaining("unsafe use of new value");
  }

  @Test
  void enumValueInTransaction_valueInARevisionOfItsOwn_appliesAndLintsQuietly() throws SQLException {
    LintFixture fixture = tickets().file("""
        revision: "r2"
        down-revision: "r1"
        message: "pending, alone"
        downgrade: []
        upgrade:
          - add-enum-value: {enum: status, value: pending}
        """).revision("use pending", "- insert: {table: tickets, rows: [{id: 1, status: pending}]}",
        "- alter-column: {table: tickets, name: status, default: pending}");

    assertThat(fixture.findings("enum-value-in-transaction")).isEmpty();
    try (Connection connection = upgrade()) {
      assertThat(rows(connection, "SELECT status::text FROM tickets")).containsExactly("pending");
    }
  }

  /** Why the rule leaves an enum the revision created alone: PostgreSQL accepts its new values at once. */
  @Test
  void enumValueInTransaction_enumCreatedInTheSameRevision_appliesAndLintsQuietly() throws SQLException {
    LintFixture fixture = new LintFixture(dir).revision("mood",
        "- create-enum: {name: mood, values: [ok]}",
        "- add-enum-value: {enum: mood, value: great}",
        "- create-table: {name: days, columns: [{name: id, type: bigint, primary-key: true},"
            + " {name: mood, type: mood, default: great}]}",
        "- insert: {table: days, rows: [{id: 1}]}");

    assertThat(fixture.findings("enum-value-in-transaction")).isEmpty();
    try (Connection connection = upgrade()) {
      assertThat(rows(connection, "SELECT mood::text FROM days")).containsExactly("great");
    }
  }

  // ---- backfill-with-ddl

  @Test
  void backfillWithDdl_backfillInARevisionOfItsOwn_appliesAndLintsQuietly() throws SQLException {
    LintFixture fixture = new LintFixture(dir).revision("users", USERS_WITH_ROWS, TWO_USERS)
        .revision("active, nullable", "- add-column: {table: users, column: {name: active, type: boolean}}")
        .nonTransactional("fill active in batches",
            "- update: {table: users, set: {active: true}, where: \"id <= 1 AND active IS NULL\"}",
            "- update: {table: users, set: {active: true}, where: \"id > 1 AND active IS NULL\"}");

    assertThat(fixture.findings("backfill-with-ddl")).isEmpty();
    try (Connection connection = upgrade()) {
      assertThat(rows(connection, "SELECT active::text FROM users ORDER BY id")).containsExactly("true", "true");
    }
  }

  @Test
  void backfillWithDdl_flaggedRevision_isTheSameChangeInOneTransaction() throws SQLException {
    LintFixture fixture = new LintFixture(dir).revision("users", USERS_WITH_ROWS, TWO_USERS)
        .revision("add and fill", "- add-column: {table: users, column: {name: active, type: boolean}}",
            "- update: {table: users, set: {active: true}, where: \"true\"}");

    assertThat(fixture.findings("backfill-with-ddl")).singleElement()
        .satisfies(f -> assertThat(f.at().line()).isEqualTo(6));
    // it works, but holds ACCESS EXCLUSIVE on users for the whole update: the rule is about locks, not failure
    try (Connection connection = upgrade()) {
      assertThat(rows(connection, "SELECT active::text FROM users ORDER BY id")).containsExactly("true", "true");
    }
  }
}
