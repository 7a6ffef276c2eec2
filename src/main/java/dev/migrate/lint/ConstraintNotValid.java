package dev.migrate.lint;

import dev.migrate.changelog.Operation;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code constraint-not-valid}: add-foreign-key or add-check-constraint without
 * {@code not-valid} on a table that existed before, when the measured form for the target
 * major reads the whole table under a lock that blocks writes.
 */
final class ConstraintNotValid implements Rule {

  private static final About ABOUT = new About("constraint-not-valid", Severity.WARNING,
      "add-foreign-key or add-check-constraint on an existing table without not-valid",
      "Adding a foreign key or a check that is valid at once makes PostgreSQL check every row while it holds a"
          + " lock that blocks writes (measured per major). Add it with not-valid: true, which checks only new rows,"
          + " then validate-constraint in a later revision: validating scans the table under SHARE UPDATE EXCLUSIVE,"
          + " which lets reads and writes through.");

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
      if (step.operation() instanceof Operation.AddForeignKey op && !op.notValid()) {
        verb = "add-foreign-key";
        name = op.key().name();
      } else if (step.operation() instanceof Operation.AddCheckConstraint op && !op.notValid()) {
        verb = "add-check-constraint";
        name = op.name();
      } else {
        continue;
      }
      String named = name == null ? verb : verb + " " + name;
      MeasuredOperation.of(revision, step).filter(m -> m.readsTheTable() && m.blocksWrites()).ifPresent(m ->
          drafts.add(Draft.on(step, named + " " + m.fact() + ", so writes wait until every row is checked.",
              "Write " + verb + " with not-valid: true, then validate-constraint" + (name == null ? "" : " " + name)
              + " in a later revision.")));
    }
    return drafts;
  }
}
