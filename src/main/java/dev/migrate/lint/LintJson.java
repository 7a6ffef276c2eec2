package dev.migrate.lint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;

/**
 * A lint report as one JSON document, shaped as the other goals' documents:
 *
 * <pre>{@code
 * {
 *   "status": "findings",
 *   "revisions": 2,
 *   "summary": {"errors": 1, "warnings": 0, "info": 0, "acknowledged": 1},
 *   "findings": [
 *     {"rule": "not-null-without-default", "severity": "error", "file": "src/main/migrations/b2_add.yaml",
 *      "line": 9, "column": 5, "revision": "b2", "message": "risk; safe way", "risk": "...", "safeWay": "...",
 *      "acknowledged": false, "reason": null}
 *   ]
 * }
 * }</pre>
 *
 * {@code status} is {@code findings} when an unacknowledged error fails the build, else
 * {@code ok} (warnings and info are listed either way). {@code summary} counts unacknowledged
 * findings by severity and acknowledged ones apart.
 */
public final class LintJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private LintJson() {}

  public static String of(LintReport report, Path base) {
    ObjectNode doc = MAPPER.createObjectNode().put("status", report.failed() ? "findings" : "ok");
    doc.put("revisions", report.revisions());
    doc.putObject("summary").put("errors", report.count(Severity.ERROR)).put("warnings", report.count(Severity.WARNING))
        .put("info", report.count(Severity.INFO)).put("acknowledged", report.acknowledged());
    ArrayNode findings = doc.putArray("findings");
    for (Finding f : report.findings()) {
      findings.addObject().put("rule", f.rule()).put("severity", f.severity().word())
          .put("file", LintText.file(f, base)).put("line", f.at().line()).put("column", f.at().column())
          .put("revision", f.revision()).put("message", LintText.message(f)).put("risk", f.risk())
          .put("safeWay", f.safeWay()).put("acknowledged", f.acknowledged()).put("reason", f.acknowledgement());
    }
    return doc.toPrettyString().replace("\r\n", "\n") + "\n";
  }
}
