package dev.migrate.config;

import dev.migrate.MigrateException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * The one place where the precedence of the connection settings is applied (goals.md,
 * Configuration; decisions.md, Connections).
 *
 * <p>The URL, first found wins: the {@code url} parameter (Maven has already merged
 * {@code -Dmigrate.url} over the pom's {@code <url>}), the environment variables
 * {@code MIGRATE_URL} then {@code DATABASE_URL}, the same two names in a {@code .env} file in
 * the base directory. A URL that is set but empty or unparsable is an error, never a reason
 * to try the next source. With no URL anywhere the embedded database is used, unless
 * {@code embedded} is false.
 *
 * <p>User and password, each first found wins: the {@code username}/{@code password}
 * parameters, the {@code settings.xml} server of {@code serverId}, the URL's own.
 *
 * @param url the {@code url} parameter, or null
 * @param username the {@code username} parameter, or null
 * @param password the {@code password} parameter, or null
 * @param server the credentials of {@code serverId}, or null
 * @param embeddedAllowed false makes "no URL" an error (for CI jobs that must hit a real server)
 * @param baseDirectory where a {@code .env} file is looked for
 * @param environment the process environment ({@code System.getenv()})
 */
public record ConnectionSettings(Secret url, String username, Secret password, ServerCredentials server,
    boolean embeddedAllowed, Path baseDirectory, Map<String, String> environment) {

  static final String[] VARIABLES = {"MIGRATE_URL", "DATABASE_URL"};

  public ConnectionSettings {
    Objects.requireNonNull(baseDirectory, "baseDirectory");
    environment = Map.copyOf(environment);
  }

  /**
   * @throws MigrateException {@code empty-url}, {@code invalid-url}, {@code unix-socket-url}
   *     or {@code no-database-url}
   */
  public ResolvedConnection resolve() {
    String text;
    String origin;
    if (url != null && url.isSet()) {
      text = url.reveal();
      origin = "the url parameter (-Dmigrate.url or the pom's <url>)";
    } else {
      String variable = firstSet(environment);
      Path envFile = baseDirectory.resolve(".env");
      if (variable != null) {
        text = environment.get(variable);
        origin = "the environment variable " + variable;
      } else {
        Map<String, String> dotEnv = DotEnv.read(envFile);
        variable = firstSet(dotEnv);
        if (variable == null) {
          if (!embeddedAllowed) {
            throw new MigrateException("no-database-url", "no database URL is configured and embedded is false;"
                + " set -Dmigrate.url (or <url> in the pom), the environment variable MIGRATE_URL or DATABASE_URL,"
                + " or one of those in " + envFile + ", or drop -Dmigrate.embedded=false to use the embedded database");
          }
          return new ResolvedConnection.Embedded();
        }
        text = dotEnv.get(variable);
        origin = variable + " in " + envFile;
      }
    }
    DatabaseUrl parsed = DatabaseUrl.parse(text, origin);
    String user = firstNonBlank(username, server == null ? null : server.username(), parsed.user().orElse(null));
    Secret secret = password != null && !password.isEmpty() ? password
        : server != null && server.password() != null && !server.password().isEmpty() ? server.password()
        : parsed.password().orElse(null);
    return new ResolvedConnection.Server(new JdbcTarget(parsed.jdbcUrl(), user, secret, parsed.secretParameters(), parsed.masked()), origin);
  }

  private static String firstSet(Map<String, String> variables) {
    for (String name : VARIABLES) {
      if (variables.get(name) != null) {
        return name;
      }
    }
    return null;
  }

  private static String firstNonBlank(String... values) {
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return "ConnectionSettings[url=" + (url == null ? null : "****") + ", username=" + username
        + ", server=" + server + ", embeddedAllowed=" + embeddedAllowed + ", baseDirectory=" + baseDirectory + "]";
  }
}
