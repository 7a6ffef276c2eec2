package dev.migrate.execute;

import dev.migrate.changelog.SourceSpan;
import java.util.Objects;

/**
 * One rendered statement of a revision, with where its operation was written, so a failure
 * can name the file and line.
 *
 * @param sql a complete statement without the trailing semicolon
 * @param at the operation's place in its revision file, or null when it has none
 * @param lockNote what the statement locks, for the script only (a live run never sends it), or null
 */
public record PlannedStatement(String sql, SourceSpan at, String lockNote) {

  public PlannedStatement {
    Objects.requireNonNull(sql, "sql");
  }

  public PlannedStatement(String sql, SourceSpan at) {
    this(sql, at, null);
  }
}
