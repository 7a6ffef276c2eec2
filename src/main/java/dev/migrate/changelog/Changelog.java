package dev.migrate.changelog;

import java.util.List;
import java.util.Optional;

/** Everything a changelog directory holds: its revisions, in file order, and declared types. */
public record Changelog(List<Revision> revisions, List<ExistingType> existingTypes) {

  public Changelog {
    revisions = List.copyOf(revisions);
    existingTypes = List.copyOf(existingTypes);
  }

  public Optional<Revision> revision(String id) {
    return revisions.stream().filter(r -> r.id().equals(id)).findFirst();
  }
}
