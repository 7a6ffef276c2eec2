package dev.migrate.load;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.migrate.changelog.SourceSpan;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads one YAML changelog file into a {@link Document}, recording where every key and list
 * entry starts.
 *
 * <p>Jackson resolves plain scalars as YAML 1.1 does ({@code yes} and {@code off} are booleans,
 * {@code 0123} is octal); the changelog is read as YAML 1.2's core schema instead, from the
 * scalar's text: only {@code true}/{@code false} are booleans, only decimal, {@code 0o} and
 * {@code 0x} digits are integers. Revision ids keep their text whatever it looks like, so
 * {@code revision: 0123} stays {@code "0123"}.
 */
final class YamlReader {

  /** Root keys whose scalars are ids or labels: always strings, as written. */
  private static final Set<String> RAW_KEYS = Set.of("revision", "down-revision", "depends-on", "branch-labels");

  private static final Pattern INT = Pattern.compile("[-+]?[0-9]+");
  private static final Pattern OCTAL = Pattern.compile("0o[0-7]+");
  private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]+");
  private static final Pattern FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
  private static final Set<String> TRUE = Set.of("true", "True", "TRUE");
  private static final Set<String> FALSE = Set.of("false", "False", "FALSE");
  private static final Set<String> NULL = Set.of("", "~", "null", "Null", "NULL");

  /** Deeper than any changelog needs; keeps a hostile file from exhausting the stack. */
  private static final int MAX_DEPTH = 64;

  private static final YAMLFactory FACTORY = new YAMLFactory();
  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  private final Path file;
  private final List<Diagnostic> sink;
  private final Map<String, SourceSpan> positions = new HashMap<>();
  private String source = "";

  private YamlReader(Path file, List<Diagnostic> sink) {
    this.file = file;
    this.sink = sink;
  }

  /** The file's tree, or null after adding a diagnostic when it is not YAML or is empty. */
  static Document read(Path file, String text, List<Diagnostic> sink) {
    return new YamlReader(file, sink).read(text);
  }

  private Document read(String text) {
    source = text;
    try (JsonParser parser = FACTORY.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        sink.add(Diagnostic.error(SourceSpan.startOf(file), "empty-file",
            "the file is empty; write a revision (revision, message, upgrade) or an existing-types list, or delete it"));
        return null;
      }
      positions.put("", at(parser.currentTokenLocation()));
      JsonNode root = value(parser, "", false, 0);
      if (root == null) {
        return null;
      }
      if (parser.nextToken() != null) {
        sink.add(Diagnostic.error(at(parser.currentTokenLocation()), "yaml-syntax",
            "a second YAML document in one file; a file holds exactly one revision, so move it to a file of its own"));
        return null;
      }
      return new Document(file, root, positions);
    } catch (JsonProcessingException e) {
      sink.add(syntaxError(e));
      return null;
    } catch (IOException | RuntimeException e) {
      // SnakeYAML signals a few limits (code points, nesting) with unchecked exceptions.
      sink.add(Diagnostic.error(SourceSpan.startOf(file), "yaml-syntax",
          "cannot read the file as YAML: " + e.getMessage() + "; check its syntax"));
      return null;
    }
  }

  /** The value at the current token, or null after a diagnostic. */
  private JsonNode value(JsonParser parser, String pointer, boolean raw, int depth) throws IOException {
    if (depth > MAX_DEPTH) {
      sink.add(Diagnostic.error(at(parser.currentTokenLocation()), "yaml-syntax",
          "nesting deeper than " + MAX_DEPTH + " levels; a changelog never needs this, check the indentation"));
      return null;
    }
    JsonToken token = parser.currentToken();
    if (token == JsonToken.START_OBJECT) {
      ObjectNode object = NODES.objectNode();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String key = parser.currentName();
        String child = Document.child(pointer, key);
        SourceSpan keyAt = at(parser.currentTokenLocation());
        if (object.has(key)) {
          sink.add(Diagnostic.error(keyAt, "duplicate-key",
              "key '" + key + "' appears twice in one map (first at line " + positions.get(child).line()
                  + "); remove one of them"));
          return null;
        }
        positions.put(child, keyAt);
        parser.nextToken();
        JsonNode member = value(parser, child, raw || (pointer.isEmpty() && RAW_KEYS.contains(key)), depth + 1);
        if (member == null) {
          return null;
        }
        object.set(key, member);
      }
      return object;
    }
    if (token == JsonToken.START_ARRAY) {
      ArrayNode array = NODES.arrayNode();
      int index = 0;
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        String child = Document.child(pointer, index++);
        positions.put(child, at(parser.currentTokenLocation()));
        JsonNode item = value(parser, child, raw, depth + 1);
        if (item == null) {
          return null;
        }
        array.add(item);
      }
      return array;
    }
    if (((YAMLParser) parser).isCurrentAlias()) {
      sink.add(Diagnostic.error(at(parser.currentTokenLocation()), "yaml-syntax",
          "YAML aliases (*" + parser.getText() + ") are not supported in a changelog; write the value out"));
      return null;
    }
    return scalar(token, parser.getText(), raw, isPlain(parser.currentTokenLocation()));
  }

  /**
   * Whether the scalar at {@code location} is plain (unquoted, not a block scalar, untagged):
   * only plain scalars are resolved to null, booleans and numbers.
   */
  private boolean isPlain(JsonLocation location) {
    long offset = location.getCharOffset();
    if (offset < 0 || offset >= source.length()) {
      return true;
    }
    char first = source.charAt((int) offset);
    return first != '\'' && first != '"' && first != '|' && first != '>' && first != '!';
  }

  private static JsonNode scalar(JsonToken token, String text, boolean raw, boolean plain) {
    if (!plain) {
      // Quoted and block scalars are text; a tagged one (!!int 5) is what its tag says.
      return token == JsonToken.VALUE_STRING || raw ? NODES.textNode(text) : scalar(token, text, raw, true);
    }
    if (NULL.contains(text)) {
      return NODES.nullNode();
    }
    if (raw) {
      return NODES.textNode(text);
    }
    if (TRUE.contains(text)) {
      return NODES.booleanNode(true);
    }
    if (FALSE.contains(text)) {
      return NODES.booleanNode(false);
    }
    if (INT.matcher(text).matches()) {
      return NODES.numberNode(new BigInteger(text.startsWith("+") ? text.substring(1) : text));
    }
    if (OCTAL.matcher(text).matches()) {
      return NODES.numberNode(new BigInteger(text.substring(2), 8));
    }
    if (HEX.matcher(text).matches()) {
      return NODES.numberNode(new BigInteger(text.substring(2), 16));
    }
    if (FLOAT.matcher(text).matches()) {
      return NODES.numberNode(new BigDecimal(text));
    }
    // yes, no, on, off, 1_000, .inf: text in YAML 1.2's core schema.
    return NODES.textNode(text);
  }

  private Diagnostic syntaxError(JsonProcessingException e) {
    if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
      Mark mark = yaml.getProblemMark();
      String context = yaml.getContext() == null ? "" : " (" + yaml.getContext().trim()
          + (yaml.getContextMark() == null ? "" : " started at line " + (yaml.getContextMark().getLine() + 1)) + ")";
      return Diagnostic.error(SourceSpan.of(file, mark.getLine() + 1, mark.getColumn() + 1), "yaml-syntax",
          "malformed YAML: " + yaml.getProblem().trim() + context
              + "; check the indentation (spaces only) and the quoting of values that contain ': ' or '#'");
    }
    JsonLocation location = e.getLocation();
    SourceSpan at = location == null ? SourceSpan.startOf(file) : at(location);
    return Diagnostic.error(at, "yaml-syntax", "malformed YAML: " + e.getOriginalMessage()
        + "; check the indentation (spaces only) and the quoting");
  }

  private SourceSpan at(JsonLocation location) {
    return SourceSpan.of(file, Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()));
  }
}
