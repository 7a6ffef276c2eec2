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
    switch (format.toLowerCase(java.util.Locale.ROOT)) {
      case "json" -> emit(new HistoryJson(workspace().graph(), List.of()).heads());
      case "text" -> {
        RevisionGraph graph = verbose ? workspace().graph() : outlineWorkspace().graph();
        log(new HistoryFormatter(graph, List.of()).heads(verbose));
      }
      default -> throw unknownFormat("text, json");
    }
  }
}
