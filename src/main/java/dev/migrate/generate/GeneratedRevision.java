package dev.migrate.generate;

import dev.migrate.changelog.Operation;
import java.util.List;
import java.util.Objects;

/**
 * What autogenerate found: the operations of a new revision's upgrade, each with the comments
 * the file shows above it (a likely rename, say), an explicit downgrade where the derived one
 * cannot be had (a new enum value stays), and what the changelog cannot express at all.
 *
 * @param downgrade null when the downgrade is derived from the upgrade, as usual
 * @param notExpressed one line per object or change the model cannot hold, for the goal's
 *     output and the file's header
 */
public record GeneratedRevision(List<Step> upgrade, List<Operation> downgrade, List<String> downgradeComments,
    List<String> notExpressed) {

  public GeneratedRevision {
    upgrade = List.copyOf(upgrade);
    downgrade = downgrade == null ? null : List.copyOf(downgrade);
    downgradeComments = List.copyOf(downgradeComments);
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
