package dev.migrate.execute;

import dev.migrate.changelog.Revision;
import dev.migrate.graph.Direction;
import dev.migrate.graph.Step;
import java.util.List;
import java.util.Objects;

/**
 * One revision of a plan, ready to send: its step through the graph, its statements in
 * order, whether it runs inside a transaction, its timeouts and its checksum.
 */
public record PlannedRevision(Step step, List<PlannedStatement> statements, boolean transactional,
    Timeouts timeouts, String checksum, String message) {

  public PlannedRevision {
    Objects.requireNonNull(step, "step");
    statements = List.copyOf(statements);
    Objects.requireNonNull(timeouts, "timeouts");
    Objects.requireNonNull(checksum, "checksum");
    Objects.requireNonNull(message, "message");
  }

  public Revision revision() {
    return step.revision();
  }

  public String id() {
    return step.revision().id();
  }

  public Direction direction() {
    return step.direction();
  }

  /** {@code 8b1c -> 3f2a} for an upgrade, {@code 3f2a -> 8b1c} for a downgrade, as Alembic prints it. */
  public String arrow() {
    String parents = String.join(", ", revision().downRevisions());
    return direction() == Direction.UP ? (parents + " -> " + id()).strip() : (id() + " -> " + parents).strip();
  }
}
