package dev.migrate.maven;

import dev.migrate.graph.HistoryFormatter;
import dev.migrate.graph.RevisionGraph;
import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;

/** The branch points of the changelog and the branches leaving them, as {@code alembic branches}. No database. */
@Mojo(name = "branches", threadSafe = true)
public class BranchesMojo extends AbstractMigrateMojo {

  @Override
  protected void run() {
    RevisionGraph graph = verbose ? workspace().graph() : outlineWorkspace().graph();
    String text = new HistoryFormatter(graph, List.of()).branches(verbose);
    if (text.isBlank()) {
      getLog().info("No branch points: the history is one line");
    }
    emit(text);
  }
}
