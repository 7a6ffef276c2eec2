package dev.migrate.introspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrate.MigrateException;
import dev.migrate.WorkloadW;
import dev.migrate.changelog.Changelog;
import dev.migrate.changelog.Revision;
import dev.migrate.config.EmbeddedDatabase;
import dev.migrate.execute.Migrator;
import dev.migrate.execute.RunSettings;
import dev.migrate.execute.RunSource;
import dev.migrate.execute.VersionTables;
import dev.migrate.graph.RevisionGraph;
import dev.migrate.graph.Target;
import dev.migrate.load.ChangelogLoader;
import dev.migrate.schema.Replay;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * migrate:check's core on a real PostgreSQL: a database this plugin built from its changelog
 * shows no difference at any revision (zero false positives), and each kind of change made by
 * hand afterwards is found and named.
 */
class DriftCheckTest {

  private static final Path SAMPLE = Path.of("src-samples/chat-support/src/main/migrations");
  private static final Path ROUND_TRIP = Path.of("src/test/resources/introspect/roundtrip");
  private static final Path EVERY_KIND = Path.of("src/test/resources/introspect/every-kind");
  private static final Path UPDATED_AT = Path.of("src/test/resources/introspect/updated-at");

  private static LiveDatabase live;

  @TempDir
  static Path w;

  @BeforeAll
  static void start() throws IOException {
    live = new LiveDatabase();
    WorkloadW.write(w, 4);
  }

  @AfterAll
  static void stop() {
    live.close();
  }

  /** A database, the changelog, its graph, and the migrator that builds it. */
  private record Built(Connection connection, Changelog changelog, RevisionGraph graph, Migrator migrator)
      implements AutoCloseable {

    static Built of(Changelog changelog) throws Exception {
      Connection connection = live.newDatabase();
      EmbeddedDatabase.createMissingEnums(connection, changelog.existingTypes());
      RevisionGraph graph = RevisionGraph.of(changelog.revisions());
      return new Built(connection, changelog, graph, new Migrator(connection, RunSettings.defaults("test"), e -> { }));
    }

    void upgrade(String target) {
      migrator.upgrade(RunSource.of(graph, () -> Replay.of(changelog, graph)), Target.parse(target));
    }

    DriftReport check() {
      return new DriftCheck(connection, VersionTables.defaults(), "public").run(changelog, graph, migrator);
    }

    void execute(String... sql) throws Exception {
      LiveDatabase.execute(connection, sql);
    }

    @Override
    public void close() throws java.sql.SQLException {
      connection.close();
    }
  }

  private static Changelog sample() {
    return new ChangelogLoader(Map.of("support_email", "support@example.com"), null).load(SAMPLE);
  }

  /**
   * The chat-support sample (YAML and XML, a branch and its merge, declared existing types),
   * upgraded one revision at a time in topological order: at base, at every revision, and
   * with both branches applied and not yet merged, the database matches its model.
   */
  @Test
  void run_sampleUpgradedRevisionByRevision_findsNoDifferenceAtAnyRevision() throws Exception {
    try (Built db = Built.of(sample())) {
      List<List<String>> seen = new ArrayList<>();
      DriftReport atBase = db.check();
      assertThat(atBase.heads()).isEmpty();
      assertThat(atBase.failures()).isEmpty();
      for (Revision revision : db.graph().topologicalOrder()) {
        db.upgrade(revision.id());
        DriftReport report = db.check();
        assertThat(report.failures()).as("after %s", revision.id()).isEmpty();
        seen.add(report.heads());
      }
      assertThat(seen).as("a state with both branches applied was checked").anyMatch(heads -> heads.size() == 2);
      assertThat(seen.get(seen.size() - 1)).containsExactly("a8b9c0d1e216");
    }
  }

  /**
   * One branch applied, the other not: the model holds only the applied branch, even when the
   * other comes first in the topological order (the replay of the whole graph would hold both).
   */
  @Test
  void run_oneBranchApplied_leavesTheOtherBranchOutOfTheModel() throws Exception {
    try (Built db = Built.of(sample())) {
      for (String branchHead : List.of("28b3aef5c111", "4ad5c017e313")) {
        db.upgrade(branchHead);
        DriftReport report = db.check();
        assertThat(report.failures()).as("at %s", report.heads()).isEmpty();
        db.migrator().downgrade(RunSource.of(db.graph(), () -> Replay.of(db.changelog(), db.graph())),
            Target.parse("base"));
      }
    }
  }

