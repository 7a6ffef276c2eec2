package dev.migrate.schema;

import dev.migrate.changelog.Checksum;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.changelog.Changelog;
import dev.migrate.changelog.QualifiedName;
import dev.migrate.changelog.Revision;
import dev.migrate.graph.RevisionGraph;
import dev.migrate.load.ChangelogLoader;
import dev.migrate.load.Diagnostic;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chat-support sample replays clean, and every revision of it has a downgrade. */
class SampleReplayTest {

  private static final Path SAMPLE = Path.of("src-samples/chat-support/src/main/migrations");

  @Test
  void sample_replaysWithoutProblems() {
    Changelog changelog = new ChangelogLoader(Map.of("support_email", "support@example.com"), null).load(SAMPLE);
    RevisionGraph graph = RevisionGraph.of(changelog.revisions());

    Replay replay = Replay.of(changelog, graph);

    assertThat(replay.diagnostics()).extracting(Diagnostic::toString).isEmpty();
    assertThat(replay.finalModel().table(QualifiedName.parse("users"))).isPresent();
    assertThat(replay.finalModel().enumType(QualifiedName.parse("replytype"))).isPresent();
    for (Revision revision : changelog.revisions()) {
      assertThat(replay.downgradeOf(revision.id())).as(revision.id()).isNotNull();
      assertThat(Checksum.of(revision)).startsWith("1:").hasSize(66);
    }
  }
}
