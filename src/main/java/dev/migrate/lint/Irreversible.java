package dev.migrate.lint;

import dev.migrate.changelog.Downgrade;
import dev.migrate.schema.Replay;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code irreversible}: a revision whose round trip cannot be tested, because it says
 * {@code downgrade: irreversible}, or because its downgrade is derived and an operation has no
 * inverse the model can derive (add-enum-value, a drop with cascade, a narrowing type change,
 * ...). A written downgrade, whatever it holds, is the author's answer and passes.
 */
final class Irreversible implements Rule {

  static final String ID = "irreversible";

  private static final About ABOUT = new About(ID, Severity.WARNING,
      "downgrade: irreversible, or an operation with no derivable inverse",
      "A revision that cannot be downgraded cannot have its round trip tested by verify, and a release that"
          + " goes wrong cannot be rolled back past it. Write the downgrade that undoes it (downgrade: [operations]),"
          + " even a partial one such as downgrade: [] for a value that may stay; keep downgrade: irreversible only"
          + " for a revision that truly cannot be undone, acknowledged with a reason.");

  @Override
  public About about() {
    return ABOUT;
  }

  @Override
  public List<Draft> check(RevisionScope revision) {
    Downgrade downgrade = revision.revision().downgrade();
    if (downgrade instanceof Downgrade.Irreversible) {
      return List.of(new Draft(revision.at(), null, "revision " + revision.revision().id() + " says downgrade:"
          + " irreversible, so verify cannot test its round trip and no downgrade can pass it.",
          "Write the operations that undo it as downgrade: [...]; if it truly cannot be undone, keep it and"
              + " acknowledge: [irreversible] with a reason on one of its operations."));
    }
    if (!(downgrade instanceof Downgrade.Derived)) {
      return List.of();
    }
    List<Draft> out = new ArrayList<>();
    for (RevisionScope.Step step : revision.steps()) {
      Replay.irreversibleBecause(step.operation(), step.before(), step.after()).ifPresent(reason ->
          out.add(Draft.on(step, reason + ", so the revision's downgrade cannot be derived and verify cannot test"
              + " its round trip.", "Write the revision's downgrade: [...] with the operations that undo it"
              + " (downgrade: [] when what it added may stay), or say downgrade: irreversible and acknowledge it.")));
    }
    return out;
  }
}
