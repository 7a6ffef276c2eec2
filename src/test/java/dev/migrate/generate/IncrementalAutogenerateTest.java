package dev.migrate.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.changelog.Change;
import dev.migrate.changelog.Changelog;
import dev.migrate.changelog.Operation;
import dev.migrate.changelog.OperationKind;
import dev.migrate.changelog.Revision;
import dev.migrate.config.EmbeddedDatabase;
import dev.migrate.graph.RevisionGraph;
import dev.migrate.load.Diagnostic;
import dev.migrate.schema.Replay;
import dev.migrate.schema.Reversal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Autogenerate after changes made by hand on a database at the sample's head (issue 10, item
 * 5): one revision with exactly those changes, which takes a database at the previous head to
 * a schema check accepts, and after which a second autogenerate finds nothing.
 */
class IncrementalAutogenerateTest {

  private static final Path SAMPLE = Path.of("src-samples/chat-support/src/main/migrations");
  private static final String HEAD = "a8b9c0d1e216";

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

  /** The sample copied, so that the new revision can be written beside its revisions. */
  private Changelog copySample() throws Exception {
    try (Stream<Path> files = Files.list(SAMPLE)) {
      for (Path file : files.toList()) {
        Files.copy(file, dir.resolve(file.getFileName()));
      }
    }
    return GenerateFixture.load(dir);
  }

  @Test
  void against_manualTableColumnIndexEnumValueAndTrigger_writesExactlyThoseAndChecksClean() throws Exception {
    Changelog sample = copySample();
    try (Connection live = fixture.newDatabase()) {
      EmbeddedDatabase.createMissingEnums(live, sample.existingTypes());
      GenerateFixture.upgrade(live, sample, "heads");
      GenerateFixture.execute(live,
          "CREATE TABLE csat_reminders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
              + " session_id integer NOT NULL REFERENCES chat_sessions (id), sent_at timestamptz NOT NULL DEFAULT now())",
          "ALTER TABLE users ADD COLUMN locale varchar(8) NOT NULL DEFAULT 'ja'",
          "CREATE INDEX ix_users_locale ON users (locale)",
          "ALTER TYPE sessionstatus ADD VALUE 'PAUSED' AFTER 'ACTIVE'",
          "ALTER TABLE csat_reminders ADD COLUMN updated_at timestamptz",
          "CREATE TRIGGER csat_reminders_updated_at BEFORE UPDATE ON csat_reminders FOR EACH ROW"
              + " EXECUTE FUNCTION set_updated_at()");

      GeneratedRevision revision = GenerateFixture.autogenerate(live).against(GenerateFixture.headModel(sample));

      assertThat(revision.notExpressed()).isEmpty();
      assertThat(revision.operations()).extracting(Operation::kind).containsExactly(OperationKind.ADD_ENUM_VALUE,
          OperationKind.CREATE_TABLE, OperationKind.ADD_COLUMN, OperationKind.CREATE_INDEX,
          OperationKind.ADD_FOREIGN_KEY, OperationKind.CREATE_TRIGGER);
      assertThat(revision.operations().get(0))
          .isEqualTo(new Operation.AddEnumValue(dev.migrate.changelog.QualifiedName.unqualified("sessionstatus"),
              "PAUSED", null, "ACTIVE", true));
      Path file = GenerateFixture.write(dir, "b7c8d9e0f1a2", List.of(HEAD), "reminders and locale", revision);
      String text = Files.readString(file);
      assertThat(text)
          .contains("  - add-enum-value: { enum: sessionstatus, value: PAUSED, after: ACTIVE, if-not-exists: true }\n")
          .contains("  - create-index: { name: ix_users_locale, table: users, columns: [locale] }\n")
          .contains("{ name: locale, type: varchar(8), nullable: false, default: ja }")
          .contains("  - create-trigger:\n      name: csat_reminders_updated_at\n      table: csat_reminders\n"
              + "      timing: before\n      events: [update]\n      for-each: row\n      function: set_updated_at\n")
          .contains("# PostgreSQL cannot remove a value from an enum, so this revision cannot be downgraded")
          .contains("# downgrade:\n#   - drop-trigger: { name: csat_reminders_updated_at, table: csat_reminders }\n")
          .contains("#   - drop-table: { name: csat_reminders }\n")
          .endsWith("downgrade: irreversible\n");

      Changelog next = GenerateFixture.load(dir);
      Replay replay = Replay.of(next, RevisionGraph.of(next.revisions()));
      assertThat(replay.diagnostics()).extracting(Diagnostic::toString).as(text).isEmpty();
      // PostgreSQL cannot remove an enum value: written irreversible, not an irreversible-operation error
      assertThat(replay.downgradeOf("b7c8d9e0f1a2")).isInstanceOf(Reversal.Irreversible.class);

      try (Connection previous = fixture.newDatabase()) {
        EmbeddedDatabase.createMissingEnums(previous, sample.existingTypes());
        GenerateFixture.upgrade(previous, next, HEAD);
        GenerateFixture.upgrade(previous, next, "head");
        assertThat(GenerateFixture.check(previous, next).failures()).as(text).isEmpty();
        assertThat(GenerateFixture.catalog(previous)).containsExactlyElementsOf(GenerateFixture.catalog(live));
      }

      // the XML spelling loads to the same revision
      Path xmlDir = Files.createDirectory(dir.resolve("xml"));
      String xml = RevisionWriter.xml(new RevisionWriter.Header("b7c8d9e0f1a2", List.of(HEAD), "reminders and locale",
          "a test database"), revision);
      Files.writeString(xmlDir.resolve("b7c8d9e0f1a2.xml"), xml);
      Revision fromXml = GenerateFixture.load(xmlDir).revision("b7c8d9e0f1a2").orElseThrow();
      Revision fromYaml = next.revision("b7c8d9e0f1a2").orElseThrow();
      assertThat(fromXml.upgrade().stream().map(Change::operation).toList()).as(xml)
          .isEqualTo(fromYaml.upgrade().stream().map(Change::operation).toList());
      assertThat(fromXml.downgrade()).isEqualTo(fromYaml.downgrade());

      // the downgrade offered in the comment works: it undoes the rest, and the upgrade runs again
      Path usableDir = Files.createDirectory(dir.resolve("usable"));
      for (Path f : Files.list(dir).filter(Files::isRegularFile).toList()) {
        String content = Files.readString(f);
        if (f.equals(file)) {
          content = content.replace("downgrade: irreversible\n", "").replaceAll("(?m)^# (downgrade:|  - )", "$1");
        }
        Files.writeString(usableDir.resolve(f.getFileName()), content);
      }
      Changelog usable = GenerateFixture.load(usableDir);
      try (Connection previous = fixture.newDatabase()) {
        EmbeddedDatabase.createMissingEnums(previous, sample.existingTypes());
        GenerateFixture.upgrade(previous, usable, "head");
        GenerateFixture.downgrade(previous, usable, HEAD);
        assertThat(GenerateFixture.catalog(previous)).noneMatch(line -> line.contains("csat_reminders"))
            .noneMatch(line -> line.contains("locale"));
        GenerateFixture.upgrade(previous, usable, "head");
        assertThat(GenerateFixture.check(previous, usable).failures()).isEmpty();
      }

      GenerateFixture.stamp(live, next, "head");
      assertThat(GenerateFixture.check(live, next).failures()).isEmpty();
      assertThat(GenerateFixture.autogenerate(live).against(replay.finalModel()).isEmpty()).isTrue();
    }
  }

