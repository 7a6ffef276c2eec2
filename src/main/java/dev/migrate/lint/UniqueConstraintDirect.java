package dev.migrate.lint;

import dev.migrate.changelog.Operation;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code unique-constraint-direct}: add-unique-constraint or add-primary-key without
 * {@code using-index} on a table that existed before, when the measured form builds its index
 * by reading the table under a lock that blocks writes.
 */
final class UniqueConstraintDirect implements Rule {

  private static final About ABOUT = new About("unique-constraint-direct", Severity.WARNING,
      "add-unique-constraint or add-primary-key on an existing table without using-index",
      "A unique constraint or primary key added directly builds its index while holding ACCESS EXCLUSIVE on the"
          + " table, so reads and writes wait for the whole build (measured per major). Build a unique index first"
          + " with create-index {unique: true, concurrently: true} in a revision with transactional: false, then attach"
          + " it with add-unique-constraint (or add-primary-key) using-index, which only takes the lock briefly.");

  @Override
  public About about() {
    return ABOUT;
  }

  @Override
  public List<Draft> check(RevisionScope revision) {
    List<Draft> drafts = new ArrayList<>();
    for (RevisionScope.Step step : revision.steps()) {
      String verb;
      String name;
      if (step.operation() instanceof Operation.AddUniqueConstraint op && op.usingIndex() == null) {
        verb = "add-unique-constraint";
        name = op.name();
      } else if (step.operation() instanceof Operation.AddPrimaryKey op && op.usingIndex() == null) {
        verb = "add-primary-key";
        name = op.name();
      } else {
        continue;
      }
      String named = name == null ? verb : verb + " " + name;
      String index = name == null ? "a new index" : name;
      MeasuredOperation.of(revision, step).filter(m -> m.readsTheTable() && m.blocksWrites()).ifPresent(m ->
          drafts.add(Draft.on(step, named + " " + m.fact() + ", so queries wait while its index is built.",
              "Write create-index " + index + " with unique: true and concurrently: true in a revision"
              + " with transactional: false, then " + verb + " with using-index: " + index + " in a later"
              + " revision.")));
    }
    return drafts;
  }
}
