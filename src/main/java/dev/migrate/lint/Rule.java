package dev.migrate.lint;

import java.util.List;

/**
 * One rule of safety.md's lint table. A rule looks at one revision at a time, with the model
 * before and after each of its operations, and says what it found; the {@link Linter} adds the
 * severity, the acknowledgement and the order.
 */
public interface Rule {

  /** The id a user configures and acknowledges, e.g. {@code destructive-drop}. */
  String id();

  /** The severity when the configuration says nothing (decisions.md's defaults). */
  Severity defaultSeverity();

  /** What the rule finds, in one line (SARIF's shortDescription). */
  String summary();

  /** Why it matters and the safe way, in a few sentences (SARIF's fullDescription and help). */
  String help();

  /** The findings of this rule in one revision, in operation order. */
  List<Draft> check(RevisionScope revision);
}
