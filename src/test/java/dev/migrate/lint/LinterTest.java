package dev.migrate.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    public About about() {
      return new About("every-operation", Severity.ERROR, "every operation", "none");
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

  private LintReport lintChangelog(List<Rule> rules, java.util.Map<String, Severity> severities) {
    var changelog = new dev.migrate.load.ChangelogLoader(java.util.Map.of(), null).load(dir);
    var graph = dev.migrate.graph.RevisionGraph.of(changelog.revisions());
    return new Linter(new LintSettings(18, severities, true), rules)
        .lint(changelog, graph, dev.migrate.schema.Replay.of(changelog, graph));
  }

  @Test
  void lintChangelog_acknowledgeNamingNoRule_failsAtTheOperationWithTheNearestRule() {
    LintFixture fixture = new LintFixture(dir).revision("one",
        "- create-table: {name: users, columns: [{name: id, type: bigint}]}",
        "- create-index: {name: ix_users_id, table: users, columns: [id], acknowledge: [every-operatoin],"
            + " reason: \"typo\"}");

    assertThatThrownBy(() -> lintChangelog(List.of(EVERY_OPERATION), java.util.Map.of()))
        .isInstanceOf(dev.migrate.load.ChangelogException.class)
        .satisfies(e -> assertThat(((dev.migrate.load.ChangelogException) e).diagnostics()).singleElement()
            .satisfies(d -> {
              assertThat(d.code()).isEqualTo("unknown-lint-rule");
              assertThat(d.at()).isEqualTo(SourceSpan.of(fixture.fileOf(1), 6, 5));
              assertThat(d.message()).contains("'every-operatoin'").contains("did you mean every-operation?");
            }));
  }

  @Test
  void lintChangelog_replayErrorOfAnotherKind_failsAsValidateDoes() {
    new LintFixture(dir).revision("one", "- drop-table: {name: nowhere}");

    assertThatThrownBy(() -> lintChangelog(List.of(EVERY_OPERATION), java.util.Map.of()))
        .isInstanceOf(dev.migrate.load.ChangelogException.class);
  }

  /** A rule with the id of a replay error that finds nothing itself: the replay's error becomes its finding. */
  private static final Rule CONCURRENTLY = new KeyRule("concurrently-in-transaction", Severity.ERROR, "no-such-key");

  @Test
  void lintChangelog_replayErrorWithARulesId_isThatRulesFindingInItsRevision() {
    LintFixture fixture = new LintFixture(dir)
        .revision("one", "- create-table: {name: users, columns: [{name: id, type: bigint}]}")
        .revision("two", "- create-index: {name: ix_users_id, table: users, columns: [id], concurrently: true}");

    LintReport report = lintChangelog(List.of(CONCURRENTLY), java.util.Map.of());

    assertThat(report.findings()).singleElement().satisfies(f -> {
      assertThat(f.rule()).isEqualTo("concurrently-in-transaction");
      assertThat(f.revision()).isEqualTo("r2");
      assertThat(f.at()).isEqualTo(SourceSpan.of(fixture.fileOf(2), 5, 5));
      assertThat(f.risk()).contains("set transactional: false");
    });
    assertThat(report.failed()).isTrue();
  }

  @Test
  void lintChangelog_replayErrorWithARulesIdThatIsOff_isNeitherAFindingNorAFailure() {
    new LintFixture(dir)
        .revision("one", "- create-table: {name: users, columns: [{name: id, type: bigint}]}")
        .revision("two", "- create-index: {name: ix_users_id, table: users, columns: [id], concurrently: true}");

    LintReport report =
        lintChangelog(List.of(CONCURRENTLY), java.util.Map.of("concurrently-in-transaction", Severity.OFF));

    assertThat(report.findings()).isEmpty();
  }

  @Test
  void lintChangelog_ruleFindsTheReplayErrorItself_reportsItOnce() {
    new LintFixture(dir)
        .revision("one", "- create-table: {name: users, columns: [{name: id, type: bigint}]}")
        .revision("two", "- create-index: {name: ix_users_id, table: users, columns: [id], concurrently: true}");
    Rule findsIt = new KeyRule("concurrently-in-transaction", Severity.ERROR, "create-index");

    LintReport report = lintChangelog(List.of(findsIt), java.util.Map.of());

    assertThat(report.findings()).singleElement().extracting(Finding::risk).isEqualTo("The create-index is risky.");
  }
}
