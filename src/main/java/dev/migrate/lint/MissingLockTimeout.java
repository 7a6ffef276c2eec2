package dev.migrate.lint;

import java.util.List;
import java.util.Optional;

/**
 * {@code missing-lock-timeout}: a revision with an operation on a table that existed before
 * whose measured form takes a lock that blocks reads or writes, when neither the revision's
 * {@code lock-timeout} nor the plugin's {@code lockTimeout} is set. One finding per revision,
 * at the first such operation.
 */
final class MissingLockTimeout implements Rule {

  private static final About ABOUT = new About("missing-lock-timeout", Severity.WARNING,
      "a revision takes a blocking lock on an existing table with no lock timeout",
      "A statement waiting for its lock behind a long query already holds its place in the queue: every query on"
          + " the table then waits behind it, for as long as the long query runs. With a lock timeout the statement"
          + " gives up instead (and lockRetries can retry it). Set the plugin's lockTimeout (for example 5s) or"
          + " lock-timeout: on the revision.");

  @Override
  public About about() {
    return ABOUT;
  }

  @Override
  public List<Draft> check(RevisionScope revision) {
    if (revision.settings().lockTimeoutConfigured() || revision.revision().lockTimeout() != null) {
      return List.of();
    }
    for (RevisionScope.Step step : revision.steps()) {
      Optional<MeasuredOperation> measured =
          MeasuredOperation.of(revision, step).filter(MeasuredOperation::blocksReadsOrWrites);
      if (measured.isPresent()) {
        return List.of(Draft.on(step, step.operation().kind().key() + " " + measured.get().fact()
            + ", and no lock timeout is set, so while it waits for that lock every query on the table queues"
            + " behind it.", "Set the plugin's lockTimeout (for example 5s) or lock-timeout: 5s on revision "
            + revision.revision().id() + "."));
      }
    }
    return List.of();
  }
}
