package dev.migrate.load;

import dev.migrate.changelog.Checksum;
import dev.migrate.changelog.Revision;
import dev.migrate.changelog.SourceSpan;
import java.io.IOException;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Files that passed schema validation in an earlier run, kept under the cache directory
 * ({@code target/migrate/}) by the SHA-256 of their bytes, each with its parsed tree, the
 * places of its operations and, where the file alone decides it, its checksum. A file whose
 * bytes hash to a known entry is neither parsed nor validated again: reading the tree back
 * as JSON is an order of magnitude faster than YAML, and that is what keeps a no-op run
 * and {@code history} over thousands of revisions fast (decisions.md allows the skipped
 * validation).
 *
 * <p>Two files of plain lines: the trees ({@code parsed-*.trees}) and the outlines
 * ({@code parsed-*.outlines}), which the goals that need only the graph read alone. Their
 * names carry the schema's fingerprint, this format's version and the checksum's, so a
 * plugin that reads or checks files differently starts afresh. Entries of files no longer in
 * the changelog are dropped on the next save. A cache that cannot be read or written is
 * ignored: it is only an optimization.
 */
final class ParseCache {

  /** The version of what an entry holds; bump it when the readers change the trees they make. */
  private static final String FORMAT = "7";

  /** A field with no value (no checksum), and the outline line of an existing-types file, which has no outline. */
  private static final String NONE = "-";

  /** How deep the kept places go: {@code /upgrade/0/create-table/columns} is four. */
  private static final int KEPT_DEPTH = 4;

  /**
   * One validated file, as its line in the cache holds it: its tree as JSON text, where the
   * pointers of its operations were written (line and column; the file's path is added on use,
   * since a renamed file keeps its entry), its checksum (null when it depends on more than the
   * file: an {@code sql} file beside it) and its outline. The text is parsed only when the file
   * is read, on the loader's parallel threads.
   */
  record Entry(byte[] json, String positions, String checksum, String outline) {

    Document document(Path file) {
      Map<String, SourceSpan> spans = new HashMap<>();
      String[] fields = positions.isEmpty() ? new String[0] : positions.split(",", -1);
      for (int i = 0; i + 2 < fields.length; i += 3) {
        spans.put(CacheField.unescape(fields[i]), SourceSpan.of(file, Integer.parseInt(fields[i + 1]),
            Integer.parseInt(fields[i + 2])));
      }
      return new Document(file, JsonTrees.read(json), spans);
    }

    /**
     * The entry of a valid file, with the places of its nodes down to operations and their
     * arguments ({@code /upgrade/0/create-table/columns}): the model records those; deeper
     * ones matter only to a diagnostic, for which the file is read afresh. Keeping every
     * place made the cache four times the size and its reading the slowest step.
     */
    static Entry of(Document document, String checksum, Revision revision) {
      StringBuilder positions = new StringBuilder();
      document.positions().forEach((pointer, at) -> {
        if (depth(pointer) <= KEPT_DEPTH) {
          positions.append(positions.isEmpty() ? "" : ",").append(CacheField.escape(pointer)).append(',')
              .append(at.line()).append(',').append(at.column());
        }
      });
      return new Entry(JsonTrees.write(document.root()), positions.toString(), checksum,
          revision == null ? NONE : Outline.of(revision, checksum).line());
    }

    private static int depth(String pointer) {
      int depth = 0;
      for (int i = 0; i < pointer.length(); i++) {
        if (pointer.charAt(i) == '/') {
          depth++;
        }
      }
      return depth;
    }
  }

  /**
   * What the revision graph and its text listings need of a revision file, kept apart from
   * the trees so that {@code history} and {@code heads} read a small part of the cache.
   */
  record Outline(String id, List<String> downRevisions, List<String> branchLabels, List<String> dependsOn,
      String message, String checksum) {

    /** The outline of a revision; its checksum is left out (null) where the file alone does not decide it. */
    static Outline of(Revision revision, String checksum) {
      return new Outline(revision.id(), revision.downRevisions(), revision.branchLabels(), revision.dependsOn(),
          revision.message(), checksum);
    }

    /** Its line in the outlines file, after the hash. */
    String line() {
      return String.join("\t", CacheField.escape(id), orNone(checksum), CacheField.escape(message), list(downRevisions),
          list(branchLabels), list(dependsOn));
    }

    /** The outline of a line, or null for an existing-types file's. */
    static Outline parse(String line) throws IOException {
      if (line.equals(NONE)) {
        return null;
      }
      String[] fields = line.split("\t", -1);
      if (fields.length != 6) {
        throw new IOException("a damaged outline line");
      }
      return new Outline(CacheField.unescape(fields[0]), list(fields[3]), list(fields[4]), list(fields[5]),
          CacheField.unescape(fields[2]), orNull(fields[1]));
    }
  }

