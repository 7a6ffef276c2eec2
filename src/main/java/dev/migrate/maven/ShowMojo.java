package dev.migrate.maven;

import dev.migrate.MigrateException;
import java.util.List;
import dev.migrate.graph.HistoryFormatter;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** One revision: id, parents, children, labels, message, file and operations, as {@code alembic show}. No database. */
@Mojo(name = "show", threadSafe = true)
public class ShowMojo extends AbstractMigrateMojo {

  /** The revision: an id, a unique prefix, head or label@head. */
  @Parameter(property = "migrate.revision")
  private String revision;

  @Override
  protected void run() {
    if (revision == null || revision.isBlank()) {
      throw new MigrateException("missing-revision", "migrate:show needs a revision: -Dmigrate.revision=<id or prefix>");
    }
    Workspace workspace = workspace();
    String id = "head".equals(revision) ? single(workspace.graph().heads()) : workspace.graph().resolve(revision);
    emit(new HistoryFormatter(workspace.graph(), List.of()).show(id));
  }

  private static String single(List<String> heads) {
    if (heads.size() != 1) {
      throw new MigrateException("multiple-heads", "head is ambiguous: the changelog has heads " + String.join(", ", heads)
          + "; name one with -Dmigrate.revision=<id>");
    }
    return heads.get(0);
  }
}
