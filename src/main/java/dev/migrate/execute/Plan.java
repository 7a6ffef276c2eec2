package dev.migrate.execute;

import dev.migrate.graph.Direction;
import java.util.List;
import java.util.Objects;

/**
 * Everything a run will send, revision by revision, worked out before anything is sent. The
 * script of {@code migrate:sql} and a live run are two renderings of one plan.
 */
public record Plan(Direction direction, List<PlannedRevision> revisions, List<String> headsAfter) {

  public Plan {
    Objects.requireNonNull(direction, "direction");
    revisions = List.copyOf(revisions);
    headsAfter = List.copyOf(headsAfter);
  }

  public boolean isEmpty() {
    return revisions.isEmpty();
  }

  public int size() {
    return revisions.size();
  }
}
