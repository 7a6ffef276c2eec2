package dev.migrate.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A file of the plugin's own under {@code target/migrate}, written whole: through a temporary
 * file moved over it, so that a concurrent run reads the old one or the new one, never a part.
 */
public final class CacheFile {

  private CacheFile() {}

  /** Replaces {@code file} with {@code text}, creating its directory. */
  public static void write(Path file, CharSequence text) throws IOException {
    Files.createDirectories(file.getParent());
    Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
    try {
      Files.writeString(temporary, text, StandardCharsets.UTF_8);
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary); // gone when the move succeeded
    }
  }

  /**
   * This plugin's build: the modification time of the jar (or class directory) its classes came
   * from, or null when it cannot be told. A cache file named by it is ignored by any other build.
   */
  public static String pluginBuild() {
    try {
      Path origin = Path.of(CacheFile.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return Long.toHexString(Files.getLastModifiedTime(origin).toMillis());
    } catch (Exception e) {
      return null; // not knowing the build, remember nothing
    }
  }

  /** Deletes the files beside {@code kept} whose names match {@code glob}: an earlier build's, of no more use. */
  public static void removeOthers(Path kept, String glob) throws IOException {
    try (DirectoryStream<Path> old = Files.newDirectoryStream(kept.getParent(), glob)) {
      for (Path stale : old) {
        if (!stale.equals(kept)) {
          Files.deleteIfExists(stale);
        }
      }
    }
  }
}