  private final Path file;
  private final Map<String, Entry> known;
  /** Every known file's outline line, parsed only when asked for: "-" for an existing-types file. */
  private final Map<String, String> outlines;
  /** Files are read in parallel, so entries are used and added from several threads. */
  private final Map<String, Entry> used = new ConcurrentHashMap<>();
  private volatile boolean changed;

  private ParseCache(Path file, Map<String, Entry> known, Map<String, String> outlines) {
    this.file = file;
    this.known = known;
    this.outlines = outlines;
  }

  /** The cache under {@code directory}, or one that remembers nothing when it is null. */
  static ParseCache open(Path directory) {
    return open(directory, false);
  }

  /**
   * The outlines only, for listing the graph: the trees are not read, and such a cache is
   * never saved (it could not write the trees back).
   */
  static ParseCache openOutlines(Path directory) {
    return open(directory, true);
  }

  private static ParseCache open(Path directory, boolean outlinesOnly) {
    if (directory == null) {
      return new ParseCache(null, Map.of(), Map.of());
    }
    Path file = directory.resolve("parsed-" + ChangelogSchema.fingerprint() + "-" + FORMAT + "-" + Checksum.VERSION
        + ".trees");
    Map<String, String> outlines = new HashMap<>();
    Map<String, Entry> entries = new HashMap<>();
    try {
      readOutlines(outlinesOf(file), outlines);
      if (!outlinesOnly) {
        readEntries(file, entries, outlines);
      }
      return new ParseCache(outlinesOnly ? null : file, entries, outlines);
    } catch (IOException | RuntimeException e) {
      return new ParseCache(outlinesOnly ? null : file, new HashMap<>(), new HashMap<>()); // missing or damaged
    }
  }

  /** Caches of another schema or format (an earlier plugin) are of no more use. */
  private void removeOtherVersions() throws IOException {
    try (DirectoryStream<Path> siblings = Files.newDirectoryStream(file.getParent(), "{parsed,validated}-*")) {
      for (Path sibling : siblings) {
        if (!sibling.equals(file) && !sibling.equals(outlinesOf(file))) {
          Files.deleteIfExists(sibling);
        }
      }
    }
  }

  /** The outlines lie beside the trees: a no-op upgrade reads them alone, with no JSON parser at all. */
  private static Path outlinesOf(Path file) {
    return file.resolveSibling(file.getFileName().toString().replace(".trees", ".outlines"));
  }

