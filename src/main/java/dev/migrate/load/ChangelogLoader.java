package dev.migrate.load;

import dev.migrate.changelog.Changelog;
import java.nio.file.Path;
import java.util.Map;

/** Reads a changelog directory into the model, validating every file. (Skeleton: being built.) */
public final class ChangelogLoader {

  private final Map<String, String> placeholders;
  private final Path cacheDirectory;

  /**
   * @param placeholders values for {@code ${name}}
   * @param cacheDirectory where validation results may be cached, or null
   */
  public ChangelogLoader(Map<String, String> placeholders, Path cacheDirectory) {
    this.placeholders = Map.copyOf(placeholders);
    this.cacheDirectory = cacheDirectory;
  }

  /** Loads every revision and existing-types file below {@code directory}, or throws every problem. */
  public Changelog load(Path directory) {
    throw new UnsupportedOperationException("ChangelogLoader.load: not built yet " + placeholders.size() + cacheDirectory);
  }
}
