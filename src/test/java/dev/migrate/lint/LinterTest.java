package dev.migrate.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.changelog.SourceSpan;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinterTest {

  @TempDir
  Path dir;

  /** A rule that flags every operation, to test what the linter adds around rules. */
  private static final Rule EVERY_OPERATION = new Rule() {
    public String id() {
      return "every-operation";
    }

    public Severity defaultSeverity() {
      return Severity.ERROR;
    }

    public String summary() {
      return "every operation";
    }

    public String help() {
      return "none";
    }

    public List<Draft> check(RevisionScope revision) {
      return revision.steps().stream().map(s -> Draft.on(s, "risk", "safe way")).toList();
    }
  };

  private LintReport lint(LintFixture fixture, LintSettings settings) {
    var changelog = new dev.migrate.load.ChangelogLoader(java.util.Map.of(), null).load(dir);
    var graph = dev.migrate.graph.RevisionGraph.of(changelog.revisions());
    return new Linter(settings, List.of(EVERY_OPERATION)).lint(graph, dev.migrate.schema.Replay.of(changelog, graph));
  }

  @Test
  void lint_findingOnAnOperation_carriesItsFileLineAndColumnAndRevision() {
    LintFixture fixture = new LintFixture(dir)
        .revision("one", "- create-table: {name: users, columns: [{name: id, type: bigint}]}")
        .revision("two", "- add-column: {table: users, columns: [{name: email, type: text}]}");

    LintReport report = lint(fixture, new LintSettings(18, java.util.Map.of(), true));

    assertThat(report.findings()).extracting(Finding::revision, Finding::at).containsExactly(
        org.assertj.core.groups.Tuple.tuple("r1", SourceSpan.of(fixture.fileOf(1), 5, 5)),
        org.assertj.core.groups.Tuple.tuple("r2", SourceSpan.of(fixture.fileOf(2), 5, 5)));
    assertThat(report.failed()).isTrue();
  }

  @Test
  void lint_acknowledgedWithAReason_isReportedAcknowledgedAndDoesNotFail() {
    LintFixture fixture = new LintFixture(dir).revision("one",
        "- create-table: {name: users, columns: [{name: id, type: bigint}], acknowledge: [every-operation],"
            + " reason: \"tested\"}");

    LintReport report = lint(fixture, new LintSettings(18, java.util.Map.of(), true));

    assertThat(report.findings()).singleElement().satisfies(f -> {
      assertThat(f.acknowledged()).isTrue();
      assertThat(f.acknowledgement()).isEqualTo("tested");
    });
    assertThat(report.failed()).isFalse();
  }

  @Test
  void lint_ruleConfiguredOff_doesNotRun() {
    LintFixture fixture = new LintFixture(dir).revision("one",
        "- create-table: {name: users, columns: [{name: id, type: bigint}]}");

    LintReport report = lint(fixture, new LintSettings(18, java.util.Map.of("every-operation", Severity.OFF), true));

    assertThat(report.findings()).isEmpty();
    assertThat(report.rules()).isEmpty();
  }

  @Test
  void lint_ruleConfiguredWarning_doesNotFail() {
    LintFixture fixture = new LintFixture(dir).revision("one",
        "- create-table: {name: users, columns: [{name: id, type: bigint}]}");

    LintReport report = lint(fixture, new LintSettings(18, java.util.Map.of("every-operation", Severity.WARNING), true));

    assertThat(report.findings()).singleElement().extracting(Finding::severity).isEqualTo(Severity.WARNING);
    assertThat(report.failed()).isFalse();
  }
}
