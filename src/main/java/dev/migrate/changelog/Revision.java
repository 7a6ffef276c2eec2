package dev.migrate.changelog;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One revision file: a node of the revision graph and the operations that move the schema
 * across it.
 *
 * @param downRevisions the parents: empty for a base, two or more for a merge point
 * @param lockTimeout per-revision {@code lock-timeout}, or null for the run's setting
 * @param statementTimeout per-revision {@code statement-timeout}, or null
 * @param at where the revision was written (its file, line 1)
 * @param checksum what the version history records and later runs compare ({@link Checksum}): the loader
 *     takes it over the file as written, placeholders unreplaced, so it holds in every environment
 */
public record Revision(String id, List<String> downRevisions, List<String> branchLabels, List<String> dependsOn,
    String message, boolean transactional, Preconditions preconditions, List<Change> upgrade,
    Downgrade downgrade, Duration lockTimeout, Duration statementTimeout, SourceSpan at, String checksum) {

  /**
   * Whether {@code id} is a revision id: 1 to 64 lowercase letters, digits and underscores. A
   * loop, not a regular expression: a no-op upgrade checks a thousand ids in a cold JVM.
   */
  public static boolean isValidId(String id) {
    if (id.isEmpty() || id.length() > 64) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c == '_')) {
        return false;
      }
    }
    return true;
  }

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
    checksum = checksum == null ? Checksum.of(transactional, preconditions, upgrade) : checksum;
  }

  /** A revision whose checksum is taken over this model, as it stands. */
  public Revision(String id, List<String> downRevisions, List<String> branchLabels, List<String> dependsOn,
      String message, boolean transactional, Preconditions preconditions, List<Change> upgrade,
      Downgrade downgrade, Duration lockTimeout, Duration statementTimeout, SourceSpan at) {
    this(id, downRevisions, branchLabels, dependsOn, message, transactional, preconditions, upgrade, downgrade,
        lockTimeout, statementTimeout, at, null);
  }

  /** This revision with the checksum of its file as written (the loader's, when placeholders were replaced). */
  public Revision withChecksum(String writtenChecksum) {
    return new Revision(id, downRevisions, branchLabels, dependsOn, message, transactional, preconditions, upgrade,
        downgrade, lockTimeout, statementTimeout, at, writtenChecksum);
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
