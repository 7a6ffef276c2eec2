package dev.migrate.maven;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migrate.execute.AppliedHead;
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
      print(workspace, migrator.current(workspace.graph()));
      return null;
    });
  }

  private void print(Workspace workspace, List<AppliedHead> applied) {
    List<String> heads = workspace.graph().heads();
    if (json()) {
      ObjectMapper mapper = new ObjectMapper();
      ObjectNode doc = mapper.createObjectNode().put("status", "ok");
      ArrayNode list = doc.putArray("current");
      for (AppliedHead head : applied) {
        ObjectNode node = list.addObject().put("revision", head.revision()).put("head", heads.contains(head.revision()));
        workspace.changelog().revision(head.revision()).ifPresent(r -> node.put("message", r.message()));
        if (head.lastRow() != null) {
          node.put("appliedAt", String.valueOf(head.lastRow().appliedAt())).put("appliedBy", head.lastRow().appliedBy())
              .put("direction", head.lastRow().direction().key());
        }
      }
      emit(doc.toPrettyString());
      return;
    }
    if (applied.isEmpty()) {
      getLog().info("(base): no revision is applied");
    }
    for (AppliedHead head : applied) {
      StringBuilder line = new StringBuilder(head.revision());
      if (heads.contains(head.revision())) {
        line.append(" (head)");
      }
      workspace.changelog().revision(head.revision()).ifPresent(r -> line.append(", ").append(r.message()));
      if (verbose && head.lastRow() != null) {
        line.append(" [").append(head.lastRow().when()).append(']');
      }
      getLog().info(line.toString());
    }
  }
}