  /** Every kind of object the model knows, and changes made after creation. */
  @Test
  void run_roundTripChangelogUpgraded_findsNoDifference() throws Exception {
    try (Built db = Built.of(new ChangelogLoader(Map.of(), null).load(ROUND_TRIP))) {
      db.upgrade("head");

      DriftReport report = db.check();

      assertThat(report.heads()).containsExactly("b2");
      assertThat(report.failures()).isEmpty();
      assertThat(report.drift()).isFalse();
    }
  }

  /**
   * The operations the other changelogs leave out: keys added to existing tables, a foreign key
   * added not-valid then validated, renamed and dropped constraints, indexes, tables, enum
   * values, enums, sequences, views, schemas and extensions, a materialized view, data changes.
   * Checked after the revision that makes the objects, after the one that changes them, and
   * after downgrading it again.
   */
  @Test
  void run_everyOperationKindUpgradedAndDowngraded_findsNoDifference() throws Exception {
    try (Built db = Built.of(new ChangelogLoader(Map.of(), null).load(EVERY_KIND))) {
      assertThat(Replay.of(db.changelog(), db.graph()).diagnostics()).isEmpty();
      db.upgrade("c1");
      assertThat(db.check().failures()).as("at c1").isEmpty();

      db.upgrade("head");
      DriftReport atHead = db.check();
      assertThat(atHead.heads()).containsExactly("d2");
      assertThat(atHead.failures()).as("at d2").isEmpty();

      db.migrator().downgrade(RunSource.of(db.graph(), () -> Replay.of(db.changelog(), db.graph())),
          Target.parse("c1"));
      assertThat(db.check().failures()).as("at c1 again").isEmpty();
    }
  }

  @Test
  void run_wChangelogUpgraded_findsNoDifference() throws Exception {
    try (Built db = Built.of(new ChangelogLoader(Map.of(), null).load(w))) {
      db.upgrade("head");

      assertThat(db.check().failures()).isEmpty();
    }
  }

  /** {@code -Dmigrate.defaultSchema=app}: the changelog's names and the version tables live in app. */
  @Test
  void run_inAnotherDefaultSchema_findsNoDifferenceAndNamesTheSchemaOfAnExtraTable() throws Exception {
    Changelog changelog = new ChangelogLoader(Map.of(), null).load(w);
    RevisionGraph graph = RevisionGraph.of(changelog.revisions());
    VersionTables tables = new VersionTables("app", "migrate_version", "migrate_history");
    try (Connection connection = live.newDatabase()) {
      LiveDatabase.execute(connection, "CREATE SCHEMA app", "SET search_path TO app");
      Migrator migrator = new Migrator(connection, RunSettings.defaults("test").withTables(tables), e -> { });
      migrator.upgrade(RunSource.of(graph, () -> Replay.of(changelog, graph)), Target.parse("head"));
      DriftCheck check = new DriftCheck(connection, tables, "app");

      assertThat(check.run(changelog, graph, migrator).differences()).isEmpty();

      LiveDatabase.execute(connection, "CREATE TABLE public.stray (id integer)");
      assertThat(check.run(changelog, graph, migrator).failures()).extracting(Difference::description)
          .containsExactly("extra table public.stray");
    }
  }

  /**
   * After an opaque sql operation the model may be incomplete (decisions.md): what it cannot
   * know is a warning, and the database passes; a change to an object it knows still fails.
   */
  @Test
  void run_afterAnSqlOperation_warnsOfUnknownObjectsAndStillFailsOnKnownOnes(@TempDir Path dir) throws Exception {
    WorkloadW.write(dir, 2);
    Files.writeString(dir.resolve("w0003_by_sql.yaml"), """
        revision: "w0003"
        down-revision: "w0002"
        message: a table made by sql
        upgrade:
          - sql: { up: "CREATE TABLE made_by_sql (id integer)", down: "DROP TABLE made_by_sql" }
        """);
    try (Built db = Built.of(new ChangelogLoader(Map.of(), null).load(dir))) {
      db.upgrade("head");

      DriftReport clean = db.check();

      assertThat(clean.drift()).isFalse();
      assertThat(clean.differences()).extracting(Difference::toString).containsExactly(
          "(warning) extra table made_by_sql, which the model cannot know after an sql operation");

      db.execute("ALTER TABLE t_1 ALTER COLUMN name DROP NOT NULL");
      assertThat(db.check().failures()).extracting(Difference::description)
          .containsExactly("column t_1.name: nullable, expected not null");
    }
  }

