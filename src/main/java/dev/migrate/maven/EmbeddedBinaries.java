package dev.migrate.maven;

import dev.migrate.MigrateException;
import dev.migrate.config.PostgresBinaries;
import java.util.List;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;

/**
 * Fetches the running platform's PostgreSQL binaries the way Maven fetches a plugin: from the
 * local repository, else from the project's plugin repositories, through the session's
 * resolver, so {@code -o}, mirrors, proxies and credentials in settings.xml apply. The plugin
 * depends on no binaries, so a user downloads only the ones that run here.
 *
 * @param repositories the project's plugin repositories, mirrors and proxies applied
 */
record EmbeddedBinaries(RepositorySystem system, RepositorySystemSession session,
    List<RemoteRepository> repositories) {

  PostgresBinaries resolve() {
    PostgresBinaries.Platform platform = PostgresBinaries.Platform.current();
    String version = PostgresBinaries.builtWith();
    String coordinates = PostgresBinaries.GROUP_ID + ":" + platform.artifactId() + ":" + version;
    ArtifactRequest request = new ArtifactRequest(new DefaultArtifact(coordinates), repositories, null);
    try {
      ArtifactResult result = system.resolveArtifact(session, request);
      return new PostgresBinaries(result.getArtifact().getFile().toPath(), platform, version);
    } catch (ArtifactResolutionException e) {
      String instead = "; or use a PostgreSQL server instead (-Dmigrate.url, MIGRATE_URL or DATABASE_URL)";
      if (session.isOffline()) {
        throw new MigrateException("embedded-offline", "the embedded PostgreSQL needs " + coordinates
            + ", which is not in the local repository, and Maven is offline: run once without -o to download"
            + " it" + instead);
      }
      throw new MigrateException("embedded-download", "cannot download the embedded PostgreSQL " + coordinates
          + ": " + e.getMessage() + "; check the network, or the mirrors and proxies in settings.xml" + instead, e);
    }
  }
}
