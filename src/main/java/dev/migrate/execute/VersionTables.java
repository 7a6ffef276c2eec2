package dev.migrate.execute;

import dev.migrate.MigrateException;
import dev.migrate.changelog.Revision;
import dev.migrate.render.Sql;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Objects;

/**
 * The two tables a database keeps its migration state in, and the statements that write
 * them. The version table has Alembic's layout (one {@code version_num} row per applied head),
 * so {@code alembic_version} can be adopted as it stands; the history table is the audit log.
 * Their columns are a contract users query.
 *
 * @param schema where both tables live, or null for the connection's current schema
 */
public record VersionTables(String schema, String versionTable, String historyTable) {

  /** The name Alembic gives its version table; its {@code version_num} is {@code varchar(32)}. */
  public static final String ALEMBIC_VERSION = "alembic_version";

  public VersionTables {
    Objects.requireNonNull(versionTable, "versionTable");
    Objects.requireNonNull(historyTable, "historyTable");
    if (schema != null && schema.isEmpty()) {
      schema = null;
    }
  }

  public static VersionTables defaults() {
    return new VersionTables(null, "migrate_version", "migrate_history");
  }

  /** The version table's name as SQL, schema-qualified when a schema is set. */
  public String versionName() {
    return qualified(versionTable);
  }

  public String historyName() {
    return qualified(historyTable);
  }

  /** True when the version table is Alembic's own, whose ids are at most 32 characters. */
  public boolean adoptsAlembic() {
    return versionTable.equals(ALEMBIC_VERSION);
  }

  /** The longest revision id the version table holds. */
  public int maxRevisionIdLength() {
    return adoptsAlembic() ? 32 : 64;
  }

  /** Fails when the version table cannot hold this revision's id. */
  void checkFits(Revision revision) {
    if (revision.id().length() > maxRevisionIdLength()) {
      throw new MigrateException("revision-id-too-long", revision.at() + ": revision id " + revision.id() + " has "
          + revision.id().length() + " characters, but " + versionTable + ".version_num is varchar("
          + maxRevisionIdLength() + ") as Alembic created it; use a shorter id (migrate:revision writes 12)");
    }
  }

