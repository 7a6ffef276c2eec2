package dev.migrate.maven;

import dev.migrate.MigrateException;
import dev.migrate.config.ConnectionSettings;
import dev.migrate.config.DatabaseSession;
import dev.migrate.config.EmbeddedDatabase;
import dev.migrate.config.JdbcTarget;
import dev.migrate.config.PostgresBinaries;
import dev.migrate.config.ResolvedConnection;
import dev.migrate.config.Secret;
import dev.migrate.config.ServerCredentials;
import dev.migrate.entities.EntitySchema;
import dev.migrate.execute.Event;
import dev.migrate.execute.Migrator;
import dev.migrate.render.Sql;
import java.io.File;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.repository.RemoteRepository;

/**
 * The parameters of the goals that talk to a database. {@code url} and {@code password} are
 * {@link Secret}s, so {@code mvn -X}, which prints every parameter, shows {@code ****}.
 */
public abstract class AbstractDatabaseMojo extends AbstractRunMojo {

  private static final String ZONKY_LOG_LEVEL = "org.slf4j.simpleLogger.log.io.zonky.test";

  /**
   * The database: {@code jdbc:postgresql://...}, {@code postgresql://user:pass@host:port/db},
   * {@code postgres://}, {@code postgresql+asyncpg://}, {@code postgresql+psycopg2://}. When
   * unset: MIGRATE_URL, DATABASE_URL, a .env file, then the embedded database. On the command
   * line: {@code -Dmigrate.url=...}, which wins over this and is read from the session
   * directly, so that {@code mvn -X} never prints it.
   */
  @Parameter
  protected Secret url;

  /** The user, over the URL's. */
  @Parameter(property = "migrate.username")
  protected String username;

  /**
   * The password, over the URL's; {@code -Dmigrate.password} wins and, like
   * {@code -Dmigrate.url}, is read from the session directly. Prefer serverId, so that it need
   * not sit in a pom.
   */
  @Parameter
  protected Secret password;

  /** A {@code <server>} of settings.xml whose username and (possibly encrypted) password to use. */
  @Parameter(property = "migrate.serverId")
  protected String serverId;

  /** False makes "no URL configured" an error instead of using the embedded database. */
  @Parameter(property = "migrate.embedded", defaultValue = "true")
  protected boolean embedded;

  @Parameter(defaultValue = "${settings}", readonly = true)
  protected Settings settings;

  @Component
  protected SettingsDecrypter settingsDecrypter;

  @Component
  protected RepositorySystem repositorySystem;

  /** Where the embedded database's binaries come from when the local repository lacks them. */
  @Parameter(defaultValue = "${project.remotePluginRepositories}", readonly = true)
  protected List<RemoteRepository> pluginRepositories;

  @Parameter(defaultValue = "${project}", readonly = true)
  protected MavenProject project;

  private final DatabaseSession database = new DatabaseSession(this::embeddedBinaries);

  /** Keeps C2 off while a long run sends (see {@link CompilerDirective}); null until a run that long starts. */
  private CompilerDirective compilerDirective;

  static {
    // zonky logs every start and stop at INFO through Maven's SLF4J; our own one line says
    // which database is used. slf4j-simple reads per-logger levels from system properties
    // when a logger is created, which is after this.
    if (System.getProperty(ZONKY_LOG_LEVEL) == null) {
      System.setProperty(ZONKY_LOG_LEVEL, "warn");
    }
  }

  protected AbstractDatabaseMojo() {
    JdbcTarget.warmUp(); // Maven creates a goal before configuring it: the driver loads meanwhile
  }

  /** {@code -Dmigrate.desired=entities} (and not a file of that name): the schema comes from the project's JPA entities. */
  protected static boolean entities(File desired) {
    return desired != null && desired.getName().equals("entities") && !desired.isFile();
  }

  /**
   * Runs {@code work} on a scratch database that holds the schema the project's own Hibernate
   * ORM creates from its JPA entities ({@code -Dmigrate.desired=entities}).
   */
  protected <T> T onEntitySchema(Function<Connection, T> work) {
    List<Path> classPath;
    try {
      classPath = project.getRuntimeClasspathElements().stream().map(Path::of).toList();
    } catch (DependencyResolutionRequiredException e) {
      throw new MigrateException("entities-classpath", "cannot resolve the project's runtime class path: "
          + e.getMessage(), e);
    }
    Path classes = Path.of(project.getBuild().getOutputDirectory());
    try (EntitySchema entities = EntitySchema.load(classPath, List.of(classes));
        EmbeddedDatabase scratch = EmbeddedDatabase.fresh(embeddedBinaries(), getLog()::info)) {
      entities.create(scratch.target(), defaultSchema);
      getLog().info("Hibernate created the schema of " + entities.entities()
          + (entities.entities() == 1 ? " entity" : " entities") + " on a scratch database");
      return onScratch(scratch, work);
    }
  }

