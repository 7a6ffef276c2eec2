package dev.migrate.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/**
 * A changelog tree as compact JSON and back, for the {@link ParseCache}, with the streaming
 * API only: an ObjectMapper's start-up costs more than reading a thousand trees. Numbers come
 * back as the YAML reader makes them: exact integers and decimals. A class of its own, so
 * that reading outlines alone never starts Jackson.
 */
final class JsonTrees {

  private static final JsonFactory FACTORY = new JsonFactory();
  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  private JsonTrees() {}

  /** The tree in {@code json}; unchecked on damaged text, which the loader reads around. */
  static JsonNode read(byte[] json) {
    try (JsonParser parser = FACTORY.createParser(json)) {
      parser.nextToken();
      return tree(parser);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code root} as one line of UTF-8 JSON (JSON escapes line breaks and tabs inside strings). */
  static byte[] write(JsonNode root) {
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    try (JsonGenerator generator = FACTORY.createGenerator(json)) {
      tree(generator, root);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    return json.toByteArray();
  }

  /** The tree at the parser's current token, numbers as the YAML reader makes them: exact integers and decimals. */
  private static JsonNode tree(JsonParser parser) throws IOException {
    switch (parser.currentToken()) {
      case START_OBJECT -> {
        ObjectNode object = NODES.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String key = parser.currentName();
          parser.nextToken();
          object.set(key, tree(parser));
        }
        return object;
      }
      case START_ARRAY -> {
        ArrayNode array = NODES.arrayNode();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          array.add(tree(parser));
        }
        return array;
      }
      case VALUE_STRING -> {
        return NODES.textNode(parser.getText());
      }
      case VALUE_NUMBER_INT -> {
        return NODES.numberNode(parser.getBigIntegerValue());
      }
      case VALUE_NUMBER_FLOAT -> {
        return NODES.numberNode(parser.getDecimalValue());
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return NODES.booleanNode(parser.getBooleanValue());
      }
      case VALUE_NULL -> {
        return NODES.nullNode();
      }
      default -> throw new IOException("unexpected " + parser.currentToken());
    }
  }

  private static void tree(JsonGenerator json, JsonNode node) throws IOException {
    switch (node.getNodeType()) {
      case OBJECT -> {
        json.writeStartObject();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> field = it.next();
          json.writeFieldName(field.getKey());
          tree(json, field.getValue());
        }
        json.writeEndObject();
      }
      case ARRAY -> {
        json.writeStartArray();
        for (JsonNode item : node) {
          tree(json, item);
        }
        json.writeEndArray();
      }
      case STRING -> json.writeString(node.textValue());
      case NUMBER -> {
        if (node.isIntegralNumber()) {
          json.writeNumber(node.bigIntegerValue());
        } else {
          json.writeNumber(node.decimalValue());
        }
      }
      case BOOLEAN -> json.writeBoolean(node.booleanValue());
      case NULL -> json.writeNull();
      default -> throw new IOException("no JSON for a " + node.getNodeType() + " node");
    }
  }
}
