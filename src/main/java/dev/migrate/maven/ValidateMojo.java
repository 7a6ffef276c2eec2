package dev.migrate.maven;

import dev.migrate.load.ChangelogException;
import dev.migrate.load.Diagnostic;
import dev.migrate.render.PostgresRenderer;
import dev.migrate.render.TargetCheck;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Checks the changelog without a database: every file against the schema, the revision
 * graph, the replay over the schema model (a column added twice, an index on a missing
 * column, a downgrade that cannot be derived, ...), and that every operation renders for the
 * target PostgreSQL major (what {@code upgrade} would refuse, such as
 * {@code nulls-not-distinct} before 15). Binds to the validate phase.
 */
@Mojo(name = "validate", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public class ValidateMojo extends AbstractMigrateMojo {

  /** The PostgreSQL major the changelog must run on; an operation it cannot run is an error. */
  @Parameter(property = "migrate.postgresVersion", defaultValue = "18")
  private int postgresVersion;

  @Override
  protected void run() {
    Workspace workspace = workspace();
    List<Diagnostic> refused = TargetCheck.refusals(workspace.changelog(), workspace.replay(),
        new PostgresRenderer(postgresVersion));
    if (!refused.isEmpty()) {
      throw new ChangelogException(refused);
    }
    int n = workspace.changelog().revisions().size();
    getLog().info("Changelog " + directory + " is valid: " + n + (n == 1 ? " revision" : " revisions")
        + ", head" + (workspace.graph().heads().size() == 1 ? " " : "s ") + String.join(", ", workspace.graph().heads())
        + " (checked for PostgreSQL " + postgresVersion + ")");
  }
}
