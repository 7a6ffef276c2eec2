package dev.migrate.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migrate.changelog.SourceSpan;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code <placeholders>} of the plugin configuration, replaced inside parsed string
 * values (never in the raw text, so positions stay true and a value cannot change the
 * structure of the file). {@code $${name}} is a literal {@code ${name}}.
 *
 * <pre>
 * placeholders {support_email=help@example.com}:
 *   "mail ${support_email}"  -> "mail help@example.com"
 *   "mail $${support_email}" -> "mail ${support_email}"
 * </pre>
 */
final class Placeholders {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$?\\$\\{([^{}]*)}");

  private final Map<String, String> values;
  private final boolean replace;

  Placeholders(Map<String, String> values) {
    this(values, true);
  }

  private Placeholders(Map<String, String> values, boolean replace) {
    this.values = new TreeMap<>(values);
    this.replace = replace;
  }

  /** Placeholders left as written, for checksums: nothing is replaced and nothing is unknown. */
  static Placeholders asWritten() {
    return new Placeholders(Map.of(), false);
  }

  /** The values, sorted by name: part of a changelog's fingerprint. */
  @Override
  public String toString() {
    return (replace ? "replace " : "as written ") + values;
  }

  /** Whether this replaces anything: false for {@link #asWritten()}. */
  boolean replaces() {
    return replace;
  }

  /** A document whose string values have their placeholders replaced; null when one is unknown. */
  Document apply(Document document, List<Diagnostic> sink) {
    if (!replace) {
      return document;
    }
    int before = sink.size();
    JsonNode root = replace(document.root(), "", document, sink);
    return sink.size() > before ? null : new Document(document.file(), root, document.positions());
  }

  /** {@code text} with its placeholders replaced, or a diagnostic at {@code at} for each unknown one. */
  String replace(String text, SourceSpan at, List<Diagnostic> sink) {
    if (!replace || text.indexOf("${") < 0) {
      return text;
    }
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String replacement;
      if (m.group().startsWith("$$")) {
        replacement = m.group().substring(1);
      } else if (values.containsKey(name)) {
        replacement = values.get(name);
      } else {
        String nearest = Suggestion.nearest(name, values.keySet()).map(n -> "did you mean '${" + n + "}'? ").orElse("");
        sink.add(Diagnostic.error(at, "unknown-placeholder", "unknown placeholder '${" + name + "}'; " + nearest
            + (values.isEmpty() ? "no placeholders are configured"
                : "the configured placeholders are " + String.join(", ", values.keySet()))
            + ": add '" + name + "' to <placeholders> in the plugin configuration, or write $${" + name
            + "} for the literal text"));
        replacement = m.group();
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  private JsonNode replace(JsonNode node, String pointer, Document document, List<Diagnostic> sink) {
    if (node.isTextual()) {
      String text = node.asText();
      String replaced = replace(text, document.at(pointer), sink);
      return replaced.equals(text) ? node : JsonNodeFactory.instance.textNode(replaced);
    }
    if (node.isObject()) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        copy.set(field.getKey(), replace(field.getValue(), Document.child(pointer, field.getKey()), document, sink));
      }
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      for (int i = 0; i < node.size(); i++) {
        copy.add(replace(node.get(i), Document.child(pointer, i), document, sink));
      }
      return copy;
    }
    return node;
  }
}
