package dev.migrate.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.changelog.Changelog;
import dev.migrate.graph.RevisionGraph;
import dev.migrate.load.ChangelogLoader;
import dev.migrate.schema.Replay;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LintTextTest {

  @TempDir
  Path project;

  /** Two revisions in {@code project/src/main/migrations}: a table, then a drop of one column and of the table. */
  static LintReport report(Path project, Map<String, Severity> severities) throws Exception {
    Path dir = Files.createDirectories(project.resolve("src/main/migrations"));
    new LintFixture(dir)
        .revision("create",
            "- create-table: {name: users, columns: [{name: id, type: bigint}, {name: fax, type: text}]}")
        .revision("drop",
            "- drop-column: {table: users, name: fax, acknowledge: [drop-it], reason: \"unused since 2024\"}",
            "- drop-table: {name: users}");
    Changelog changelog = new ChangelogLoader(Map.of(), null).load(dir);
    RevisionGraph graph = RevisionGraph.of(changelog.revisions());
    return new Linter(new LintSettings(18, severities, true), RULES)
        .lint(changelog, graph, Replay.of(changelog, graph));
  }

  static final List<Rule> RULES = List.of(new KeyRule("drop-it", Severity.ERROR, "drop-column"),
      new KeyRule("drop-table-too", Severity.WARNING, "drop-table"),
      new KeyRule("quiet", Severity.INFO, "rename-table"));

  @Test
  void of_findings_printsOneCompilerStyleLinePerFindingRelativeToTheProjectThenTheSummary() throws Exception {
    String text = LintText.of(report(project, Map.of()), project);

    assertThat(text).isEqualTo("""
        src/main/migrations/r2.yaml:5:5: error: The drop-column is risky; do the safe thing [drop-it] \
        acknowledged: unused since 2024
        src/main/migrations/r2.yaml:6:5: warning: The drop-table is risky; do the safe thing [drop-table-too]
        ok: 0 errors, 1 warning, 0 info, 1 acknowledged in 2 revisions
        """);
  }

  @Test
  void summary_anUnacknowledgedError_saysFailedAndCountsIt() throws Exception {
    LintReport report = report(project, Map.of("drop-table-too", Severity.ERROR));

    assertThat(LintText.summary(report))
        .isEqualTo("failed: 1 error, 0 warnings, 0 info, 1 acknowledged in 2 revisions");
  }

  @Test
  void of_fileOutsideTheProject_isPrintedAsItIs() throws Exception {
    Path elsewhere = project.resolve("elsewhere");
    LintReport report = report(project, Map.of());

    assertThat(LintText.of(report, elsewhere)).startsWith(project.resolve("src/main/migrations/r2.yaml") + ":5:5: ");
  }
}
