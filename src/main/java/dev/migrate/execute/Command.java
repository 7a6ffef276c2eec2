package dev.migrate.execute;

import dev.migrate.changelog.SourceSpan;

/**
 * One statement as a run sends it: a revision's own statement, a setting, or a version or
 * history table write. The script prints {@link #sql()}; a live run sends exactly that text.
 *
 * @param at where the operation behind it was written, or null for the run's own statements
 * @param versionWrite true for a version table write, which fails on the server unless it changes
 *     exactly one row (see {@link VersionTables#moveVersion})
 * @param revisionStatement true for the revision's own statements, false for the run's bookkeeping
 * @param lockNote what the statement locks, printed above it by the script and never sent, or null
 */
record Command(String sql, SourceSpan at, boolean versionWrite, boolean revisionStatement, String lockNote) {

  /** One of the run's own statements: a setting or a history row. */
  static Command of(String sql) {
    return new Command(sql, null, false, false, null);
  }

  /** A statement of the revision itself. */
  static Command of(PlannedStatement statement) {
    return new Command(statement.sql(), statement.at(), false, true, statement.lockNote());
  }

  /** A version table write, checked on the server. */
  static Command versionWrite(String sql) {
    return new Command(sql, null, true, false, null);
  }
}
