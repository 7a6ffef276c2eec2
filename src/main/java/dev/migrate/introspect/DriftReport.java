package dev.migrate.introspect;

import java.util.List;

/**
 * What {@code migrate:check} found: the revisions the version table says are applied, every
 * difference between the database and the model at those revisions, and the objects the
 * comparison never looks at.
 *
 * @param heads the applied heads, sorted; empty at base
 * @param differences every difference, failures and warnings, in {@link SchemaDiff}'s order
 * @param outside row-level security policies: listed, never compared
 *     ({@code policy own_rows on public.notes: outside the comparison})
 */
public record DriftReport(List<String> heads, List<Difference> differences, List<String> outside) {

  public DriftReport {
    heads = List.copyOf(heads);
    differences = List.copyOf(differences);
    outside = List.copyOf(outside);
  }

  /** The differences that fail a check. */
  public List<Difference> failures() {
    return SchemaDiff.failures(differences);
  }

  /** True when the database does not match its revisions: some difference fails the check. */
  public boolean drift() {
    return differences.stream().anyMatch(Difference::failure);
  }
}
