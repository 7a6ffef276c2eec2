package dev.migrate.changelog;

import java.util.Objects;

/** A CHECK constraint of create-table: a name (null lets PostgreSQL choose) and SQL. */
public record CheckSpec(String name, String expression) {

  public CheckSpec {
    Objects.requireNonNull(expression, "expression");
  }
}
