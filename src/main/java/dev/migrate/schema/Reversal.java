package dev.migrate.schema;

import dev.migrate.changelog.Change;
import dev.migrate.changelog.SourceSpan;
import java.util.List;

/** How a revision is undone: these operations, or not at all, with the reason. */
public sealed interface Reversal {

  record Operations(List<Change> changes) implements Reversal {
    public Operations {
      changes = List.copyOf(changes);
    }
  }

  record Irreversible(String reason, SourceSpan at) implements Reversal {}
}
