package dev.migrate.introspect;

import dev.migrate.OwnerRole;
import dev.migrate.config.EmbeddedDatabase;
import dev.migrate.config.JdbcTarget;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/** One embedded server for a test class, and a new empty database on it per test, connected as its owner. */
final class LiveDatabase implements AutoCloseable {

  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final EmbeddedDatabase server = EmbeddedDatabase.fresh(event -> { });

  /** A connection to a database of its own, empty but for what PostgreSQL puts in every one. */
  Connection newDatabase() throws SQLException {
    String name = "introspect_" + COUNTER.incrementAndGet();
    try (Connection admin = server.target().open()) {
      OwnerRole.createDatabase(admin, name);
    }
    JdbcTarget admin = server.target();
    return new JdbcTarget(admin.url().replaceAll("/postgres$", "/" + name), OwnerRole.NAME, null, name).open();
  }

  int majorVersion() {
    return server.majorVersion();
  }

  static void execute(Connection connection, String... statements) throws SQLException {
    try (Statement s = connection.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
