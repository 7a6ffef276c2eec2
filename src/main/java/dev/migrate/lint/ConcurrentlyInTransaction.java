package dev.migrate.lint;

import dev.migrate.changelog.Operation;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code concurrently-in-transaction}: create-index, drop-index or refresh-materialized-view
 * with {@code concurrently} in a transactional revision. PostgreSQL refuses CONCURRENTLY inside
 * a transaction block. The replay reports the same as a validation error with this code; the
 * rule makes it a lint finding too, with its severity and SARIF entry.
 */
final class ConcurrentlyInTransaction implements Rule {

  static final String ID = "concurrently-in-transaction";

  private static final About ABOUT = new About(ID, Severity.ERROR,
      "concurrently in a transactional revision",
      "CREATE INDEX CONCURRENTLY, DROP INDEX CONCURRENTLY and REFRESH MATERIALIZED VIEW CONCURRENTLY cannot run"
          + " inside a transaction block, so PostgreSQL refuses the revision. Put the operation in a revision of its"
          + " own with transactional: false (one statement per revision keeps a failure easy to resume).");

  @Override
  public About about() {
    return ABOUT;
  }

  @Override
  public List<Draft> check(RevisionScope revision) {
    if (!revision.revision().transactional()) {
      return List.of();
    }
    List<Draft> out = new ArrayList<>();
    for (RevisionScope.Step step : revision.steps()) {
      String what = concurrently(step.operation());
      if (what != null) {
        out.add(Draft.on(step, what + " with concurrently: true cannot run in a transactional revision: PostgreSQL"
            + " refuses CONCURRENTLY inside a transaction block.",
            "Move " + what + " into a revision of its own with transactional: false."));
      }
    }
    return out;
  }

  /** The operation's key when it asks for concurrently, else null. */
  private static String concurrently(Operation operation) {
    if (operation instanceof Operation.CreateIndex op && op.concurrently()) {
      return "create-index " + op.name();
    }
    if (operation instanceof Operation.DropIndex op && op.concurrently()) {
      return "drop-index " + op.name();
    }
    if (operation instanceof Operation.RefreshMaterializedView op && op.concurrently()) {
      return "refresh-materialized-view " + op.name();
    }
    return null;
  }
}
