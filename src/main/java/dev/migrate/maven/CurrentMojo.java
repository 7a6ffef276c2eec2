package dev.migrate.maven;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migrate.execute.AppliedHead;
import dev.migrate.execute.HistoryDirection;
import dev.migrate.execute.HistoryRow;
import dev.migrate.execute.Migrator;
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
      print(workspace, migrator.current(workspace.graph()), migrator.unsettled());
      return null;
    });
  }

  private void print(Workspace workspace, List<AppliedHead> applied, Migrator.Unsettled unsettled) {
    List<String> heads = workspace.graph().heads();
    if (json()) {
      // the documented shape (HistoryJson), plus the part-way non-transactional revisions
      ObjectMapper mapper = new ObjectMapper();
      ObjectNode doc;
      try {
        doc = (ObjectNode) mapper.readTree(
            new HistoryJson(workspace.graph(), applied.stream().map(AppliedHead::revision).toList()).current());
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("our own JSON did not parse", e);
      }
      ArrayNode stopped = doc.putArray("unsettled");
      for (HistoryRow row : unsettled.rows()) {
        ObjectNode node = stopped.addObject().put("revision", row.revision()).put("state", state(row, unsettled))
            .put("statementsDone", row.statementsDone());
        node.put("recordedAt", String.valueOf(row.appliedAt())).put("recordedBy", row.appliedBy())
            .put("message", row.message());
      }
      emit(doc.toPrettyString() + "\n");
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
    for (HistoryRow row : unsettled.rows()) {
      text.append(describe(workspace, row, unsettled)).append('\n');
    }
    emit(text.toString());
  }

  @Override
  protected List<String> formats() {
    return List.of("text", "json");
  }

  /**
   * {@code running} (a run holds the lock), {@code interrupted} (its run ended without recording
   * how) or {@code failed}.
   */
  private static String state(HistoryRow row, Migrator.Unsettled unsettled) {
    if (row.direction() == HistoryDirection.FAILED) {
      return "failed";
    }
    return unsettled.lockHolder() == null ? "interrupted" : "running";
  }

  /** One line on a non-transactional revision that is part-way: what committed and what to do. */
  private static String describe(Workspace workspace, HistoryRow row, Migrator.Unsettled unsettled) {
    String name = row.revision() + workspace.changelog().revision(row.revision()).map(r -> ", " + r.message())
        .orElse("");
    String done = (row.statementsDone() == 1 ? "1 statement" : row.statementsDone() + " statements") + " committed";
    String resume = "; the next upgrade resumes it at statement " + (row.statementsDone() + 1)
        + " (or settle it by hand: finish it and mvn migrate:stamp -Dmigrate.target=" + row.revision()
        + ", or undo it and mvn migrate:repair)";
    return switch (state(row, unsettled)) {
      case "failed" -> name + ": transactional: false, failed part-way (" + row.when() + "): " + row.message()
          + resume;
      case "running" -> name + ": transactional: false, being applied now (" + row.when() + ", lock held by "
          + unsettled.lockHolder() + "): " + done + " so far";
      default -> name + ": transactional: false, stopped part-way (" + row.when() + "): " + done + "; the run"
          + " ended without recording how it stopped (killed, or its connection lost)" + resume;
    };
  }
}
