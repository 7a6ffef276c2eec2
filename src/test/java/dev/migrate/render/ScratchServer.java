package dev.migrate.render;

import dev.migrate.OwnerRole;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One embedded PostgreSQL per test class, handing out a fresh database per test so that
 * schemas, extensions and sequences of one case never meet another's. Each database is owned
 * by {@link OwnerRole}, which the scratch connection uses.
 */
final class ScratchServer implements AutoCloseable {

  private final EmbeddedPostgres server;
  private final AtomicInteger databases = new AtomicInteger();

  private ScratchServer(EmbeddedPostgres server) {
    this.server = server;
  }

  static ScratchServer start() throws IOException {
    // scratch data need not survive a crash: skipping fsync keeps CREATE DATABASE per case cheap
    return new ScratchServer(EmbeddedPostgres.builder().setServerConfig("fsync", "off")
        .setServerConfig("full_page_writes", "off").start());
  }

  /** A new empty database, connected in autocommit (CREATE INDEX CONCURRENTLY needs that). */
  Scratch fresh() throws SQLException {
    String name = "scratch_" + databases.incrementAndGet();
    try (Connection admin = server.getPostgresDatabase().getConnection()) {
      OwnerRole.createDatabase(admin, name);
    }
    // the rendered SQL runs as the database's owner, never as the superuser
    return new Scratch(server.getDatabase(OwnerRole.NAME, name).getConnection());
  }

  @Override
  public void close() throws IOException {
    server.close();
  }

  /** A connection to one scratch database, with the catalog queries the tests assert through. */
  static final class Scratch implements AutoCloseable {

    private final Connection connection;

    Scratch(Connection connection) {
      this.connection = connection;
    }

    Connection connection() {
      return connection;
    }

    /** Runs statements one by one, each on its own, as a non-transactional revision does. */
    void run(List<String> statements) throws SQLException {
      for (String sql : statements) {
        run(sql);
      }
    }

    void run(String sql) throws SQLException {
      try (Statement statement = connection.createStatement()) {
        statement.execute(sql);
      }
    }

    /** Every row of a query with bind parameters, its columns joined by " | " (null as "NULL"). */
    List<String> rows(String query, Object... parameters) throws SQLException {
      List<String> rows = new ArrayList<>();
      try (PreparedStatement statement = connection.prepareStatement(query)) {
        for (int i = 0; i < parameters.length; i++) {
          statement.setObject(i + 1, parameters[i]);
        }
        try (ResultSet result = statement.executeQuery()) {
          int width = result.getMetaData().getColumnCount();
          while (result.next()) {
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= width; i++) {
              if (i > 1) {
                row.append(" | ");
              }
              String value = result.getString(i);
              row.append(value == null ? "NULL" : value);
            }
            rows.add(row.toString());
          }
        }
      }
      return rows;
    }

    /** The single value of a one-row, one-column query with bind parameters. */
    String one(String query, Object... parameters) throws SQLException {
      List<String> rows = rows(query, parameters);
      if (rows.size() != 1) {
        throw new AssertionError("expected one row of " + query + " but got " + rows);
      }
      return rows.get(0);
    }

    /** The columns of a table as {@code name type [not null] [default ...] [identity a|d] [generated]}. */
    List<String> columns(String regclass) throws SQLException {
      return rows("SELECT a.attname || ' ' || format_type(a.atttypid, a.atttypmod)"
          + " || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END"
          + " || CASE WHEN a.attidentity <> '' THEN ' identity ' || a.attidentity::text ELSE '' END"
          + " || CASE WHEN a.attgenerated <> '' THEN ' generated ' || pg_get_expr(d.adbin, d.adrelid)"
          + "    WHEN d.adbin IS NOT NULL THEN ' default ' || pg_get_expr(d.adbin, d.adrelid) ELSE '' END"
          + " FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
          + " WHERE a.attrelid = " + regclass(regclass) + " AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum");
    }

    /** The constraints of a table (not NOT NULL ones), as {@code name: definition}, by name. */
    List<String> constraints(String regclass) throws SQLException {
      return rows("SELECT conname || ': ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = "
          + regclass(regclass) + " AND contype <> 'n' ORDER BY conname");
    }

    /** The definition of each index of a table, by name. */
    List<String> indexes(String regclass) throws SQLException {
      return rows("SELECT pg_get_indexdef(indexrelid) FROM pg_index WHERE indrelid = " + regclass(regclass)
          + " ORDER BY indexrelid::regclass::text");
    }

    /** Whether a relation (table, index, view, sequence) of that name exists. */
    boolean exists(String regclass) throws SQLException {
      return one("SELECT to_regclass(" + literal(regclass) + ") IS NOT NULL").equals("t");
    }

    /** The labels of an enum in their sort order. */
    List<String> enumValues(String regtype) throws SQLException {
      return rows("SELECT enumlabel FROM pg_enum WHERE enumtypid = " + literal(regtype) + "::regtype ORDER BY enumsortorder");
    }

    private static String regclass(String regclass) {
      return literal(regclass) + "::regclass";
    }

    // test-side quoting, independent of the Sql class under test
    static String literal(String text) {
      return "'" + text.replace("'", "''") + "'";
    }

    @Override
    public void close() throws SQLException {
      connection.close();
    }
  }
}
