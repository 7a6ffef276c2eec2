package dev.migrate.changelog;

import java.util.List;
import java.util.Objects;

/**
 * An operation as it stands in a revision file: the operation, where it was written, and
 * the lint findings it acknowledges with the author's reason. Two changes are equal when
 * their operations are: position, acknowledgements and reasons are not part of the meaning.
 */
public record Change(Operation operation, SourceSpan at, List<String> acknowledge, String reason) {

  public Change {
    Objects.requireNonNull(operation, "operation");
    acknowledge = List.copyOf(acknowledge);
  }

  public static Change of(Operation operation, SourceSpan at) {
    return new Change(operation, at, List.of(), null);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Change that && operation.equals(that.operation);
  }

  @Override
  public int hashCode() {
    return operation.hashCode();
  }
}
