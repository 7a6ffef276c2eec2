package dev.migrate.execute;

import dev.migrate.graph.RevisionGraph;
import dev.migrate.schema.Replay;
import java.util.function.Supplier;

/**
 * The changelog as a run needs it. The graph finds the path and checks the applied checksums,
 * and outlines of the revisions (no operations) do for that; the full revisions and the replay
 * are asked for only when there is something to run, so an upgrade with nothing to do reads
 * next to nothing.
 */
public interface RunSource {

  /** The graph; its revisions may be outlines. */
  RevisionGraph graph();

  /** The graph of the revisions in full, with their operations: the same graph when {@link #graph()} is full. */
  RevisionGraph fullGraph();

  /** The replay over the schema model, which derives downgrades. */
  Replay replay();

  /** The statements earlier runs rendered, so that this one need not load, render or replay: none unless kept. */
  default RenderedCache rendered() {
    return RenderedCache.none();
  }

  /** The last passed check of the applied revisions against their files: none unless kept. */
  default PassedEditChecks passedEditChecks() {
    return PassedEditChecks.none();
  }

  /** A source whose graph is full, with the replay made on first use. */
  static RunSource of(RevisionGraph graph, Supplier<Replay> replay) {
    return new RunSource() {
      @Override
      public RevisionGraph graph() {
        return graph;
      }

      @Override
      public RevisionGraph fullGraph() {
        return graph;
      }

      @Override
      public Replay replay() {
        return replay.get();
      }
    };
  }
}
