package dev.migrate.lint;

import dev.migrate.changelog.Operation;
import dev.migrate.changelog.QualifiedName;
import dev.migrate.locks.OperationForm;
import dev.migrate.render.Sql;
import dev.migrate.schema.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code set-not-null}: alter-column {@code nullable: false} on a table that existed before,
 * when the measured form scans the table under a lock that blocks writes. A validated CHECK
 * that reads {@code col IS NOT NULL} makes it the validated-check form, which does not scan.
 */
final class SetNotNull implements Rule {

  private static final About ABOUT = new About("set-not-null", Severity.WARNING,
      "alter-column nullable: false on an existing table that scans it under lock",
      "SET NOT NULL reads every row to prove there is no NULL while it holds ACCESS EXCLUSIVE, unless a"
          + " validated CHECK (col IS NOT NULL) already proves it (measured per major). Add the check with"
          + " add-check-constraint {expression: \"col IS NOT NULL\", not-valid: true}, validate-constraint in a later"
          + " revision (it scans without blocking reads or writes), then alter-column nullable: false, which no longer"
          + " scans, and drop the check.");

  @Override
  public About about() {
    return ABOUT;
  }

  @Override
  public List<Draft> check(RevisionScope revision) {
    List<Draft> drafts = new ArrayList<>();
    for (RevisionScope.Step step : revision.steps()) {
      if (!(step.operation() instanceof Operation.AlterColumn op) || !Boolean.FALSE.equals(op.nullable())
          || !step.existing(op.table())) {
        continue;
      }
      QualifiedName name = step.before().qualify(op.table());
      Optional<Table> table = step.before().table(name);
      boolean alreadyNotNull = table.flatMap(t -> t.column(op.name())).map(c -> !c.nullable()).orElse(false);
      if (table.isEmpty() || alreadyNotNull) {
        continue;
      }
      String form = OperationForm.provenNotNull(table.get(), op.name()) ? "set-not-null/validated-check"
          : "set-not-null/plain";
      MeasuredOperation.measured(revision.locks(), new OperationForm(form, name, null))
          .filter(m -> m.readsTheTable() && m.blocksWrites())
          .ifPresent(m -> drafts.add(Draft.on(step, "alter-column " + op.name() + " nullable: false " + m.fact()
              + ", so queries wait while every row is checked for NULL (no validated CHECK ("
              + Sql.identifier(op.name()) + " IS NOT NULL) proves it first).",
              "Write add-check-constraint {expression: \"" + Sql.identifier(op.name()) + " IS NOT NULL\", not-valid:"
              + " true}, validate-constraint in a later revision, then alter-column nullable: false and"
              + " drop-constraint of the check.")));
    }
    return drafts;
  }
}
