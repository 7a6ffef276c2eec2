package dev.migrate.lint;

import dev.migrate.changelog.ColumnType;
import dev.migrate.changelog.Operation;
import dev.migrate.changelog.QualifiedName;
import dev.migrate.locks.OperationForm;
import dev.migrate.schema.TableColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code column-type-change}: alter-column {@code type} on a table that existed before, when
 * the measured form for the target major rewrites the table (integer to bigint, varchar
 * shrinking, text to varchar), quiet when it does not (varchar widening, varchar to text). A
 * change no form measured is reported too, saying so: PostgreSQL rewrites for a type change
 * unless the types are binary-coercible, which the model cannot tell.
 */
final class ColumnTypeChange implements Rule {

  private static final About ABOUT = new About("column-type-change", Severity.WARNING,
      "alter-column type that rewrites an existing table",
      "Changing a column's type rewrites the whole table under ACCESS EXCLUSIVE, blocking reads and writes,"
          + " unless the old type is binary-coercible to the new one (varchar widening, varchar to text: measured per"
          + " major, they do not). Add a new column of the new type, backfill it with update in batches, switch the"
          + " application to it, then drop-column the old one.");

  @Override
  public About about() {
    return ABOUT;
  }

  @Override
  public List<Draft> check(RevisionScope revision) {
    List<Draft> drafts = new ArrayList<>();
    for (RevisionScope.Step step : revision.steps()) {
      if (!(step.operation() instanceof Operation.AlterColumn op) || op.type() == null || !step.existing(op.table())) {
        continue;
      }
      QualifiedName table = step.before().qualify(op.table());
      Optional<ColumnType> from = step.before().table(table).flatMap(t -> t.column(op.name())).map(TableColumn::type);
      if (from.isEmpty() || from.get().equals(op.type())) {
        continue;
      }
      String change = "alter-column " + table + "." + op.name() + " from " + from.get() + " to " + op.type();
      String safeWay = "Add a new column of type " + op.type() + " with add-column, backfill it with update in"
          + " batches, switch the application to it, then drop-column " + op.name() + ".";
      Optional<String> form = op.using() == null ? OperationForm.typeChange(from.get(), op.type()) : Optional.empty();
      Optional<MeasuredOperation> measured =
          form.flatMap(f -> MeasuredOperation.measured(revision.locks(), new OperationForm(f, table, null)));
      if (measured.isEmpty()) {
        drafts.add(Draft.on(step, change + (op.using() == null ? "" : " using an expression")
            + " is a type change the lock table did not measure: PostgreSQL rewrites the table for a type change"
            + " unless the old type is binary-coercible to the new one.", safeWay));
      } else if (measured.get().readsTheTable()) {
        drafts.add(Draft.on(step, change + " " + measured.get().fact() + ", so queries wait for the whole rewrite.",
            safeWay));
      }
    }
    return drafts;
  }
}
