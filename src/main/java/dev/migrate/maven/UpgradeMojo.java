package dev.migrate.maven;

import dev.migrate.graph.Target;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Applies revisions up to a target, as {@code alembic upgrade head}. */
@Mojo(name = "upgrade", threadSafe = true)
public class UpgradeMojo extends AbstractDatabaseMojo {

  /** head, heads, a revision or prefix, label@head, +N, rev+N. */
  @Parameter(property = "migrate.target", defaultValue = "head")
  private String target;

  @Override
  protected void run() {
    Target to = Target.parse(target);
    // the statements earlier upgrades rendered spare loading and rendering the revisions to run
    withMigrator(() -> outlineWorkspace().keepingRendered(migrateDirectory(), defaultSchema + "\n" + placeholderValues())
        .checked(), (workspace, migrator) -> migrator.upgrade(workspace, to));
  }
}
