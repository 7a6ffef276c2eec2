package dev.migrate.lint;

import dev.migrate.changelog.Operation;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code rename}: rename-table and rename-column of a table that existed before the revision.
 * The application deployed when the migration runs still uses the old name, and fails from the
 * commit until the new code is out. A table the revision created is no one's yet.
 */
final class Rename implements Rule {

  static final String ID = "rename";

  private static final About ABOUT = new About(ID, Severity.WARNING,
      "rename-table or rename-column: running code still uses the old name",
      "A rename takes effect at commit, but the application that is running still uses the old name, so its"
          + " queries fail until the new code is deployed. For a table, rename-table and create-view under the old"
          + " name (a simple view accepts writes) in the same revision, and drop-view once no code uses the old name."
          + " For a column, add-column the new one, write both from code, fill it with update, switch reads, then"
          + " drop-column the old one in a later revision.");

  @Override
  public About about() {
    return ABOUT;
  }

  @Override
  public List<Draft> check(RevisionScope revision) {
    List<Draft> out = new ArrayList<>();
    for (RevisionScope.Step step : revision.steps()) {
      if (step.operation() instanceof Operation.RenameTable op && step.existing(op.from())) {
        out.add(Draft.on(step, "rename-table " + op.from() + " to " + op.to() + " breaks running code that still"
            + " uses " + op.from().name() + ", from the commit until the new code is deployed.",
            "Keep the old name working: create-view " + op.from() + " with query SELECT * FROM "
                + op.from().withName(op.to())
                + " in the same revision, and drop-view it in a later one once no code uses it."));
      } else if (step.operation() instanceof Operation.RenameColumn op && step.existing(op.table())) {
        out.add(Draft.on(step, "rename-column " + op.table() + "." + op.from() + " to " + op.to() + " breaks running"
            + " code that still uses " + op.from() + ", from the commit until the new code is deployed.",
            "add-column " + op.to() + ", write both columns from code, fill " + op.to() + " with update, switch"
                + " reads to it, then drop-column " + op.from() + " in a later revision."));
      }
    }
    return out;
  }
}
