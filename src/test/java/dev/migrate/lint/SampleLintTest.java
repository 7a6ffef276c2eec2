package dev.migrate.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.changelog.Changelog;
import dev.migrate.graph.RevisionGraph;
import dev.migrate.load.ChangelogLoader;
import dev.migrate.schema.Replay;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sample binds lint to its build: with its pom's settings it passes, with nothing left to say. */
class SampleLintTest {

  private static final Path SAMPLE = Path.of("src-samples/chat-support/src/main/migrations");

  private static Changelog changelog() {
    return new ChangelogLoader(Map.of("support_email", "support@example.com"), null).load(SAMPLE);
  }

  private static LintReport lint(LintSettings settings) {
    Changelog changelog = changelog();
    RevisionGraph graph = RevisionGraph.of(changelog.revisions());
    return new Linter(settings).lint(changelog, graph, Replay.of(changelog, graph));
  }

  @Test
  void lint_sampleWithItsPomsSettings_passesWithNoFinding() {
    // as src-samples/chat-support/pom.xml configures it: lockTimeout 5s, prefer-text and prefer-bigint off
    LintReport report = lint(LintSettings.configured(18, Map.of("prefer-text", "off", "prefer-bigint", "off"), true,
        Rules.all()));

    assertThat(report.findings()).extracting(f -> LintText.line(f, Path.of(""))).isEmpty();
    assertThat(report.revisions()).isEqualTo(changelog().revisions().size());
  }

  @Test
  void lint_sampleWithTheDefaults_hasNoErrorOnEveryMajor() {
    for (int major = 14; major <= 18; major++) {
      LintReport report = lint(new LintSettings(major, Map.of(), false));

      assertThat(report.failed()).as("PostgreSQL %d", major).isFalse();
    }
  }
}