  /** A new connection to the scratch database, its search_path the default schema. */
  protected <T> T onScratch(EmbeddedDatabase scratch, Function<Connection, T> work) {
    try (Connection connection = scratch.target().open()) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("create schema if not exists " + Sql.identifier(defaultSchema));
        statement.execute("set search_path to " + Sql.identifier(defaultSchema));
      }
      return work.apply(connection);
    } catch (SQLException e) {
      throw new MigrateException("embedded-failed", "the scratch embedded PostgreSQL failed: " + e.getMessage(), e);
    }
  }

  /** Where the connection comes from, with the precedence of the documentation applied once. */
  protected ResolvedConnection resolveConnection() {
    return resolveConnection(commandLine("migrate.url", url), embedded);
  }

  /** As {@link #resolveConnection()}, with another URL ({@code verify}'s {@code verifyUrl}). */
  protected ResolvedConnection resolveConnection(Secret url, boolean embeddedAllowed) {
    return new ConnectionSettings(url, username, commandLine("migrate.password", password),
        serverCredentials(), embeddedAllowed,
        basedir.toPath(), System.getenv()).resolve();
  }

  /** The embedded PostgreSQL's binaries, resolved through Maven ({@code verify}'s scratch database). */
  protected PostgresBinaries embeddedBinaries() {
    return new EmbeddedBinaries(repositorySystem, session.getRepositorySession(), pluginRepositories).resolve();
  }

  /**
   * Runs {@code work} with the changelog {@code loading} gives and a migrator on the configured
   * database, or on the embedded one when none is configured. The connection's search_path is
   * the default schema.
   *
   * <p>A server connection takes a few hundred milliseconds to open, as long as loading a
   * thousand revisions, so the changelog loads on another thread meanwhile; nothing is sent
   * before it has loaded and passed its checks, and a broken changelog is the error reported.
   * The embedded database is started only for a changelog that loaded.
   */
  protected <T> T withMigrator(Supplier<Workspace> loading, BiFunction<Workspace, Migrator, T> work) {
    try {
      return withDatabase(loading, (workspace, connection, migrator) -> work.apply(workspace, migrator));
    } finally {
      if (compilerDirective != null) {
        compilerDirective.close();
        compilerDirective = null;
      }
    }
  }

  /** The work of a goal that reads the database itself besides the migrator ({@code check}). */
  @FunctionalInterface
  protected interface DatabaseWork<T> {
    T apply(Workspace workspace, Connection connection, Migrator migrator);
  }

  /** As {@link #withMigrator}, with the connection too. */
  protected <T> T withDatabase(Supplier<Workspace> loading, DatabaseWork<T> work) {
    FutureTask<Workspace> loaded = new FutureTask<>(loading::get);
    Thread thread = new Thread(loaded, "migrate-load");
    thread.setDaemon(true);
    thread.start(); // before the connection's settings are read: loading is the longer of the two
    ResolvedConnection resolved = resolveConnection(); // a mistake there is reported as before; the load is dropped
    if (!(resolved instanceof ResolvedConnection.Server)) {
      Workspace workspace = join(loaded);
      return database.with(resolved, () -> workspace.existingTypes(), migrateDirectory(), defaultSchema,
          getLog()::info,
          connection -> work.apply(workspace, connection, new Migrator(connection, runSettings(), this::log)));
    }
    try {
      return database.with(resolved, () -> join(loaded).existingTypes(), migrateDirectory(),
          defaultSchema, getLog()::info,
          connection -> work.apply(join(loaded), connection, new Migrator(connection, runSettings(), this::log)));
    } catch (RuntimeException connectionFailed) {
      join(loaded); // the changelog's own error comes first
      throw connectionFailed;
    }
  }

  private static Workspace join(FutureTask<Workspace> loaded) {
    try {
      return loaded.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MigrateException("interrupted", "interrupted while loading the changelog");
    }
  }

  private void log(Event event) {
    if (event instanceof Event.Running running && running.count() >= CompilerDirective.WORTH_IT
        && compilerDirective == null) {
      compilerDirective = CompilerDirective.start(); // only a run long enough to repay starting it
    }
    switch (event.level()) {
      case WARN -> getLog().warn(event.line());
      case DEBUG -> getLog().debug(event.line());
      default -> getLog().info(event.line());
    }
  }

  /**
   * A secret given as {@code -Dname=...} over the pom's value. Maven's {@code -X} prints every
   * value it injects, even through a setter, so secrets from the command line are not
   * injected: they are read here.
   */
  private Secret commandLine(String property, Secret fromPom) {
    String value = session == null ? null : session.getUserProperties().getProperty(property);
    return value != null ? Secret.of(value) : fromPom;
  }

  private ServerCredentials serverCredentials() {
    if (serverId == null || serverId.isBlank()) {
      return null;
    }
    Server server = settings == null ? null : settings.getServer(serverId);
    if (server == null) {
      throw new MigrateException("unknown-server", "settings.xml has no <server> with id '" + serverId
          + "'; add one with <username> and <password>, or fix -Dmigrate.serverId");
    }
    SettingsDecryptionResult result = settingsDecrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
    for (SettingsProblem problem : result.getProblems()) {
      if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
        throw new MigrateException("undecryptable-password", "cannot decrypt the password of server '" + serverId
            + "' in settings.xml: " + problem.getMessage() + "; check settings-security.xml (mvn --encrypt-master-password)");
      }
    }
    Server decrypted = result.getServer();
    return new ServerCredentials(serverId, decrypted.getUsername(),
        decrypted.getPassword() == null ? null : Secret.of(decrypted.getPassword()));
  }
}
