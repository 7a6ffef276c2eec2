package dev.migrate.schema;

import dev.migrate.load.CacheFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Changelogs whose replay passed its checks in an earlier run, by {@code Changelog#fingerprint()},
 * each with the warnings it gave. An upgrade renders revisions as written and needs the replay
 * only for its verdict; a changelog that passed and has not changed by a byte need not be
 * replayed again, which is most of the client's time on a large upgrade.
 *
 * <p>The key also names this plugin's build (where its classes were loaded from, and when that
 * was written), so a plugin with other checks replays afresh. Only the newest verdict is kept.
 * A store that cannot be read or written is ignored: it is only an optimization.
 */
public final class PassedReplays {

  private static final String PREFIX = "replay-passed-";
  /** Warnings are one line each in the file; a warning's own line breaks are kept as this. */
  private static final String NEWLINE = "\u2028";

  private final Path directory;

  /** The store under {@code directory} ({@code target/migrate}), or one that remembers nothing when it is null. */
  public PassedReplays(Path directory) {
    this.directory = directory;
  }

  /** The warnings of the passed replay of the changelog with {@code fingerprint}, or empty when none is known. */
  public Optional<List<String>> warnings(String fingerprint) {
    Path file = file(fingerprint);
    if (file == null || !Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      return Optional.of(text.isEmpty() ? List.of()
          : Arrays.stream(text.split("\n")).map(line -> line.replace(NEWLINE, "\n")).toList());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Records that the changelog with {@code fingerprint} passed, with its warnings; forgets the others. */
  public void record(String fingerprint, List<String> warnings) {
    Path file = file(fingerprint);
    if (file == null) {
      return;
    }
    try {
      CacheFile.write(file, String.join("\n", warnings.stream().map(w -> w.replace("\n", NEWLINE)).toList()));
      CacheFile.removeOthers(file, PREFIX + "*");
    } catch (IOException | UnsupportedOperationException e) {
      // Only an optimization: the next run replays again.
    }
  }

  private Path file(String fingerprint) {
    String build = CacheFile.pluginBuild();
    if (directory == null || fingerprint == null || build == null) {
      return null;
    }
    return directory.resolve(PREFIX + fingerprint.substring(0, Math.min(32, fingerprint.length())) + "-" + build
        + ".txt");
  }
}
