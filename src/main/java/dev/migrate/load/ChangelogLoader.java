package dev.migrate.load;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrate.changelog.Changelog;
import dev.migrate.changelog.ExistingType;
import dev.migrate.changelog.Operation;
import dev.migrate.changelog.Revision;
import dev.migrate.changelog.SourceSpan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.function.Function;

/**
 * Reads a changelog directory into the model: every {@code .yaml}, {@code .yml} and
 * {@code .xml} file below it, in path order, parsed, validated against the published schema,
 * with placeholders replaced, and mapped to {@link Revision}s and {@link ExistingType}s.
 * Every problem of every file is collected first and thrown together as one
 * {@link ChangelogException}. What is read at all, and what is refused unread (a link loop, a
 * FIFO, an oversized file, an sql file outside the directory), is {@link ChangelogFiles}' rule.
 *
 * <pre>
 * Changelog changelog = new ChangelogLoader(Map.of("schema_owner", "app"), Path.of("target/migrate"))
 *     .load(Path.of("src/main/migrations"));
 * </pre>
 */
public final class ChangelogLoader {

  /** Root keys that mark a revision file, for telling a stray YAML file from a broken revision. */
  private static final Set<String> REVISION_KEYS =
      Set.of("revision", "down-revision", "message", "upgrade", "downgrade", "depends-on", "branch-labels");

  private final Placeholders placeholders;
  private final Path cacheDirectory;
  private volatile Map<Path, String> fileHashes = Map.of();
  private volatile boolean outlinedInFull;

  /**
   * @param placeholders values for {@code ${name}}
   * @param cacheDirectory where parsed and validated files may be cached ({@link ParseCache}), or null
   */
  public ChangelogLoader(Map<String, String> placeholders, Path cacheDirectory) {
    this.placeholders = new Placeholders(Map.copyOf(placeholders));
    this.cacheDirectory = cacheDirectory;
  }

  /** Loads every revision and existing-types file below {@code directory}, or throws every problem. */
  public Changelog load(Path directory) {
    if (!Files.isDirectory(directory)) {
      throw new ChangelogException(List.of(Diagnostic.error(SourceSpan.startOf(directory), "missing-directory",
          "the changelog directory " + directory + " does not exist; create it (migrate:revision writes the first"
              + " revision there) or point the plugin's changelogDirectory at the right place")));
    }
    ParseCache cache = ParseCache.open(cacheDirectory);
    FileStamps stamps = FileStamps.open(cacheDirectory);
    try {
      Path root = realPath(directory);
      return collect(directory, file -> read(file, root, cache, stamps), stamps);
    } finally {
      cache.save(); // the valid files of a broken changelog are remembered too
    }
  }

  /**
   * The revisions' outlines only: ids, parents, branch labels, depends-on, messages, files and
   * checksums, for what needs the graph alone: listing it ({@code history}, {@code heads},
   * {@code branches}), and an upgrade finding out whether there is anything to run. A file
   * validated by an earlier run is not parsed at all; any other, and one whose checksum takes in
   * an sql file, is read in full with every check of {@link #load}, as are existing-types files.
   * The outlines have no operations and no preconditions; nothing is cached but the files'
   * {@link FileStamps}, by which a file unchanged since an earlier run is not read at all. The
   * fingerprint is the full load's.
   */
  public Changelog outline(Path directory) {
    if (!Files.isDirectory(directory)) {
      return load(directory);
    }
    ParseCache cache = ParseCache.openOutlines(cacheDirectory);
    if (cache.isEmpty() && cacheDirectory != null) {
      // nothing validated yet (a first run): every file must be read in full anyway, so read it once
      // and keep it, rather than once for the outline and again when the operations are needed
      outlinedInFull = true;
      return load(directory);
    }
    FileStamps stamps = FileStamps.open(cacheDirectory);
    Path root = realPath(directory);
    return collect(directory, file -> outline(file, root, cache, stamps), stamps);
  }

  /** Whether the last {@link #outline} loaded the changelog in full (and cached it), having nothing cached. */
  public boolean outlinedInFull() {
    return outlinedInFull;
  }

  /**
   * The SHA-256 of the bytes of every file the last {@link #load} or {@link #outline} read, by
   * path (as the revisions' {@code at} name them): what a cache keyed by the files' contents needs.
   */
  public Map<Path, String> fileHashes() {
    return fileHashes;
  }

