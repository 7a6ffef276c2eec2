package dev.migrate.maven;

import dev.migrate.graph.Target;
import dev.migrate.schema.Replay;
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
    Workspace workspace = workspace();
    Replay replay = workspace.replay();
    Target to = Target.parse(target);
    withMigrator(workspace, migrator -> migrator.upgrade(workspace.graph(), replay, to));
  }
}
