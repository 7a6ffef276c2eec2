package dev.migrate.execute;

import dev.migrate.MigrateException;
import dev.migrate.changelog.SourceSpan;

/**
 * A revision failed on the database: what PostgreSQL said, the statement it said it about, and
 * the operation in the changelog that statement came from. The message tells what state the
 * database was left in and how to go on.
 *
 * <pre>
 * revision 3f2a9c1e7b4d (add csat surveys) failed and was rolled back; the revisions before it stay applied
 *   at src/main/migrations/3f2a9c1e7b4d_add_csat.yaml:12:7
 *   SQL: CREATE TABLE csat (...)
 *   ERROR 42P07: relation "csat" already exists
 * </pre>
 *
 * @param at where the failing operation was written, or null when the run's own statement failed
 * @param position PostgreSQL's 1-based character position in {@code sql}, or 0 when it gave none
 */
public final class MigrationFailedException extends MigrateException {

  private static final long serialVersionUID = 1L;

  private final String revision;
  private final transient SourceSpan at;
  private final String sql;
  private final String sqlState;
  private final String serverMessage;
  private final String detail;
  private final String hint;
  private final int position;

  MigrationFailedException(String code, String revision, String headline, SourceSpan at, String sql,
      String sqlState, String serverMessage, String detail, String hint, int position, String advice,
      Throwable cause) {
    super(code, format(headline, at, sql, sqlState, serverMessage, detail, hint, position, advice));
    // suppressed, not the cause: Maven appends every cause's message that the message does not
    // contain, and pgjdbc's "ERROR: division by zero" would print PostgreSQL's message twice
    addSuppressed(cause);
    this.revision = revision;
    this.at = at;
    this.sql = sql;
    this.sqlState = sqlState;
    this.serverMessage = serverMessage;
    this.detail = detail;
    this.hint = hint;
    this.position = position;
  }

  public String revision() {
    return revision;
  }

  public SourceSpan at() {
    return at;
  }

  public String sql() {
    return sql;
  }

  public String sqlState() {
    return sqlState;
  }

  public String serverMessage() {
    return serverMessage;
  }

  public String detail() {
    return detail;
  }

  public String hint() {
    return hint;
  }

  public int position() {
    return position;
  }

  private static String format(String headline, SourceSpan at, String sql, String sqlState, String serverMessage,
      String detail, String hint, int position, String advice) {
    StringBuilder text = new StringBuilder(headline);
    if (at != null) {
      text.append("\n  at ").append(at);
    }
    if (sql != null) {
      text.append("\n  SQL: ").append(sql);
    }
    text.append("\n  ERROR").append(sqlState == null ? "" : " " + sqlState).append(": ").append(serverMessage);
    if (detail != null) {
      text.append("\n  DETAIL: ").append(detail);
    }
    if (hint != null) {
      text.append("\n  HINT: ").append(hint);
    }
    if (position > 0) {
      text.append("\n  POSITION: ").append(position);
      if (sql != null && position <= sql.length()) {
        int lineStart = sql.lastIndexOf('\n', position - 1) + 1;
        int lineEnd = sql.indexOf('\n', position - 1);
        String line = sql.substring(lineStart, lineEnd < 0 ? sql.length() : lineEnd);
        String near = line.substring(position - 1 - lineStart).strip();
        text.append(" (near: ").append(near.length() > 40 ? near.substring(0, 40) + "..." : near).append(')');
      }
    }
    if (advice != null) {
      text.append('\n').append(advice);
    }
    return text.toString();
  }
}
