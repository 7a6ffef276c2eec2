package dev.migrate.execute;

import dev.migrate.MigrateException;
import dev.migrate.render.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.postgresql.util.PSQLException;

/**
 * A statement on the version or history table that PostgreSQL refused for want of a privilege
 * (SQLSTATE 42501), told as what it is, not as a failed connection: the statement, the role, the
 * privilege it lacks and the GRANT that gives it.
 */
final class PrivilegeRefusal {

  /** SQLSTATE insufficient_privilege. */
  private static final String INSUFFICIENT_PRIVILEGE = "42501";

  private PrivilegeRefusal() {}

  static boolean is(SQLException e) {
    return INSUFFICIENT_PRIVILEGE.equals(e.getSQLState());
  }

  /**
   * A refused statement of the tables' set-up: a CREATE TABLE (CREATE on the schema is missing)
   * or, with {@code alter}, the ALTER TABLE that adds the parents column (only the owner may).
   */
  static MigrateException ofSetUp(Connection connection, VersionTables tables, String sql, String what,
      boolean alter, SQLException e) {
    String refused = sql + " failed: ERROR " + e.getSQLState() + ": " + serverMessage(e);
    String role = "(the migrating role)";
    String schema = tables.schema();
    String owner = "its owner";
    try (PreparedStatement query = connection.prepareStatement("SELECT current_user, coalesce(?, current_schema()),"
        + " (SELECT pg_catalog.pg_get_userbyid(relowner) FROM pg_catalog.pg_class WHERE oid = to_regclass(?))")) {
      query.setString(1, tables.schema());
      query.setString(2, tables.historyName());
      try (ResultSet result = query.executeQuery()) {
        result.next();
        role = result.getString(1);
        schema = result.getString(2);
        owner = result.getString(3);
      }
    } catch (SQLException unreadable) {
      // the names stay general; the refusal itself is what matters
    }
    String history = tables.historyName();
    if (alter) {
      return new MigrateException("permission-denied", "role " + role + " may not " + what + ": " + refused
          + "; this version of the plugin records each applied revision's parents there, and only the table's owner"
          + " may add the column: run that statement once as the owner of " + history + " (" + owner + "), or make "
          + role + " the owner (ALTER TABLE " + history + " OWNER TO " + Sql.identifier(role) + ";)", e);
    }
    return new MigrateException("permission-denied", "role " + role + " may not " + what + ": " + refused
        + "; the first run creates the version and history tables, which needs the CREATE privilege on schema "
        + schema + ". Grant it (GRANT CREATE ON SCHEMA " + Sql.identifier(String.valueOf(schema)) + " TO "
        + Sql.identifier(role) + ";), create the two tables once as a role that has it (mvn migrate:sql prints their"
        + " statements first), or set -Dmigrate.schema to a schema where " + role + " may create tables", e);
  }

  /** A refused read or write of the tables, which exist but belong to another role. */
  static MigrateException ofTables(Connection connection, VersionTables tables, SQLException e) {
    String role = currentUser(connection);
    return new MigrateException("permission-denied", "role " + role + " may not read or write the version and"
        + " history tables: ERROR 42501: " + serverMessage(e) + "; grant it (GRANT SELECT, INSERT, UPDATE, DELETE ON "
        + tables.versionName() + ", " + tables.historyName() + " TO " + Sql.identifier(role)
        + ";), or run as their owner", e);
  }

  /** PostgreSQL's own message, without pgjdbc's "ERROR: " prefix and position lines. */
  static String serverMessage(SQLException e) {
    if (e instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
      return psql.getServerErrorMessage().getMessage();
    }
    return e.getMessage();
  }

  private static String currentUser(Connection connection) {
    try (PreparedStatement query = connection.prepareStatement("SELECT current_user");
        ResultSet result = query.executeQuery()) {
      result.next();
      return result.getString(1);
    } catch (SQLException e) {
      return "(the migrating role)";
    }
  }
}
