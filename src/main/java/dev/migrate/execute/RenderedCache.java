package dev.migrate.execute;

import dev.migrate.load.CacheField;
import dev.migrate.changelog.Revision;
import dev.migrate.changelog.SourceSpan;
import dev.migrate.graph.Direction;
import dev.migrate.load.CacheFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The statements earlier runs rendered for each revision, both ways, kept under
 * {@code target/migrate/} so that a run neither loads the operations nor renders (nor, for a
 * downgrade, replays the whole changelog) again. A revision's upgrade depends on its file alone;
 * its derived downgrade on the model before it, that is on every revision before it in the
 * replay order. So an upgrade is keyed by the hash of the revision's file (path and bytes), a
 * downgrade by a chain: that hash over the key of the revision before it in the replay order.
 * Both go over the plugin build, the default schema, the placeholder values and the other files
 * (existing types), and over the server's major version, since the SQL is rendered for it. Any
 * edit to a revision, or for a downgrade to one before it, changes the key, and the statements are
 * made afresh; revisions added after it leave it alone.
 *
 * <p>Statements that run an {@code sql} file are never kept (the file is not part of the key), nor
 * the upgrade of a revision with preconditions (a run must check them, and needs them loaded).
 * A cache that cannot be read or written is ignored: it is only an optimization.
 */
public final class RenderedCache {

  private static final String PREFIX = "rendered-";
  private static final String NONE = "-";

  /** A revision's statements one way as a run sends them, with what the plan needs of the revision besides. */
  public record Entry(List<PlannedStatement> statements, boolean transactional, Duration lockTimeout,
      Duration statementTimeout) {

    public Entry {
      statements = List.copyOf(statements);
    }
  }

  private final Path file;
  private final String base;
  private final List<Revision> order;
  private final Function<Revision, String> fileHash;
  private final Map<String, String> lines;
  private Map<String, String> keys;    // made on first use: a run one way needs the keys of that way only
  private Map<String, String> ownKeys;
  private final Map<String, String> added = new ConcurrentHashMap<>();

  private RenderedCache(Path file, String base, List<Revision> order, Function<Revision, String> fileHash,
      Map<String, String> lines) {
    this.file = file;
    this.base = base;
    this.order = order;
    this.fileHash = fileHash;
    this.lines = lines;
  }

  /** A cache that remembers nothing. */
  public static RenderedCache none() {
    return new RenderedCache(null, "", List.of(), revision -> null, Map.of());
  }

