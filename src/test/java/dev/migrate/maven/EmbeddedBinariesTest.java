package dev.migrate.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrate.MigrateException;
import dev.migrate.config.PostgresBinaries;
import dev.migrate.config.PostgresBinaries.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.repository.internal.MavenRepositorySystemUtils;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.repository.LocalRepository;
import org.eclipse.aether.repository.RemoteRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Maven's own resolver (the one the running Maven hands the mojo), on a local repository of the test's. */
class EmbeddedBinariesTest {

  private static final RemoteRepository CENTRAL =
      new RemoteRepository.Builder("central", "default", "https://repo.maven.apache.org/maven2").build();

  @TempDir Path localRepository;

  private final RepositorySystem system =
      MavenRepositorySystemUtils.newServiceLocator().getService(RepositorySystem.class);

  private DefaultRepositorySystemSession session(boolean offline) {
    DefaultRepositorySystemSession session = MavenRepositorySystemUtils.newSession();
    session.setLocalRepositoryManager(system.newLocalRepositoryManager(session,
        new LocalRepository(localRepository.toFile())));
    session.setOffline(offline);
    return session;
  }

  @Test
  void resolve_inTheLocalRepository_isThisPlatformsJarThere_evenOffline() throws IOException {
    Platform platform = Platform.current();
    String version = PostgresBinaries.builtWith();
    Path jar = localRepository.resolve("io/zonky/test/postgres/" + platform.artifactId() + "/" + version + "/"
        + platform.artifactId() + "-" + version + ".jar");
    Files.createDirectories(jar.getParent());
    Files.copy(PostgresBinaries.onClassPath().jar(), jar);

    PostgresBinaries binaries = new EmbeddedBinaries(system, session(true), List.of(CENTRAL)).resolve();

    assertThat(binaries.jar()).isEqualTo(jar);
    assertThat(binaries.platform()).isEqualTo(platform);
    assertThat(binaries.version()).isEqualTo(version);
  }

  @Test
  void resolve_offlineWithoutThem_failsSayingRunOnceOnline() {
    String coordinates = "io.zonky.test.postgres:" + Platform.current().artifactId() + ":"
        + PostgresBinaries.builtWith();

    assertThatThrownBy(() -> new EmbeddedBinaries(system, session(true), List.of(CENTRAL)).resolve())
        .isInstanceOfSatisfying(MigrateException.class, e -> assertThat(e.code()).isEqualTo("embedded-offline"))
        .hasMessage("the embedded PostgreSQL needs " + coordinates + ", which is not in the local repository,"
            + " and Maven is offline: run once without -o to download it; or use a PostgreSQL server instead"
            + " (-Dmigrate.url, MIGRATE_URL or DATABASE_URL)");
  }
}
