package dev.migrate.lint;

import java.util.List;

/**
 * What lint found in a changelog. {@link LintText}, {@link LintJson} and {@link LintSarif}
 * print it.
 *
 * @param rules the rules that ran (severity not off), for SARIF's rule list
 * @param findings in revision order (topological), then operation order
 * @param revisions how many revisions were linted
 */
public record LintReport(List<Rule> rules, List<Finding> findings, int revisions) {

  public LintReport {
    rules = List.copyOf(rules);
    findings = List.copyOf(findings);
  }

  /** Whether an unacknowledged error fails the build. */
  public boolean failed() {
    return findings.stream().anyMatch(Finding::failsTheBuild);
  }

  /** How many findings of this severity nobody acknowledged. */
  public long count(Severity severity) {
    return findings.stream().filter(f -> f.severity() == severity && !f.acknowledged()).count();
  }

  /** How many findings an operation acknowledged, whatever their severity. */
  public long acknowledged() {
    return findings.stream().filter(Finding::acknowledged).count();
  }
}
