package dev.migrate.changelog;

import java.util.List;
import java.util.Optional;

/**
 * Everything a changelog directory holds: its revisions, in file order, and declared types.
 *
 * @param fingerprint a hash of every file's path and bytes and of the placeholder values, the
 *     same exactly when the loaded changelog is; null when it was not loaded from files
 */
public record Changelog(List<Revision> revisions, List<ExistingType> existingTypes, String fingerprint) {

  public Changelog {
    revisions = List.copyOf(revisions);
    existingTypes = List.copyOf(existingTypes);
  }

  /** A changelog made in memory, without a fingerprint. */
  public Changelog(List<Revision> revisions, List<ExistingType> existingTypes) {
    this(revisions, existingTypes, null);
  }

  public Optional<Revision> revision(String id) {
    return revisions.stream().filter(r -> r.id().equals(id)).findFirst();
  }
}
