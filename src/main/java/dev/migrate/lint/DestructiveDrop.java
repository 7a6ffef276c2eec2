package dev.migrate.lint;

import dev.migrate.changelog.Operation;
import dev.migrate.changelog.QualifiedName;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code destructive-drop}: an operation that throws data away. A table or column the same
 * revision created holds nothing yet, so dropping it is quiet; every {@code delete} fires
 * (decisions.md), since its rows cannot come back with a downgrade.
 */
final class DestructiveDrop implements Rule {

  static final String ID = "destructive-drop";

  private static final String ACKNOWLEDGE = "acknowledge: [destructive-drop] and a reason";

  private static final About ABOUT = new About(ID, Severity.ERROR,
      "drop-table, drop-column, drop-schema, drop-enum or delete: data is lost",
      "Dropping a table, column, schema or enum, or deleting rows, loses data that no downgrade brings back,"
          + " and running application code that still uses the object fails. Stop using it in code and deploy that"
          + " first, keep a copy while you are unsure (rename-table it aside, or copy the rows), and when the drop is"
          + " intended say so on the operation: " + ACKNOWLEDGE + ".");

  @Override
  public About about() {
    return ABOUT;
  }

  @Override
  public List<Draft> check(RevisionScope revision) {
    List<Draft> out = new ArrayList<>();
    for (RevisionScope.Step step : revision.steps()) {
      Operation operation = step.operation();
      if (operation instanceof Operation.DropTable op && !createdHere(step, op.name())) {
        out.add(Draft.on(step, "drop-table removes table " + op.name() + " and every row in it"
            + (op.cascade() ? ", and with cascade whatever depends on it" : "")
            + "; a downgrade can bring the table back, never its rows.",
            "Stop using " + op.name() + " in code and deploy that first, keep its rows (rename-table it aside) until"
                + " you are sure, then drop it with " + ACKNOWLEDGE + "."));
      } else if (operation instanceof Operation.DropColumn op && !createdHere(step, op.table())) {
        out.add(Draft.on(step, "drop-column removes " + op.table() + "." + op.name() + " and its value in every row,"
            + " and running code that still reads or writes it fails.",
            "Stop reading and writing " + op.name() + " in code and deploy that first, then drop it in a later"
                + " revision with " + ACKNOWLEDGE + "."));
      } else if (operation instanceof Operation.DropSchema op) {
        out.add(Draft.on(step, "drop-schema removes schema " + op.name()
            + (op.cascade() ? " with every table, row and object in it" : " and whatever the model cannot see in it")
            + ".", "Drop the objects it holds one by one in earlier revisions (each reviewed), or, when the whole"
                + " schema is meant to go, keep the drop with " + ACKNOWLEDGE + "."));
      } else if (operation instanceof Operation.DropEnum op) {
        out.add(Draft.on(step, "drop-enum removes type " + op.name() + " and its values; data of that type is"
            + " gone once the columns using it are.",
            "Move the columns off " + op.name() + " first (alter-column type: text, or drop-column when the data is"
                + " no longer needed), then drop the type with " + ACKNOWLEDGE + "."));
      } else if (operation instanceof Operation.Delete op) {
        out.add(Draft.on(step, "delete removes the rows of " + op.table() + " where " + op.where()
            + "; no downgrade brings them back.",
            "Copy the rows to a backup table first (create-table, then sql INSERT ... SELECT) when you may need"
                + " them, and keep the delete with " + ACKNOWLEDGE + "."));
      }
    }
    return out;
  }

  /** A table this revision created: it holds no rows anyone else wrote. */
  private static boolean createdHere(RevisionScope.Step step, QualifiedName table) {
    return step.created().contains(step.before().qualify(table));
  }
}
