package dev.migrate.execute;

import dev.migrate.OwnerRole;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One embedded PostgreSQL for the tests of this package (started once, ~3 s), and a fresh
 * database on it for each test that needs one, so tests never see each other's tables. Tests
 * connect as {@link OwnerRole}, the database's owner and nothing more; only {@link #admin()}
 * is the superuser, for what a test sets up around a migration.
 */
final class TestDatabase {

  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static EmbeddedPostgres server;

  private final String name;
  private final String url;

  private TestDatabase(String name) {
    this.name = name;
    this.url = server().getJdbcUrl(OwnerRole.NAME, name);
  }

  static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      // EmbeddedPostgres stops its server in a shutdown hook of its own
    }
    return server;
  }

  /** A new, empty database. */
  static TestDatabase fresh() {
    String name = "t" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    try (Connection admin = server().getPostgresDatabase().getConnection()) {
      OwnerRole.createDatabase(admin, name);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return new TestDatabase(name);
  }

  String url() {
    return url;
  }

  /** A connection as the database's owner, the role migrations run as. */
  Connection connect() {
    try {
      return DriverManager.getConnection(url, OwnerRole.NAME, "");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A connection to this database as the superuser, for setup and teardown only. */
  Connection admin() {
    try {
      return DriverManager.getConnection(server().getJdbcUrl("postgres", name), "postgres", "");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A role for a test of privileges, made by the superuser (the owner may not create roles); a
   * test acts as it by {@code SET ROLE} on an {@link #admin()} connection, so the owner stays a
   * member of no role.
   */
  void createRole(String role) {
    executeAsAdmin("CREATE ROLE " + role);
  }

  /** A statement the owner may not run (roles, the public schema on PostgreSQL 14), as the superuser. */
  void executeAsAdmin(String sql) {
    try (Connection connection = admin(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every row of a query, each row's columns joined by '|'. */
  List<String> rows(String sql) {
    try (Connection connection = connect(); Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      List<String> rows = new ArrayList<>();
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        StringBuilder row = new StringBuilder();
        for (int c = 1; c <= columns; c++) {
          row.append(c > 1 ? "|" : "").append(result.getString(c));
        }
        rows.add(row.toString());
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  void execute(String sql) {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The tables of the public schema, sorted, without the version tables. */
  List<String> tables() {
    return rows("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
        + " AND tablename NOT IN ('migrate_version', 'migrate_history') ORDER BY tablename");
  }
}
