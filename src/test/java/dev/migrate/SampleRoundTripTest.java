package dev.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.changelog.Changelog;
import dev.migrate.changelog.QualifiedName;
import dev.migrate.config.EmbeddedDatabase;
import dev.migrate.load.ChangelogLoader;
import dev.migrate.locks.LockTable;
import dev.migrate.execute.Migrator;
import dev.migrate.execute.RunSource;
import dev.migrate.execute.Plan;
import dev.migrate.execute.Planner;
import dev.migrate.execute.RunSettings;
import dev.migrate.execute.ScriptWriter;
import dev.migrate.execute.Timeouts;
import dev.migrate.execute.TransactionMode;
import dev.migrate.execute.VersionTables;
import dev.migrate.graph.RevisionGraph;
import dev.migrate.graph.Target;
import dev.migrate.introspect.Introspector;
import dev.migrate.introspect.ModelNormalizer;
import dev.migrate.introspect.SchemaDiff;
import dev.migrate.render.PostgresRenderer;
import dev.migrate.schema.Replay;
import dev.migrate.schema.SchemaModel;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample a newcomer runs, end to end on a real PostgreSQL: upgraded, its schema equals
 * the model; downgraded to base and upgraded again, it equals the first upgrade; and the
 * offline script of {@code migrate:sql}, applied to an empty database, makes the same schema.
 */
class SampleRoundTripTest {

  private static final Set<QualifiedName> STATE_TABLES =
      Set.of(new QualifiedName("public", "migrate_version"), new QualifiedName("public", "migrate_history"));

  private static EmbeddedDatabase server;
  private static Changelog changelog;
  private static RevisionGraph graph;
  private static Replay replay;

