package dev.migrate.lint;

import dev.migrate.changelog.Column;
import dev.migrate.changelog.Operation;
import dev.migrate.changelog.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code not-null-without-default}: add-column of a NOT NULL column with nothing to fill the
 * rows already there. PostgreSQL refuses it as soon as the table holds a row ("column contains
 * null values"). An identity, serial or stored generated column fills itself, and a table the
 * revision created holds no rows, so those pass.
 */
final class NotNullWithoutDefault implements Rule {

  static final String ID = "not-null-without-default";

  private static final About ABOUT = new About(ID, Severity.ERROR,
      "add-column with nullable: false and no default on a table that existed before",
      "A NOT NULL column without a default cannot be added to a table that holds rows: PostgreSQL fills the"
          + " new column with NULL and refuses it, so the migration that passed on an empty development database"
          + " fails in production. Add the column with nullable: true, fill it with update (in a revision of its"
          + " own), then make it NOT NULL: add-check-constraint (column IS NOT NULL) with not-valid,"
          + " validate-constraint, alter-column nullable: false; or give the column a default.");

  @Override
  public About about() {
    return ABOUT;
  }

  @Override
  public List<Draft> check(RevisionScope revision) {
    List<Draft> out = new ArrayList<>();
    for (RevisionScope.Step step : revision.steps()) {
      if (step.operation() instanceof Operation.AddColumn op && step.existing(op.table())) {
        for (Column column : op.columns()) {
          if (needsAValue(column)) {
            out.add(Draft.on(step, "add-column " + op.table() + "." + column.name() + " is NOT NULL with no default:"
                + " PostgreSQL refuses it on a table that holds rows, as each row would get NULL.",
                "Add " + column.name() + " with nullable: true, fill it with update, then add-check-constraint ("
                    + column.name() + " IS NOT NULL) with not-valid, validate-constraint and alter-column"
                    + " nullable: false; or give it a default."));
          }
        }
      }
    }
    return out;
  }

  /** NOT NULL (declared, or by a primary key) with nothing that fills existing rows. */
  private static boolean needsAValue(Column column) {
    boolean notNull = !column.nullable() || column.primaryKey();
    boolean noDefault = column.defaultValue() == null || column.defaultValue() instanceof Value.Null;
    return notNull && noDefault && column.identity() == null && column.generated() == null
        && !column.type().isSerial();
  }
}
