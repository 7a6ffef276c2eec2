package dev.migrate.config;

import dev.migrate.MigrateException;
import dev.migrate.changelog.ExistingType;
import dev.migrate.changelog.QualifiedName;
import dev.migrate.render.Sql;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Opens the database a goal works on for the length of one piece of work: the configured
 * server, or the embedded PostgreSQL in {@code target/migrate/embedded-db}, started only now
 * and stopped afterwards. Sets the search_path to the default schema and makes sure the
 * declared existing types are there (created on the embedded database, an error elsewhere).
 */
public final class DatabaseSession {

  /** How long a run waits for another run using the same embedded data directory. */
  private static final Duration EMBEDDED_TURN_WAIT = Duration.ofMinutes(10);

  private final Supplier<PostgresBinaries> embeddedBinaries;

  /**
   * @param embeddedBinaries the binaries of the embedded database, asked for only when it is
   *     used (the mojo may have to download them)
   */
  public DatabaseSession(Supplier<PostgresBinaries> embeddedBinaries) {
    this.embeddedBinaries = embeddedBinaries;
  }

  /** @param existingTypes the declared types, asked for once the connection is open */
  public <T> T with(ResolvedConnection resolved, Supplier<List<ExistingType>> existingTypes, Path migrateDirectory,
      String defaultSchema, Consumer<String> log, Function<Connection, T> work) {
    if (resolved instanceof ResolvedConnection.Server server) {
      log.accept("Database: " + server.target().shownAs() + " (from " + server.origin() + ")");
      try (Connection connection = server.target().open(Sql.identifier(defaultSchema))) {
        if (!server.target().setsSearchPathAtStartup()) {
          prepare(connection, defaultSchema);
        }
        requireExisting(connection, existingTypes.get());
        return work.apply(connection);
      } catch (SQLException e) {
        throw new MigrateException("connection-failed", "the connection to " + server.target().shownAs()
            + " failed: " + e.getMessage(), e);
      }
    }
    try (EmbeddedDatabase embedded = EmbeddedDatabase.open(migrateDirectory.resolve("embedded-db"),
        embeddedBinaries.get(), EMBEDDED_TURN_WAIT, log)) {
      try (Connection connection = embedded.target().open(Sql.identifier(defaultSchema))) {
        if (!embedded.target().setsSearchPathAtStartup()) {
          prepare(connection, defaultSchema);
        }
        List<QualifiedName> created = EmbeddedDatabase.createMissingEnums(connection, existingTypes.get());
        if (!created.isEmpty()) {
          log.accept("Created the declared existing types " + created + " on the embedded database");
        }
        return work.apply(connection);
      } catch (SQLException e) {
        throw new MigrateException("embedded-failed", "the embedded PostgreSQL failed: " + e.getMessage(), e);
      }
    }
  }

  /** Unqualified names in the changelog live in the default schema. */
  private static void prepare(Connection connection, String defaultSchema) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET search_path TO " + Sql.identifier(defaultSchema));
    }
  }

  /** On a real server a declared type is never created: a missing one is the user's to fix. */
  private static void requireExisting(Connection connection, List<ExistingType> types) throws SQLException {
    List<String> missing = new ArrayList<>();
    for (ExistingType type : ExistingTypes.missing(connection, types)) {
      missing.add(type.name() + " (declared at " + type.at() + ")");
    }
    if (!missing.isEmpty()) {
      throw new MigrateException("missing-existing-type", "the database lacks the declared existing type"
          + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)
          + "; existing-types are never created on a real server: create them there first, or remove the declaration"
          + " and create them with create-enum");
    }
  }
}
