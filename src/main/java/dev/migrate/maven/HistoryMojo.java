package dev.migrate.maven;

import dev.migrate.execute.AppliedHead;
import dev.migrate.graph.HistoryDiagram;
import dev.migrate.graph.HistoryFormatter;
import dev.migrate.graph.HistoryJson;
import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The revisions newest first, as {@code alembic history}: branch points, merge points and
 * labels marked. {@code -Dmigrate.format=json|mermaid|dot}; {@code -Dmigrate.indicateCurrent}
 * marks the applied revisions, which reads the database (the only case this goal connects).
 */
@Mojo(name = "history", threadSafe = true)
public class HistoryMojo extends AbstractDatabaseMojo {

  /** Marks the revisions the database is at with (current): reads the database. */
  @Parameter(property = "migrate.indicateCurrent", defaultValue = "false")
  private boolean indicateCurrent;

  @Override
  protected void run() {
    if (indicateCurrent) {
      withMigrator(this::workspace, (workspace, migrator) -> {
        print(workspace, migrator.current(workspace.graph()).stream().map(AppliedHead::revision).toList());
        return null;
      });
    } else if (!verbose && "text".equals(format)) {
      emit(new HistoryFormatter(outlineWorkspace().graph(), List.of()).history(false));
    } else {
      print(workspace(), List.of());
    }
  }

  private void print(Workspace workspace, List<String> current) {
    switch (format) {
      case "json" -> emit(new HistoryJson(workspace.graph(), current).history());
      case "mermaid" -> emit(new HistoryDiagram(workspace.graph(), current).mermaid());
      case "dot" -> emit(new HistoryDiagram(workspace.graph(), current).dot());
      default -> emit(new HistoryFormatter(workspace.graph(), current).history(verbose));
    }
  }

  @Override
  protected List<String> formats() {
    return List.of("text", "json", "mermaid", "dot");
  }
}
