package dev.migrate.lint;

import dev.migrate.changelog.Change;
import dev.migrate.changelog.SourceSpan;
import java.util.Objects;

/**
 * What a rule found, before the {@link Linter} gives it a severity: where, the risk in one
 * sentence, the safe way in one (naming the operations to write instead).
 *
 * @param at the operation's position (or the revision's, for a finding about the whole revision)
 * @param change the operation whose {@code acknowledge} list may acknowledge this finding; null
 *     for a finding about the whole revision, which any of its operations may acknowledge
 */
public record Draft(SourceSpan at, Change change, String risk, String safeWay) {

  public Draft {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(risk, "risk");
    Objects.requireNonNull(safeWay, "safeWay");
  }

  /** A finding on one operation, at its position. */
  public static Draft on(RevisionScope.Step step, String risk, String safeWay) {
    return new Draft(step.at(), step.change(), risk, safeWay);
  }
}
