package dev.migrate.graph;

import dev.migrate.changelog.Revision;
import java.util.Collection;
import java.util.List;

/** The immutable graph of revisions. (Skeleton: being built.) */
public final class RevisionGraph {

  private RevisionGraph() {}

  public static RevisionGraph of(List<Revision> revisions) {
    throw new UnsupportedOperationException("RevisionGraph.of: not built yet " + revisions.size());
  }

  public List<String> heads() {
    throw new UnsupportedOperationException();
  }

  public List<String> bases() {
    throw new UnsupportedOperationException();
  }

  public Revision revision(String id) {
    throw new UnsupportedOperationException(id);
  }

  public List<Revision> topologicalOrder() {
    throw new UnsupportedOperationException();
  }

  /** A revision id, unique prefix or label@head, to its full id. */
  public String resolve(String text) {
    throw new UnsupportedOperationException(text);
  }

  public MigrationPath upgrade(Collection<String> appliedHeads, Target target) {
    throw new UnsupportedOperationException(appliedHeads + " " + target);
  }

  public MigrationPath downgrade(Collection<String> appliedHeads, Target target) {
    throw new UnsupportedOperationException(appliedHeads + " " + target);
  }
}