  @Test
  void against_columnDroppedAndAnotherAdded_writesDropAndAddWithTheRenameInAComment() throws Exception {
    Changelog sample = copySample();
    try (Connection live = fixture.newDatabase()) {
      EmbeddedDatabase.createMissingEnums(live, sample.existingTypes());
      GenerateFixture.upgrade(live, sample, "heads");
      GenerateFixture.execute(live, "ALTER TABLE canned_responses RENAME COLUMN title TO heading");

      GeneratedRevision revision = GenerateFixture.autogenerate(live).against(GenerateFixture.headModel(sample));

      assertThat(revision.operations()).extracting(Operation::kind)
          .containsExactly(OperationKind.DROP_COLUMN, OperationKind.ADD_COLUMN);
      assertThat(revision.upgrade().get(0).comments()).contains(
          "  - rename-column: { table: canned_responses, from: title, to: heading }");
    }
  }

  @Test
  void against_nothingChanged_findsNothing() throws Exception {
    Changelog sample = copySample();
    try (Connection live = fixture.newDatabase()) {
      EmbeddedDatabase.createMissingEnums(live, sample.existingTypes());
      GenerateFixture.upgrade(live, sample, "heads");

      assertThat(GenerateFixture.autogenerate(live).against(GenerateFixture.headModel(sample)).isEmpty()).isTrue();
    }
  }
}
