package dev.migrate.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.changelog.Changelog;
import dev.migrate.changelog.Operation;
import dev.migrate.changelog.OperationKind;
import dev.migrate.graph.RevisionGraph;
import dev.migrate.load.Diagnostic;
import dev.migrate.schema.Replay;
import dev.migrate.schema.SchemaModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SchemaChanges and RevisionWriter on models alone: the revision written from one model to
 * another, in YAML and in XML, loads and replays over the first to exactly the second. Here
 * for functions, procedures and triggers, both ways (created, then dropped).
 */
class SchemaChangesTest {

  private static final Path ROUTINES = Path.of("src/test/resources/generate/routines");

  @TempDir
  Path dir;

  @Test
  void between_functionsProceduresAndTriggersAdded_writesThemAfterTheirTablesAndReplaysToTheTarget()
      throws Exception {
    Changelog changelog = GenerateFixture.load(ROUTINES);
    Replay replay = Replay.of(changelog, RevisionGraph.of(changelog.revisions()));
    SchemaModel head = replay.modelAfter("r1");
    SchemaModel target = replay.modelAfter("r2");

    GeneratedRevision revision = SchemaChanges.between(head, target);

    assertThat(revision.operations()).extracting(Operation::kind).containsExactly(OperationKind.CREATE_FUNCTION,
        OperationKind.CREATE_PROCEDURE, OperationKind.CREATE_FUNCTION, OperationKind.CREATE_TRIGGER);
    assertReplaysTo(revision, "r1", target);
  }

  @Test
  void between_functionsProceduresAndTriggersRemoved_dropsTriggersBeforeTheirFunctions() throws Exception {
    Changelog changelog = GenerateFixture.load(ROUTINES);
    Replay replay = Replay.of(changelog, RevisionGraph.of(changelog.revisions()));

    GeneratedRevision revision = SchemaChanges.between(replay.modelAfter("r2"), replay.modelAfter("r1"));

    assertThat(revision.operations()).extracting(Operation::kind).containsExactly(OperationKind.DROP_TRIGGER,
        OperationKind.DROP_FUNCTION, OperationKind.DROP_PROCEDURE, OperationKind.DROP_FUNCTION);
    assertReplaysTo(revision, "r2", replay.modelAfter("r1"));
  }

  /** Written in YAML and in XML on top of {@code parent}, each replays to {@code target}. */
  private void assertReplaysTo(GeneratedRevision revision, String parent, SchemaModel target) throws Exception {
    RevisionWriter.Header header = new RevisionWriter.Header("g1", List.of(parent), "generated", "a model");
    for (String spelling : List.of("yaml", "xml")) {
      Path changelogDir = Files.createDirectory(dir.resolve(spelling));
      Files.copy(ROUTINES.resolve("r1_items.yaml"), changelogDir.resolve("r1_items.yaml"));
      if (parent.equals("r2")) {
        Files.copy(ROUTINES.resolve("r2_functions.yaml"), changelogDir.resolve("r2_functions.yaml"));
      }
      String text = spelling.equals("yaml") ? RevisionWriter.yaml(header, revision) : RevisionWriter.xml(header, revision);
      Files.writeString(changelogDir.resolve("g1_generated." + spelling), text);
      Changelog changelog = GenerateFixture.load(changelogDir);
      Replay replay = Replay.of(changelog, RevisionGraph.of(changelog.revisions()));
      assertThat(replay.diagnostics()).as(text).extracting(Diagnostic::toString).isEmpty();
      assertThat(replay.modelAfter("g1")).as(text).isEqualTo(target);
      assertThat(replay.downgradeOperations("g1")).as(text).isNotEmpty();
    }
  }
}