  static Stream<Arguments> handMadeChanges() {
    return Stream.of(
        Arguments.of("alter table t_2 add column nickname text", Difference.Kind.EXTRA, "t_2.nickname",
            "extra column t_2.nickname (text)"),
        Arguments.of("drop index ix_t_3_name", Difference.Kind.MISSING, "ix_t_3_name on t_3",
            "missing index ix_t_3_name on t_3 (using btree (name))"),
        Arguments.of("alter table t_1 alter column created_at set default clock_timestamp()", Difference.Kind.DIFFERENT,
            "t_1.created_at", "column t_1.created_at: default clock_timestamp(), expected now()"),
        Arguments.of("alter table t_2 alter column name drop not null", Difference.Kind.DIFFERENT, "t_2.name",
            "column t_2.name: nullable, expected not null"),
        Arguments.of("create table scratch (id integer)", Difference.Kind.EXTRA, "scratch", "extra table scratch"),
        Arguments.of("alter table t_1 drop column note_2", Difference.Kind.MISSING, "t_1.note_2",
            "missing column t_1.note_2 (text)"),
        Arguments.of("alter table t_3 alter column name type varchar(20)", Difference.Kind.DIFFERENT, "t_3.name",
            "column t_3.name: type character varying(20), expected text"));
  }

