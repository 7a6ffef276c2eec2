package dev.migrate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrate.MigrateException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class ConnectionSettingsTest {

  @TempDir Path base;

  private ConnectionSettings settings(Secret url, Map<String, String> env) {
    return new ConnectionSettings(url, null, null, null, true, base, env);
  }

  private static JdbcTarget server(ResolvedConnection resolved) {
    assertThat(resolved).isInstanceOf(ResolvedConnection.Server.class);
    return ((ResolvedConnection.Server) resolved).target();
  }

  private static String origin(ResolvedConnection resolved) {
    return ((ResolvedConnection.Server) resolved).origin();
  }

  private void dotEnv(String... lines) throws IOException {
    Files.write(base.resolve(".env"), List.of(lines));
  }

  @Test
  void resolve_urlParameter_winsOverEnvironmentAndDotEnv() throws IOException {
    dotEnv("MIGRATE_URL=postgresql://envfile/a");
    ResolvedConnection resolved = settings(Secret.of("postgresql://param/a"),
        Map.of("MIGRATE_URL", "postgresql://migrate/a", "DATABASE_URL", "postgresql://database/a")).resolve();

    assertThat(server(resolved).url()).isEqualTo("jdbc:postgresql://param/a");
    assertThat(origin(resolved)).isEqualTo("the url parameter (-Dmigrate.url or the pom's <url>)");
  }

  @Test
  void resolve_migrateUrl_winsOverDatabaseUrl() throws IOException {
    dotEnv("MIGRATE_URL=postgresql://envfile/a");
    ResolvedConnection resolved = settings(null,
        Map.of("MIGRATE_URL", "postgresql://migrate/a", "DATABASE_URL", "postgresql://database/a")).resolve();

    assertThat(server(resolved).url()).isEqualTo("jdbc:postgresql://migrate/a");
    assertThat(origin(resolved)).isEqualTo("the environment variable MIGRATE_URL");
  }

  @Test
  void resolve_databaseUrl_winsOverDotEnv() throws IOException {
    dotEnv("MIGRATE_URL=postgresql://envfile/a");
    ResolvedConnection resolved = settings(null, Map.of("DATABASE_URL", "postgresql://database/a")).resolve();

    assertThat(server(resolved).url()).isEqualTo("jdbc:postgresql://database/a");
  }

  @Test
  void resolve_dotEnv_migrateUrlBeforeDatabaseUrl_withQuotesAndComments() throws IOException {
    dotEnv("# local settings", "", "DATABASE_URL=postgresql://second/a",
        "export MIGRATE_URL=\"postgresql://app:pw@first:5432/a\"  # the dev box", "OTHER='x'");
    ResolvedConnection resolved = settings(null, Map.of()).resolve();

    assertThat(server(resolved).url()).isEqualTo("jdbc:postgresql://first:5432/a");
    assertThat(server(resolved).user()).isEqualTo("app");
    assertThat(origin(resolved)).isEqualTo("MIGRATE_URL in " + base.resolve(".env"));
  }

  @Test
  void resolve_nothingAnywhere_usesEmbedded() {
    assertThat(settings(null, Map.of("PATH", "/usr/bin")).resolve()).isEqualTo(new ResolvedConnection.Embedded());
  }

  @Test
  void resolve_nothingAndEmbeddedFalse_failsSayingWhereToSetAUrl() {
    ConnectionSettings settings = new ConnectionSettings(null, null, null, null, false, base, Map.of());

    assertThatThrownBy(settings::resolve)
        .isInstanceOfSatisfying(MigrateException.class, e -> assertThat(e.code()).isEqualTo("no-database-url"))
        .hasMessageContaining("embedded is false")
        .hasMessageContaining("-Dmigrate.url")
        .hasMessageContaining("MIGRATE_URL or DATABASE_URL")
        .hasMessageContaining(base.resolve(".env").toString());
  }

  @Test
  void resolve_emptyEnvironmentVariable_failsInsteadOfFallingBack() throws IOException {
    dotEnv("MIGRATE_URL=postgresql://envfile/a");

    assertThatThrownBy(() -> settings(null, Map.of("MIGRATE_URL", "")).resolve())
        .isInstanceOfSatisfying(MigrateException.class, e -> assertThat(e.code()).isEqualTo("empty-url"))
        .hasMessageStartingWith("the environment variable MIGRATE_URL is set but empty");
  }

  @Test
  void resolve_emptyInDotEnv_failsNamingTheFile() throws IOException {
    dotEnv("DATABASE_URL=");

    assertThatThrownBy(() -> settings(null, Map.of()).resolve())
        .isInstanceOfSatisfying(MigrateException.class, e -> assertThat(e.code()).isEqualTo("empty-url"))
        .hasMessageStartingWith("DATABASE_URL in " + base.resolve(".env") + " is set but empty");
  }

  @Test
  void resolve_unparsableUrlParameter_failsInsteadOfUsingEmbedded() {
    assertThatThrownBy(() -> settings(Secret.of("localhost:5432"), Map.of()).resolve())
        .isInstanceOfSatisfying(MigrateException.class, e -> assertThat(e.code()).isEqualTo("invalid-url"))
        .hasMessageStartingWith("the url parameter (-Dmigrate.url or the pom's <url>)");
  }

  @Test
  void resolve_credentials_parametersThenServerThenUrl() {
    Map<String, String> env = Map.of("DATABASE_URL", "postgresql://urluser:urlpw@db/a");
    ServerCredentials server = new ServerCredentials("prod", "serveruser", Secret.of("serverpw"));

    JdbcTarget fromParams = server(new ConnectionSettings(null, "paramuser", Secret.of("parampw"), server, true, base, env).resolve());
    JdbcTarget fromServer = server(new ConnectionSettings(null, null, null, server, true, base, env).resolve());
    JdbcTarget fromUrl = server(new ConnectionSettings(null, null, null, null, true, base, env).resolve());
    JdbcTarget mixed = server(new ConnectionSettings(null, "paramuser", null, server, true, base, env).resolve());

    assertThat(fromParams.user()).isEqualTo("paramuser");
    assertThat(fromParams.password().reveal()).isEqualTo("parampw");
    assertThat(fromServer.user()).isEqualTo("serveruser");
    assertThat(fromServer.password().reveal()).isEqualTo("serverpw");
    assertThat(fromUrl.user()).isEqualTo("urluser");
    assertThat(fromUrl.password().reveal()).isEqualTo("urlpw");
    assertThat(mixed.user()).isEqualTo("paramuser");
    assertThat(mixed.password().reveal()).isEqualTo("serverpw");
  }

  @Test
  void resolvedTarget_showsTheUrlMasked() {
    JdbcTarget target = server(settings(Secret.of("postgresql://app:hunter2@db/a"), Map.of()).resolve());

    assertThat(target.toString()).isEqualTo("postgresql://app:****@db/a");
    assertThat(target.shownAs()).doesNotContain("hunter2");
    assertThat(String.valueOf(target.password())).isEqualTo("****");
    assertThat(settings(Secret.of("postgresql://app:hunter2@db/a"), Map.of()).toString()).doesNotContain("hunter2");
  }

  @Test
  void dotEnv_parse_quotesEscapesAndComments() {
    Map<String, String> values = DotEnv.parse(List.of(
        "A=plain # comment", "B='single # kept'", "C=\"dq \\\"x\\\" \\n\"", "  export D = spaced  ",
        "E=postgresql://h/db#frag", "not a line", "=novalue", "F="));

    assertThat(values).containsExactly(Map.entry("A", "plain"), Map.entry("B", "single # kept"),
        Map.entry("C", "dq \"x\" \n"), Map.entry("D", "spaced"), Map.entry("E", "postgresql://h/db#frag"),
        Map.entry("F", ""));
  }

  /** In a separate thread, so that a read blocked on the FIFO fails the test instead of hanging the suite. */
  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void resolve_dotEnvIsAFifo_failsNamingItWithoutReading() throws Exception {
    Path fifo = base.resolve(".env");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();

    assertThatThrownBy(() -> settings(null, Map.of()).resolve())
        .isInstanceOfSatisfying(MigrateException.class, e -> assertThat(e.code()).isEqualTo("env-file"))
        .hasMessageStartingWith(fifo + " is not a regular file (a FIFO, a device, a directory or a broken link)");
  }

  @Test
  void resolve_dotEnvOverOneMebibyte_failsNamingTheFileAndTheLimit() throws IOException {
    dotEnv("MIGRATE_URL=postgresql://envfile/a", "#".repeat(DotEnv.MAX_BYTES));

    assertThatThrownBy(() -> settings(null, Map.of()).resolve())
        .isInstanceOfSatisfying(MigrateException.class, e -> assertThat(e.code()).isEqualTo("env-file"))
        .hasMessageStartingWith(base.resolve(".env") + " is larger than the limit of 1048576 bytes (1 MiB)");
  }

  @Test
  void resolve_dotEnvLinkToAFile_readsTheFile() throws IOException {
    Path real = Files.write(base.resolve("real.env"), List.of("MIGRATE_URL=postgresql://linked/a"));
    Files.createSymbolicLink(base.resolve(".env"), real);

    assertThat(server(settings(null, Map.of()).resolve()).toString()).isEqualTo("postgresql://linked/a");
  }
}
