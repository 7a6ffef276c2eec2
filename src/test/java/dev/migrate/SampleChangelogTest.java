package dev.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.changelog.Changelog;
import dev.migrate.graph.RevisionGraph;
import dev.migrate.load.ChangelogLoader;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chat-support sample a newcomer upgrades first: it must load and have the shape the README describes. */
class SampleChangelogTest {

  static final Path SAMPLE = Path.of("src-samples/chat-support/src/main/migrations");

  static Changelog load() {
    return new ChangelogLoader(Map.of("support_email", "support@example.com"), null).load(SAMPLE);
  }

  @Test
  void sample_loadsWithABranchAndItsMerge() {
    Changelog changelog = load();
    RevisionGraph graph = RevisionGraph.of(changelog.revisions());

    assertThat(changelog.revisions()).hasSize(16);
    assertThat(changelog.existingTypes()).extracting(t -> t.name().name()).containsExactly("replytype", "matchtype");
    assertThat(graph.heads()).containsExactly("a8b9c0d1e216");
    assertThat(graph.bases()).containsExactly("4c1e7a9b2d01");
    assertThat(graph.isBranchPoint("17a29de4b010")).isTrue();
    assertThat(graph.isMergePoint("5be6d128f414")).isTrue();
    // as in Alembic, a label's @head follows its branch through the merge
    assertThat(graph.branchHead("csat")).isEqualTo("a8b9c0d1e216");
    assertThat(changelog.revisions().stream().filter(r -> r.at().file().toString().endsWith(".xml"))).hasSize(4);
  }
}
