package dev.migrate.config;

import java.util.Objects;

/** What {@link ConnectionSettings#resolve()} decided: a configured server, or the embedded database. */
public sealed interface ResolvedConnection permits ResolvedConnection.Server, ResolvedConnection.Embedded {

  /**
   * A configured database.
   *
   * @param origin where its URL came from ({@code the environment variable DATABASE_URL})
   */
  record Server(JdbcTarget target, String origin) implements ResolvedConnection {
    public Server {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(origin, "origin");
    }
  }

  /** No URL anywhere: the goals that need a database use the embedded one. */
  record Embedded() implements ResolvedConnection {}
}
