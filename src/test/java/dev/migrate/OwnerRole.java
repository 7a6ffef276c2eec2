package dev.migrate;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The role the test suite migrates as: it owns its database and has nothing more (no
 * superuser, no CREATEROLE, no CREATEDB), as a production migration role should. Only a
 * fixture's setup and teardown connect as the superuser; a migration that needed more than
 * ownership would fail the tests instead of passing on privileges users do not have.
 */
public final class OwnerRole {

  /** The role's name; the embedded server trusts local connections, so it needs no password. */
  public static final String NAME = "migrate_owner";

  private OwnerRole() {}

  /**
   * Creates {@code database}, owned by the role, which is created first if this server lacks it.
   * The role inherits (the default): on PostgreSQL 15 the schema public belongs to
   * pg_database_owner, whose rights a NOINHERIT owner would not have.
   */
  public static synchronized void createDatabase(Connection superuser, String database) throws SQLException {
    try (Statement statement = superuser.createStatement()) {
      statement.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + NAME + "') THEN"
          + " CREATE ROLE " + NAME + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE INHERIT NOREPLICATION NOBYPASSRLS;"
          + " END IF; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
      statement.execute("CREATE DATABASE " + database + " OWNER " + NAME);
    }
  }
}
