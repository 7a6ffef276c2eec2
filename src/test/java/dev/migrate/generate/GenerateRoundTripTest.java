package dev.migrate.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrate.MigrateException;
import dev.migrate.WorkloadW;
import dev.migrate.changelog.Change;
import dev.migrate.changelog.Changelog;
import dev.migrate.changelog.Operation;
import dev.migrate.changelog.OperationKind;
import dev.migrate.config.EmbeddedDatabase;
import dev.migrate.graph.RevisionGraph;
import dev.migrate.load.Diagnostic;
import dev.migrate.schema.Replay;
import dev.migrate.schema.Reversal;
import dev.migrate.schema.SchemaModel;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Autogenerate's baseline round trip (issue 10, items 3 and 4): a schema is loaded into a
 * database, autogenerate writes it as the first revision of an empty changelog, that file
 * loads with no diagnostic and a derivable downgrade, a fresh database upgraded with it
 * matches the first one (check finds nothing, and the raw catalogs are equal), the source
 * database stamped at the revision passes check, and a second autogenerate finds nothing.
 * The schemas: the sample changelog, W(100), and the PostgreSQL DDL that Quartz, Spring
 * Batch, Spring Integration and Spring Session ship in their jars.
 */
class GenerateRoundTripTest {

  private static final Path SAMPLE = Path.of("src-samples/chat-support/src/main/migrations");

  private static GenerateFixture fixture;

  @TempDir
  Path dir;

  @BeforeAll
  static void start() {
    fixture = new GenerateFixture();
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  static Stream<Arguments> publishedSchemas() {
    return Stream.of(
        Arguments.of("quartz 2.5.2", "/org/quartz/impl/jdbcjobstore/tables_postgres.sql", List.of()),
        Arguments.of("spring-batch-core 6.0.6", "/org/springframework/batch/core/schema-postgresql.sql", List.of()),
        Arguments.of("spring-integration-jdbc 7.1.2", "/org/springframework/integration/jdbc/schema-postgresql.sql",
            List.of()),
        Arguments.of("spring-session-jdbc 4.0.4", "/org/springframework/session/jdbc/schema-postgresql.sql",
            List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("publishedSchemas")
  void baseline_publishedSchema_roundTripsWithNoDifference(String project, String resource, List<String> notExpressed)
      throws Exception {
    String script;
    try (InputStream in = getClass().getResourceAsStream(resource)) {
      assertThat(in).as("%s in the test class path", resource).isNotNull();
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try (Connection source = fixture.newDatabase()) {
      GenerateFixture.runScript(source, script);
      GeneratedRevision revision = baselineRoundTrip(source);
      assertThat(revision.notExpressed()).as(project).isEqualTo(notExpressed);
    }
  }

  @Test
  void baseline_sampleChangelogDatabase_roundTripsWithNoDifference() throws Exception {
    Changelog sample = GenerateFixture.load(SAMPLE);
    try (Connection source = fixture.newDatabase()) {
      EmbeddedDatabase.createMissingEnums(source, sample.existingTypes());
      GenerateFixture.upgrade(source, sample, "heads");
      GeneratedRevision revision = baselineRoundTrip(source);
      assertThat(revision.notExpressed()).isEmpty();
      assertThat(revision.operations()).extracting(op -> op.kind())
          .contains(OperationKind.CREATE_ENUM, OperationKind.CREATE_TABLE, OperationKind.CREATE_INDEX,
              OperationKind.ADD_FOREIGN_KEY);
    }
  }

  @Test
  void baseline_w100_roundTripsWithNoDifference() throws Exception {
    Path w = Files.createDirectory(dir.resolve("w"));
    WorkloadW.write(w, 100);
    Changelog changelog = GenerateFixture.load(w);
    try (Connection source = fixture.newDatabase()) {
      GenerateFixture.upgrade(source, changelog, "head");
      GeneratedRevision revision = baselineRoundTrip(source);
      assertThat(revision.operations()).filteredOn(op -> op.kind() == OperationKind.CREATE_TABLE).hasSize(100);
      assertThat(revision.operations()).filteredOn(op -> op.kind() == OperationKind.ADD_FOREIGN_KEY).hasSize(99);
    }
  }

  @Test
  void apply_desiredSchemaWithAFailingStatement_namesFileAndLine() throws Exception {
    Path schema = dir.resolve("schema.sql");
    Files.writeString(schema, """
        \\restrict abc
        create table a (id int);

        create function f() returns int as $$ select 1; $$ language sql;
        create table b (
          email citext
        );
        """);
    try (Connection scratch = fixture.newDatabase()) {
      assertThatThrownBy(() -> DesiredSchema.apply(scratch, schema)).isInstanceOf(MigrateException.class)
          .satisfies(e -> assertThat(((MigrateException) e).code()).isEqualTo("desired-failed"))
          .hasMessageStartingWith(schema + ":5:1: error: type \"citext\" does not exist")
          .hasMessageContaining("(SQLSTATE 42704)");
    }
  }

  /** The baseline steps and their checks; the revision autogenerate wrote. */
  private GeneratedRevision baselineRoundTrip(Connection source) throws Exception {
    Path changelogDir = Files.createDirectories(dir.resolve("changelog"));
    GeneratedRevision revision = GenerateFixture.autogenerate(source).against(SchemaModel.empty("public"));
    assertThat(revision.isEmpty()).isFalse();
    Path file = GenerateFixture.write(changelogDir, "a1b2c3d4e5f6", List.of(), "baseline", revision);
    Changelog changelog = GenerateFixture.load(changelogDir);
    RevisionGraph graph = RevisionGraph.of(changelog.revisions());
    Replay replay = Replay.of(changelog, graph);
    assertThat(replay.diagnostics()).as(Files.readString(file)).extracting(Diagnostic::toString).isEmpty();
    assertThat(replay.downgradeOf("a1b2c3d4e5f6")).isInstanceOf(Reversal.Operations.class);
    // the XML spelling of the same revision loads to the same operations
    Path xmlDir = Files.createDirectories(dir.resolve("xml"));
    String xml = RevisionWriter.xml(new RevisionWriter.Header("a1b2c3d4e5f6", List.of(), "baseline", "a test database"),
        revision);
    Files.writeString(xmlDir.resolve("a1b2c3d4e5f6_baseline.xml"), xml);
    assertThat(operations(GenerateFixture.load(xmlDir))).as(xml).isEqualTo(operations(changelog));

    try (Connection fresh = fixture.newDatabase()) {
      GenerateFixture.upgrade(fresh, changelog, "head");
      assertThat(GenerateFixture.check(fresh, changelog).failures()).as(Files.readString(file)).isEmpty();
      assertThat(GenerateFixture.catalog(fresh)).as(Files.readString(file))
          .containsExactlyElementsOf(GenerateFixture.catalog(source));
      GenerateFixture.downgrade(fresh, changelog, "base");
      assertThat(GenerateFixture.catalog(fresh)).noneMatch(line -> line.startsWith("table "));
    }

    GenerateFixture.stamp(source, changelog, "head");
    assertThat(GenerateFixture.check(source, changelog).failures()).isEmpty();
    assertThat(GenerateFixture.autogenerate(source).against(replay.finalModel()).isEmpty()).isTrue();
    return revision;
  }

  private static List<Operation> operations(Changelog changelog) {
    return changelog.revisions().get(0).upgrade().stream().map(Change::operation).toList();
  }
}
