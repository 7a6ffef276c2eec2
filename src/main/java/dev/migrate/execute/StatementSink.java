package dev.migrate.execute;

import java.util.List;

/**
 * Where a plan's statements go: a script file or a live connection. {@link Sequencer} decides
 * what is sent and in which order; a sink only delivers, so the script of {@code migrate:sql}
 * and a real run cannot drift apart.
 */
interface StatementSink {

  /** What a revision does when its turn comes. */
  enum Disposition {
    /** Send its statements. */
    RUN,
    /** A precondition with {@code on-fail: skip} failed: record it as applied, run nothing. */
    SKIP,
    /** Downgrade a revision that was skipped: run nothing, record the downgrade. */
    NOTHING
  }

  /** A revision's turn begins: the script writes its comments; a live run checks its preconditions. */
  Disposition startRevision(int index, int count, PlannedRevision revision);

  void begin();

  /** Statements inside the open transaction, delivered together (one round trip on a connection). */
  void sendTogether(List<Command> commands, PlannedRevision revision);

  /** Statements outside any transaction, one at a time, as a non-transactional revision needs. */
  void sendEach(List<Command> commands, PlannedRevision revision);

  void commit();

  /**
   * Statements of a transaction and its COMMIT: on a connection one round trip, so a failure
   * must be found by the server before the COMMIT (version table writes check themselves).
   */
  default void sendAndCommit(List<Command> commands, PlannedRevision revision) {
    sendTogether(commands, revision);
    commit();
  }

  /**
   * How many statements of a non-transactional revision an earlier, interrupted run recorded
   * as committed, so this run starts after them; 0 for a script, which cannot know.
   */
  default int committedBefore(PlannedRevision revision) {
    return 0;
  }

  void finishRevision(int index, int count, PlannedRevision revision, Disposition disposition);
}
