package dev.migrate.execute;

import dev.migrate.MigrateException;
import dev.migrate.changelog.Revision;
import dev.migrate.graph.RevisionGraph;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An applied revision whose file changed since it was applied: its checksum, its parents
 * ({@code down-revision}, {@code depends-on}), or both. Writing commands refuse to run past one,
 * {@code current} warns, {@code repair} accepts it.
 *
 * @param row the revision's newest history row, which recorded what was applied
 * @param checksum the file's checksum now
 * @param parents the file's parents now
 */
record EditedRevision(Revision revision, HistoryRow row, String checksum, Parents parents) {

  /** The rows that say a revision is in the database as its file then was. */
  private static final Set<HistoryDirection> APPLYING =
      Set.of(HistoryDirection.UP, HistoryDirection.SKIP, HistoryDirection.STAMP, HistoryDirection.REPAIR);

  boolean checksumChanged() {
    return row.checksum() != null && !checksum.equals(row.checksum());
  }

  /** A row written before the parents column existed records none, and is not flagged. */
  boolean parentsChanged() {
    return row.parents() != null && !parents.text().equals(row.parents());
  }

  /** {@code <file>:1:1: revision <id> (<message>) was changed after it was applied (recorded as ...; ...)}. */
  String line() {
    StringBuilder text = new StringBuilder().append(revision.at()).append(": revision ").append(revision.id())
        .append(" (").append(revision.message()).append(") was changed after it was applied (recorded as ")
        .append(row.when());
    if (checksumChanged()) {
      text.append("; checksum then ").append(row.checksum()).append(", now ").append(checksum);
    }
    if (parentsChanged()) {
      text.append("; parents then '").append(row.parents()).append("', now '").append(parents.text()).append('\'');
    }
    return text.append(')').toString();
  }

  /** The applied revisions (the heads and everything they require) whose file differs from what was applied. */
  static List<EditedRevision> among(List<String> heads, Map<String, HistoryRow> lastRows, RevisionGraph graph) {
    List<EditedRevision> found = new ArrayList<>();
    if (lastRows.isEmpty()) {
      return found;
    }
    for (Revision revision : graph.applied(heads)) {
      HistoryRow row = lastRows.get(revision.id());
      if (row == null || !APPLYING.contains(row.direction())) {
        continue;
      }
      EditedRevision edit = new EditedRevision(revision, row, revision.checksum(), Parents.of(revision));
      if (edit.checksumChanged() || edit.parentsChanged()) {
        found.add(edit);
      }
    }
    found.sort(Comparator.comparing(e -> e.revision.id()));
    return found;
  }

  /** The refusal of a writing command; {@code tail} says what did not happen. */
  static MigrateException refusal(List<EditedRevision> edits, String tail) {
    StringBuilder text = new StringBuilder();
    edits.forEach(edit -> text.append(edit.line()).append('\n'));
    boolean checksums = edits.stream().anyMatch(EditedRevision::checksumChanged);
    if (checksums) {
      text.append("An applied revision must not change: its change would never reach this database. Restore the"
          + " file as it was and put the change in a new revision (mvn migrate:revision), or, if the database already"
          + " matches the new content, accept it with mvn migrate:repair. ");
    }
    if (edits.stream().anyMatch(EditedRevision::parentsChanged)) {
      text.append("An applied revision must not move in the graph: the database went through the revisions in the"
          + " order its old parents gave, and the new ones would make runs skip or repeat revisions. Restore its"
          + " down-revision and depends-on as they were (to join branches, add a merge revision: mvn migrate:merge),"
          + " or, if the database already is where the new graph puts it, accept it with mvn migrate:repair. ");
    }
    text.append(tail);
    return new MigrateException(checksums ? "checksum-mismatch" : "parents-changed", text.toString());
  }
}
