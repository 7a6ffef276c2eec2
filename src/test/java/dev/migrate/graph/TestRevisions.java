package dev.migrate.graph;

import dev.migrate.changelog.Change;
import dev.migrate.changelog.Revision;
import dev.migrate.changelog.SourceSpan;
import java.nio.file.Path;
import java.util.List;

/** Builds revisions for graph tests: only the graph fields matter, each in its own file. */
final class TestRevisions {

  private TestRevisions() {}

  /** A revision with these down-revisions (none: a base). */
  static Revision rev(String id, String... parents) {
    return revision(id, List.of(parents), List.of(), List.of(), List.of());
  }

  static Revision labeled(String id, String label, String... parents) {
    return revision(id, List.of(parents), List.of(label), List.of(), List.of());
  }

  static Revision depending(String id, List<String> parents, String... dependsOn) {
    return revision(id, parents, List.of(), List.of(dependsOn), List.of());
  }

  static Revision revision(String id, List<String> parents, List<String> labels, List<String> dependsOn,
      List<Change> upgrade) {
    return revision(id, parents, labels, dependsOn, "message of " + id, upgrade);
  }

  static Revision revision(String id, List<String> parents, List<String> labels, List<String> dependsOn,
      String message, List<Change> upgrade) {
    return new Revision(id, parents, labels, dependsOn, message, true, null, upgrade, null, null, null,
        SourceSpan.startOf(file(id)));
  }

  /** An operation written at line {@code line} of revision {@code id}'s file. */
  static Change change(dev.migrate.changelog.Operation operation, String id, int line) {
    return Change.of(operation, SourceSpan.of(file(id), line, 3));
  }

  static Path file(String id) {
    return Path.of("src/main/migrations/" + id + ".yaml");
  }
}
