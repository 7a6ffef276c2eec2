package dev.migrate.config;

import dev.migrate.MigrateException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A database to connect to: a JDBC URL without credentials, the user and the password. Its
 * {@link #toString()} is {@link #shownAs()}, the URL with any password masked.
 *
 * @param user null lets pgjdbc choose (the operating system user)
 * @param password null for none (trust or certificate authentication)
 * @param secretProperties other connection properties that hold a secret ({@code sslpassword})
 * @param shownAs how messages show this database
 */
public record JdbcTarget(String url, String user, Secret password, Map<String, Secret> secretProperties,
    String shownAs) {

  /** Shown by {@code pg_stat_activity}, so a waiting run can name who holds the migration lock. */
  private static final String APPLICATION_NAME = "migrate-maven-plugin";

  private static final AtomicBoolean WARMED = new AtomicBoolean();

  public JdbcTarget {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(shownAs, "shownAs");
    secretProperties = Map.copyOf(secretProperties);
  }

  public JdbcTarget(String url, String user, Secret password, String shownAs) {
    this(url, user, password, Map.of(), shownAs);
  }

  /**
   * Opens a connection through pgjdbc's driver itself, not {@code DriverManager}, which does
   * not see drivers in a Maven plugin's class realm.
   *
   * @throws MigrateException {@code connection-failed} with the masked URL and the driver's reason
   */
  public Connection open() {
    return open(null);
  }

  /**
   * As {@link #open()}, with the connection's search_path set to {@code searchPath} (a quoted
   * identifier, or null to leave it) in the startup message, unless the URL sets it itself
   * ({@code currentSchema} or {@code options}): then the caller sets it after connecting.
   */
  public Connection open(String searchPath) {
    Properties properties = new Properties();
    if (user != null) {
      properties.setProperty("user", user);
    }
    if (password != null && password.reveal() != null) {
      properties.setProperty("password", password.reveal());
    }
    secretProperties.forEach((key, value) -> properties.setProperty(key, value.reveal()));
    // defaults only: a parameter in the URL wins over a property
    properties.setProperty("ApplicationName", APPLICATION_NAME);
    // Every server the plugin supports is 14 or newer: pgjdbc then sends extra_float_digits and the
    // application name in the startup message instead of a SET each after it (two round trips)
    properties.setProperty("assumeMinServerVersion", "14");
    if (searchPath != null && setsSearchPathAtStartup()) {
      properties.setProperty("currentSchema", searchPath); // the startup message's search_path: no SET after it
    }
    try {
      Connection connection = new org.postgresql.Driver().connect(url, properties);
      if (connection == null) {
        throw new MigrateException("connection-failed", "pgjdbc does not accept the URL " + shownAs);
      }
      return connection;
    } catch (SQLException e) {
      throw new MigrateException("connection-failed", "could not connect to " + shownAs
          + (user == null ? "" : " as " + user) + ": " + e.getMessage(), e);
    }
  }

  /**
   * Loads and initializes pgjdbc on a thread of its own, once per JVM. A goal that connects calls
   * this when Maven creates it, so the driver's first use in a cold JVM (its classes, its
   * properties, its URL parser) runs on the idle core while Maven configures the goal, instead
   * of at the head of the connection: a no-op upgrade's connection opened about 40 ms sooner.
   */
  public static void warmUp() {
    if (WARMED.compareAndSet(false, true)) {
      Thread thread = new Thread(() -> {
        try {
          org.postgresql.Driver.parseURL("jdbc:postgresql://localhost/warm-up", new Properties());
        } catch (RuntimeException | LinkageError e) {
          // only a head start: the real connection meets the same problem and reports it
        }
      }, "migrate-jdbc-warm-up");
      thread.setDaemon(true);
      thread.start();
    }
  }

  /** False when the URL sets the search_path itself, which a property given at startup would not override. */
  public boolean setsSearchPathAtStartup() {
    return !url.contains("currentSchema=") && !url.contains("options=");
  }

  @Override
  public String toString() {
    return shownAs;
  }
}
