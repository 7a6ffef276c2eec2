package dev.migrate.maven;

import dev.migrate.changelog.Changelog;
import dev.migrate.graph.RevisionGraph;
import dev.migrate.load.ChangelogException;
import dev.migrate.load.Diagnostic;
import dev.migrate.schema.Replay;
import java.util.List;
import java.util.function.Consumer;

/**
 * A loaded changelog and its graph, with the replay over the schema model made on first
 * use: {@code history} and {@code heads} need only the graph, and must stay fast on 10,000
 * revisions.
 */
final class Workspace {

  private final Changelog changelog;
  private final RevisionGraph graph;
  private final Consumer<String> warnings;
  private Replay replay;

  Workspace(Changelog changelog, RevisionGraph graph, Consumer<String> warnings) {
    this.changelog = changelog;
    this.graph = graph;
    this.warnings = warnings;
  }

  Changelog changelog() {
    return changelog;
  }

  RevisionGraph graph() {
    return graph;
  }

  /** The replay, checked: its errors fail the goal before any database is touched. */
  Replay replay() {
    if (replay == null) {
      Replay replayed = Replay.of(changelog, graph);
      List<Diagnostic> errors = replayed.diagnostics().stream()
          .filter(d -> d.severity() == Diagnostic.Severity.ERROR).toList();
      replayed.diagnostics().stream().filter(d -> d.severity() != Diagnostic.Severity.ERROR)
          .forEach(d -> warnings.accept(d.toString()));
      if (!errors.isEmpty()) {
        throw new ChangelogException(errors);
      }
      replay = replayed;
    }
    return replay;
  }
}