  /**
   * Reads every file of {@code directory} with {@code reader}, in parallel: files are
   * independent until the graph is built. toList() keeps the path order, so the result and
   * the diagnostics are the same on every run; every problem of every file is thrown together.
   */
  private Changelog collect(Path directory, Function<Path, FileResult> reader, FileStamps stamps) {
    ChangelogFiles.Listing listing = listing(directory);
    SortedMap<String, Path> files = listing.files();
    List<FileResult> results = List.copyOf(files.values()).parallelStream().map(reader).toList();
    List<Diagnostic> sink = new ArrayList<>(listing.problems());
    List<Revision> revisions = new ArrayList<>();
    List<ExistingType> existingTypes = new ArrayList<>();
    for (FileResult result : results) {
      sink.addAll(result.diagnostics());
      if (result.revision() != null) {
        revisions.add(result.revision());
      }
      existingTypes.addAll(result.existingTypes());
    }
    if (!sink.isEmpty()) {
      throw new ChangelogException(sink);
    }
    Map<Path, String> hashes = new java.util.HashMap<>();
    int i = 0;
    for (Path file : files.values()) {
      hashes.put(file, results.get(i++).hash());
    }
    fileHashes = hashes;
    String over = directory + "\n" + placeholders; // what the fingerprint takes in besides the files' hashes
    String fingerprint = stamps.fingerprint(hashes, over);
    if (fingerprint == null) {
      fingerprint = fingerprint(files.keySet(), results);
    }
    stamps.save(over, fingerprint);
    return new Changelog(revisions, existingTypes, fingerprint);
  }

  private FileResult outline(Path file, Path root, ParseCache cache, FileStamps stamps) {
    FileStamps.Stamp stamp = stamps.stamp(file);
    String hash = stamps.hash(file, stamp);
    ParseCache.Outline outline = hash != null && stamp.regular() && stamp.size() <= ChangelogFiles.MAX_CHANGELOG_FILE
        && cache.knows(hash) ? cache.outline(hash) : null;
    if (outline == null || outline.checksum() == null) {
      Content content = content(file, stamp, stamps);
      if (content.refusal() != null) {
        return content.refusal();
      }
      hash = content.hash();
      outline = cache.knows(hash) ? cache.outline(hash) : null;
      if (outline == null || outline.checksum() == null) {
        // not validated before; an existing-types file (few, small, and needed by every run); or
        // a revision whose checksum takes in an sql file, which may have changed
        return read(file, root, cache, content.bytes(), hash);
      }
    }
    return new FileResult(List.of(), new Revision(outline.id(), outline.downRevisions(), outline.branchLabels(),
        outline.dependsOn(), outline.message(), true, null, List.of(), null, null, null, SourceSpan.startOf(file),
        outline.checksum()), List.of(), hash);
  }

  /** What one file gave: a revision or declared types, or the diagnostics that stopped it; and its bytes' hash. */
  private record FileResult(List<Diagnostic> diagnostics, Revision revision, List<ExistingType> existingTypes,
      String hash) {

    FileResult(List<Diagnostic> diagnostics, Revision revision, List<ExistingType> existingTypes) {
      this(diagnostics, revision, existingTypes, null);
    }

    FileResult hashed(String contentHash) {
      return new FileResult(diagnostics, revision, existingTypes, contentHash);
    }
  }

  /** The changelog's {@link Changelog#fingerprint()}: each file's path and hash, in order, and the placeholders. */
  private String fingerprint(Collection<String> names, List<FileResult> results) {
    StringBuilder text = new StringBuilder(names.size() * 100).append(placeholders).append('\n');
    int i = 0;
    for (String name : names) {
      text.append(name).append(' ').append(results.get(i++).hash()).append('\n');
    }
    return ParseCache.hash(text.toString().getBytes(StandardCharsets.UTF_8));
  }

  private FileResult read(Path file, Path root, ParseCache cache, FileStamps stamps) {
    // the stamp before the read: a write during it leaves a stamp that no longer matches
    Content content = content(file, stamps.stamp(file), stamps);
    return content.refusal() != null ? content.refusal() : read(file, root, cache, content.bytes(), content.hash());
  }

