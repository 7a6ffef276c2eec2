package dev.migrate.config;

import dev.migrate.MigrateException;
import dev.migrate.changelog.ExistingType;
import dev.migrate.changelog.QualifiedName;
import dev.migrate.render.Sql;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

/**
 * The embedded PostgreSQL of the goals that find no database URL: real PostgreSQL binaries
 * from a Maven artifact (zonky's, see {@link PostgresBinaries}), with the data directory in
 * {@code target/migrate/embedded-db} so that the schema survives from one {@code mvn} call to
 * the next and goes with {@code mvn clean}. It runs as root too (zonky's binaries allow it).
 *
 * <pre>
 * try (EmbeddedDatabase db = EmbeddedDatabase.open(target.resolve("migrate/embedded-db"), binaries, lockWait, log::info)) {
 *   migrator.run(db.target());
 * }
 * </pre>
 *
 * Each run takes a free port and stops the server on {@link #close()}. Two runs on one data
 * directory take turns through a file lock beside it. What a killed run leaves behind (a
 * server still running, a {@code postmaster.pid} naming a dead process) is cleaned up. A
 * data directory of another PostgreSQL major is an error that says {@code mvn clean}.
 *
 * <p>Nothing of zonky is loaded until this class is used, so goals without a database never
 * pay for it.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  private static final String SUPERUSER = "postgres";
  private static final String DATABASE = "postgres";
  private static final Duration POLL = Duration.ofMillis(200);
  /** zonky waits this long even when the server has already failed, so not longer. */
  private static final Duration STARTUP_WAIT = Duration.ofSeconds(30);

  private final EmbeddedPostgres postgres;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final Path dataDirectory;
  private final String version;

  private EmbeddedDatabase(EmbeddedPostgres postgres, FileChannel lockChannel, FileLock lock, Path dataDirectory,
      String version) {
    this.postgres = postgres;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.dataDirectory = dataDirectory;
    this.version = version;
  }

  /**
   * Starts the server on {@code dataDirectory}, creating the cluster on first use.
   *
   * @param binaries the PostgreSQL to run
   * @param lockWait how long to wait while another run uses the same data directory
   * @param events one line per thing worth saying ("Using the embedded PostgreSQL 18.1 in ...")
   * @throws MigrateException {@code embedded-version} (another major made the data directory),
   *     {@code embedded-busy} (another run kept it past lockWait), {@code embedded-binaries} (the
   *     jar is not the binaries), {@code embedded-start}
   */
  public static EmbeddedDatabase open(Path dataDirectory, PostgresBinaries binaries, Duration lockWait,
      Consumer<String> events) {
    Path directory = dataDirectory.toAbsolutePath().normalize();
    Path lockFile = directory.resolveSibling(directory.getFileName() + ".lock");
    FileChannel channel = null;
    FileLock lock = null;
    try {
      Files.createDirectories(directory.getParent());
      channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      lock = takeTurn(channel, directory, lockWait, events);
      boolean created = prepare(directory, binaries, events);
      EmbeddedPostgres postgres = start(directory, binaries,
          directory.resolveSibling(directory.getFileName() + ".log"));
      EmbeddedDatabase db = new EmbeddedDatabase(postgres, channel, lock, directory, serverVersion(postgres));
      events.accept("Using the embedded PostgreSQL " + db.version + " in " + shown(directory)
          + (created ? " (new)" : ""));
      return db;
    } catch (IOException e) {
      release(channel, lock);
      throw new MigrateException("embedded-start", "cannot prepare the embedded PostgreSQL in " + shown(directory)
          + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      release(channel, lock);
      throw e;
    }
  }

  /**
   * A fresh server in a temporary directory, deleted on {@link #close()}: {@code verify}'s
   * scratch database.
   */
  public static EmbeddedDatabase fresh(PostgresBinaries binaries, Consumer<String> events) {
    PgBinaryResolver resolver = resolver(binaries);
    try {
      Path directory = Files.createTempDirectory("migrate-scratch-db");
      EmbeddedPostgres postgres = EmbeddedPostgres.builder()
          .setPgBinaryResolver(resolver)
          .setDataDirectory(directory)
          .setCleanDataDirectory(true)
          .setPGStartupWait(STARTUP_WAIT)
          .setOutputRedirector(ProcessBuilder.Redirect.DISCARD)
          .setErrorRedirector(ProcessBuilder.Redirect.DISCARD)
          .start();
      EmbeddedDatabase db = new EmbeddedDatabase(postgres, null, null, directory, serverVersion(postgres));
      events.accept("Using a scratch embedded PostgreSQL " + db.version);
      return db;
    } catch (IOException | RuntimeException | ExceptionInInitializerError e) {
      throw new MigrateException("embedded-start", "cannot start a scratch embedded PostgreSQL: " + e.getMessage(), e);
    }
  }

  /** {@link #fresh(PostgresBinaries, Consumer)} with the binaries on the class path (the tests'). */
  public static EmbeddedDatabase fresh(Consumer<String> events) {
    return fresh(PostgresBinaries.onClassPath(), events);
  }

  /** The database to connect to: {@code postgres} as the superuser {@code postgres}, no password. */
  public JdbcTarget target() {
    String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
    return new JdbcTarget(url, SUPERUSER, null, "the embedded PostgreSQL in " + shown(dataDirectory));
  }

  public int port() {
    return postgres.getPort();
  }

  /** The server's version as it says it ({@code 18.1}). */
  public String version() {
    return version;
  }

  public int majorVersion() {
    return Integer.parseInt(version.split("[.]")[0]);
  }

  /**
   * Creates the declared {@code existing-types} (enums) that the database lacks, with their
   * values in order. Only for the embedded and scratch databases: on any other database a
   * missing declared type is an error for the caller to report.
   *
   * @return the types created
   */
  public static List<QualifiedName> createMissingEnums(Connection connection, List<ExistingType> types)
      throws SQLException {
    List<QualifiedName> created = new ArrayList<>();
    for (ExistingType type : ExistingTypes.missing(connection, types)) {
      try (Statement create = connection.createStatement()) {
        if (type.name().schema() != null) {
          create.execute("create schema if not exists " + Sql.identifier(type.name().schema()));
        }
        create.execute("create type " + Sql.name(type.name()) + " as enum ("
            + type.values().stream().map(Sql::literal).collect(Collectors.joining(", ")) + ")");
      }
      created.add(type.name());
    }
    return created;
  }

  /** Stops the server (fast shutdown) and lets the next run have the data directory. */
  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stop the embedded PostgreSQL in " + dataDirectory, e);
    } finally {
      release(lockChannel, lock);
    }
  }

  private static FileLock takeTurn(FileChannel channel, Path directory, Duration lockWait, Consumer<String> events)
      throws IOException {
    long deadline = System.nanoTime() + lockWait.toNanos();
    boolean announced = false;
    while (true) {
      try {
        FileLock lock = channel.tryLock();
        if (lock != null) {
          return lock;
        }
      } catch (OverlappingFileLockException e) {
        // another run in this JVM holds it: wait as for another process
      }
      if (System.nanoTime() > deadline) {
        throw new MigrateException("embedded-busy", "another run kept the embedded PostgreSQL in " + shown(directory)
            + " busy for longer than lockWait (" + lockWait.toMillis() + " ms); let it finish,"
            + " or raise -Dmigrate.lockWait");
      }
      if (!announced) {
        events.accept("Waiting for another run to finish with the embedded PostgreSQL in " + shown(directory));
        announced = true;
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new MigrateException("embedded-busy", "interrupted while waiting for the embedded PostgreSQL in "
            + shown(directory));
      }
    }
  }

  /**
   * Checks the data directory and clears what a killed run left: returns true when the
   * cluster will be created by this run.
   */
  private static boolean prepare(Path directory, PostgresBinaries binaries, Consumer<String> events)
      throws IOException {
    Path pgVersion = directory.resolve("PG_VERSION");
    if (Files.isRegularFile(pgVersion)) {
      String made = Files.readString(pgVersion, StandardCharsets.US_ASCII).trim();
      if (!binaries.major().equals(made)) {
        throw new MigrateException("embedded-version", shown(directory) + " was made by PostgreSQL " + made
            + ", but the embedded PostgreSQL is " + binaries.major() + ", which cannot open it; run mvn clean"
            + " (or delete " + shown(directory) + ") to start with a new embedded database");
      }
    }
    if (!Files.isRegularFile(directory.resolve("postgresql.conf"))) {
      // no cluster, or one whose initdb was killed half-way: initdb needs an empty directory
      deleteRecursively(directory);
      return true;
    }
    clearStalePid(directory, events);
    return false;
  }

  /**
   * PostgreSQL refuses to start while {@code postmaster.pid} names a live process. We hold the
   * lock, so no live run owns this directory: a server still running there was orphaned by a
   * killed run (it is stopped), and a pid that is dead or not PostgreSQL's is stale.
   */
  private static void clearStalePid(Path directory, Consumer<String> events) throws IOException {
    Path pidFile = directory.resolve("postmaster.pid");
    if (!Files.isRegularFile(pidFile)) {
      return;
    }
    List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
    Optional<ProcessHandle> process = lines.isEmpty() || !lines.get(0).trim().matches("[0-9]+")
        ? Optional.empty() : ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
    if (process.isPresent() && process.get().isAlive() && isPostgres(process.get())) {
      ProcessHandle server = process.get();
      events.accept("Stopping the embedded PostgreSQL (pid " + server.pid() + ") that a killed run left running");
      // SIGTERM is PostgreSQL's smart shutdown; the orphan's clients died with their run
      server.destroy();
      try {
        server.onExit().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        server.destroyForcibly();
      }
    }
    if (Files.deleteIfExists(pidFile)) {
      events.accept("Removed the stale postmaster.pid that a killed run left in " + shown(directory));
    }
  }

  /** Only a process known to be PostgreSQL is ever stopped; one we cannot see is left alone. */
  private static boolean isPostgres(ProcessHandle process) {
    return process.info().command().map(c -> c.toLowerCase(Locale.ROOT).contains("postgres")).orElse(false);
  }

  private static EmbeddedPostgres start(Path directory, PostgresBinaries binaries, Path log) {
    PgBinaryResolver resolver = resolver(binaries);
    try {
      return EmbeddedPostgres.builder()
          .setPgBinaryResolver(resolver)
          .setDataDirectory(directory)
          .setCleanDataDirectory(false)
          .setPGStartupWait(STARTUP_WAIT)
          // zonky turns synchronous_commit off; a run killed right after a commit must keep it.
          // fsync stays off: only an operating system crash could lose what the kernel holds,
          // and this database goes with mvn clean.
          .setServerConfig("synchronous_commit", "on")
          .setServerConfig("fsync", "off")
          .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .start();
    } catch (IOException | RuntimeException | ExceptionInInitializerError e) {
      throw new MigrateException("embedded-start", "the embedded PostgreSQL in " + shown(directory)
          + " did not start (" + e.getMessage() + "); its log " + shown(log) + " ends with:\n" + tail(log)
          + "\nRun mvn clean to start with a new embedded database", e);
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  private static String serverVersion(EmbeddedPostgres postgres) {
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("show server_version")) {
      rs.next();
      return rs.getString(1).split(" ")[0];
    } catch (SQLException e) {
      throw new MigrateException("embedded-start", "the embedded PostgreSQL started but does not answer: "
          + e.getMessage(), e);
    }
  }

  /**
   * Hands zonky the archive in the jar. The jar is checked first: zonky turns a failure to
   * read it into an {@link ExceptionInInitializerError} with no word of which file.
   */
  private static PgBinaryResolver resolver(PostgresBinaries binaries) {
    String archive = binaries.platform().archive();
    try (JarFile jar = new JarFile(binaries.jar().toFile())) {
      if (jar.getEntry(archive) == null) {
        throw new MigrateException("embedded-binaries", binaries.jar() + " holds no " + archive + ", so it is not zonky's PostgreSQL"
            + " binaries for " + binaries.platform().artifactId() + "; delete it so that Maven downloads it again");
      }
    } catch (IOException e) {
      throw new MigrateException("embedded-binaries", "cannot read the PostgreSQL binaries " + binaries.jar() + " (" + e.getMessage()
          + "); delete it so that Maven downloads it again", e);
    }
    return new JarArchive(binaries.jar(), archive);
  }

  /**
   * One archive in one jar. A record, because zonky keeps the directory it unpacked the
   * binaries into per resolver, compared with equals: every server started in a JVM from the
   * same jar reuses it instead of reading and hashing the archive again.
   */
  private record JarArchive(Path jar, String archive) implements PgBinaryResolver {
    @Override
    public InputStream getPgBinary(String system, String machineHardware) throws IOException {
      // read whole (zonky copies it into memory anyway), so the jar is closed before it returns
      try (JarFile file = new JarFile(jar.toFile()); InputStream in = file.getInputStream(entry(file))) {
        return new ByteArrayInputStream(in.readAllBytes());
      }
    }

    private ZipEntry entry(JarFile file) throws IOException {
      ZipEntry entry = file.getEntry(archive);
      if (entry == null) {
        throw new IOException(jar + " holds no " + archive);
      }
      return entry;
    }
  }

  private static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
        if (!p.equals(directory)) {
          Files.delete(p);
        }
      }
    }
  }

  private static void release(FileChannel channel, FileLock lock) {
    try {
      if (lock != null) {
        lock.release();
      }
      if (channel != null) {
        channel.close();
      }
    } catch (IOException e) {
      // the lock dies with the channel or the process anyway; never hide the real failure
    }
  }

  /** A path as the user knows it: relative to the working directory when under it. */
  private static String shown(Path path) {
    Path here = Path.of("").toAbsolutePath();
    return path.startsWith(here) ? here.relativize(path).toString() : path.toString();
  }
}
