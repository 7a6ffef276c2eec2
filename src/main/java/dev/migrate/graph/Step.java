package dev.migrate.graph;

import dev.migrate.changelog.Revision;
import java.util.List;

/**
 * One revision crossed in one direction, with the change it makes to the version table
 * (one row per applied head, as Alembic keeps it): the rows it removes and the rows it adds.
 * Upgrading a plain revision removes its parent and adds itself; a merge removes all its
 * parents; the first revision of a new branch from an applied branch point adds itself only.
 */
public record Step(Revision revision, Direction direction, List<String> removedHeads, List<String> addedHeads) {

  public Step {
    removedHeads = List.copyOf(removedHeads);
    addedHeads = List.copyOf(addedHeads);
  }
}
