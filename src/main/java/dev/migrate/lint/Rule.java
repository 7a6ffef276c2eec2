package dev.migrate.lint;

import java.util.List;

/**
 * One rule of safety.md's lint table. A rule looks at one revision at a time, with the model
 * before and after each of its operations, and says what it found; the {@link Linter} adds the
 * severity, the acknowledgement and the order.
 */
public interface Rule {

  /**
   * What a rule is, for the configuration, the reports and SARIF's rule list.
   *
   * @param id the id a user configures and acknowledges, e.g. {@code destructive-drop}
   * @param defaultSeverity the severity when the configuration says nothing (decisions.md's defaults)
   * @param summary what the rule finds, in one line (SARIF's shortDescription)
   * @param help why it matters and the safe way, in a few sentences (SARIF's fullDescription and help)
   */
  record About(String id, Severity defaultSeverity, String summary, String help) {}

  About about();

  default String id() {
    return about().id();
  }

  default Severity defaultSeverity() {
    return about().defaultSeverity();
  }

  default String summary() {
    return about().summary();
  }

  default String help() {
    return about().help();
  }

  /** The findings of this rule in one revision, in operation order. */
  List<Draft> check(RevisionScope revision);
}
