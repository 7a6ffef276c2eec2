package dev.migrate.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The SHA-256 of each changelog file's bytes as an earlier run read them, by the file's stamp:
 * its size, modification and change times, device and inode. A no-op upgrade of a thousand
 * revisions that reads and hashes every file spends most of its own time in a cold JVM's
 * SHA-256; with the stamps it reads none of them.
 *
 * <p>A stamp stands for the bytes only as git's index does: every write changes a file's change
 * time (ctime), which no user command can set back, and the stamp is taken before the bytes
 * are read, so a write during the read leaves a stamp that no longer matches. A file changed
 * within a clock tick of being read could keep its stamp, so a stamp is trusted only when the
 * file's ctime is {@link #SETTLED} older than the run that read it; a newer file is read and
 * hashed again until a later run records it. Where the system has no ctime (not a Unix), no
 * stamp is taken and every file is read.
 *
 * <p>The file {@code stamps-1.txt} also keeps the changelog's fingerprint (SHA-256 over a hundred
 * bytes a file) for the exact set of files it lists, the directory and the placeholders.
 */
final class FileStamps {

  /** How much older than the run a file's last change must be for its stamp to be kept: two clock ticks of FAT. */
  static final long SETTLED = TimeUnit.SECONDS.toMillis(2);

  private static final String FILE = "stamps-1.txt";
  private static final String FINGERPRINT = "#fingerprint";

  /** A file's stamp, and whether it was taken long enough after the file's last change to be kept. */
  record Stamp(String text, boolean settled, boolean regular, long size) {}

  /** A file's stamp when it was read, and the hash of the bytes read. */
  private record Entry(String stamp, String hash) {}

  private final Path file;
  private final long settledBefore;
  private final Map<String, Entry> known; // by path
  private final String fingerprintOver;      // what the kept fingerprint took in besides the hashes
  private final String fingerprint;
  private final Map<String, Entry> seen = new ConcurrentHashMap<>();

  private FileStamps(Path file, Map<String, Entry> known, String fingerprintOver, String fingerprint) {
    this.file = file;
    this.settledBefore = System.currentTimeMillis() - SETTLED;
    this.known = known;
    this.fingerprintOver = fingerprintOver;
    this.fingerprint = fingerprint;
  }

  /** The stamps kept under {@code directory}; none when it is null, or the file is missing or damaged. */
  static FileStamps open(Path directory) {
    if (directory == null) {
      return new FileStamps(null, Map.of(), null, null);
    }
    Path file = directory.resolve(FILE);
    Map<String, Entry> known = new HashMap<>();
    String fingerprintOver = null;
    String fingerprint = null;
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String[] fields = line.split("\t", -1);
        if (fields.length != 3) {
          throw new IOException("a damaged stamp line");
        }
        if (fields[0].equals(FINGERPRINT)) {
          fingerprintOver = CacheField.unescape(fields[1]);
          fingerprint = fields[2];
        } else {
          known.put(CacheField.unescape(fields[0]), new Entry(fields[1], fields[2]));
        }
      }
    } catch (IOException | RuntimeException e) {
      return new FileStamps(file, Map.of(), null, null); // missing or damaged: every file is read
    }
    return new FileStamps(file, known, fingerprintOver, fingerprint);
  }

  /** The stamp of {@code path} now (one stat, following links), or null when it has none. */
  Stamp stamp(Path path) {
    if (file == null) {
      return null;
    }
    try {
      // two stats, not the one of "unix:size,...,ctime": that view's attribute map costs more than a stat
      BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
      FileTime changed = (FileTime) Files.getAttribute(path, "unix:ctime");
      String text = a.size() + "/" + nanos(a.lastModifiedTime()) + "/" + nanos(changed) + "/" + a.fileKey();
      return new Stamp(text, changed.toMillis() < settledBefore, a.isRegularFile(), a.size());
    } catch (IOException | RuntimeException e) {
      return null; // no such view here (not a Unix), or the file is gone or a dangling link: it is read, and refused
    }
  }

  /** The hash of {@code path}'s bytes when an earlier run read them under this very stamp; else null. */
  String hash(Path path, Stamp stamp) {
    if (stamp == null || !stamp.settled()) {
      return null;
    }
    Entry entry = known.get(path.toString());
    if (entry == null || !entry.stamp().equals(stamp.text())) {
      return null;
    }
    seen.put(path.toString(), entry);
    return entry.hash();
  }

  /** Remembers the hash of the bytes read from {@code path} after {@code stamp} was taken. */
  void remember(Path path, Stamp stamp, String hash) {
    if (stamp != null && stamp.settled()) {
      seen.put(path.toString(), new Entry(stamp.text(), hash));
    }
  }

  /**
   * The fingerprint kept for exactly these files with these hashes (by path), made over
   * {@code over} (the directory and the placeholders), which it is a function of; else null.
   */
  String fingerprint(Map<Path, String> hashes, String over) {
    if (fingerprint == null || known.size() != hashes.size() || !over.equals(fingerprintOver)) {
      return null;
    }
    for (Map.Entry<Path, String> e : hashes.entrySet()) {
      Entry entry = known.get(e.getKey().toString());
      if (entry == null || !entry.hash().equals(e.getValue())) {
        return null;
      }
    }
    return fingerprint;
  }

  /**
   * Keeps the stamps of this run's files and the fingerprint made from them; nothing is written
   * when nothing changed. Only an optimization: a failure to write costs the next run a read.
   */
  void save(String over, String changelogFingerprint) {
    if (file == null || unchanged(over, changelogFingerprint)) {
      return;
    }
    StringBuilder text = new StringBuilder();
    for (Map.Entry<String, Entry> e : seen.entrySet()) {
      text.append(CacheField.escape(e.getKey())).append('\t').append(e.getValue().stamp()).append('\t')
          .append(e.getValue().hash()).append('\n');
    }
    text.append(FINGERPRINT).append('\t').append(CacheField.escape(over)).append('\t').append(changelogFingerprint)
        .append('\n');
    try {
      CacheFile.write(file, text);
    } catch (IOException | UnsupportedOperationException e) {
      // the next run reads the files again
    }
  }

  private boolean unchanged(String over, String changelogFingerprint) {
    return seen.equals(known) && changelogFingerprint.equals(fingerprint) && over.equals(fingerprintOver);
  }

  private static long nanos(FileTime time) {
    return time.to(TimeUnit.NANOSECONDS);
  }
}