  @BeforeAll
  static void start() {
    server = EmbeddedDatabase.fresh(line -> {});
    changelog = SampleChangelogTest.load();
    graph = RevisionGraph.of(changelog.revisions());
    replay = Replay.of(changelog, graph);
    assertThat(replay.diagnostics()).isEmpty();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void upgradeDowngradeToBaseAndUpgrade_leavesTheSameSchema_equalToTheModel() throws Exception {
    try (Connection connection = database("round_trip")) {
      Migrator migrator = new Migrator(connection, RunSettings.defaults("test"), event -> {});
      migrator.upgrade(RunSource.of(graph, () -> replay), Target.parse("head"));
      SchemaModel first = introspect(connection);
      assertThat(SchemaDiff.failures(SchemaDiff.between(new ModelNormalizer(connection).normalize(replay.finalModel()), first)))
          .as("the upgraded database equals the changelog's model").isEmpty();

      migrator.downgrade(RunSource.of(graph, () -> replay), Target.parse("base"));
      SchemaModel atBase = introspect(connection);
      assertThat(atBase.tables()).as("nothing of the changelog is left at base").isEmpty();
      assertThat(migrator.current(graph)).isEmpty();

      migrator.upgrade(RunSource.of(graph, () -> replay), Target.parse("head"));
      assertThat(SchemaDiff.between(first, introspect(connection))).isEmpty();
      assertThat(migrator.current(graph)).extracting(h -> h.revision()).containsExactly("a8b9c0d1e216");
    }
  }

  @Test
  void offlineScript_appliedToAnEmptyDatabase_makesTheSchemaTheMigratorMakes() throws Exception {
    RunSettings settings = RunSettings.defaults("test");
    // with the lock notes, as migrate:sql writes it
    Plan plan = Planner.plan(graph.upgrade(List.of(), Target.parse("head")), () -> replay, new PostgresRenderer(18),
        Timeouts.none(), LockTable.load(18));
    String script = new ScriptWriter(settings.tables(), TransactionMode.REVISION, "test").write(plan);
    assertThat(new ScriptWriter(settings.tables(), TransactionMode.REVISION, "test").write(plan))
        .as("byte-identical on a second run").isEqualTo(script);
    assertThat(script).as("later revisions alter tables earlier ones made").contains("\n-- locks public.");

    SchemaModel fromScript;
    try (Connection connection = database("from_script")) {
      connection.setAutoCommit(true);
      try (Statement statement = connection.createStatement()) {
        for (String sql : statements(script)) {
          statement.execute(sql);
        }
      }
      fromScript = introspect(connection);
    }
    try (Connection connection = database("from_migrator")) {
      new Migrator(connection, settings, event -> {}).upgrade(RunSource.of(graph, () -> replay), Target.parse("head"));
      assertThat(SchemaDiff.between(introspect(connection), fromScript)).isEmpty();
    }
  }

  /** A new database on the shared server, with the declared existing types, as the embedded default makes them. */
  @Test
  void upgradeFromOutlines_appliesTheFullRevisions_andANoOpNeverAsksForThem(@TempDir Path cache) throws Exception {
    Map<String, String> values = Map.of("support_email", "support@example.com");
    new ChangelogLoader(values, cache).load(SampleChangelogTest.SAMPLE); // an earlier run fills the cache
    Changelog outline = new ChangelogLoader(values, cache).outline(SampleChangelogTest.SAMPLE);
    RevisionGraph outlineGraph = RevisionGraph.of(outline.revisions());
    assertThat(outline.revisions()).allSatisfy(r -> assertThat(r.upgrade()).isEmpty());
    AtomicInteger fullAsked = new AtomicInteger();
    RunSource source = new RunSource() {
      @Override
      public RevisionGraph graph() {
        return outlineGraph;
      }

      @Override
      public RevisionGraph fullGraph() {
        fullAsked.incrementAndGet();
        return graph;
      }

      @Override
      public Replay replay() {
        return replay;
      }
    };

    try (Connection connection = database("from_outlines")) {
      Migrator migrator = new Migrator(connection, RunSettings.defaults("test"), event -> {});
      assertThat(migrator.upgrade(source, Target.parse("head")).size()).isEqualTo(changelog.revisions().size());
      assertThat(SchemaDiff.failures(SchemaDiff.between(new ModelNormalizer(connection).normalize(replay.finalModel()),
          introspect(connection)))).isEmpty();
      int asked = fullAsked.get();

      assertThat(migrator.upgrade(source, Target.parse("head")).isEmpty()).isTrue();
      assertThat(fullAsked.get()).as("nothing to run: the outlines were enough, checksums included").isEqualTo(asked);
      try (Statement statement = connection.createStatement();
          var rows = statement.executeQuery("SELECT revision, checksum FROM migrate_history")) {
        while (rows.next()) {
          assertThat(rows.getString(2)).isEqualTo(graph.revision(rows.getString(1)).checksum())
              .isEqualTo(outlineGraph.revision(rows.getString(1)).checksum());
        }
      }
    }
  }

  private static Connection database(String name) throws Exception {
    try (Connection admin = server.target().open()) {
      OwnerRole.createDatabase(admin, name);
    }
    String url = server.target().url().replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
    Connection connection = new dev.migrate.config.JdbcTarget(url, OwnerRole.NAME, null, name).open();
    EmbeddedDatabase.createMissingEnums(connection, changelog.existingTypes());
    return connection;
  }

  private static SchemaModel introspect(Connection connection) {
    return new Introspector(connection).read("public", List.of(), STATE_TABLES);
  }

  /**
   * The script's statements one by one, as psql sends them: every statement the script
   * writer prints ends a line with a semicolon, and the sample has no semicolon at a line's
   * end inside a literal. (One multi-statement string would put CREATE INDEX CONCURRENTLY in
   * an implicit transaction block, which PostgreSQL refuses.)
   */
  /** The script's statements: each ends with a line ending in ";", outside a dollar-quoted function body. */
  private static List<String> statements(String script) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    String openTag = null;
    for (String line : script.split("\n")) {
      if (line.startsWith("--") && current.length() == 0) {
        continue;
      }
      current.append(line).append('\n');
      java.util.regex.Matcher tag = java.util.regex.Pattern.compile("\\$[A-Za-z_0-9]*\\$").matcher(line);
      while (tag.find()) {
        openTag = openTag == null ? tag.group() : openTag.equals(tag.group()) ? null : openTag;
      }
      if (openTag == null && line.endsWith(";")) {
        out.add(current.toString().trim());
        current.setLength(0);
      }
    }
    return out;
  }
}
