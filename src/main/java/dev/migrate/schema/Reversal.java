package dev.migrate.schema;

import dev.migrate.changelog.Change;
import dev.migrate.changelog.SourceSpan;
import java.util.List;
import java.util.Objects;

/**
 * How a revision is undone: these operations (each at the place of the upgrade operation it
 * undoes, or as the author wrote them), or not at all, with the reason and where.
 */
public sealed interface Reversal {

  record Operations(List<Change> changes) implements Reversal {
    public Operations {
      changes = List.copyOf(changes);
    }
  }

  /** Why the revision cannot be undone, and the place that makes it so. */
  record Irreversible(String reason, SourceSpan at) implements Reversal {
    public Irreversible {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