  @ParameterizedTest
  @MethodSource("handMadeChanges")
  void run_changeMadeByHand_isReportedByName(String sql, Difference.Kind kind, String object, String description)
      throws Exception {
    try (Built db = Built.of(new ChangelogLoader(Map.of(), null).load(w))) {
      db.upgrade("head");
      db.execute(sql);

      DriftReport report = db.check();

      assertThat(report.drift()).isTrue();
      assertThat(report.failures()).extracting(Difference::kind, Difference::object, Difference::description)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(kind, object, description));
    }
  }

  /** The README's example, on the changelog of it/check: an added column, a changed default, a dropped index. */
  @Test
  void run_threeChangesByHand_listsEachInTheReportsOrder() throws Exception {
    try (Built db = Built.of(new ChangelogLoader(Map.of(), null).load(Path.of("it/check/src/main/migrations")))) {
      db.upgrade("head");
      db.execute("ALTER TABLE accounts ADD COLUMN nickname text",
          "ALTER TABLE accounts ALTER COLUMN created_at SET DEFAULT clock_timestamp()",
          "DROP INDEX ix_accounts_email");

      DriftReport report = db.check();

      assertThat(report.differences()).extracting(Difference::toString).containsExactly(
          "column accounts.created_at: default clock_timestamp(), expected now()",
          "extra column accounts.nickname (text)",
          "missing index ix_accounts_email on accounts (unique using btree (email))");
      assertThat(report.differences()).extracting(Difference::kind, Difference::noun, Difference::aspect,
          Difference::expected, Difference::actual).containsExactly(
          org.assertj.core.groups.Tuple.tuple(Difference.Kind.DIFFERENT, "column", "default", "now()",
              "clock_timestamp()"),
          org.assertj.core.groups.Tuple.tuple(Difference.Kind.EXTRA, "column", null, null, "text"),
          org.assertj.core.groups.Tuple.tuple(Difference.Kind.MISSING, "index", null, "unique using btree (email)",
              null));
    }
  }

  @Test
  void run_changedDefault_givesExpectedAndActual() throws Exception {
    try (Built db = Built.of(new ChangelogLoader(Map.of(), null).load(w))) {
      db.upgrade("head");
      db.execute("alter table t_1 alter column created_at set default clock_timestamp()");

      Difference difference = db.check().failures().get(0);

      assertThat(difference.noun()).isEqualTo("column");
      assertThat(difference.aspect()).isEqualTo("default");
      assertThat(difference.expected()).isEqualTo("now()");
      assertThat(difference.actual()).isEqualTo("clock_timestamp()");
    }
  }

  /** At base the model is empty: a table the changelog makes, found there, is drift. */
  @Test
  void run_atBaseWithATableOfTheChangelog_reportsItExtra() throws Exception {
    try (Built db = Built.of(new ChangelogLoader(Map.of(), null).load(w))) {
      db.execute("create table t_1 (id bigint)");

      DriftReport report = db.check();

      assertThat(report.heads()).isEmpty();
      assertThat(report.failures()).extracting(Difference::description).containsExactly("extra table t_1");
    }
  }

  /** The version and history tables are the tool's own, never drift; a policy is listed as outside. */
  @Test
  void run_versionTablesAndAPolicy_areNotDifferences() throws Exception {
    try (Built db = Built.of(new ChangelogLoader(Map.of(), null).load(w))) {
      db.upgrade("w0002");
      db.execute("create policy own_rows on t_1 using (true)");

      DriftReport report = db.check();

      assertThat(report.heads()).containsExactly("w0002");
      assertThat(report.differences()).isEmpty();
      assertThat(report.outside()).containsExactly("policy own_rows on public.t_1: outside the comparison");
    }
  }

  /** A project that moved from Flyway, Liquibase or Alembic leaves their history tables in place: never drift. */
  @Test
  void run_otherToolsHistoryTables_areNotDifferences() throws Exception {
    try (Built db = Built.of(new ChangelogLoader(Map.of(), null).load(w))) {
      db.upgrade("w0002");
      db.execute("create table flyway_schema_history (installed_rank int primary key, version varchar(50))",
          "create table databasechangelog (id varchar(255) not null, author varchar(255) not null)",
          "create table databasechangeloglock (id int primary key, locked boolean not null)",
          "create table alembic_version (version_num varchar(32) primary key)");

      assertThat(db.check().differences()).isEmpty();
    }
  }

  /** The updated_at trigger every backend has, as operations: a database built from it matches. */
  @Test
  void run_updatedAtTriggerChangelogUpgraded_findsNoDifference() throws Exception {
    try (Built db = Built.of(new ChangelogLoader(Map.of(), null).load(UPDATED_AT))) {
      db.upgrade("head");

      DriftReport report = db.check();

      assertThat(report.differences()).isEmpty();
      assertThat(report.outside()).isEmpty();
    }
  }

  static Stream<Arguments> handMadeFunctionAndTriggerChanges() {
    return Stream.of(
        Arguments.of("create or replace function set_updated_at() returns trigger language plpgsql as $$\n"
                + "BEGIN\n  NEW.updated_at = clock_timestamp();\n  RETURN NEW;\nEND;\n$$",
            Difference.Kind.DIFFERENT, "set_updated_at()",
            "function set_updated_at(): body line 2: NEW.updated_at = clock_timestamp();, expected line 2:"
                + " NEW.updated_at = now();"),
        Arguments.of("alter function set_updated_at() stable", Difference.Kind.DIFFERENT, "set_updated_at()",
            "function set_updated_at(): volatility stable, expected volatile"),
        Arguments.of("drop trigger items_updated_at on items", Difference.Kind.MISSING, "items_updated_at on items",
            "missing trigger items_updated_at on items (before update for each row execute function"
                + " set_updated_at())"),
        Arguments.of("create trigger items_touch after insert on items for each statement"
                + " execute function set_updated_at('x')", Difference.Kind.EXTRA, "items_touch on items",
            "extra trigger items_touch on items (after insert for each statement execute function"
                + " set_updated_at('x'))"),
        Arguments.of("drop trigger items_updated_at on items; create trigger items_updated_at before update of name"
                + " on items for each row when (old.name <> new.name) execute function set_updated_at()",
            Difference.Kind.DIFFERENT, "items_updated_at on items",
            "trigger items_updated_at on items: before update of name for each row when (old.name <> new.name)"
                + " execute function set_updated_at(), expected before update for each row execute function"
                + " set_updated_at()"),
        Arguments.of("create function items_count(since timestamptz default now()) returns bigint language sql"
                + " as 'select count(*) from items'", Difference.Kind.EXTRA, "items_count(timestamp with time zone)",
            "extra function items_count(timestamp with time zone)"));
  }

  @ParameterizedTest
  @MethodSource("handMadeFunctionAndTriggerChanges")
  void run_functionOrTriggerChangedByHand_isReportedByName(String sql, Difference.Kind kind, String object,
      String description) throws Exception {
    try (Built db = Built.of(new ChangelogLoader(Map.of(), null).load(UPDATED_AT))) {
      db.upgrade("head");
      db.execute(sql);

      DriftReport report = db.check();

      assertThat(report.drift()).isTrue();
      assertThat(report.failures()).extracting(Difference::kind, Difference::object, Difference::description)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(kind, object, description));
    }
  }

  @Test
  void run_versionTableNamesAnUnknownRevision_failsNamingIt() throws Exception {
    try (Built db = Built.of(new ChangelogLoader(Map.of(), null).load(w))) {
      db.upgrade("head");
      db.execute("update migrate_version set version_num = 'w0999'");

      assertThatThrownBy(db::check).isInstanceOf(MigrateException.class)
          .satisfies(e -> assertThat(((MigrateException) e).code()).isEqualTo("unknown-applied-revision"))
          .hasMessageContaining("'w0999'");
    }
  }
}
