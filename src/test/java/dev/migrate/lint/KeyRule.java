package dev.migrate.lint;

import java.util.List;

/**
 * A rule for tests of what surrounds rules (outputs, configuration): it flags every operation
 * written with one changelog key.
 *
 * <pre>
 * new KeyRule("drop-it", Severity.ERROR, "drop-column")
 * </pre>
 */
record KeyRule(String id, Severity defaultSeverity, String key) implements Rule {

  @Override
  public About about() {
    return new About(id, defaultSeverity, "every " + key, "A " + key + " is flagged. Write something else.");
  }

  @Override
  public List<Draft> check(RevisionScope revision) {
    return revision.steps().stream().filter(s -> s.operation().kind().key().equals(key))
        .map(s -> Draft.on(s, "The " + key + " is risky.", "Do the safe thing.")).toList();
  }
}
