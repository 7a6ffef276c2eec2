package dev.migrate.schema;

import dev.migrate.changelog.QualifiedName;
import java.util.List;
import java.util.Objects;

/** An enum type with its values in their sort order. */
public record EnumType(QualifiedName name, List<String> values) {

  public EnumType {
    Objects.requireNonNull(name, "name");
    values = List.copyOf(values);
  }
}
