package dev.migrate.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrate.changelog.OperationKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The published JSON Schema against the model it documents. */
class ChangelogSchemaTest {

  private final JsonNode schema = ChangelogSchema.instance().tree();

  private JsonNode resolve(JsonNode node) {
    JsonNode current = node;
    while (current.has("$ref")) {
      current = schema.at(current.get("$ref").asText().substring(1));
    }
    return current;
  }

  @Test
  void operationKeys_equalOperationKindKeys() {
    List<String> keys = new ArrayList<>();
    schema.at("/$defs/operation/properties").fieldNames().forEachRemaining(keys::add);

    assertThat(keys).containsExactlyInAnyOrderElementsOf(
        Arrays.stream(OperationKind.values()).map(OperationKind::key).toList());
  }

  @Test
  void everyOperation_acceptsAcknowledgeAndReason() {
    for (Iterator<Map.Entry<String, JsonNode>> it = schema.at("/$defs/operation/properties").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> operation = it.next();
      JsonNode arguments = resolve(operation.getValue());
      if (!arguments.has("properties") && arguments.has("oneOf")) {
        // sql: the plain-string form cannot carry them; the map form does.
        arguments = resolve(arguments.get("oneOf").get(1));
      }
      assertThat(arguments.path("properties").has("acknowledge")).as(operation.getKey()).isTrue();
      assertThat(arguments.path("properties").has("reason")).as(operation.getKey()).isTrue();
    }
  }

  @Test
  void everyProperty_hasADescription_andEveryMapIsClosed() {
    List<String> problems = new ArrayList<>();
    walk(schema, "", problems);

    assertThat(problems).isEmpty();
  }

  private void walk(JsonNode node, String pointer, List<String> problems) {
    if (node.isObject()) {
      if (node.has("properties")) {
        node.get("properties").fields().forEachRemaining(p -> {
          if (!p.getValue().has("description")) {
            problems.add(pointer + "/properties/" + p.getKey() + " has no description");
          }
        });
        if (!node.path("additionalProperties").isBoolean() || node.get("additionalProperties").asBoolean()) {
          problems.add(pointer + " allows unknown keys");
        }
      }
      node.fields().forEachRemaining(f -> walk(f.getValue(), pointer + "/" + f.getKey(), problems));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), pointer + "/" + i, problems);
      }
    }
  }
}
