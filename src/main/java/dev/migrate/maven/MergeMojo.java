package dev.migrate.maven;

import dev.migrate.MigrateException;
import dev.migrate.load.RevisionTemplate;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Writes a merge revision whose down-revisions are all the current heads, as
 * {@code alembic merge heads -m "..."}. Its upgrade is empty.
 */
@Mojo(name = "merge", threadSafe = true)
public class MergeMojo extends AbstractMigrateMojo {

  /** The merge revision's message. */
  @Parameter(property = "migrate.message", defaultValue = "merge heads")
  private String message;

  /** The new revision's id instead of a random 12-hex one. */
  @Parameter(property = "migrate.revId")
  private String revId;

  @Override
  protected void run() {
    Workspace workspace = workspace();
    List<String> heads = workspace.graph().heads();
    if (heads.size() < 2) {
      throw new MigrateException("nothing-to-merge", "The changelog has one head (" + String.join(", ", heads)
          + "): there is nothing to merge");
    }
    String id = NewRevisionId.of(revId, c -> workspace.graph().contains(c));
    Path file = directory.toPath().resolve(RevisionTemplate.fileName(id, message));
    writeFile(file, RevisionTemplate.yaml(id, heads, List.of(), List.of(), message.trim()));
    getLog().info("Generating " + file + " merging " + String.join(", ", heads) + " ... done");
  }
}
