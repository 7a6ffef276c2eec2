package dev.migrate.schema;

import dev.migrate.changelog.Changelog;
import dev.migrate.graph.RevisionGraph;
import dev.migrate.load.Diagnostic;
import java.util.List;

/** The changelog replayed over the schema model, revision by revision. (Skeleton: being built.) */
public final class Replay {

  private Replay() {}

  public static Replay of(Changelog changelog, RevisionGraph graph) {
    throw new UnsupportedOperationException("Replay.of: not built yet " + changelog + graph);
  }

  public List<Diagnostic> diagnostics() {
    throw new UnsupportedOperationException();
  }

  public SchemaModel modelAfter(String revisionId) {
    throw new UnsupportedOperationException(revisionId);
  }

  public SchemaModel modelBefore(String revisionId) {
    throw new UnsupportedOperationException(revisionId);
  }

  public SchemaModel finalModel() {
    throw new UnsupportedOperationException();
  }

  public Reversal downgradeOf(String revisionId) {
    throw new UnsupportedOperationException(revisionId);
  }
}
