package dev.migrate.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The content hashes of files that passed schema validation in an earlier run, kept in one
 * file under the cache directory ({@code target/migrate/}). A file whose bytes hash to a
 * known entry skips validation: that is what lets a no-op run over thousands of revisions
 * finish without building the validator at all. The file name carries the schema's
 * fingerprint, so a new plugin version validates everything afresh.
 *
 * <p>The cache is only an optimization: a cache that cannot be read or written is ignored.
 */
final class ValidationCache {

  private final Path file;
  private final Set<String> known;
  /** Files are validated in parallel, so new entries arrive from several threads. */
  private final Set<String> added = ConcurrentHashMap.newKeySet();

  private ValidationCache(Path file, Set<String> known) {
    this.file = file;
    this.known = known;
  }

  /** The cache under {@code directory}, or one that remembers nothing when it is null. */
  static ValidationCache open(Path directory) {
    if (directory == null) {
      return new ValidationCache(null, Set.of());
    }
    Path file = directory.resolve("validated-" + ChangelogSchema.fingerprint() + ".txt");
    Set<String> known = new HashSet<>();
    try {
      if (Files.isRegularFile(file)) {
        for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
          if (!line.isBlank()) {
            known.add(line.trim());
          }
        }
      }
    } catch (IOException e) {
      known.clear();
    }
    return new ValidationCache(file, known);
  }

  static String hash(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  boolean contains(String hash) {
    return known.contains(hash) || added.contains(hash);
  }

  void add(String hash) {
    if (!known.contains(hash)) {
      added.add(hash);
    }
  }

  /** Writes new entries, replacing the file atomically so a concurrent run reads a whole one. */
  void save() {
    if (file == null || added.isEmpty()) {
      return;
    }
    Set<String> all = new TreeSet<>(known);
    all.addAll(added);
    try {
      Files.createDirectories(file.getParent());
      Path temporary = Files.createTempFile(file.getParent(), "validated", ".tmp");
      Files.write(temporary, all, StandardCharsets.US_ASCII);
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      known.addAll(added);
      added.clear();
    } catch (IOException | UnsupportedOperationException e) {
      // Only an optimization: the next run validates again.
    }
  }
}
