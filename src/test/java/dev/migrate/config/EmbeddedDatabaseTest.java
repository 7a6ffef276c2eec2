package dev.migrate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrate.MigrateException;
import dev.migrate.changelog.ExistingType;
import dev.migrate.changelog.QualifiedName;
import dev.migrate.changelog.SourceSpan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs real servers: each test starts one or two (about 3 s each). */
class EmbeddedDatabaseTest {

  @TempDir Path target;

  /** One cluster made by initdb for the whole class, copied where a test needs an existing one. */
  @TempDir static Path shared;

  private static boolean sharedReady;

  private final List<String> events = Collections.synchronizedList(new ArrayList<>());

  private Path dataDirectory() {
    return target.resolve("migrate/embedded-db");
  }

  /** Puts an existing cluster in the data directory, as a previous run would have left it. */
  private void seed() throws IOException {
    Path template = shared.resolve("embedded-db");
    synchronized (EmbeddedDatabaseTest.class) {
      if (!sharedReady) {
        EmbeddedDatabase.open(template, PostgresBinaries.onClassPath(), Duration.ofSeconds(60), e -> { }).close();
        sharedReady = true;
      }
    }
    Files.createDirectories(dataDirectory().getParent());
    try (java.util.stream.Stream<Path> files = Files.walk(template)) {
      for (Path from : (Iterable<Path>) files::iterator) {
        // with its permissions: PostgreSQL refuses a data directory others can read
        Files.copy(from, dataDirectory().resolve(template.relativize(from).toString()),
            java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
  }

  private EmbeddedDatabase open() {
    return EmbeddedDatabase.open(dataDirectory(), PostgresBinaries.onClassPath(), Duration.ofSeconds(60), events::add);
  }

  private static void execute(EmbeddedDatabase db, String sql) throws SQLException {
    try (Connection c = db.target().open(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static List<String> strings(EmbeddedDatabase db, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Connection c = db.target().open(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }

  @Test
  void open_twice_keepsTheDataBetweenRuns() throws SQLException {
    try (EmbeddedDatabase db = open()) {
      execute(db, "create table kept (id int); insert into kept values (42)");
      assertThat(db.version()).startsWith(db.majorVersion() + ".");
    }
    try (EmbeddedDatabase db = open()) {
      assertThat(strings(db, "select id from kept")).containsExactly("42");
    }

    assertThat(events).hasSize(2);
    assertThat(events.get(0)).matches("Using the embedded PostgreSQL [0-9.]+ in .*migrate/embedded-db \\(new\\)");
    assertThat(events.get(1)).matches("Using the embedded PostgreSQL [0-9.]+ in .*migrate/embedded-db");
    assertThat(dataDirectory().resolve("PG_VERSION")).exists();
  }

  @Test
  void open_afterTheServerWasKilledHard_removesTheStalePidAndStarts() throws Exception {
    seed();
    try (EmbeddedDatabase db = open()) {
      execute(db, "create table kept (id int)");
      long pid = Long.parseLong(Files.readAllLines(dataDirectory().resolve("postmaster.pid")).get(0).trim());
      ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
      postmaster.destroyForcibly();
      postmaster.onExit().get(30, TimeUnit.SECONDS);
      assertThat(dataDirectory().resolve("postmaster.pid")).exists();
      // the killed server's backends notice their postmaster is gone and exit soon after
      Thread.sleep(500);
      try {
        db.close();
      } catch (RuntimeException expected) {
        // pg_ctl stop has nothing to stop
      }
    }

    try (EmbeddedDatabase db = open()) {
      assertThat(strings(db, "select count(*) from kept")).containsExactly("0");
    }
    assertThat(events).anyMatch(e -> e.startsWith("Removed the stale postmaster.pid that a killed run left in"));
  }

  @Test
  void open_withAFakePidFileOfADeadProcess_removesItAndStarts() throws Exception {
    seed();
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Files.write(dataDirectory().resolve("postmaster.pid"),
        List.of(String.valueOf(gone.pid()), dataDirectory().toString(), "1700000000", "5432", "/tmp", "localhost",
            "  5432001    32768", "ready   "), StandardCharsets.US_ASCII);

    try (EmbeddedDatabase db = open()) {
      assertThat(strings(db, "select 1")).containsExactly("1");
    }
    assertThat(events).anyMatch(e -> e.startsWith("Removed the stale postmaster.pid"));
  }

  /** A run killed with -9 leaves its server running: the next run stops that orphan and starts its own. */
  @Test
  void open_afterTheRunWasKilledHard_stopsTheOrphanedServerAndStarts() throws Exception {
    seed();
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), KilledRun.class.getName(), dataDirectory().toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String ready = new String(child.getInputStream().readNBytes(6), StandardCharsets.US_ASCII);
    assertThat(ready).isEqualTo("ready\n");
    long orphan = Long.parseLong(Files.readAllLines(dataDirectory().resolve("postmaster.pid")).get(0).trim());
    child.destroyForcibly().waitFor();
    assertThat(ProcessHandle.of(orphan)).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());

    try (EmbeddedDatabase db = open()) {
      assertThat(strings(db, "select count(*) from made_by_the_killed_run")).containsExactly("0");
    }
    assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
    assertThat(events).anyMatch(e -> e.startsWith("Stopping the embedded PostgreSQL (pid " + orphan + ")"));
  }

  /** The run that {@link #open_afterTheRunWasKilledHard_stopsTheOrphanedServerAndStarts} kills. */
  public static final class KilledRun {
    public static void main(String[] args) throws Exception {
      EmbeddedDatabase db = EmbeddedDatabase.open(Path.of(args[0]), PostgresBinaries.onClassPath(), Duration.ofSeconds(60), e -> { });
      execute(db, "create table made_by_the_killed_run (id int)");
      System.out.print("ready\n");
      System.out.flush();
      Thread.sleep(600_000);
    }
  }

  @Test
  void open_whileAnotherRunHasIt_waitsItsTurn() throws Exception {
    seed();
    CompletableFuture<List<String>> second;
    try (EmbeddedDatabase first = open()) {
      execute(first, "create table turns (who text); insert into turns values ('first')");
      second = CompletableFuture.supplyAsync(() -> {
        try (EmbeddedDatabase db = open()) {
          execute(db, "insert into turns values ('second')");
          return strings(db, "select who from turns");
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      });
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (events.stream().noneMatch(e -> e.startsWith("Waiting for another run")) && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(events).anyMatch(e -> e.startsWith("Waiting for another run to finish with the embedded PostgreSQL in"));
      assertThat(second).isNotDone();
    }
    assertThat(second.get(60, TimeUnit.SECONDS)).containsExactly("first", "second");
  }

  @Test
  void open_whileAnotherRunKeepsItPastLockWait_failsSayingWhatToDo() throws IOException {
    seed();
    try (EmbeddedDatabase first = open()) {
      assertThatThrownBy(() -> EmbeddedDatabase.open(dataDirectory(), PostgresBinaries.onClassPath(), Duration.ofMillis(300), events::add))
          .isInstanceOfSatisfying(MigrateException.class, e -> assertThat(e.code()).isEqualTo("embedded-busy"))
          .hasMessageContaining("migrate/embedded-db busy for longer than lockWait (300 ms)")
          .hasMessageContaining("raise -Dmigrate.lockWait");
    }
  }

  @Test
  void open_dataDirectoryOfAnotherMajor_failsSayingMvnClean() throws IOException {
    Files.createDirectories(dataDirectory());
    Files.writeString(dataDirectory().resolve("PG_VERSION"), "9\n");
    Files.writeString(dataDirectory().resolve("postgresql.conf"), "");

    assertThatThrownBy(this::open)
        .isInstanceOfSatisfying(MigrateException.class, e -> assertThat(e.code()).isEqualTo("embedded-version"))
        .hasMessageContaining("migrate/embedded-db was made by PostgreSQL 9, but the embedded PostgreSQL is "
            + PostgresBinaries.onClassPath().major())
        .hasMessageContaining("run mvn clean");
    // the lock was released: a later run is not kept waiting
    try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(
        dataDirectory().resolveSibling("embedded-db.lock"), java.nio.file.StandardOpenOption.WRITE)) {
      assertThat(channel.tryLock()).isNotNull();
    }
  }

  @Test
  void createMissingEnums_createsOnlyTheMissingOnes_withOrderedValues() throws SQLException {
    SourceSpan at = SourceSpan.startOf(Path.of("existing-types.yaml"));
    List<ExistingType> declared = List.of(
        new ExistingType(QualifiedName.parse("session_status"), List.of("WAITING", "ACTIVE", "CLOSED"), at),
        new ExistingType(QualifiedName.parse("billing.Closed By"), List.of("OPERATOR", "it's"), at));
    try (EmbeddedDatabase db = EmbeddedDatabase.fresh(events::add); Connection c = db.target().open()) {
      try (Statement s = c.createStatement()) {
        s.execute("create type session_status as enum ('WAITING')");
      }

      List<QualifiedName> created = EmbeddedDatabase.createMissingEnums(c, declared);
      List<QualifiedName> again = EmbeddedDatabase.createMissingEnums(c, declared);

      assertThat(created).containsExactly(QualifiedName.parse("billing.Closed By"));
      assertThat(again).isEmpty();
      assertThat(strings(db, "select unnest(enum_range(null::billing.\"Closed By\"))::text")).containsExactly("OPERATOR", "it's");
    }
    assertThat(events).anyMatch(e -> e.startsWith("Using a scratch embedded PostgreSQL "));
  }
}
