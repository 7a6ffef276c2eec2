package dev.migrate.entities;

import dev.migrate.config.JdbcTarget;
import dev.migrate.render.Sql;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The scratch database as Hibernate's connection source: a JDK interface, so it crosses from
 * the plugin's class loader into the project's Hibernate, each connection opened through the
 * plugin's pgjdbc with the default schema first on its search_path.
 */
record ScratchDataSource(JdbcTarget target, String schema) implements DataSource {

  @Override
  public Connection getConnection() throws SQLException {
    Connection connection = target.open();
    try (Statement statement = connection.createStatement()) {
      statement.execute("create schema if not exists " + Sql.identifier(schema));
      statement.execute("set search_path to " + Sql.identifier(schema));
    }
    return connection;
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    return getConnection();
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {}

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new SQLException("not a wrapper of " + type.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return type.isInstance(this);
  }
}
