package dev.migrate.execute;

import dev.migrate.load.CacheFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The last check of the applied revisions against their files ({@link EditedRevision}) that
 * passed: it is a function of the changelog (its fingerprint), the version table's heads and the
 * history rows, so when none of those changed it passes again, and a no-op upgrade need not
 * fetch a history row per applied revision and compare each (a third of its own time at a
 * thousand revisions). The history rows are known by the server's digest of them, one row to
 * read. Kept in {@code target/migrate}, keyed also by the plugin's build.
 */
public final class PassedEditChecks {

  private static final String PREFIX = "edits-checked-";

  private final Path file; // null: nothing is remembered
  private final String fingerprint;

  /**
   * @param directory {@code target/migrate}, or null to remember nothing
   * @param fingerprint the changelog's fingerprint, or null to remember nothing
   */
  public PassedEditChecks(Path directory, String fingerprint) {
    String build = directory == null || fingerprint == null ? null : CacheFile.pluginBuild();
    this.file = build == null ? null : directory.resolve(PREFIX + build + ".txt");
    this.fingerprint = fingerprint;
  }

  /** Remembers nothing: every run checks every applied revision. */
  public static PassedEditChecks none() {
    return new PassedEditChecks(null, null);
  }

  /** Whether this keeps anything at all. */
  boolean remembers() {
    return file != null;
  }

  /** Whether the check passed before on this changelog and a database whose heads and history were {@code database}. */
  boolean passed(String database) {
    if (file == null) {
      return false;
    }
    try {
      return Files.readString(file, StandardCharsets.UTF_8).equals(fingerprint + "\n" + database);
    } catch (IOException e) {
      return false;
    }
  }

  /** Records that the check passed on {@code database}; only the last one is kept. */
  void record(String database) {
    if (file == null) {
      return;
    }
    try {
      CacheFile.write(file, fingerprint + "\n" + database);
      CacheFile.removeOthers(file, PREFIX + "*"); // an earlier build's
    } catch (IOException | UnsupportedOperationException e) {
      // Only an optimization: the next run checks again.
    }
  }
}