  /** A file's bytes and their hash; or, for a file refused or unreadable, the result that says so. */
  private record Content(byte[] bytes, String hash, FileResult refusal) {}

  /** Reads a changelog file and keeps its {@code stamp}, taken before the read, for the bytes read. */
  private static Content content(Path file, FileStamps.Stamp stamp, FileStamps stamps) {
    try {
      byte[] bytes = ChangelogFiles.readChangelogFile(file);
      String hash = ParseCache.hash(bytes);
      stamps.remember(file, stamp, hash);
      return new Content(bytes, hash, null);
    } catch (ChangelogFiles.Refused e) {
      return new Content(null, null, refused(file, e));
    } catch (IOException e) {
      return new Content(null, null, unreadable(file, e));
    }
  }

  private static FileResult refused(Path file, ChangelogFiles.Refused e) {
    return new FileResult(List.of(Diagnostic.error(SourceSpan.startOf(file), e.code(), e.getMessage())), null,
        List.of());
  }

  private static FileResult unreadable(Path file, IOException e) {
    return new FileResult(List.of(Diagnostic.error(SourceSpan.startOf(file), "unreadable-file",
        "cannot read the file: " + e)), null, List.of());
  }

  /** The model of a file whose bytes are {@code content}: from the cache when it knows them, else parsed and checked. */
  private FileResult read(Path file, Path root, ParseCache cache, byte[] content, String hash) {
    ParseCache.Entry cached = cache.get(hash);
    Document fromCache = cached == null ? null : cachedDocument(cached, file);
    if (fromCache != null) {
      FileResult result = interpret(fromCache, root, content, cached.checksum(), new ArrayList<>());
      if (result.diagnostics().isEmpty()) {
        return result.hashed(hash);
      }
      // The cache keeps the places of operations only; a problem (a placeholder or an sql file
      // gone since) is reported from a fresh reading, at its exact line and column.
    }
    List<Diagnostic> sink = new ArrayList<>();
    Document document = parseAndValidate(file, root, content, sink);
    if (document == null) {
      return new FileResult(sink, null, List.of());
    }
    FileResult result = interpret(document, root, content, null, sink);
    if (result.diagnostics().isEmpty()) {
      // A checksum that takes in an sql file's text is not the file's alone, so it is not kept.
      String checksum = result.revision() == null || readsSqlFiles(result.revision()) ? null
          : result.revision().checksum();
      cache.add(hash, ParseCache.Entry.of(document, checksum, result.revision()));
    }
    return result.hashed(hash);
  }

  /** The model of a parsed, valid file: placeholders replaced, the checksum as written (or {@code checksum}). */
  private FileResult interpret(Document document, Path root, byte[] content, String checksum,
      List<Diagnostic> sink) {
    boolean written = mayHoldPlaceholders(content);
    Document resolved = written ? placeholders.apply(document, sink) : document;
    if (resolved == null) {
      return new FileResult(sink, null, List.of());
    }
    if (written || mayHoldNul(content)) {
      refuseNul(resolved, resolved.root(), "", sink); // and read on, for the problems of its sql files
    }
    if (resolved.root().has("existing-types")) {
      return new FileResult(sink, null, ModelReader.existingTypes(resolved, sink));
    }
    Revision revision = ModelReader.revision(resolved, root, placeholders, checksum, sink);
    if (revision == null) {
      return new FileResult(sink, null, List.of());
    }
    return new FileResult(sink, checksum != null ? revision : revision.withChecksum(
        checksumAsWritten(document, root, revision, written)), List.of());
  }

  /** The cached tree of a file, or null when its entry is damaged (then the file is read afresh). */
  private static Document cachedDocument(ParseCache.Entry cached, Path file) {
    try {
      return cached.document(file);
    } catch (RuntimeException damaged) {
      return null;
    }
  }

  /** The tree of a file not seen before, or null after diagnostics: malformed, not a changelog file, or invalid. */
  private static Document parseAndValidate(Path file, Path directory, byte[] content, List<Diagnostic> sink) {
    Document document = parse(file, content, sink);
    if (document == null) {
      return null;
    }
    JsonNode root = document.root();
    if (root.isObject() && !root.has("existing-types") && REVISION_KEYS.stream().noneMatch(root::has)) {
      sink.add(Diagnostic.error(document.at(""), "not-a-changelog-file", "this file is neither a revision"
          + " (it has no 'revision' key) nor an existing-types declaration; every .yaml, .yml and .xml file in the"
          + " changelog directory is read, so move this file out of " + directory));
      return null;
    }
    List<Diagnostic> findings = ChangelogSchema.instance().check(document);
    if (!findings.isEmpty()) {
      sink.addAll(findings);
      return null;
    }
    return document;
  }

