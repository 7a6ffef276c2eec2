package dev.migrate.maven;

import dev.migrate.changelog.Changelog;
import dev.migrate.changelog.ExistingType;
import dev.migrate.changelog.Revision;
import dev.migrate.execute.PassedEditChecks;
import dev.migrate.execute.RenderedCache;
import dev.migrate.execute.RunSource;
import dev.migrate.graph.RevisionGraph;
import dev.migrate.load.ChangelogException;
import dev.migrate.load.Diagnostic;
import dev.migrate.schema.PassedReplays;
import dev.migrate.schema.Replay;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A loaded changelog and its graph, each part made on first use: {@code history} and
 * {@code heads} need only the graph, and must stay fast on 10,000 revisions; an
 * {@code upgrade} needs only the replay's verdict, which an earlier run on the same files may
 * already have given, and, when there is nothing to run, only the revisions' outlines.
 */
final class Workspace implements RunSource {

  private final Supplier<Changelog> loadFull;
  private final PassedReplays passed;
  private final Consumer<String> warnings;
  private final Changelog outline;
  private final RevisionGraph outlineGraph;
  private Changelog changelog;
  private RevisionGraph graph;
  private Replay replay;
  private boolean checked;
  private Map<Path, String> fileHashes = Map.of();
  private Path renderedDirectory;
  private String renderedBase;
  private RenderedCache rendered;

  /** A workspace over a changelog loaded in full. */
  Workspace(Changelog changelog, RevisionGraph graph, PassedReplays passed, Consumer<String> warnings) {
    this(() -> changelog, null, passed, warnings);
    this.changelog = changelog;
    this.graph = graph;
  }

  /**
   * A workspace over the revisions' outlines, the changelog loaded in full by {@code loadFull}
   * once something needs the operations; null {@code outline} loads it at once.
   */
  Workspace(Supplier<Changelog> loadFull, Changelog outline, PassedReplays passed, Consumer<String> warnings) {
    this.loadFull = loadFull;
    this.outline = outline;
    this.outlineGraph = outline == null ? null : RevisionGraph.of(outline.revisions());
    this.passed = passed;
    this.warnings = warnings;
  }

  /** The hashes of the changelog's files, by path, which key the statements kept by {@link #keepingRendered}. */
  Workspace withFileHashes(Map<Path, String> hashes) {
    this.fileHashes = hashes;
    return this;
  }

  /**
   * Keeps the statements a run renders (and a downgrade derives) under {@code directory}, and
   * uses those kept there.
   *
   * @param base what they depend on besides the revisions' files: the default schema and the placeholder values
   */
  Workspace keepingRendered(Path directory, String base) {
    this.renderedDirectory = directory;
    this.renderedBase = base;
    return this;
  }

  /**
   * Keyed by the revisions' files (for a downgrade, in replay order), over the base and the
   * other files of the changelog (existing types); none when the files' hashes are not known.
   */
  @Override
  public RenderedCache rendered() {
    if (rendered == null) {
      if (renderedDirectory == null || fileHashes.isEmpty()) {
        rendered = RenderedCache.none();
      } else {
        List<Revision> order = graph().topologicalOrder();
        Set<Path> revisionFiles = new HashSet<>();
        order.forEach(r -> revisionFiles.add(r.at().file()));
        StringBuilder base = new StringBuilder(renderedBase);
        new TreeMap<>(fileHashes).forEach((file, hash) -> {
          if (!revisionFiles.contains(file)) {
            base.append('\n').append(file).append(' ').append(hash);
          }
        });
        rendered = RenderedCache.open(renderedDirectory, base.toString(), order, revision -> {
          String hash = revision.at() == null ? null : fileHashes.get(revision.at().file());
          return hash == null ? null : revision.at().file() + " " + hash;
        });
      }
    }
    return rendered;
  }

  /** The last passed check of the applied revisions, kept beside the rendered statements (upgrade and downgrade). */
  @Override
  public PassedEditChecks passedEditChecks() {
    if (renderedDirectory == null) {
      return PassedEditChecks.none();
    }
    return new PassedEditChecks(renderedDirectory, outline != null ? outline.fingerprint() : changelog().fingerprint());
  }

  /** The changelog in full. */
  Changelog changelog() {
    if (changelog == null) {
      changelog = loadFull.get();
    }
    return changelog;
  }

  /** The declared existing types, which outlines have too. */
  List<ExistingType> existingTypes() {
    return outline != null ? outline.existingTypes() : changelog().existingTypes();
  }

  /** The graph: of the outlines when this workspace has them and nothing needed more yet. */
  @Override
  public RevisionGraph graph() {
    return graph != null || outlineGraph == null ? fullGraph() : outlineGraph;
  }

  /** The graph of the full revisions. */
  @Override
  public RevisionGraph fullGraph() {
    if (graph == null) {
      graph = RevisionGraph.of(changelog().revisions());
    }
    return graph;
  }

  /**
   * Makes sure the replay's checks pass before any database is touched: from the verdict of
   * an earlier run on the very same files (its warnings repeated), or by replaying now.
   */
  Workspace checked() {
    if (!checked) {
      String fingerprint = outline != null ? outline.fingerprint() : changelog().fingerprint();
      var earlier = passed.warnings(fingerprint);
      if (earlier.isPresent()) {
        earlier.get().forEach(warnings);
        checked = true;
      } else {
        replay();
      }
    }
    return this;
  }

  /** The replay, checked: its errors fail the goal before any database is touched. */
  @Override
  public Replay replay() {
    if (replay == null) {
      Replay replayed = Replay.of(changelog(), fullGraph());
      List<Diagnostic> errors = replayed.diagnostics().stream()
          .filter(d -> d.severity() == Diagnostic.Severity.ERROR).toList();
      List<String> shown = replayed.diagnostics().stream().filter(d -> d.severity() != Diagnostic.Severity.ERROR)
          .map(Diagnostic::toString).toList();
      if (!checked) {
        shown.forEach(warnings);
      }
      if (!errors.isEmpty()) {
        throw new ChangelogException(errors);
      }
      if (!checked) {
        passed.record(changelog().fingerprint(), shown);
        checked = true;
      }
      replay = replayed;
    }
    return replay;
  }
}
