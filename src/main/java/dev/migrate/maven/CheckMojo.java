package dev.migrate.maven;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migrate.graph.RevisionGraph;
import dev.migrate.introspect.Difference;
import dev.migrate.introspect.DriftCheck;
import dev.migrate.introspect.DriftReport;
import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Drift detection: compares the live database (its catalog) with the changelog's model at the
 * revisions its version table says are applied, prints each difference (an extra column, a
 * missing index, another default, ...) and fails the build when there is any. Column order
 * is reported, never a failure. {@code -Dmigrate.format=json} prints one document,
 * {@code {"status": "ok" | "drift", "differences": [...]}}. Reads only: no lock, no table made.
 */
@Mojo(name = "check", threadSafe = true)
public class CheckMojo extends AbstractDatabaseMojo {

  /** How many differences the build failure's own message names; the report lists them all. */
  private static final int NAMED_IN_FAILURE = 5;

  @Override
  protected void run() {
    Checked checked = withDatabase(() -> workspace().checked(), (workspace, connection, migrator) -> {
      DriftReport found = new DriftCheck(connection, runSettings().tables(), defaultSchema)
          .run(workspace.changelog(), workspace.fullGraph(), migrator);
      return new Checked(found, at(found.heads(), workspace.fullGraph()));
    });
    DriftReport report = checked.report();
    String at = checked.at();
    report.outside().forEach(line -> getLog().info(line));
    emit(json() ? json(report) : text(report, at));
    if (report.drift()) {
      List<Difference> failures = report.failures();
      throw new ReportedFailure("drift", "the database differs from the changelog at " + at + ": "
          + count(failures.size()) + " (" + String.join("; ", failures.stream().limit(NAMED_IN_FAILURE)
              .map(Difference::description).toList()) + (failures.size() > NAMED_IN_FAILURE ? "; ..." : "")
          + "). Write a revision for a change that should stay, or undo it in the database");
    }
  }

  private record Checked(DriftReport report, String at) {}

  /** {@code b2c3d4e5f6a7 (head)}, {@code base}. */
  private static String at(List<String> heads, RevisionGraph graph) {
    if (heads.isEmpty()) {
      return "base";
    }
    return String.join(", ", heads.stream().map(h -> graph.isHead(h) ? h + " (head)" : h).toList());
  }

  @Override
  protected List<String> formats() {
    return List.of("text", "json");
  }

  private static String text(DriftReport report, String at) {
    StringBuilder text = new StringBuilder();
    report.differences().forEach(d -> text.append(d).append('\n'));
    int failures = report.failures().size();
    if (failures == 0) {
      text.append("ok: the database matches the changelog at ").append(at);
    } else {
      text.append("drift: ").append(count(failures)).append(" from the changelog at ").append(at);
    }
    int warnings = report.differences().size() - failures;
    if (warnings > 0) {
      text.append(" (").append(warnings).append(warnings == 1 ? " warning" : " warnings").append(')');
    }
    return text.append('\n').toString();
  }

  private static String json(DriftReport report) {
    ObjectNode doc = new ObjectMapper().createObjectNode().put("status", report.drift() ? "drift" : "ok");
    ArrayNode heads = doc.putArray("heads");
    report.heads().forEach(heads::add);
    ArrayNode differences = doc.putArray("differences");
    for (Difference d : report.differences()) {
      differences.addObject().put("kind", d.kind().key()).put("objectType", d.noun()).put("object", d.object())
          .put("aspect", d.aspect()).put("expected", d.expected()).put("actual", d.actual())
          .put("message", d.description()).put("failure", d.failure());
    }
    ArrayNode outside = doc.putArray("outside");
    report.outside().forEach(outside::add);
    return doc.toPrettyString().replace("\r\n", "\n") + "\n";
  }

  private static String count(int differences) {
    return differences == 1 ? "1 difference" : differences + " differences";
  }
}
