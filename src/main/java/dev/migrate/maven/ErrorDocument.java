package dev.migrate.maven;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migrate.MigrateException;
import dev.migrate.changelog.SourceSpan;
import dev.migrate.execute.MigrationFailedException;
import dev.migrate.load.ChangelogException;
import dev.migrate.load.Diagnostic;

/**
 * The JSON a goal run with {@code -Dmigrate.format=json} prints when it fails, so a pipeline
 * reading standard output always gets one document:
 *
 * <pre>{@code
 * {
 *   "status": "error",
 *   "error": {"code": "unknown-key", "message": "unknown key 'nullabel'; did you mean 'nullable'?",
 *             "file": "src/main/migrations/a1b2_add.yaml", "line": 12, "column": 7},
 *   "errors": [ ...every problem of a broken changelog, the first one again... ]
 * }
 * }</pre>
 *
 * {@code file}, {@code line} and {@code column} are there when the failure has a place in the
 * changelog; {@code errors} when it is a changelog with problems.
 */
final class ErrorDocument {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ErrorDocument() {}

  /** The document of a failure: its code and message, and its place where it has one. */
  static String of(RuntimeException failure) {
    ObjectNode doc = MAPPER.createObjectNode().put("status", "error");
    if (failure instanceof ChangelogException changelog && !changelog.diagnostics().isEmpty()) {
      Diagnostic first = changelog.diagnostics().get(0);
      error(doc.putObject("error"), first.code(), first.message(), first.at());
      var all = doc.putArray("errors");
      for (Diagnostic d : changelog.diagnostics()) {
        error(all.addObject(), d.code(), d.message(), d.at());
      }
    } else if (failure instanceof MigrationFailedException failed) {
      error(doc.putObject("error"), failed.code(), failed.getMessage(), failed.at());
    } else if (failure instanceof MigrateException migrate) {
      error(doc.putObject("error"), migrate.code(), migrate.getMessage(), null);
    } else {
      error(doc.putObject("error"), "io", failure.getMessage(), null);
    }
    return doc.toPrettyString().replace("\r\n", "\n") + "\n";
  }

  private static void error(ObjectNode node, String code, String message, SourceSpan at) {
    node.put("code", code).put("message", message == null ? "" : message);
    if (at != null) {
      node.put("file", at.file().toString()).put("line", at.line()).put("column", at.column());
    }
  }
}
