package dev.migrate.changelog;

import java.util.List;
import java.util.Objects;

/**
 * An enum made outside the changelog, declared in an {@code existing-types} file: the model
 * knows it, the tool never creates it (but on the embedded and verify scratch databases).
 */
public record ExistingType(QualifiedName name, List<String> values, SourceSpan at) {

  public ExistingType {
    Objects.requireNonNull(name, "name");
    values = List.copyOf(values);
  }
}