  /**
   * The checksum over the file as written, {@code ${name}} kept (decisions.md, "Checksum"): the
   * resolved revision's own when nothing was replaced, else that of a second reading that
   * replaces nothing, in the file and in its {@code sql} files alike.
   */
  private String checksumAsWritten(Document document, Path root, Revision resolved, boolean written) {
    if (!placeholders.replaces() || (!written && !readsSqlFiles(resolved))) {
      return resolved.checksum();
    }
    // A value that is only valid once replaced (a type "varchar(${n})") fails this reading: then
    // the replaced one stands, and its problems were reported by the reading that counts.
    Revision asWritten = ModelReader.revision(document, root, Placeholders.asWritten(), null,
        new ArrayList<>());
    return asWritten == null ? resolved.checksum() : asWritten.checksum();
  }

  private static boolean readsSqlFiles(Revision revision) {
    return revision.upgrade().stream().anyMatch(c -> c.operation() instanceof Operation.Sql sql && sql.file() != null);
  }

  /**
   * A file without a NUL byte or a backslash cannot hold U+0000 (YAML writes it as an escape,
   * {@code "\0"} or {@code "\u0000"}; XML cannot hold it at all), so the tree walk is skipped.
   */
  private static boolean mayHoldNul(byte[] content) {
    for (byte b : content) {
      if (b == 0 || b == '\\') {
        return true;
      }
    }
    return false;
  }

  /**
   * An error at each key or text of the tree that holds U+0000: PostgreSQL refuses the character in every statement (a name, a literal, SQL text), so it is
   * refused here, before anything runs, rather than half-way through an upgrade.
   */
  private static void refuseNul(Document document, JsonNode node, String pointer, List<Diagnostic> sink) {
    if (node.isTextual() && node.asText().indexOf('\0') >= 0) {
      sink.add(Diagnostic.error(document.at(pointer), "nul-character", "'" + node.asText().replace('\0', '?')
          + "' contains the character U+0000 (shown as ?), which PostgreSQL refuses in names, values and SQL;"
          + " remove it"));
    }
    if (node.isObject()) {
      for (var fields = node.fields(); fields.hasNext();) {
        var field = fields.next();
        String child = Document.child(pointer, field.getKey());
        if (field.getKey().indexOf('\0') >= 0) {
          sink.add(Diagnostic.error(document.at(child), "nul-character", "a key contains the character U+0000;"
              + " remove it"));
        }
        refuseNul(document, field.getValue(), child, sink);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        refuseNul(document, node.get(i), Document.child(pointer, i), sink);
      }
    }
  }

  /** A file without "${" has nothing to replace; most files are such, so skip the tree walk. */
  private static boolean mayHoldPlaceholders(byte[] content) {
    for (int i = 0; i + 1 < content.length; i++) {
      if (content[i] == '$' && content[i + 1] == '{') {
        return true;
      }
    }
    return false;
  }

  private static Document parse(Path file, byte[] content, List<Diagnostic> sink) {
    boolean xml = extension(file).equals("xml");
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
    } catch (CharacterCodingException e) {
      if (xml) {
        // An XML file may declare another encoding; the XML parser reads the bytes itself.
        return XmlReader.read(file, sink);
      }
      sink.add(Diagnostic.error(SourceSpan.startOf(file), "yaml-syntax",
          "the file is not UTF-8 text; save it as UTF-8"));
      return null;
    }
    return xml ? XmlReader.read(file, text, sink) : YamlReader.read(file, text, sink);
  }

  /** The changelog files below {@code directory}, and the entries refused on the way. */
  private static ChangelogFiles.Listing listing(Path directory) {
    try {
      return ChangelogFiles.list(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the changelog directory " + directory, e);
    }
  }

  private static Path realPath(Path directory) {
    try {
      return directory.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot resolve the changelog directory " + directory, e);
    }
  }

  private static String extension(Path file) {
    return ChangelogFiles.extension(file.getFileName().toString());
  }
}
