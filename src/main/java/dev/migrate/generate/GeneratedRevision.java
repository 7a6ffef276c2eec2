package dev.migrate.generate;

import dev.migrate.changelog.Operation;
import java.util.List;
import java.util.Objects;

/**
 * What autogenerate found: the operations of a new revision's upgrade, each with the comments
 * the file shows above it (a likely rename, say), and what the changelog cannot express at all.
 *
 * @param partialDowngrade null when the downgrade is derived from the upgrade, as usual; else
 *     the upgrade adds an enum value, which PostgreSQL cannot remove: the revision is written
 *     irreversible, and these operations (which undo everything else) are offered in a comment
 * @param notExpressed one line per object or change the model cannot hold, for the goal's
 *     output and the file's header
 */
public record GeneratedRevision(List<Step> upgrade, List<Operation> partialDowngrade, List<String> notExpressed) {

  public GeneratedRevision {
    upgrade = List.copyOf(upgrade);
    partialDowngrade = partialDowngrade == null ? null : List.copyOf(partialDowngrade);
    notExpressed = List.copyOf(notExpressed);
  }

  /** One operation of the upgrade and the comment lines written above it. */
  public record Step(Operation operation, List<String> comments) {
    public Step {
      Objects.requireNonNull(operation, "operation");
      comments = List.copyOf(comments);
    }
  }

  /** True when the live schema is the model's: nothing to write. */
  public boolean isEmpty() {
    return upgrade.isEmpty();
  }

  public List<Operation> operations() {
    return upgrade.stream().map(Step::operation).toList();
  }
}