  /**
   * The cache under {@code directory} for the revisions of {@code order}, the replay order.
   *
   * @param base what every reversal depends on besides the revisions: the default schema, the placeholder values,
   *     the existing-types files (the plugin build is added here)
   * @param fileHash the hash of a revision's file (its path and bytes), or null when it is not known
   */
  public static RenderedCache open(Path directory, String base, List<Revision> order,
      Function<Revision, String> fileHash) {
    String build = CacheFile.pluginBuild();
    if (directory == null || build == null) {
      return none();
    }
    Path file = directory.resolve(PREFIX + build + ".txt");
    Map<String, String> lines = new HashMap<>();
    try {
      if (Files.isRegularFile(file)) {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          int tab = line.indexOf('\t');
          if (tab > 0) {
            lines.put(line.substring(0, tab), line.substring(tab + 1));
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      lines.clear(); // damaged: derive again
    }
    return new RenderedCache(file, build + "\n" + base, List.copyOf(order), fileHash, lines);
  }

  /** The downgrade keys, chained in replay order. */
  private Map<String, String> keys() {
    if (keys == null) {
      keys = chain(base, order, fileHash);
    }
    return keys;
  }

  /** The upgrade keys, each of its revision's file alone. */
  private Map<String, String> ownKeys() {
    if (ownKeys == null) {
      ownKeys = new HashMap<>();
      for (Revision revision : order) {
        String own = fileHash.apply(revision);
        if (own != null) {
          ownKeys.put(revision.id(), hash(base + "\nupgrade\n" + revision.id() + "\n" + own));
        }
      }
    }
    return ownKeys;
  }

  /**
   * Each revision's key: its file's hash chained over the key of the revision before it in
   * {@code order}. After a revision whose file is not known no key is given, to it or any later.
   */
  static Map<String, String> chain(String base, List<Revision> order, Function<Revision, String> fileHash) {
    Map<String, String> keys = new HashMap<>();
    String key = hash(base);
    for (Revision revision : order) {
      String own = fileHash.apply(revision);
      if (own == null) {
        break;
      }
      key = hash(key + "\n" + revision.id() + "\n" + own);
      keys.put(revision.id(), key);
    }
    return keys;
  }

  /** The statements kept for this revision one way on a server of this major, if their key still holds. */
  Optional<Entry> get(Direction direction, String revisionId, int major) {
    String key = key(direction, revisionId, major);
    String line = key == null ? null : lines.get(key);
    if (line == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(parse(line));
    } catch (RuntimeException damaged) {
      return Optional.empty();
    }
  }

  void put(Direction direction, String revisionId, int major, Entry entry) {
    String key = key(direction, revisionId, major);
    if (key != null && file != null) {
      added.put(key, line(entry));
    }
  }

  /**
   * Writes the entries whose keys the current changelog still has, with those added by this run,
   * replacing the file atomically so that a concurrent run reads a whole one.
   */
  void save() {
    if (file == null || added.isEmpty()) {
      return;
    }
    java.util.Set<String> chains = new java.util.HashSet<>();
    keys().values().forEach(chained -> chains.add(chained.substring(0, 32)));
    ownKeys().values().forEach(own -> chains.add(own.substring(0, 32)));
    Map<String, String> kept = new HashMap<>();
    lines.forEach((key, line) -> {
      if (key.length() > 32 && chains.contains(key.substring(0, 32))) {
        kept.put(key, line);
      }
    });
    kept.putAll(added);
    try {
      StringBuilder text = new StringBuilder();
      kept.forEach((key, line) -> text.append(key).append('\t').append(line).append('\n'));
      CacheFile.write(file, text);
      CacheFile.removeOthers(file, PREFIX + "*"); // an earlier build's
    } catch (IOException | UnsupportedOperationException e) {
      // Only an optimization: the next run renders again.
    }
  }

  /** The first 32 characters are the revision's, so that save can tell which entries the changelog still has. */
  private String key(Direction direction, String revisionId, int major) {
    String chained = (direction == Direction.UP ? ownKeys() : keys()).get(revisionId);
    return chained == null ? null : chained.substring(0, 32) + hash(chained + "\n" + major).substring(0, 16);
  }

  // A line: <key> TAB <transactional> TAB <lock timeout ms or -> TAB <statement timeout ms or -> then, per statement,
  // TAB <file or -> TAB <line> TAB <column> TAB <sql>; text fields escaped (\\, \t, \n, \r).

  private static String line(Entry entry) {
    StringBuilder line = new StringBuilder().append(entry.transactional()).append('\t').append(millis(entry.lockTimeout()))
        .append('\t').append(millis(entry.statementTimeout()));
    for (PlannedStatement statement : entry.statements()) {
      SourceSpan at = statement.at();
      line.append('\t').append(at == null ? NONE : CacheField.escape(at.file().toString())).append('\t')
          .append(at == null ? 0 : at.line()).append('\t').append(at == null ? 0 : at.column()).append('\t')
          .append(CacheField.escape(statement.sql()));
    }
    return line.toString();
  }

  private static Entry parse(String line) {
    String[] fields = line.split("\t", -1);
    if (fields.length < 3 || (fields.length - 3) % 4 != 0) {
      throw new IllegalArgumentException("a damaged reversal line");
    }
    List<PlannedStatement> statements = new ArrayList<>();
    for (int i = 3; i < fields.length; i += 4) {
      SourceSpan at = fields[i].equals(NONE) ? null
          : SourceSpan.of(Path.of(CacheField.unescape(fields[i])), Integer.parseInt(fields[i + 1]),
              Integer.parseInt(fields[i + 2]));
      statements.add(new PlannedStatement(CacheField.unescape(fields[i + 3]), at));
    }
    return new Entry(statements, Boolean.parseBoolean(fields[0]), duration(fields[1]), duration(fields[2]));
  }

  private static String millis(Duration duration) {
    return duration == null ? NONE : Long.toString(duration.toMillis());
  }

  private static Duration duration(String field) {
    return field.equals(NONE) ? null : Duration.ofMillis(Long.parseLong(field));
  }

  static String hash(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
