package dev.migrate.render;

import dev.migrate.changelog.Operation;
import java.util.List;

/** Renders operations as PostgreSQL statements. (Skeleton: being built.) */
public final class PostgresRenderer {

  private final int postgresMajor;

  public PostgresRenderer(int postgresMajor) {
    this.postgresMajor = postgresMajor;
  }

  public List<String> render(Operation operation) {
    throw new UnsupportedOperationException(operation.kind() + " on " + postgresMajor);
  }
}
