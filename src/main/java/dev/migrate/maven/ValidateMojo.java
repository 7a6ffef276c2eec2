package dev.migrate.maven;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Checks the changelog without a database: every file against the schema, the revision
 * graph, and the replay over the schema model (a column added twice, an index on a missing
 * column, a downgrade that cannot be derived, ...). Binds to the validate phase.
 */
@Mojo(name = "validate", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public class ValidateMojo extends AbstractMigrateMojo {

  @Override
  protected void run() {
    Workspace workspace = workspace();
    workspace.replay();
    int n = workspace.changelog().revisions().size();
    getLog().info("Changelog " + directory + " is valid: " + n + (n == 1 ? " revision" : " revisions")
        + ", head" + (workspace.graph().heads().size() == 1 ? " " : "s ") + String.join(", ", workspace.graph().heads()));
  }
}
