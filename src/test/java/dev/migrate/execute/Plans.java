package dev.migrate.execute;

import dev.migrate.changelog.Change;
import dev.migrate.changelog.Revision;
import dev.migrate.graph.Direction;
import dev.migrate.graph.Step;
import java.util.ArrayList;
import java.util.List;

/** Plans made by hand from revisions of raw SQL, for tests of the sinks that need no renderer. */
final class Plans {

  private Plans() {}

  /** An upgrade through the given chain of revisions, each of whose operations is raw SQL. */
  static Plan upgrade(Timeouts timeouts, Revision... revisions) {
    List<PlannedRevision> planned = new ArrayList<>();
    String head = null;
    for (Revision revision : revisions) {
      List<String> removed = head == null ? List.of() : List.of(head);
      planned.add(planned(revision, new Step(revision, Direction.UP, removed, List.of(revision.id())), timeouts));
      head = revision.id();
    }
    return new Plan(Direction.UP, planned, head == null ? List.of() : List.of(head));
  }

  static PlannedRevision planned(Revision revision, Step step, Timeouts timeouts) {
    List<PlannedStatement> statements = new ArrayList<>();
    for (Change change : revision.upgrade()) {
      statements.add(new PlannedStatement(((dev.migrate.changelog.Operation.Sql) change.operation()).up(),
          change.at()));
    }
    return new PlannedRevision(step, statements, revision.transactional(), timeouts.overriddenBy(revision),
        "1:" + revision.id(), revision.message());
  }
}
