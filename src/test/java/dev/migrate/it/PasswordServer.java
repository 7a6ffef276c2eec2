package dev.migrate.it;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * An embedded PostgreSQL that checks passwords: every role but the superuser signs in with
 * SCRAM over TCP, so a client with the wrong password is refused. An integration project's
 * setup.groovy starts it with a role and database of its own; verify.groovy closes it.
 */
public final class PasswordServer implements AutoCloseable {

  private final EmbeddedPostgres server;

  private PasswordServer(EmbeddedPostgres server) {
    this.server = server;
  }

  /** Starts a server with {@code role} (that password) owning the database {@code database}. */
  public static PasswordServer start(Path directory, String role, String password, String database)
      throws IOException, SQLException {
    Files.createDirectories(directory);
    Path hba = directory.resolve("pg_hba.conf");
    // the superuser (which the embedded server itself uses) is trusted; everyone else gives a password
    Files.writeString(hba, String.join("\n",
        "local all all trust",
        "host all postgres 127.0.0.1/32 trust",
        "host all postgres ::1/128 trust",
        "host all all 127.0.0.1/32 scram-sha-256",
        "host all all ::1/128 scram-sha-256", ""));
    EmbeddedPostgres server = EmbeddedPostgres.builder().setServerConfig("hba_file", hba.toString())
        .setServerConfig("password_encryption", "scram-sha-256").setServerConfig("fsync", "off").start();
    try (Connection admin = server.getPostgresDatabase().getConnection(); Statement statement = admin.createStatement()) {
      statement.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + password.replace("'", "''") + "'");
      statement.execute("CREATE DATABASE " + database + " OWNER " + role);
    }
    return new PasswordServer(server);
  }

  public int port() {
    return server.getPort();
  }

  /** The first column of each row of {@code sql}, run as the superuser in {@code database}. */
  public List<String> rows(String database, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection connection = server.getDatabase("postgres", database).getConnection();
        Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
      while (result.next()) {
        rows.add(result.getString(1));
      }
    }
    return rows;
  }

  /** Whether the server turns {@code role} away when it gives {@code password}: it checks passwords. */
  public boolean refuses(String role, String password, String database) {
    String url = "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    try (Connection connection = DriverManager.getConnection(url, role, password)) {
      return false;
    } catch (SQLException e) {
      return "28P01".equals(e.getSQLState());
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
