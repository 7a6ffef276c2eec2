package dev.migrate.load;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrate.changelog.Changelog;
import dev.migrate.changelog.ExistingType;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads a changelog directory into the model: every {@code .yaml}, {@code .yml} and
 * {@code .xml} file below it, in path order, parsed, validated against the published schema,
 * with placeholders replaced, and mapped to {@link Revision}s and {@link ExistingType}s.
 * Every problem of every file is collected first and thrown together as one
 * {@link ChangelogException}.
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

  private static final Set<String> EXTENSIONS = Set.of("yaml", "yml", "xml");

  private final Placeholders placeholders;
  private final Path cacheDirectory;

  /**
   * @param placeholders values for {@code ${name}}
   * @param cacheDirectory where validation results may be cached, or null
   */
  public ChangelogLoader(Map<String, String> placeholders, Path cacheDirectory) {
    this(new Placeholders(Map.copyOf(placeholders)), cacheDirectory);
  }

  private ChangelogLoader(Placeholders placeholders, Path cacheDirectory) {
    this.placeholders = placeholders;
    this.cacheDirectory = cacheDirectory;
  }

  /**
   * A loader that keeps every {@code ${name}} as written, in string values and in
   * {@code sql} files alike: the checksum of a revision is taken over this form, so one
   * checksum holds in every environment (decisions.md, "Checksum").
   */
  public static ChangelogLoader asWritten(Path cacheDirectory) {
    return new ChangelogLoader(Placeholders.asWritten(), cacheDirectory);
  }

  /** Loads every revision and existing-types file below {@code directory}, or throws every problem. */
  public Changelog load(Path directory) {
    List<Diagnostic> sink = new ArrayList<>();
    if (!Files.isDirectory(directory)) {
      sink.add(Diagnostic.error(SourceSpan.startOf(directory), "missing-directory", "the changelog directory "
          + directory + " does not exist; create it (migrate:revision writes the first revision there) or point"
          + " the plugin's changelogDirectory at the right place"));
      throw new ChangelogException(sink);
    }
    ValidationCache cache = ValidationCache.open(cacheDirectory);
    // Files are independent until the graph is built, so they are read in parallel; toList()
    // keeps the path order, so the result and the diagnostics are the same on every run.
    List<FileResult> results = files(directory).parallelStream().map(file -> read(file, directory, cache)).toList();
    cache.save();
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
    return new Changelog(revisions, existingTypes);
  }

  /** What one file gave: a revision or declared types, or the diagnostics that stopped it. */
  private record FileResult(List<Diagnostic> diagnostics, Revision revision, List<ExistingType> existingTypes) {}

  private FileResult read(Path file, Path directory, ValidationCache cache) {
    List<Diagnostic> sink = new ArrayList<>();
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      sink.add(Diagnostic.error(SourceSpan.startOf(file), "unreadable-file", "cannot read the file: " + e));
      return new FileResult(sink, null, List.of());
    }
    Document document = parse(file, content, sink);
    if (document == null) {
      return new FileResult(sink, null, List.of());
    }
    JsonNode root = document.root();
    boolean types = root.isObject() && root.has("existing-types");
    if (root.isObject() && !types && REVISION_KEYS.stream().noneMatch(root::has)) {
      sink.add(Diagnostic.error(document.at(""), "not-a-changelog-file", "this file is neither a revision"
          + " (it has no 'revision' key) nor an existing-types declaration; every .yaml, .yml and .xml file in the"
          + " changelog directory is read, so move this file out of " + directory));
      return new FileResult(sink, null, List.of());
    }
    String hash = ValidationCache.hash(content);
    if (!cache.contains(hash)) {
      List<Diagnostic> findings = ChangelogSchema.instance().check(document);
      if (!findings.isEmpty()) {
        sink.addAll(findings);
        return new FileResult(sink, null, List.of());
      }
      cache.add(hash);
    }
    Document resolved = mayHoldPlaceholders(content) ? placeholders.apply(document, sink) : document;
    if (resolved == null) {
      return new FileResult(sink, null, List.of());
    }
    if (types) {
      return new FileResult(sink, null, ModelReader.existingTypes(resolved, sink));
    }
    return new FileResult(sink, ModelReader.revision(resolved, placeholders, sink), List.of());
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

  /** The changelog files below {@code directory}, sorted by relative path with '/' separators. */
  private static List<Path> files(Path directory) {
    try (Stream<Path> walk = Files.walk(directory)) {
      // The sort key is computed once per file: relativizing inside the comparator costs more
      // than reading the files, with ten thousand of them.
      TreeMap<String, Path> sorted = new TreeMap<>();
      walk.filter(p -> EXTENSIONS.contains(extension(p))).filter(Files::isRegularFile).forEach(p -> {
        Path relative = directory.relativize(p);
        if (!hidden(relative)) {
          sorted.put(relative.toString().replace('\\', '/'), p);
        }
      });
      return List.copyOf(sorted.values());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the changelog directory " + directory, e);
    }
  }

  /** Editors and tools leave dot files ({@code .#a.yaml}, {@code .git/}); they are not revisions. */
  private static boolean hidden(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private static String extension(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
