package dev.migrate.maven;

import dev.migrate.MigrateException;
import dev.migrate.graph.Target;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Sets the version table to a target without running any revision, as {@code alembic stamp}. */
@Mojo(name = "stamp", threadSafe = true)
public class StampMojo extends AbstractDatabaseMojo {

  /** Required: head, heads, base or a revision. */
  @Parameter(property = "migrate.target")
  private String target;

  /** Empties the version table first (for one that names revisions this changelog lacks). */
  @Parameter(property = "migrate.purge", defaultValue = "false")
  private boolean purge;

  @Override
  protected void run() {
    if (target == null || target.isBlank()) {
      throw new MigrateException("missing-target", "migrate:stamp needs a target: -Dmigrate.target=head or a revision");
    }
    withMigrator(this::workspace, (workspace, migrator) -> migrator.stamp(workspace.graph(), Target.parse(target),
        purge));
  }
}
