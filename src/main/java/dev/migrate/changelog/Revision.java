package dev.migrate.changelog;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One revision file: a node of the revision graph and the operations that move the schema
 * across it.
 *
 * @param downRevisions the parents: empty for a base, two or more for a merge point
 * @param lockTimeout per-revision {@code lock-timeout}, or null for the run's setting
 * @param statementTimeout per-revision {@code statement-timeout}, or null
 * @param at where the revision was written (its file, line 1)
 */
public record Revision(String id, List<String> downRevisions, List<String> branchLabels, List<String> dependsOn,
    String message, boolean transactional, Preconditions preconditions, List<Change> upgrade,
    Downgrade downgrade, Duration lockTimeout, Duration statementTimeout, SourceSpan at) {

  /** Revision ids: lowercase letters, digits and underscores, at most 64. */
  public static final Pattern ID = Pattern.compile("[0-9a-z_]{1,64}");

  /** Words that name targets and so cannot be revision ids. */
  public static final List<String> RESERVED_IDS = List.of("head", "heads", "base");

  public Revision {
    Objects.requireNonNull(id, "id");
    downRevisions = List.copyOf(downRevisions);
    branchLabels = List.copyOf(branchLabels);
    dependsOn = List.copyOf(dependsOn);
    Objects.requireNonNull(message, "message");
    preconditions = preconditions == null ? Preconditions.none() : preconditions;
    upgrade = List.copyOf(upgrade);
    downgrade = downgrade == null ? Downgrade.derived() : downgrade;
  }

  public boolean isBase() {
    return downRevisions.isEmpty();
  }

  public boolean isMergePoint() {
    return downRevisions.size() > 1;
  }

  /** The operations of the upgrade, without their places. */
  public List<Operation> upgradeOperations() {
    return upgrade.stream().map(Change::operation).toList();
  }
}
