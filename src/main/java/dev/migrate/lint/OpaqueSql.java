package dev.migrate.lint;

import dev.migrate.changelog.Operation;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code opaque-sql}: an {@code sql} operation. The model cannot follow what it does, so lint
 * judges nothing inside it, check and verify may miss what it made, and its downgrade is only
 * what the author wrote.
 */
final class OpaqueSql implements Rule {

  static final String ID = "opaque-sql";

  private static final About ABOUT = new About(ID, Severity.WARNING,
      "sql operation: the model cannot follow it",
      "The schema model cannot see what an sql operation does: lint cannot judge its locks or drops, check"
          + " and verify cannot compare what it made, and no downgrade is derived for it. Write it as operations"
          + " (create-table, add-column, create-index, update, ...) where one exists; otherwise give it a down and"
          + " acknowledge: [opaque-sql] with a reason.");

  @Override
  public About about() {
    return ABOUT;
  }

  @Override
  public List<Draft> check(RevisionScope revision) {
    List<Draft> out = new ArrayList<>();
    for (RevisionScope.Step step : revision.steps()) {
      if (step.operation() instanceof Operation.Sql op) {
        out.add(Draft.on(step, "the model cannot follow this sql" + (op.file() != null ? " (" + op.file() + ")" : "")
            + ": lint, check and verify do not see what it changes"
            + (op.down() == null ? ", and it has no down to undo it." : "."),
            "Write it as operations where one exists (create-table, add-column, create-index, update, ...);"
                + " otherwise " + (op.down() == null ? "give it a down and " : "")
                + "acknowledge: [opaque-sql] with a reason."));
      }
    }
    return out;
  }
}
