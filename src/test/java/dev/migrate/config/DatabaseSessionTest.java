package dev.migrate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.migrate.MigrateException;
import dev.migrate.changelog.ExistingType;
import dev.migrate.changelog.QualifiedName;
import dev.migrate.changelog.SourceSpan;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A configured server (here an embedded one reached by its URL, as any server is). */
class DatabaseSessionTest {

  private static EmbeddedDatabase server;

  @TempDir Path target;

  @BeforeAll
  static void start() throws Exception {
    server = EmbeddedDatabase.fresh(line -> { });
    try (Connection connection = server.target().open(); Statement statement = connection.createStatement()) {
      statement.execute("CREATE TYPE present_status AS ENUM ('A', 'B')");
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void with_serverLacksADeclaredExistingType_failsNamingItAndWhereItIsDeclared_beforeAnyWork() {
    Path file = Path.of("src/main/migrations/existing-types.yaml");
    List<ExistingType> declared = List.of(
        new ExistingType(QualifiedName.parse("present_status"), List.of("A", "B"), SourceSpan.of(file, 3, 5)),
        new ExistingType(QualifiedName.parse("missing_status"), List.of("X"), SourceSpan.of(file, 5, 5)));
    AtomicBoolean worked = new AtomicBoolean();

    MigrateException e = catchThrowableOfType(MigrateException.class, () -> new DatabaseSession(PostgresBinaries::onClassPath).with(
        new ResolvedConnection.Server(server.target(), "the test"), () -> declared, target, "public", line -> { },
        connection -> worked.getAndSet(true)));

    assertThat(e).as("the goal fails").isNotNull();
    assertThat(e.code()).isEqualTo("missing-existing-type");
    assertThat(e.getMessage()).contains("missing_status (declared at " + SourceSpan.of(file, 5, 5) + ")")
        .contains("never created on a real server").doesNotContain("present_status");
    assertThat(worked).as("no work ran on the database").isFalse();
    try (Connection connection = server.target().open(); Statement statement = connection.createStatement();
        var rows = statement.executeQuery("SELECT count(*) FROM pg_type WHERE typname = 'missing_status'")) {
      rows.next();
      assertThat(rows.getInt(1)).as("the declared type is never created on a real server").isZero();
    } catch (java.sql.SQLException x) {
      throw new AssertionError(x);
    }
  }

  @Test
  void with_serverHasEveryDeclaredExistingType_runsTheWork() {
    List<ExistingType> declared = List.of(new ExistingType(QualifiedName.parse("present_status"), List.of("A", "B"),
        SourceSpan.startOf(Path.of("existing-types.yaml"))));

    boolean worked = new DatabaseSession(PostgresBinaries::onClassPath).with(new ResolvedConnection.Server(server.target(), "the test"),
        () -> declared, target, "public", line -> { }, connection -> true);

    assertThat(worked).isTrue();
  }

  /** What the session's settings are and where each came from: "client" is the startup message, "session" a SET. */
  private static List<String> settings(Connection connection) {
    try (Statement statement = connection.createStatement(); var rows = statement.executeQuery("SELECT name || '=' ||"
        + " setting || ' (' || source || ')' FROM pg_settings WHERE name IN ('search_path', 'application_name',"
        + " 'extra_float_digits') ORDER BY name")) {
      List<String> settings = new java.util.ArrayList<>();
      while (rows.next()) {
        settings.add(rows.getString(1));
      }
      return settings;
    } catch (java.sql.SQLException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void with_defaultSchema_setInTheStartupMessageWithoutARoundTripMore() {
    List<String> settings = new DatabaseSession(PostgresBinaries::onClassPath).with(new ResolvedConnection.Server(
        server.target(), "the test"), List::of, target, "My Schema", line -> { }, DatabaseSessionTest::settings);

    assertThat(settings).contains("application_name=migrate-maven-plugin (client)",
        "search_path=\"My Schema\" (client)").noneMatch(setting -> setting.endsWith("(session)"));
  }

  @Test
  void with_urlThatSetsTheSchemaItself_defaultSchemaStillWins() {
    JdbcTarget target = server.target();
    JdbcTarget withSchema = new JdbcTarget(target.url() + (target.url().contains("?") ? "&" : "?")
        + "currentSchema=elsewhere", target.user(), target.password(), target.shownAs());

    List<String> settings = new DatabaseSession(PostgresBinaries::onClassPath).with(new ResolvedConnection.Server(
        withSchema, "the test"), List::of, this.target, "public", line -> { }, DatabaseSessionTest::settings);

    assertThat(settings).contains("search_path=public (session)");
  }
}
