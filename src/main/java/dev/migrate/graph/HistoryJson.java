package dev.migrate.graph;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import dev.migrate.changelog.Revision;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The JSON of {@code migrate:history}, {@code heads} and {@code current}: one document with
 * {@code "status": "ok"}, so a pipeline can parse standard output. Each revision is an object
 * with {@code id}, {@code downRevisions}, {@code branchLabels} (declared in its file),
 * {@code branches} (labels in effect, inherited from ancestors), {@code dependsOn},
 * {@code message}, {@code head}, {@code base}, {@code branchPoint}, {@code mergePoint},
 * {@code current}, {@code file} and {@code operations} (the changelog keys, in order).
 *
 * <pre>{@code
 * {
 *   "status": "ok",
 *   "heads": ["3f2a9c1e7b4d"],
 *   "revisions": [
 *     {"id": "3f2a9c1e7b4d", "downRevisions": ["8b1c0d2e4f6a"], "branchLabels": [], "branches": [],
 *      "dependsOn": [], "message": "add csat surveys", "head": true, "base": false,
 *      "branchPoint": false, "mergePoint": false, "current": true,
 *      "file": "src/main/migrations/3f2a9c1e7b4d_add_csat_surveys.yaml", "operations": ["create-table"]}
 *   ]
 * }
 * }</pre>
 */
public final class HistoryJson {

  private static final JsonFactory FACTORY = new JsonFactory();

  private final RevisionGraph graph;
  private final Set<String> current;

  /** @param current the version table's rows, for {@code "current"}; empty when unknown */
  public HistoryJson(RevisionGraph graph, Collection<String> current) {
    this.graph = graph;
    graph.applied(current); // fails early, naming a row the changelog does not have
    this.current = Set.copyOf(current);
  }

  /** {@code heads} and every revision, newest first (the order of the text history). */
  public String history() {
    List<Revision> order = graph.topologicalOrder();
    return document("revisions", (json) -> {
      for (int i = order.size() - 1; i >= 0; i--) {
        revision(json, order.get(i));
      }
    });
  }

  /** The heads, each as a full revision object, by id. */
  public String heads() {
    return document("revisions", json -> {
      for (String id : graph.heads()) {
        revision(json, graph.revision(id));
      }
    });
  }

  /** The version table's rows, each as a full revision object, by id. */
  public String current() {
    return document("revisions", json -> {
      for (String id : new TreeSet<>(current)) {
        revision(json, graph.revision(id));
      }
    });
  }

  private interface Body {
    void write(JsonGenerator json) throws IOException;
  }

  private String document(String field, Body body) {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      DefaultIndenter newline = new DefaultIndenter("  ", "\n"); // "\n" everywhere: byte-stable on every OS
      json.setPrettyPrinter(new DefaultPrettyPrinter()
          .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
          .withObjectIndenter(newline)
          .withArrayIndenter(newline));
      json.writeStartObject();
      json.writeStringField("status", "ok");
      strings(json, "heads", graph.heads());
      json.writeArrayFieldStart(field);
      body.write(json);
      json.writeEndArray();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return out.append('\n').toString();
  }

  private void revision(JsonGenerator json, Revision r) throws IOException {
    String id = r.id();
    json.writeStartObject();
    json.writeStringField("id", id);
    strings(json, "downRevisions", r.downRevisions());
    strings(json, "branchLabels", r.branchLabels());
    strings(json, "branches", graph.branchLabelsOf(id));
    strings(json, "dependsOn", r.dependsOn());
    json.writeStringField("message", r.message());
    json.writeBooleanField("head", graph.isHead(id));
    json.writeBooleanField("base", graph.isBase(id));
    json.writeBooleanField("branchPoint", graph.isBranchPoint(id));
    json.writeBooleanField("mergePoint", graph.isMergePoint(id));
    json.writeBooleanField("current", current.contains(id));
    json.writeStringField("file", HistoryFormatter.file(r));
    json.writeArrayFieldStart("operations");
    for (var change : r.upgrade()) {
      json.writeString(change.operation().kind().key());
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  private static void strings(JsonGenerator json, String field, List<String> values) throws IOException {
    json.writeArrayFieldStart(field);
    for (String value : values) {
      json.writeString(value);
    }
    json.writeEndArray();
  }
}
