package dev.migrate.maven;

import dev.migrate.MigrateException;
import dev.migrate.graph.Target;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Reverts revisions down to a target, as {@code alembic downgrade -1} or {@code base}. */
@Mojo(name = "downgrade", threadSafe = true)
public class DowngradeMojo extends AbstractDatabaseMojo {

  /** Required: base, a revision or prefix, label@head, -N. */
  @Parameter(property = "migrate.target")
  private String target;

  @Override
  protected void run() {
    if (target == null || target.isBlank()) {
      throw new MigrateException("missing-target", "migrate:downgrade needs a target: -Dmigrate.target=-1,"
          + " -Dmigrate.target=<revision> or -Dmigrate.target=base");
    }
    Target to = Target.parse(target);
    // the outlines first: the reversals earlier downgrades derived spare loading and replaying the whole changelog
    withMigrator(() -> outlineWorkspace().keepingRendered(migrateDirectory(), defaultSchema + "\n" + placeholderValues())
        .checked(), (workspace, migrator) -> migrator.downgrade(workspace, to));
  }
}
