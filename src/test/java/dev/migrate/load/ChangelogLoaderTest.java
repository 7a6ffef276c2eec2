package dev.migrate.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.migrate.changelog.Change;
import dev.migrate.changelog.Changelog;
import dev.migrate.changelog.Column;
import dev.migrate.changelog.ColumnType;
import dev.migrate.changelog.Downgrade;
import dev.migrate.changelog.ExistingType;
import dev.migrate.changelog.IndexElement;
import dev.migrate.changelog.Checksum;
import dev.migrate.changelog.Operation;
import dev.migrate.changelog.QualifiedName;
import dev.migrate.changelog.Revision;
import dev.migrate.changelog.Value;
import dev.migrate.graph.HistoryFormatter;
import dev.migrate.graph.RevisionGraph;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangelogLoaderTest {

  private static final Path SAMPLE = Path.of("src-samples/chat-support/src/main/migrations");
  private static final Map<String, String> SAMPLE_VALUES = Map.of("support_email", "help@example.com");

  @TempDir
  Path dir;

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }

  private Changelog load(Map<String, String> placeholders) {
    return new ChangelogLoader(placeholders, null).load(dir);
  }

  private List<Diagnostic> problems(Map<String, String> placeholders) {
    return catchThrowableOfType(ChangelogException.class, () -> load(placeholders)).diagnostics();
  }

  @Test
  void load_specExample_mapsToModel() throws IOException {
    write("a1b2c3d4e5f6_add_new_features.yaml", """
        revision: a1b2c3d4e5f6
        down-revision: 0c9d8e7f6a5b
        message: add new features table
        upgrade:
          - create-table:
              name: new_features
              columns:
                - { name: id, type: integer, identity: by-default, primary-key: true }
                - { name: name, type: varchar, nullable: false }
                - { name: is_active, type: boolean, nullable: false, default: true }
                - { name: created_at, type: timestamptz, default: { sql: "now()" } }
          - create-index: { name: ix_new_features_name, table: new_features, columns: [name] }
        """);

    Revision revision = load(Map.of()).revisions().get(0);

    assertThat(revision.id()).isEqualTo("a1b2c3d4e5f6");
    assertThat(revision.downRevisions()).containsExactly("0c9d8e7f6a5b");
    assertThat(revision.message()).isEqualTo("add new features table");
    assertThat(revision.transactional()).isTrue();
    assertThat(revision.downgrade()).isEqualTo(Downgrade.derived());
    assertThat(revision.upgradeOperations()).containsExactly(
        new Operation.CreateTable(QualifiedName.unqualified("new_features"), List.of(
            new Column("id", ColumnType.parse("integer"), true, null, dev.migrate.changelog.Identity.BY_DEFAULT, true,
                false, null, null, null),
            new Column("name", ColumnType.parse("varchar"), false, null, null, false, false, null, null, null),
            new Column("is_active", ColumnType.parse("boolean"), false, new Value.Bool(true), null, false, false, null,
                null, null),
            new Column("created_at", ColumnType.parse("timestamp with time zone"), true, Value.sql("now()"), null,
                false, false, null, null, null)),
            null, List.of(), List.of(), List.of(), false, null, Map.of()),
        new Operation.CreateIndex("ix_new_features_name", QualifiedName.unqualified("new_features"),
            List.of(IndexElement.column("name")), false, false, null, null, List.of(), false, Map.of()));
    Change index = revision.upgrade().get(1);
    assertThat(index.at().line()).isEqualTo(12);
    assertThat(index.at().column()).isEqualTo(5);
    assertThat(index.at().file()).isEqualTo(dir.resolve("a1b2c3d4e5f6_add_new_features.yaml"));
  }

  @Test
  void load_yaml12Scalars_keepsIdsAndYesNoAsText() throws IOException {
    write("r.yaml", """
        revision: 0123
        down-revision: 1234e56
        depends-on: [0007]
        message: yes
        lock-timeout: 500ms
        statement-timeout: 2min
        upgrade:
          - insert: { table: flags, rows: [ { name: on, enabled: true, ratio: 0.50, code: 0x1F, octal: 0o17 } ] }
        """);

    Revision revision = load(Map.of()).revisions().get(0);

    assertThat(revision.id()).isEqualTo("0123");
    assertThat(revision.downRevisions()).containsExactly("1234e56");
    assertThat(revision.dependsOn()).containsExactly("0007");
    assertThat(revision.message()).isEqualTo("yes");
    assertThat(revision.lockTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(revision.statementTimeout()).isEqualTo(Duration.ofMinutes(2));
    Operation.Insert insert = (Operation.Insert) revision.upgradeOperations().get(0);
    assertThat(insert.rows().get(0)).containsExactly(
        Map.entry("name", Value.text("on")), Map.entry("enabled", new Value.Bool(true)),
        Map.entry("ratio", Value.Number.of("0.50")), Map.entry("code", Value.Number.of("31")),
        Map.entry("octal", Value.Number.of("15")));
  }

  @Test
  void load_existingTypes_declaresEnums() throws IOException {
    write("existing-types.yaml", """
        existing-types:
          - enum: replytype
            values: [text, flex]
          - { enum: billing.status, values: [open] }
        """);

    Changelog changelog = load(Map.of());

    assertThat(changelog.revisions()).isEmpty();
    assertThat(changelog.existingTypes()).extracting(ExistingType::name, ExistingType::values).containsExactly(
        org.assertj.core.groups.Tuple.tuple(QualifiedName.unqualified("replytype"), List.of("text", "flex")),
        org.assertj.core.groups.Tuple.tuple(new QualifiedName("billing", "status"), List.of("open")));
  }

  @Test
  void load_placeholders_replacedInStringsWithEscape() throws IOException {
    write("r.yaml", """
        revision: "r1"
        message: seed
        upgrade:
          - insert: { table: config, rows: [ { key: mail, value: "${support_email}", raw: "$${support_email}" } ] }
        """);

    Operation.Insert insert = (Operation.Insert) load(Map.of("support_email", "help@example.com"))
        .revisions().get(0).upgradeOperations().get(0);

    assertThat(insert.rows().get(0).get("value")).isEqualTo(Value.text("help@example.com"));
    assertThat(insert.rows().get(0).get("raw")).isEqualTo(Value.text("${support_email}"));
  }

  @Test
  void load_nulInANameADefaultACommentOrSql_isALocatedErrorEach() throws IOException {
    Path file = write("r.yaml", """
        revision: "r1"
        message: nul
        upgrade:
          - create-table:
              name: "us\\0ers"
              columns:
                - { name: id, type: integer, default: 1 }
                - { name: note, type: text, default: "a\\x00b" }
          - comment: { table: t, text: "c\\u0000" }
          - sql: "SELECT '\\0'"
        """);

    List<Diagnostic> problems = problems(Map.of());

    assertThat(problems).extracting(Diagnostic::code).containsOnly("nul-character");
    assertThat(problems).extracting(d -> d.at().line()).containsExactly(5, 8, 9, 10);
    assertThat(problems).allSatisfy(d -> assertThat(d.at().file()).isEqualTo(file));
    assertThat(problems.get(0).message()).contains("U+0000", "remove it");
  }

  @Test
  void load_nulFromAPlaceholderOrInAnSqlFile_isALocatedError() throws IOException {
    write("r.yaml", """
        revision: "r1"
        message: nul
        upgrade:
          - insert: { table: t, rows: [ { v: "${value}" } ] }
          - sql: { file: r.sql }
        """);
    write("r.sql", "SELECT 1;\0\n");

    List<Diagnostic> problems = problems(Map.of("value", "x\0y"));

    assertThat(problems).extracting(Diagnostic::code).containsOnly("nul-character");
    assertThat(problems).extracting(d -> d.at().line()).containsExactly(4, 5);
  }

  @Test
  void graph_unknownDownRevisionOrDependsOn_isPlacedAtTheIdAsWritten_inYamlAndXml() throws IOException {
    write("r1.yaml", "revision: \"r1\"\nmessage: one\nupgrade: []\n");
    Path yaml = write("r2.yaml", "# second\nrevision: \"r2\"\ndown-revision: [ \"r1\", \"rx\" ]\nmessage: two\n"
        + "upgrade: []\n");
    Path xml = write("r3.xml", """
        <?xml version="1.0" encoding="UTF-8"?>
        <revision xmlns="urn:migrate:changelog:1" revision="r3"
                  down-revision="r2 ry" depends-on="rz">
          <message>three</message>
          <upgrade/>
        </revision>
        """);

    List<Diagnostic> problems = catchThrowableOfType(ChangelogException.class,
        () -> RevisionGraph.of(load(Map.of()).revisions())).diagnostics();

    assertThat(problems).extracting(d -> d.code() + " " + d.at()).containsExactly(
        "unknown-down-revision " + yaml + ":3:25",
        "unknown-down-revision " + xml + ":3:29",
        "unknown-depends-on " + xml + ":3:45");
  }

  @Test
  void graph_duplicateIdOrBranchLabel_isPlacedAtTheValueAsWritten() throws IOException {
    write("a.yaml", "revision: \"r1\"\nbranch-labels: [ core ]\nmessage: one\nupgrade: []\n");
    Path again = write("b.yaml", "message: again\nrevision: \"r1\"\nupgrade: []\n");
    Path label = write("c.yaml", "revision: \"r2\"\nmessage: two\nbranch-labels: [ extra, core ]\nupgrade: []\n");

    List<Diagnostic> problems = catchThrowableOfType(ChangelogException.class,
        () -> RevisionGraph.of(load(Map.of()).revisions())).diagnostics();

    assertThat(problems).extracting(d -> d.code() + " " + d.at()).containsExactly(
        "duplicate-revision " + again + ":2:12",
        "duplicate-branch-label " + label + ":3:25");
  }

  @Test
  void load_readsNestedDirectoriesInPathOrder_andLeavesDotFilesAndOtherFilesAlone() throws IOException {
    write("b/r2.yaml", "revision: \"r2\"\ndown-revision: \"r1\"\nmessage: two\nupgrade: []\n");
    write("a/r1.YML", "revision: \"r1\"\nmessage: one\nupgrade: []\n");
    write("c/d/r3.yaml", "revision: \"r3\"\ndown-revision: \"r2\"\nmessage: three\nupgrade: []\n");
    write(".git/r9.yaml", "not: a revision\n");
    write("b/.#r2.yaml", "broken: [\n");
    write("notes.txt", "not read\n");

    assertThat(new ChangelogLoader(Map.of(), null).load(dir).revisions()).extracting(Revision::id)
        .containsExactly("r1", "r2", "r3");
    assertThat(new ChangelogLoader(Map.of(), null).outline(dir).revisions()).extracting(Revision::id)
        .containsExactly("r1", "r2", "r3");
  }

  @Test
  void load_filesInSeveralDirectories_allProblemsReportedTogether() throws IOException {
    write("a/r1.yaml", "revision: \"r1\"\nmessage: one\nupgrade:\n  - drop-table: { nmae: t }\n");
    write("b/r2.yaml", "revision: \"r2\"\nmessage: two\nupgrade:\n  - drop-table: { name: t, cascade: yes }\n");

    List<Diagnostic> problems = problems(Map.of());

    assertThat(problems).extracting(Diagnostic::toString).containsExactly(
        dir.resolve("a/r1.yaml") + ":4:19: error: unknown key 'nmae'; did you mean 'name'? [unknown-key]",
        dir.resolve("b/r2.yaml") + ":4:28: error: 'cascade' must be true or false, found 'yes'; YAML 1.2 reads yes,"
            + " no, on and off as text, so write true or false [wrong-type]");
  }

  @Test
  void checksum_isTakenAsWritten_soEveryEnvironmentAgrees() throws IOException {
    write("r.yaml", """
        revision: "r1"
        message: seed
        upgrade:
          - insert: { table: config, rows: [ { key: mail, value: "${support_email}" } ] }
          - sql: { file: r_grant.sql }
        """);
    write("r_grant.sql", "GRANT SELECT ON config TO ${reader};\n");
    Path cache = cache();

    Revision staging = new ChangelogLoader(Map.of("support_email", "a@staging", "reader", "qa"), null)
        .load(dir).revisions().get(0);
    Revision production = new ChangelogLoader(Map.of("support_email", "help@example.com", "reader", "app"), cache)
        .load(dir).revisions().get(0);
    Revision productionAgain = new ChangelogLoader(Map.of("support_email", "help@example.com", "reader", "app"), cache)
        .load(dir).revisions().get(0);

    Operation.Insert insert = (Operation.Insert) production.upgradeOperations().get(0);
    assertThat(insert.rows().get(0).get("value")).isEqualTo(Value.text("help@example.com"));
    assertThat(((Operation.Sql) production.upgradeOperations().get(1)).up()).isEqualTo("GRANT SELECT ON config TO app;\n");
    assertThat(production.checksum()).isEqualTo(staging.checksum()).isEqualTo(productionAgain.checksum())
        .as("not the checksum of the replaced values").isNotEqualTo(Checksum.of(production));
  }

  @Test
  void checksum_changesWithTheSqlFileAsWritten() throws IOException {
    write("r.yaml", "revision: \"r1\"\nmessage: grant\nupgrade:\n  - sql: { file: r_grant.sql }\n");
    write("r_grant.sql", "GRANT SELECT ON config TO ${reader};\n");
    Path cache = cache();
    String before = new ChangelogLoader(Map.of("reader", "app"), cache).load(dir).revisions().get(0).checksum();

    write("r_grant.sql", "GRANT SELECT, INSERT ON config TO ${reader};\n");
    String after = new ChangelogLoader(Map.of("reader", "app"), cache).load(dir).revisions().get(0).checksum();

    assertThat(after).as("the cached entry of an unchanged revision file must not hide its sql file's change")
        .isNotEqualTo(before);
  }

  @Test
  void load_fromTheCache_givesTheSameChangelogAndDiagnosticsAsParsing() throws IOException {
    Path cache = cache();

    Changelog parsed = new ChangelogLoader(SAMPLE_VALUES, null).load(SAMPLE);
    Changelog first = new ChangelogLoader(SAMPLE_VALUES, cache).load(SAMPLE);
    Changelog cached = new ChangelogLoader(SAMPLE_VALUES, cache).load(SAMPLE);

    assertThat(ParseCache.hashesIn(cache)).hasSize(parsed.revisions().size() + 1); // and the existing-types file
    assertThat(cached).isEqualTo(first).isEqualTo(parsed);
    for (int i = 0; i < parsed.revisions().size(); i++) {
      assertThat(cached.revisions().get(i).upgrade()).extracting(c -> c.at())
          .isEqualTo(parsed.revisions().get(i).upgrade().stream().map(c -> c.at()).toList());
    }

    // a model error, found after validation, keeps its place when the tree comes from the cache
    write("m.yaml", "revision: \"m1\"\nmessage: m\nupgrade:\n  - sql: { file: missing.sql }\n");
    List<Diagnostic> fresh = catchThrowableOfType(ChangelogException.class,
        () -> new ChangelogLoader(Map.of(), cache).load(dir)).diagnostics();
    List<Diagnostic> fromCache = catchThrowableOfType(ChangelogException.class,
        () -> new ChangelogLoader(Map.of(), cache).load(dir)).diagnostics();
    assertThat(fresh).singleElement().extracting(Diagnostic::code).isEqualTo("missing-file");
    assertThat(fromCache).isEqualTo(fresh);
  }

  @Test
  void load_withCacheDirectory_remembersOnlyValidFiles() throws IOException {
    Path valid = write("a/r1.yaml", "revision: \"r1\"\nmessage: one\nupgrade: []\n");
    write("b/r2.yaml", "revision: \"r2\"\nmessage: two\nupgrade: [ { drop-tabel: { name: t } } ]\n");
    Path cache = cache();

    List<Diagnostic> first = catchThrowableOfType(ChangelogException.class,
        () -> new ChangelogLoader(Map.of(), cache).load(dir)).diagnostics();
    List<Diagnostic> second = catchThrowableOfType(ChangelogException.class,
        () -> new ChangelogLoader(Map.of(), cache).load(dir)).diagnostics();

    assertThat(ParseCache.hashesIn(cache)).containsExactly(ParseCache.hash(Files.readAllBytes(valid)));
    assertThat(second).as("an invalid file is validated, and reported, every time").isEqualTo(first).hasSize(1);
  }

  @Test
  void outline_givesTheGraphsTextAsTheFullLoad_fromTheCacheOrNot() throws IOException {
    Path cache = cache();
    RevisionGraph full = RevisionGraph.of(new ChangelogLoader(SAMPLE_VALUES, null).load(SAMPLE).revisions());

    RevisionGraph uncached = RevisionGraph.of(new ChangelogLoader(SAMPLE_VALUES, cache).outline(SAMPLE).revisions());
    new ChangelogLoader(SAMPLE_VALUES, cache).load(SAMPLE); // fills the cache
    RevisionGraph cached = RevisionGraph.of(new ChangelogLoader(SAMPLE_VALUES, cache).outline(SAMPLE).revisions());

    for (RevisionGraph outline : List.of(uncached, cached)) {
      HistoryFormatter expected = new HistoryFormatter(full, List.of());
      HistoryFormatter actual = new HistoryFormatter(outline, List.of());
      assertThat(actual.history(false)).isEqualTo(expected.history(false));
      assertThat(actual.heads(false)).isEqualTo(expected.heads(false));
      assertThat(actual.branches(false)).isEqualTo(expected.branches(false)).isNotBlank();
    }
  }

  @Test
  void outline_nothingCachedYet_readsEveryFileOnceInFullAndKeepsThem() throws IOException {
    write("r1.yaml", "revision: \"r1\"\nmessage: one\nupgrade: [ { create-table: { name: t, columns: [ { name: id,"
        + " type: int } ] } } ]\n");
    Path cache = cache();
    ChangelogLoader loader = new ChangelogLoader(Map.of(), cache);

    List<Revision> outline = loader.outline(dir).revisions();

    assertThat(loader.outlinedInFull()).isTrue();
    assertThat(outline).singleElement().extracting(r -> r.upgrade().size()).isEqualTo(1);
    assertThat(ParseCache.hashesIn(cache)).as("kept for the next run").hasSize(1);
    ChangelogLoader second = new ChangelogLoader(Map.of(), cache);
    assertThat(second.outline(dir).revisions()).extracting(Revision::message).containsExactly("one");
    assertThat(second.outlinedInFull()).isFalse();
  }

  @Test
  void outline_aFileChangedSinceTheCache_isReadAndCheckedInFull() throws IOException {
    write("r1.yaml", "revision: \"r1\"\nmessage: one\nupgrade: []\n");
    Path cache = cache();
    new ChangelogLoader(Map.of(), cache).load(dir);

    write("r1.yaml", "revision: \"r1\"\nmessage: one, renamed\nupgrade: []\n");
    assertThat(new ChangelogLoader(Map.of(), cache).outline(dir).revisions()).extracting(Revision::message)
        .containsExactly("one, renamed");

    write("r2.yaml", "revision: \"r2\"\ndown-revision: \"r1\"\nmessage: two\nupgrade: [ { drop-tabel: { name: t } } ]\n");
    assertThat(catchThrowableOfType(ChangelogException.class, () -> new ChangelogLoader(Map.of(), cache).outline(dir))
        .diagnostics()).extracting(Diagnostic::code).containsExactly("unknown-key");
  }

  @Test
  void outline_fromTheCache_keepsMessagesAndLabelsExactly() throws IOException {
    write("r1.yaml", "revision: \"r1\"\nbranch-labels: [core]\nmessage: \"tab\\there, comma; back\\\\slash \\\\t\"\nupgrade: []\n");
    Path cache = cache();
    Revision full = new ChangelogLoader(Map.of(), cache).load(dir).revisions().get(0);

    Revision outline = new ChangelogLoader(Map.of(), cache).outline(dir).revisions().get(0);

    assertThat(full.message()).isEqualTo("tab\there, comma; back\\slash \\t");
    assertThat(outline.message()).isEqualTo(full.message());
    assertThat(outline.branchLabels()).isEqualTo(full.branchLabels()).containsExactly("core");
    assertThat(outline.checksum()).isEqualTo(full.checksum());
  }

  @Test
  void load_aDamagedCache_isReadAround() throws IOException {
    Path cache = cache();
    Changelog parsed = new ChangelogLoader(SAMPLE_VALUES, cache).load(SAMPLE);
    try (var files = Files.list(cache)) {
      for (Path file : files.toList()) {
        List<String> lines = Files.readAllLines(file);
        lines.set(0, lines.get(0).substring(0, lines.get(0).length() / 2)); // a line cut short
        Files.write(file, lines);
      }
    }

    assertThat(new ChangelogLoader(SAMPLE_VALUES, cache).load(SAMPLE)).isEqualTo(parsed);
    assertThat(new ChangelogLoader(SAMPLE_VALUES, cache).outline(SAMPLE).revisions()).extracting(Revision::id)
        .containsExactlyElementsOf(parsed.revisions().stream().map(Revision::id).toList());
  }

  /** A cache directory beside the changelog directory. */
  private Path cache() {
    return dir.resolveSibling(dir.getFileName() + "-cache");
  }
}
