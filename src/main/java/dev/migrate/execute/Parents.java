package dev.migrate.execute;

import dev.migrate.changelog.Revision;
import java.util.List;

/**
 * An applied revision's place in the graph as the history table records it: its down-revisions
 * and depends-on, each sorted (the order a merge lists its parents in means nothing). A later
 * run compares it with the file, as it compares the checksum: an edited {@code down-revision}
 * would otherwise move an applied revision in the graph without a word.
 *
 * <pre>
 * Parents.of(revision).text()   // "down-revision: 1a2b3c4d5e6f; depends-on: 9f8e7d6c5b4a"
 * </pre>
 */
record Parents(List<String> downRevisions, List<String> dependsOn) {

  Parents {
    downRevisions = sorted(downRevisions);
    dependsOn = sorted(dependsOn);
  }

  /** Without a stream: a no-op upgrade makes one of these for each of thousands of applied revisions. */
  private static List<String> sorted(List<String> ids) {
    if (ids.size() < 2) {
      return List.copyOf(ids);
    }
    String[] sorted = ids.toArray(new String[0]);
    java.util.Arrays.sort(sorted);
    return List.of(sorted);
  }

  static Parents of(Revision revision) {
    return new Parents(revision.downRevisions(), revision.dependsOn());
  }

  /** The stored form, also the one messages show: ids never contain spaces, colons or semicolons. */
  String text() {
    return "down-revision: " + (downRevisions.isEmpty() ? "none (a base)" : String.join(" ", downRevisions))
        + (dependsOn.isEmpty() ? "" : "; depends-on: " + String.join(" ", dependsOn));
  }
}
