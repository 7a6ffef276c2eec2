package dev.migrate.generate;

import dev.migrate.changelog.Operation;
import dev.migrate.load.RevisionTemplate;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A generated revision as a file a person could have written: YAML in block style with short
 * things (a column, an index) as one-line flow maps, as the sample changelog is written, or
 * the XML spelling for a changelog written in XML. Revision ids are quoted, so an all-digit id
 * keeps its leading zeros. What the model cannot express is listed in the header, and each
 * operation's comments (a likely rename) stand above it.
 *
 * <pre>
 * String text = RevisionWriter.yaml(new RevisionWriter.Header("3f2a9c1e7b4d", List.of("8b1c0d2e4f6a"), "add index",
 *     "the configured database"), generated);
 * </pre>
 */
public final class RevisionWriter {

  /** The revision's identity and where its schema came from, for the header comment. */
  public record Header(String id, List<String> downRevisions, String message, String source) {
    public Header {
      downRevisions = List.copyOf(downRevisions);
    }
  }

  /** Above the downgrade of a revision that adds an enum value. */
  private static final List<String> IRREVERSIBLE = List.of(
      "PostgreSQL cannot remove a value from an enum, so this revision cannot be downgraded, and",
      "migrate:verify skips its round trip. To undo everything else and leave the new values, write instead:");
  private static final String SCHEMA_LINE =
      "# yaml-language-server: $schema=https://migrate.dev/changelog-schema/changelog.schema.json\n";
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_.()/ -]*");
  private static final Pattern YAML_WORDS = Pattern.compile("(?i)y|n|yes|no|on|off|true|false|null|~");
  /** Arguments that are SQL, always quoted. */
  private static final java.util.Set<String> SQL_KEYS = java.util.Set.of("sql", "expression", "where", "when");
  /** A one-line flow map or list longer than this is written in block style. */
  private static final int FLOW_WIDTH = 110;
  /** A list item that is a map (a column) stays on one line up to this, as the sample's columns do. */
  private static final int ITEM_WIDTH = 150;

  private RevisionWriter() {}

  public static String yaml(Header header, GeneratedRevision revision) {
    StringBuilder out = new StringBuilder(SCHEMA_LINE);
    out.append("revision: ").append(quoted(header.id())).append('\n');
    if (header.downRevisions().isEmpty()) {
      out.append("down-revision: null\n");
    } else if (header.downRevisions().size() == 1) {
      out.append("down-revision: ").append(quoted(header.downRevisions().get(0))).append('\n');
    } else {
      out.append("down-revision: [").append(String.join(", ",
          header.downRevisions().stream().map(RevisionWriter::quoted).toList())).append("]\n");
    }
    out.append("message: ").append(quoted(header.message())).append('\n');
    for (String line : preamble(header, revision)) {
      out.append(line.isEmpty() ? "#" : "# " + line).append('\n');
    }
    out.append("upgrade:\n");
    for (GeneratedRevision.Step step : revision.upgrade()) {
      for (String comment : step.comments()) {
        out.append("  # ").append(comment).append('\n');
      }
      operation(out, step.operation());
    }
    if (revision.partialDowngrade() != null) {
      for (String line : IRREVERSIBLE) {
        out.append("# ").append(line).append('\n');
      }
      StringBuilder down = new StringBuilder();
      revision.partialDowngrade().forEach(op -> operation(down, op));
      out.append(revision.partialDowngrade().isEmpty() ? "# downgrade: []\n" : "# downgrade:\n");
      down.toString().lines().forEach(line -> out.append("# ").append(line).append('\n'));
      out.append("downgrade: irreversible\n");
    }
    return out.toString();
  }

  /** The XML spelling, for a changelog written in XML. */
  public static String xml(Header header, GeneratedRevision revision) {
    StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.append("<!--\n");
    for (String line : preamble(header, revision)) {
      out.append("  ").append(xmlComment(line)).append('\n');
    }
    out.append("-->\n");
    out.append("<revision xmlns=\"urn:migrate:changelog:1\" revision=\"").append(escape(header.id())).append('"');
    if (!header.downRevisions().isEmpty()) {
      out.append(" down-revision=\"").append(escape(String.join(" ", header.downRevisions()))).append('"');
    }
    out.append(">\n");
    out.append("  <message>").append(escapeText(header.message())).append("</message>\n");
    out.append("  <upgrade>\n");
    for (GeneratedRevision.Step step : revision.upgrade()) {
      for (String comment : step.comments()) {
        out.append("    <!-- ").append(xmlComment(comment)).append(" -->\n");
      }
      xmlOperation(out, step.operation());
    }
    out.append("  </upgrade>\n");
    if (revision.partialDowngrade() != null) {
      out.append("  <!--\n");
      for (String line : IRREVERSIBLE) {
        out.append("    ").append(xmlComment(line)).append('\n');
      }
      StringBuilder down = new StringBuilder();
      revision.partialDowngrade().forEach(op -> xmlOperation(down, op));
      out.append("  <downgrade>\n").append(xmlComment(down.toString())).append("  </downgrade>\n");
      out.append("  -->\n");
      out.append("  <downgrade irreversible=\"true\"/>\n");
    }
    return out.append("</revision>\n").toString();
  }

  @SuppressWarnings("unchecked")
  private static void xmlOperation(StringBuilder out, Operation op) {
    Map.Entry<String, Object> entry = OperationTree.of(op).entrySet().iterator().next();
    String name = entry.getKey();
    Map<String, Object> args = (Map<String, Object>) entry.getValue();
    StringBuilder children = new StringBuilder();
    StringBuilder attributes = new StringBuilder();
    for (Map.Entry<String, Object> arg : args.entrySet()) {
      String key = arg.getKey();
      Object value = arg.getValue();
      boolean scalar = !(value instanceof List) && !(value instanceof Map);
      if (scalar && !key.equals("query") && !key.equals("default") && !key.equals("body")
          || key.equals("include") || key.equals("events") || key.equals("update-of")
          || key.equals("columns") && isKeyList(name)) {
        if (value != OperationTree.NULL) {
          attributes.append(' ').append(key).append("=\"").append(escape(attributeText(value))).append('"');
        }
        continue;
      }
      switch (key) {
        case "columns", "column" -> {
          List<Object> items = value instanceof List<?> list ? (List<Object>) list : List.of(value);
          for (Object item : items) {
            if (name.equals("create-index")) {
              indexElement(children, item);
            } else {
              columnElement(children, (Map<String, Object>) item);
            }
          }
        }
        case "primary-key" -> keyElement(children, "primary-key", value);
        case "unique" -> ((List<Object>) value).forEach(item -> keyElement(children, "unique", item));
        case "checks" -> {
          for (Object item : (List<Object>) value) {
            children.append("      <check").append(attributes((Map<String, Object>) item)).append("/>\n");
          }
        }
        case "references" -> children.append("      <references")
            .append(attributes((Map<String, Object>) value)).append("/>\n");
        case "values" -> {
          for (Object item : (List<Object>) value) {
            children.append("      <value>").append(escapeText(item.toString())).append("</value>\n");
          }
        }
        case "with" -> children.append("      <with").append(attributes((Map<String, Object>) value)).append("/>\n");
        case "query" -> children.append("      <query>").append(escapeText(value.toString())).append("</query>\n");
        case "body" -> children.append("      <body>").append(escapeText(value.toString())).append("</body>\n");
        case "arguments" -> {
          for (Object item : (List<Object>) value) {
            if (item instanceof Map<?, ?> argument) {
              Map<String, Object> plain = new java.util.LinkedHashMap<>((Map<String, Object>) argument);
              Object defaultValue = plain.remove("default");
              children.append("      <argument").append(attributes(plain))
                  .append(defaultValue == null ? "/>\n" : ">" + defaultElement(defaultValue) + "</argument>\n");
            } else if (name.equals("create-trigger")) {
              children.append("      <argument>").append(escapeText(item.toString())).append("</argument>\n");
            } else {
              children.append("      <argument type=\"").append(escape(item.toString())).append("\"/>\n");
            }
          }
        }
        case "returns" -> {
          children.append("      <returns>");
          for (Object column : (List<Object>) ((Map<String, Object>) value).get("table")) {
            children.append("<column").append(attributes((Map<String, Object>) column)).append("/>");
          }
          children.append("</returns>\n");
        }
        case "default" -> children.append("      ").append(defaultElement(value)).append('\n');
        default -> throw new IllegalStateException("no XML spelling for " + key);
      }
    }
    out.append("    <").append(name).append(attributes);
    if (children.isEmpty()) {
      out.append("/>\n");
    } else {
      out.append(">\n").append(children).append("    </").append(name).append(">\n");
    }
  }

  /** Operations whose columns are a space-separated attribute (a key's columns), not elements. */
  private static boolean isKeyList(String operation) {
    return operation.equals("add-primary-key") || operation.equals("add-unique-constraint")
        || operation.equals("add-foreign-key");
  }

  @SuppressWarnings("unchecked")
  private static void columnElement(StringBuilder out, Map<String, Object> column) {
    StringBuilder attributes = new StringBuilder();
    StringBuilder children = new StringBuilder();
    for (Map.Entry<String, Object> e : column.entrySet()) {
      if (e.getKey().equals("default")) {
        children.append(defaultElement(e.getValue()));
      } else if (e.getKey().equals("generated")) {
        children.append("<generated sql=\"").append(escape(((Map<String, Object>) e.getValue()).get("sql").toString()))
            .append("\"/>");
      } else {
        attributes.append(' ').append(e.getKey()).append("=\"").append(escape(attributeText(e.getValue()))).append('"');
      }
    }
    out.append("      <column").append(attributes);
    out.append(children.isEmpty() ? "/>\n" : ">" + children + "</column>\n");
  }

  @SuppressWarnings("unchecked")
  private static void indexElement(StringBuilder out, Object element) {
    if (element instanceof String column) {
      out.append("      <column>").append(escapeText(column)).append("</column>\n");
    } else {
      out.append("      <column").append(attributes((Map<String, Object>) element)).append("/>\n");
    }
  }

  @SuppressWarnings("unchecked")
  private static void keyElement(StringBuilder out, String element, Object key) {
    Map<String, Object> map = key instanceof Map<?, ?> m ? (Map<String, Object>) m
        : Map.of("columns", key);
    out.append("      <").append(element).append(attributes(map)).append("/>\n");
  }

  @SuppressWarnings("unchecked")
  private static String defaultElement(Object value) {
    if (value == OperationTree.NULL) {
      return "<default null=\"true\"/>";
    }
    if (value instanceof Map<?, ?> sql) {
      return "<default sql=\"" + escape(((Map<String, Object>) sql).get("sql").toString()) + "\"/>";
    }
    return "<default>" + escapeText(scalarText(value)) + "</default>";
  }

  private static String attributes(Map<String, Object> map) {
    StringBuilder out = new StringBuilder();
    map.forEach((k, v) -> out.append(' ').append(k).append("=\"").append(escape(attributeText(v))).append('"'));
    return out.toString();
  }

  private static String attributeText(Object value) {
    if (value instanceof List<?> list) {
      return String.join(" ", list.stream().map(Object::toString).toList());
    }
    return scalarText(value);
  }

  private static String scalarText(Object value) {
    return value instanceof BigDecimal number ? number.toPlainString() : String.valueOf(value);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
        .replace("\n", "&#10;").replace("\t", "&#9;").replace("\r", "&#13;");
  }

  /** Element content: line breaks stay as they are. */
  private static String escapeText(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** XML comments cannot hold two hyphens in a row. */
  private static String xmlComment(String text) {
    return text.replace("--", "- -");
  }

  /** The header's comment lines: where the schema came from, and what it could not say. */
  static List<String> preamble(Header header, GeneratedRevision revision) {
    List<String> lines = new java.util.ArrayList<>();
    lines.add("Autogenerated from " + header.source() + "; review it before applying it anywhere.");
    if (!revision.notExpressed().isEmpty()) {
      lines.add("Not expressed here (the changelog's model cannot hold it; write an sql operation if it matters):");
      revision.notExpressed().forEach(line -> lines.add("  " + line));
    }
    return lines;
  }

  private static void operation(StringBuilder out, Operation op) {
    Map<String, Object> tree = OperationTree.of(op);
    Map.Entry<String, Object> entry = tree.entrySet().iterator().next();
    String flow = flow(entry.getValue());
    String prefix = "  - " + entry.getKey() + ":";
    if (flow != null && prefix.length() + 1 + flow.length() <= FLOW_WIDTH) {
      out.append(prefix).append(' ').append(flow).append('\n');
      return;
    }
    out.append(prefix).append('\n');
    block(out, entry.getValue(), 6);
  }

  /** A map's entries at {@code indent}, each short value inline. */
  @SuppressWarnings("unchecked")
  private static void block(StringBuilder out, Object node, int indent) {
    String pad = " ".repeat(indent);
    if (node instanceof Map<?, ?> map) {
      for (Map.Entry<String, Object> e : ((Map<String, Object>) map).entrySet()) {
        Object value = e.getValue();
        out.append(pad).append(e.getKey()).append(':');
        if (value instanceof String text && text.contains("\n")) {
          out.append(" |-\n");
          // every character kept (a function body is compared as the server stores it)
          for (String line : text.split("\n", -1)) {
            out.append(line.isEmpty() ? "" : pad + "  " + line).append('\n');
          }
          continue;
        }
        String flow = SQL_KEYS.contains(e.getKey()) && value instanceof String sql ? quoted(sql) : flow(value);
        // a list of maps (columns, checks) is a block list with one map per line, as people write it
        boolean mapList = value instanceof List<?> list && list.stream().anyMatch(Map.class::isInstance);
        if (flow != null && !mapList && indent + e.getKey().length() + 2 + flow.length() <= FLOW_WIDTH) {
          out.append(' ').append(flow).append('\n');
        } else {
          out.append('\n');
          block(out, value, indent + 2);
        }
      }
    } else if (node instanceof List<?> list) {
      for (Object item : list) {
        String flow = flow(item);
        if (flow != null && indent + 2 + flow.length() <= ITEM_WIDTH) {
          out.append(pad).append("- ").append(flow).append('\n');
        } else {
          // the item's first key on the dash line, the rest under it
          StringBuilder inner = new StringBuilder();
          block(inner, item, indent + 2);
          out.append(pad).append("- ").append(inner.substring(indent + 2));
        }
      }
    } else {
      out.append(pad).append(scalar(node)).append('\n');
    }
  }

  /** The one-line flow form, or null when something in it needs more than one line. */
  @SuppressWarnings("unchecked")
  private static String flow(Object node) {
    if (node instanceof Map<?, ?> map) {
      StringBuilder out = new StringBuilder("{ ");
      boolean first = true;
      for (Map.Entry<String, Object> e : ((Map<String, Object>) map).entrySet()) {
        String value = flow(e.getValue());
        if (value == null) {
          return null;
        }
        if (SQL_KEYS.contains(e.getKey()) && e.getValue() instanceof String sql) {
          value = quoted(sql); // SQL reads as SQL in quotes: now(), not a YAML word
        }
        out.append(first ? "" : ", ").append(e.getKey()).append(": ").append(value);
        first = false;
      }
      return out.append(" }").toString();
    }
    if (node instanceof List<?> list) {
      StringBuilder out = new StringBuilder("[");
      for (int i = 0; i < list.size(); i++) {
        String value = flow(list.get(i));
        if (value == null) {
          return null;
        }
        out.append(i == 0 ? "" : ", ").append(value);
      }
      return out.append(']').toString();
    }
    if (node instanceof String text && text.contains("\n")) {
      return null;
    }
    return scalar(node);
  }

  private static String scalar(Object node) {
    if (node == OperationTree.NULL || node == null) {
      return "null";
    }
    if (node instanceof Boolean || node instanceof Long || node instanceof Integer) {
      return node.toString();
    }
    if (node instanceof BigDecimal number) {
      return number.toPlainString();
    }
    String text = node.toString();
    return plain(text) ? text : quoted(text);
  }

  private static boolean plain(String text) {
    return PLAIN.matcher(text).matches() && !text.endsWith(" ") && !YAML_WORDS.matcher(text).matches()
        && !text.contains(" -") && !text.toLowerCase(Locale.ROOT).equals(".nan");
  }

  /** A YAML double-quoted scalar. */
  static String quoted(String value) {
    return RevisionTemplate.quote(value);
  }
}