  static String hash(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** Whether it knows no file at all: a first run, or a new plugin build. */
  boolean isEmpty() {
    return outlines.isEmpty();
  }

  /** Whether a file whose bytes hash to {@code hash} passed validation in an earlier run. */
  boolean knows(String hash) {
    return outlines.containsKey(hash);
  }

  /** The outline of the valid file whose bytes hash to {@code hash}: null for an existing-types file or an unknown one. */
  Outline outline(String hash) {
    String line = outlines.get(hash);
    try {
      return line == null ? null : Outline.parse(line);
    } catch (IOException damaged) {
      return null;
    }
  }

  /** The entry of a file whose bytes hash to {@code hash}, or null. */
  Entry get(String hash) {
    Entry entry = known.get(hash);
    if (entry == null) {
      entry = used.get(hash);
    }
    if (entry != null) {
      used.put(hash, entry);
    }
    return entry;
  }

  void add(String hash, Entry entry) {
    used.put(hash, entry);
    changed = true;
  }

  /** Writes the entries of this run's files, replacing the files atomically so a concurrent run reads whole ones. */
  void save() {
    if (file == null || (!changed && used.size() == known.size())) {
      return;
    }
    try {
      Files.createDirectories(file.getParent());
      replace(file, out -> {
        for (Map.Entry<String, Entry> e : used.entrySet()) {
          Entry entry = e.getValue();
          out.write(String.join("\t", e.getKey(), orNone(entry.checksum()), entry.positions(), "")
              .getBytes(StandardCharsets.UTF_8));
          out.write(entry.json());
          out.write('\n');
        }
      });
      replace(outlinesOf(file), out -> {
        for (Map.Entry<String, Entry> e : used.entrySet()) {
          out.write((e.getKey() + "\t" + e.getValue().outline() + "\n").getBytes(StandardCharsets.UTF_8));
        }
      });
      removeOtherVersions();
    } catch (IOException | UnsupportedOperationException e) {
      // Only an optimization: the next run parses and validates again.
    }
  }

  /** What a cache file holds, written to its stream. */
  private interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  /** Writes {@code target} through a temporary file moved over it, so a concurrent run reads a whole one. */
  private static void replace(Path target, Content content) throws IOException {
    Path temporary = Files.createTempFile(target.getParent(), "parsed", ".tmp");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temporary))) {
      content.writeTo(out);
    }
    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static String orNone(String value) {
    return value == null ? NONE : value;
  }

  private static String orNull(String field) {
    return field.equals(NONE) ? null : field;
  }

  // Both files hold one line a changelog file, tab-separated; text fields are escaped (\\, \t, \n, \r, \c for a
  // comma). Plain lines: reading them is a split, and a tree is parsed only when its file is read.
  // parsed-*.trees:    <sha-256>  <checksum or ->  <pointer,line,column,...>  <tree as one line of JSON>
  // parsed-*.outlines: <sha-256>  <id>  <checksum or ->  <message>  <down-revisions,>  <branch-labels,>  <depends-on,>
  //                    (split at the first tab on opening; the rest only when the outline is asked for)
  //                    or, for an existing-types file: <sha-256>  -

  /** Splits the lines as bytes: the trees stay UTF-8, which Jackson reads as it is, when their files are read. */
  private static void readEntries(Path file, Map<String, Entry> entries, Map<String, String> outlines)
      throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    int start = 0;
    while (start < bytes.length) {
      int end = indexOf(bytes, (byte) '\n', start, bytes.length);
      int first = indexOf(bytes, (byte) '\t', start, end);
      int second = indexOf(bytes, (byte) '\t', first + 1, end);
      int third = indexOf(bytes, (byte) '\t', second + 1, end);
      if (end == bytes.length || third == end) {
        throw new IOException("a damaged tree line");
      }
      String hash = new String(bytes, start, first - start, StandardCharsets.US_ASCII);
      if (outlines.containsKey(hash)) { // else written by another run between the two files: a miss
        String checksum = new String(bytes, first + 1, second - first - 1, StandardCharsets.US_ASCII);
        entries.put(hash, new Entry(Arrays.copyOfRange(bytes, third + 1, end),
            new String(bytes, second + 1, third - second - 1, StandardCharsets.UTF_8),
            orNull(checksum), outlines.get(hash)));
      }
      start = end + 1;
    }
  }

  /** The index of {@code b} in {@code bytes} from {@code from}, or {@code to} when it is not there before. */
  private static int indexOf(byte[] bytes, byte b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return to;
  }

  private static void readOutlines(Path file, Map<String, String> outlines) throws IOException {
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      int tab = line.indexOf('\t');
      if (tab < 0) {
        throw new IOException("a damaged outline line");
      }
      outlines.put(line.substring(0, tab), line.substring(tab + 1));
    }
  }

  private static String list(List<String> values) {
    return String.join(",", values.stream().map(CacheField::escape).toList());
  }

  private static List<String> list(String field) {
    if (field.isEmpty()) {
      return List.of();
    }
    String[] values = field.split(",", -1);
    for (int i = 0; i < values.length; i++) {
      values[i] = CacheField.unescape(values[i]);
    }
    return List.of(values);
  }

  /** For tests: the hashes this cache holds on disk. */
  static List<String> hashesIn(Path directory) {
    return new ArrayList<>(open(directory).known.keySet());
  }
}
