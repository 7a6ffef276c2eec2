package dev.migrate.maven;

import dev.migrate.execute.AppliedHead;
import dev.migrate.graph.HistoryJson;
import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * The revisions the database is at, as {@code alembic current}: one line per applied head,
 * {@code (head)} when it is a head of the changelog; {@code -Dmigrate.verbose} adds when and
 * by whom it was applied; {@code -Dmigrate.format=json} prints one JSON document.
 */
@Mojo(name = "current", threadSafe = true)
public class CurrentMojo extends AbstractDatabaseMojo {

  @Override
  protected void run() {
    withMigrator(this::workspace, (workspace, migrator) -> {
      print(workspace, migrator.current());
      return null;
    });
  }

  private void print(Workspace workspace, List<AppliedHead> applied) {
    List<String> heads = workspace.graph().heads();
    if (json()) {
      emit(new HistoryJson(workspace.graph(), applied.stream().map(AppliedHead::revision).toList()).current());
      return;
    }
    if (applied.isEmpty()) {
      getLog().info("(base): no revision is applied");
    }
    StringBuilder text = new StringBuilder();
    for (AppliedHead head : applied) {
      StringBuilder line = new StringBuilder(head.revision());
      if (heads.contains(head.revision())) {
        line.append(" (head)");
      }
      workspace.changelog().revision(head.revision()).ifPresent(r -> line.append(", ").append(r.message()));
      if (verbose && head.lastRow() != null) {
        line.append(" [").append(head.lastRow().when()).append(']');
      }
      text.append(line).append('\n');
    }
    emit(text.toString());
  }

  @Override
  protected List<String> formats() {
    return List.of("text", "json");
  }
}
