package dev.migrate.maven;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migrate.MigrateException;
import dev.migrate.graph.RevisionGraph;
import dev.migrate.introspect.Difference;
import dev.migrate.introspect.DriftCheck;
import dev.migrate.introspect.DriftReport;
import dev.migrate.introspect.IgnoredTables;
import dev.migrate.introspect.Introspector;
import dev.migrate.introspect.ModelNormalizer;
import dev.migrate.schema.Replay;
import dev.migrate.schema.SchemaModel;
import java.io.File;
import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Drift detection: compares the live database (its catalog) with the changelog's model at the
 * revisions its version table says are applied, prints each difference (an extra column, a
 * missing index, another default, ...) and fails the build when there is any. Column order
 * is reported, never a failure. With {@code -Dmigrate.desired=entities} it compares instead the
 * model at the changelog's heads with the schema the project's own Hibernate ORM creates from
 * its JPA entities on a scratch database, no configured database needed: the build fails when
 * an entity changed without a revision. {@code -Dmigrate.format=json} prints one document,
 * {@code {"status": "ok" | "drift", "differences": [...]}}. Reads only: no lock, no table made.
 */
@Mojo(name = "check", threadSafe = true, requiresDependencyResolution = ResolutionScope.RUNTIME)
public class CheckMojo extends AbstractDatabaseMojo {

  /** How many differences the build failure's own message names; the report lists them all. */
  private static final int NAMED_IN_FAILURE = 5;

  /**
   * {@code entities}: compare the changelog's heads with the project's JPA entities (compile
   * first) instead of the configured database. Property {@code migrate.desired}.
   */
  @Parameter(property = "migrate.desired")
  private File desired;

  @Override
  protected void run() {
    if (desired != null && !entities(desired)) {
      throw new MigrateException("desired-unsupported", "migrate:check compares with -Dmigrate.desired=entities"
          + " only, not " + desired + "; leave it out to check the configured database");
    }
    Checked checked = entities(desired) ? entities() : withDatabase(() -> workspace().checked(), (workspace, connection, migrator) -> {
      DriftReport found = new DriftCheck(connection, runSettings().tables(), defaultSchema)
          .run(workspace.changelog(), workspace.fullGraph(), migrator);
      return new Checked(found, at(found.heads(), workspace.fullGraph()));
    });
    DriftReport report = checked.report();
    String at = checked.at();
    String what = entities(desired) ? "the JPA entities differ" : "the database differs";
    String fix = entities(desired) ? "Write the revision: mvn compile migrate:revision -Dmigrate.autogenerate"
        + " -Dmigrate.desired=entities -Dmigrate.message=\"...\"" : "Write a revision for a change that should stay,"
        + " or undo it in the database";
    report.outside().forEach(line -> getLog().info(line));
    emit(json() ? json(report) : text(report, at, entities(desired) ? "the JPA entities match" : "the database matches"));
    if (report.drift()) {
      List<Difference> failures = report.failures();
      throw new ReportedFailure("drift", what + " from the changelog at " + at + ": "
          + count(failures.size()) + " (" + String.join("; ", failures.stream().limit(NAMED_IN_FAILURE)
              .map(Difference::description).toList()) + (failures.size() > NAMED_IN_FAILURE ? "; ..." : "")
          + "). " + fix);
    }
  }

  /** The model at the changelog's heads against the entities' schema on a scratch database. */
  private Checked entities() {
    Workspace workspace = workspace().checked();
    RevisionGraph graph = workspace.fullGraph();
    List<String> heads = graph.heads().stream().sorted().toList();
    SchemaModel expected = Replay.of(workspace.changelog(), graph.applied(heads), defaultSchema).finalModel();
    return onEntitySchema(connection -> {
      Introspector introspector = new Introspector(connection);
      // Hibernate orders a table's columns its own way, not as the entity declares them: not news
      List<Difference> differences = introspector.compareWith(expected,
          IgnoredTables.of(runSettings().tables(), defaultSchema), new ModelNormalizer(connection)).stream()
          .filter(d -> d.kind() != Difference.Kind.COLUMN_ORDER).toList();
      DriftReport report = new DriftReport(heads, differences, introspector.outsideTheModel(defaultSchema,
          expected.schemas()));
      return new Checked(report, at(heads, graph));
    });
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

  private static String text(DriftReport report, String at, String matches) {
    StringBuilder text = new StringBuilder();
    report.differences().forEach(d -> text.append(d).append('\n'));
    int failures = report.failures().size();
    if (failures == 0) {
      text.append("ok: ").append(matches).append(" the changelog at ").append(at);
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