  /**
   * The key of the advisory lock that serializes runs on this database: derived from the
   * version table's name, so runs with different version tables do not wait on each other.
   */
  public long lockKey() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(("migrate:" + (schema == null ? "" : schema) + "." + versionTable).getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(digest).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** Alembic's DDL, with room for this plugin's 64-character ids unless adopting Alembic's table. */
  public String createVersionTable() {
    return "CREATE TABLE IF NOT EXISTS " + versionName() + " (version_num varchar(" + maxRevisionIdLength()
        + ") NOT NULL, CONSTRAINT " + Sql.identifier(versionTable + "_pkc") + " PRIMARY KEY (version_num))";
  }

  /**
   * The history table. {@code statements_done} counts the statements of a non-transactional
   * revision that had committed when its row was last written (null for a transactional one).
   */
  public String createHistoryTable() {
    return "CREATE TABLE IF NOT EXISTS " + historyName() + " (\n"
        + "  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
        + "  direction varchar(8) NOT NULL CONSTRAINT " + Sql.identifier(directionCheck()) + " " + DIRECTIONS + ",\n"
        + "  revision varchar(64) NOT NULL,\n"
        + "  checksum varchar(80),\n"
        + "  parents text,\n"
        + "  applied_at timestamptz NOT NULL DEFAULT now(),\n"
        + "  duration_ms bigint,\n"
        + "  applied_by text NOT NULL DEFAULT current_user,\n"
        + "  plugin_version text,\n"
        + "  message text,\n"
        + "  statements_done int\n"
        + ")";
  }

  private static final String DIRECTIONS =
      "CHECK (direction IN ('up', 'down', 'stamp', 'skip', 'failed', 'repair', 'running'))";

  /** PostgreSQL's own name for the direction check, which history tables of earlier builds have too. */
  String directionCheck() {
    return historyTable + "_direction_check";
  }

  /**
   * Brings a history table of an earlier build (no {@code statements_done}, no {@code running}
   * direction) to this layout; {@code oldChecks} are its direction checks, found in the catalog.
   */
  List<String> upgradeHistoryTable(List<String> oldChecks) {
    StringBuilder checks = new StringBuilder();
    for (String check : oldChecks) {
      checks.append(" DROP CONSTRAINT IF EXISTS ").append(Sql.identifier(check)).append(',');
    }
    return List.of("ALTER TABLE " + historyName() + " ADD COLUMN IF NOT EXISTS statements_done int",
        "ALTER TABLE " + historyName() + checks + " ADD CONSTRAINT " + Sql.identifier(directionCheck()) + " "
            + DIRECTIONS);
  }

  /**
   * Adds the {@code parents} column (an applied revision's down-revisions and depends-on, see
   * {@link Parents}) to a history table from an earlier build, which lacks it; its rows, NULL
   * there, are not checked for moved parents. A no-op on a table of today's layout, so a script
   * can always carry it.
   */
  public String addParentsColumn() {
    return "ALTER TABLE " + historyName() + " ADD COLUMN IF NOT EXISTS parents text";
  }

  String insertVersion(String revision) {
    return "INSERT INTO " + versionName() + " (version_num) VALUES (" + Sql.literal(revision) + ")";
  }

  /**
   * Moves a head, and fails on the server (division by zero, SQLSTATE 22012) unless exactly one
   * row moved: the check must come before the COMMIT that travels in the same round trip, so the
   * server makes it, not the client.
   */
  String moveVersion(String from, String to) {
    return "WITH moved AS (UPDATE " + versionName() + " SET version_num = " + Sql.literal(to) + " WHERE version_num = "
        + Sql.literal(from) + " RETURNING 1) SELECT 1 / count(*) FROM moved";
  }

  /** Removes a head, failing on the server as {@link #moveVersion} does unless exactly one row went. */
  String removeVersion(String revision) {
    return "WITH removed AS (DELETE FROM " + versionName() + " WHERE version_num = " + Sql.literal(revision)
        + " RETURNING 1) SELECT 1 / count(*) FROM removed";
  }

  String deleteVersion(String revision) {
    return "DELETE FROM " + versionName() + " WHERE version_num = " + Sql.literal(revision);
  }

  String deleteAllVersions() {
    return "DELETE FROM " + versionName();
  }

  /**
   * A history row. {@code durationSql} is an SQL expression, so the script and a live run
   * send the same text and the server measures the time.
   */
  String insertHistory(HistoryDirection direction, String revision, String checksum, String durationSql,
      String pluginVersion, String message) {
    return insertHistory(direction, revision, checksum, null, durationSql, pluginVersion, message);
  }

  /** A history row that records where the revision sat in the graph when it was applied. */
  String insertHistory(HistoryDirection direction, String revision, String checksum, Parents parents,
      String durationSql, String pluginVersion, String message) {
    return "INSERT INTO " + historyName()
        + " (direction, revision, checksum, " + (parents == null ? "" : "parents, ")
        + "duration_ms, plugin_version, message) VALUES ("
        + Sql.literal(direction.key()) + ", " + Sql.literal(revision) + ", " + literalOrNull(checksum) + ", "
        + (parents == null ? "" : Sql.literal(parents.text()) + ", ")
        + durationSql + ", " + literalOrNull(pluginVersion) + ", " + literalOrNull(message) + ")";
  }

  String selectHeads() {
    return "SELECT version_num FROM " + versionName() + " ORDER BY version_num";
  }

  /**
   * The row a non-transactional revision writes before its first statement: nothing of it has
   * committed yet ({@code statements_done} counts from where a resumed run starts).
   */
  String insertRunning(String revision, String checksum, int done, String pluginVersion, String message) {
    return "INSERT INTO " + historyName()
        + " (direction, revision, checksum, duration_ms, plugin_version, message, statements_done) VALUES ("
        + Sql.literal(HistoryDirection.RUNNING.key()) + ", " + Sql.literal(revision) + ", " + literalOrNull(checksum)
        + ", 0, " + literalOrNull(pluginVersion) + ", " + literalOrNull(message) + ", " + done + ")";
  }

  /** Records, after it committed, that the revision's statement number {@code done} took effect. */
  String recordProgress(String revision, int done, String durationSql) {
    return "UPDATE " + historyName() + " SET statements_done = " + done + ", duration_ms = " + durationSql
        + " WHERE id = " + runningRow(revision);
  }

  /** The running row becomes the revision's {@code up} (or {@code down}) row, in the transaction that moves the version table. */
  String finishRunning(String revision, HistoryDirection direction, Parents parents, String durationSql,
      String message) {
    return "UPDATE " + historyName() + " SET direction = " + Sql.literal(direction.key())
        + (parents == null ? "" : ", parents = " + Sql.literal(parents.text())) + ", duration_ms = "
        + durationSql + ", message = " + literalOrNull(message) + " WHERE id = " + runningRow(revision);
  }

  /** The running row becomes a {@code failed} row that says why and how many statements had committed. */
  String failRunning(String revision, int done, String durationSql, String message) {
    return "UPDATE " + historyName() + " SET direction = " + Sql.literal(HistoryDirection.FAILED.key())
        + ", statements_done = " + done + ", duration_ms = " + durationSql + ", message = " + literalOrNull(message)
        + " WHERE id = " + runningRow(revision);
  }

  /** The newest running row of a revision: runs are serialized by the lock, so it is this run's. */
  private String runningRow(String revision) {
    return "(SELECT max(id) FROM " + historyName() + " WHERE revision = " + Sql.literal(revision)
        + " AND direction = " + Sql.literal(HistoryDirection.RUNNING.key()) + ")";
  }

  /**
   * The newest history row of every revision; {@code withStatementsDone} and {@code withParents}
   * false for a table of an earlier build that lacks that column.
   */
  String selectLastRows(boolean withStatementsDone, boolean withParents) {
    return "SELECT DISTINCT ON (revision) revision, direction, checksum, applied_at, applied_by, message, "
        + (withStatementsDone ? "statements_done" : "NULL::int") + ", " + (withParents ? "parents" : "NULL")
        + " FROM " + historyName() + " ORDER BY revision, id DESC";
  }

  private String qualified(String table) {
    return schema == null ? Sql.identifier(table) : Sql.identifier(schema) + "." + Sql.identifier(table);
  }

  private static String literalOrNull(String value) {
    return value == null ? "NULL" : Sql.literal(value);
  }
}
