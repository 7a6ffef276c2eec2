package dev.migrate.maven;

import dev.migrate.graph.HistoryFormatter;
import dev.migrate.graph.RevisionGraph;
import dev.migrate.graph.HistoryJson;
import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;

/** The heads of the changelog, as {@code alembic heads}; there should be one. No database. */
@Mojo(name = "heads", threadSafe = true)
public class HeadsMojo extends AbstractMigrateMojo {

  @Override
  protected void run() {
    if (json()) {
      emit(new HistoryJson(workspace().graph(), List.of()).heads());
    } else {
      RevisionGraph graph = verbose ? workspace().graph() : outlineWorkspace().graph();
      emit(new HistoryFormatter(graph, List.of()).heads(verbose));
    }
  }

  @Override
  protected List<String> formats() {
    return List.of("text", "json");
  }
}
