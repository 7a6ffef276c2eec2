package dev.migrate.changelog;

import java.util.Objects;
import java.util.Optional;

/**
 * The name of a schema object, optionally in an explicit schema. Names are exact and
 * case-sensitive: {@code Users} is {@code "Users"}. {@code billing.invoices} splits on the
 * first dot; a name that itself contains a dot needs the explicit {@code schema:} argument.
 */
public record QualifiedName(String schema, String name) {

  public QualifiedName {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("a name cannot be empty");
    }
    if (schema != null && schema.isEmpty()) {
      throw new IllegalArgumentException("a schema name cannot be empty");
    }
  }

  /** Parses {@code schema.name} (split on the first dot) or a plain {@code name}. */
  public static QualifiedName parse(String text) {
    int dot = text.indexOf('.');
    if (dot > 0 && dot < text.length() - 1) {
      return new QualifiedName(text.substring(0, dot), text.substring(dot + 1));
    }
    return new QualifiedName(null, text);
  }

  /** A name with an explicit schema argument, which wins over any dot in the name. */
  public static QualifiedName of(String schema, String name) {
    return schema == null ? parse(name) : new QualifiedName(schema, name);
  }

  public static QualifiedName unqualified(String name) {
    return new QualifiedName(null, name);
  }

  public Optional<String> schemaName() {
    return Optional.ofNullable(schema);
  }

  /** The same name in {@code defaultSchema} when it has no schema of its own. */
  public QualifiedName inSchema(String defaultSchema) {
    return schema != null ? this : new QualifiedName(defaultSchema, name);
  }

  /** The same schema with another object name, as a rename keeps an object in its schema. */
  public QualifiedName withName(String newName) {
    return new QualifiedName(schema, newName);
  }

  @Override
  public String toString() {
    return schema == null ? name : schema + "." + name;
  }
}
