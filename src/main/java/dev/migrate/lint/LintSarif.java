package dev.migrate.lint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import dev.migrate.changelog.SourceSpan;
import dev.migrate.load.Diagnostic;
import java.nio.file.Path;
import java.util.List;

/**
 * A lint report as SARIF 2.1.0, the format code-scanning pages read: one
 * {@code tool.driver.rules} entry per rule that ran (id, short and full description, help
 * with the safe way, default level), one result per finding with {@code ruleId},
 * {@code ruleIndex}, {@code level}, {@code message.text} and a {@code physicalLocation}
 * (the file's URI relative to the project's base directory, line and column). An
 * acknowledged finding carries a {@code suppressions} entry of kind {@code inSource} with the
 * author's reason: reported, not hidden.
 *
 * <p>When lint cannot run (a changelog with problems), {@link #failure} is still one SARIF
 * document: no results, and an invocation that did not succeed, with each problem as a
 * notification at its place.
 */
public final class LintSarif {

  static final String SCHEMA =
      "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
  static final String TOOL = "migrate-maven-plugin";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private LintSarif() {}

  /** @param toolVersion the plugin's version, or null when unknown */
  public static String of(LintReport report, Path base, String toolVersion) {
    ObjectNode doc = MAPPER.createObjectNode().put("$schema", SCHEMA).put("version", "2.1.0");
    ObjectNode run = doc.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver").put("name", TOOL);
    if (toolVersion != null && !toolVersion.isBlank()) {
      driver.put("version", toolVersion);
    }
    List<Rule> rules = report.rules();
    ArrayNode ruleNodes = driver.putArray("rules");
    for (Rule rule : rules) {
      ObjectNode node = ruleNodes.addObject().put("id", rule.id());
      node.putObject("shortDescription").put("text", rule.summary());
      node.putObject("fullDescription").put("text", rule.help());
      node.putObject("help").put("text", rule.help());
      node.putObject("defaultConfiguration").put("level", rule.defaultSeverity().sarifLevel());
    }
    ArrayNode results = run.putArray("results");
    for (Finding f : report.findings()) {
      ObjectNode result = results.addObject().put("ruleId", f.rule());
      int index = indexOf(rules, f.rule());
      if (index >= 0) {
        result.put("ruleIndex", index);
      }
      result.put("level", f.severity().sarifLevel());
      result.putObject("message").put("text", sentence(f.risk()) + " " + sentence(f.safeWay()));
      location(result.putArray("locations").addObject(), f.at(), base);
      if (f.acknowledged()) {
        ObjectNode suppression = result.putArray("suppressions").addObject().put("kind", "inSource");
        if (!f.acknowledgement().isBlank()) {
          suppression.put("justification", f.acknowledgement());
        }
      }
      result.putObject("properties").put("revision", f.revision()).put("safeWay", f.safeWay());
    }
    return doc.toPrettyString().replace("\r\n", "\n") + "\n";
  }

  /**
   * The document of a run that failed before linting: each problem a
   * {@code toolExecutionNotifications} entry (its code as the descriptor id), with its place
   * when it has one.
   */
  public static String failure(List<Diagnostic> problems, String message, Path base, String toolVersion) {
    ObjectNode doc = MAPPER.createObjectNode().put("$schema", SCHEMA).put("version", "2.1.0");
    ObjectNode run = doc.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver").put("name", TOOL);
    if (toolVersion != null && !toolVersion.isBlank()) {
      driver.put("version", toolVersion);
    }
    ObjectNode invocation = run.putArray("invocations").addObject().put("executionSuccessful", false);
    ArrayNode notifications = invocation.putArray("toolExecutionNotifications");
    if (problems.isEmpty()) {
      notifications.addObject().put("level", "error").putObject("message").put("text", message);
    }
    for (Diagnostic d : problems) {
      ObjectNode notification = notifications.addObject()
          .put("level", d.severity() == Diagnostic.Severity.ERROR ? "error" : "warning");
      notification.putObject("message").put("text", d.message());
      notification.putObject("descriptor").put("id", d.code());
      location(notification.putArray("locations").addObject(), d.at(), base);
    }
    run.putArray("results");
    return doc.toPrettyString().replace("\r\n", "\n") + "\n";
  }

  private static void location(ObjectNode location, SourceSpan at, Path base) {
    ObjectNode physical = location.putObject("physicalLocation");
    physical.putObject("artifactLocation").put("uri", uri(LintText.file(at, base)));
    physical.putObject("region").put("startLine", at.line()).put("startColumn", at.column());
  }

  private static int indexOf(List<Rule> rules, String id) {
    for (int i = 0; i < rules.size(); i++) {
      if (rules.get(i).id().equals(id)) {
        return i;
      }
    }
    return -1;
  }

  /** A relative path as a URI reference: spaces and other characters a URI cannot hold escaped. */
  private static String uri(String path) {
    try {
      return new URI(null, null, path, null).getRawPath();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("cannot write " + path + " as a URI", e);
    }
  }

  private static String sentence(String text) {
    String trimmed = text.strip();
    return trimmed.endsWith(".") ? trimmed : trimmed + ".";
  }
}
