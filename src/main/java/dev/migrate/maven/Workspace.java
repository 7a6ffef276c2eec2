package dev.migrate.maven;

import dev.migrate.changelog.Changelog;
import dev.migrate.graph.RevisionGraph;
import dev.migrate.load.ChangelogException;
import dev.migrate.load.Diagnostic;
import dev.migrate.schema.PassedReplays;
import dev.migrate.schema.Replay;
import java.util.List;
import java.util.function.Consumer;

/**
 * A loaded changelog and its graph, with the replay over the schema model made on first
 * use: {@code history} and {@code heads} need only the graph, and must stay fast on 10,000
 * revisions; an {@code upgrade} needs only the replay's verdict, which an earlier run on the
 * same files may already have given.
 */
final class Workspace {

  private final Changelog changelog;
  private final RevisionGraph graph;
  private final PassedReplays passed;
  private final Consumer<String> warnings;
  private Replay replay;
  private boolean checked;

  Workspace(Changelog changelog, RevisionGraph graph, PassedReplays passed, Consumer<String> warnings) {
    this.changelog = changelog;
    this.graph = graph;
    this.passed = passed;
    this.warnings = warnings;
  }

  Changelog changelog() {
    return changelog;
  }

  RevisionGraph graph() {
    return graph;
  }

  /**
   * Makes sure the replay's checks pass before any database is touched: from the verdict of
   * an earlier run on the very same files (its warnings repeated), or by replaying now.
   */
  Workspace checked() {
    if (!checked) {
      var earlier = passed.warnings(changelog.fingerprint());
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
  Replay replay() {
    if (replay == null) {
      Replay replayed = Replay.of(changelog, graph);
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
        passed.record(changelog.fingerprint(), shown);
        checked = true;
      }
      replay = replayed;
    }
    return replay;
  }
}
