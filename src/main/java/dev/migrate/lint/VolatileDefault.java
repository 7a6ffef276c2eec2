package dev.migrate.lint;

import dev.migrate.changelog.Column;
import dev.migrate.changelog.Operation;
import dev.migrate.changelog.Value;
import dev.migrate.locks.OperationForm;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code volatile-default}: add-column on a table that existed before whose column makes
 * PostgreSQL compute a value per row, so the measured form rewrites the table: a default that
 * calls a volatile built-in function (the measured list of the target major), serial, identity
 * or a stored generated column. A constant default, or one that calls only non-volatile
 * functions such as {@code now()}, is stored once in the catalog and rewrites nothing.
 */
final class VolatileDefault implements Rule {

  private static final About ABOUT = new About("volatile-default", Severity.WARNING,
      "add-column with a volatile default, serial, identity or stored generated on an existing table",
      "A column whose default is volatile (random(), gen_random_uuid(), clock_timestamp(), nextval of a serial or"
          + " an identity) or that is stored generated gets a value computed for every existing row: PostgreSQL rewrites"
          + " the table under ACCESS EXCLUSIVE (measured per major). A constant default, or now(), is stored once and"
          + " rewrites nothing. Add the column without a default (or with a constant one), then alter-column to set"
          + " the default for new rows, and backfill the existing rows with update in batches.");

  @Override
  public About about() {
    return ABOUT;
  }

  @Override
  public List<Draft> check(RevisionScope revision) {
    List<Draft> drafts = new ArrayList<>();
    for (RevisionScope.Step step : revision.steps()) {
      if (!(step.operation() instanceof Operation.AddColumn op)) {
        continue;
      }
      for (Column column : op.columns()) {
        Operation alone = new Operation.AddColumn(op.table(), List.of(column), op.ifNotExists());
        MeasuredOperation measured = MeasuredOperation.of(revision, step, alone)
            .filter(m -> m.measured().rewritesTable()).orElse(null);
        if (measured != null) {
          drafts.add(Draft.on(step, "add-column " + column.name() + " "
              + what(column, measured.form().form(), revision) + " " + measured.fact() + ", so queries wait for the whole rewrite.", safeWay(column)));
          break; // one ALTER TABLE, one rewrite: one finding per operation
        }
      }
    }
    return drafts;
  }

  /** What about the column makes the measured form rewrite, told by the form. */
  private static String what(Column column, String form, RevisionScope revision) {
    switch (form) {
      case "add-column/stored-generated":
        return "as a stored generated column";
      case "add-column/identity":
        return "as an identity column";
      case "add-column/serial":
        return "as " + column.type() + " (a default of nextval, which is volatile)";
      case "add-column/volatile-default":
        String sql = ((Value.Expression) column.defaultValue()).sql();
        String function = OperationForm.calls(sql).stream().filter(revision.locks()::volatileFunction).findFirst()
            .orElseThrow();
        return "with default " + sql + ", which calls the volatile function " + function + ",";
      default:
        return "(" + form + ")";
    }
  }

  private static String safeWay(Column column) {
    if (column.generated() != null) {
      return "Add a plain column with add-column, backfill it with update in batches, and keep it current from"
          + " the application.";
    }
    if (column.identity() != null || column.type().isSerial()) {
      return "Add a plain column without a default with add-column, then alter-column to give it its identity or"
          + " default for new rows, and backfill the existing rows with update in batches.";
    }
    return "Add the column without a default (or with a constant one) with add-column, then alter-column to set"
        + " the default for new rows, and backfill the existing rows with update in batches.";
  }
}
