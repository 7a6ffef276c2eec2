package dev.migrate.lint;

import dev.migrate.changelog.Operation;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code index-not-concurrent}: create-index or drop-index without {@code concurrently} on a
 * table that existed before, when the measured form for the target major blocks writes.
 */
final class IndexNotConcurrent implements Rule {

  private static final About ABOUT = new About("index-not-concurrent", Severity.WARNING,
      "create-index or drop-index on an existing table without concurrently",
      "Without CONCURRENTLY, building an index holds a lock that blocks every INSERT, UPDATE and DELETE on the"
          + " table until the whole index is built, and dropping one waits for and then blocks every query on it"
          + " (both measured per PostgreSQL major). Write concurrently: true in a revision of its own with"
          + " transactional: false (CONCURRENTLY cannot run inside a transaction block).");

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
      if (step.operation() instanceof Operation.CreateIndex op && !op.concurrently()) {
        verb = "create-index";
        name = op.name();
      } else if (step.operation() instanceof Operation.DropIndex op && !op.concurrently()) {
        verb = "drop-index";
        name = op.name().name();
      } else {
        continue;
      }
      MeasuredOperation.of(revision, step).filter(MeasuredOperation::blocksWrites).ifPresent(m ->
          drafts.add(Draft.on(step, verb + " " + name + " without concurrently " + m.fact() + ", so writes wait"
              + (verb.equals("create-index") ? " for the whole index build." : " until it is done."),
              "Write " + verb + " " + name + " with concurrently: true in a revision of its own with"
              + " transactional: false.")));
    }
    return drafts;
  }
}
