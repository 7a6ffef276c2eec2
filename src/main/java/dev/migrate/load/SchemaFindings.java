package dev.migrate.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ValidationMessage;
import dev.migrate.changelog.SourceSpan;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Turns the validator's messages about one document into diagnostics a person can act on:
 * each at the file, line and column of the offending key, in words that say what to write.
 *
 * <p>A {@code oneOf} that fails reports every branch; most branches failed only because the
 * value has another shape (a string where the branch wants a map). So each failed
 * combinator is reduced to the branch the value was evidently meant for, and only that
 * branch's messages are reported, recursively.
 */
final class SchemaFindings {

  private static final Comparator<ValidationMessage> BY_PATH =
      Comparator.comparing((ValidationMessage m) -> m.getInstanceLocation().toString())
          .thenComparing(m -> m.getEvaluationPath().toString())
          .thenComparing(m -> String.valueOf(m.getProperty()));

  private final JsonNode schema;
  private final Document document;

  SchemaFindings(JsonNode schema, Document document) {
    this.schema = schema;
    this.document = document;
  }

  List<Diagnostic> diagnostics(Collection<ValidationMessage> messages) {
    List<ValidationMessage> sorted = new ArrayList<>(messages);
    sorted.sort(BY_PATH);
    List<Diagnostic> out = new ArrayList<>();
    reduce(sorted, out);
    Map<String, Diagnostic> unique = new LinkedHashMap<>();
    for (Diagnostic d : out) {
      unique.putIfAbsent(d.at() + d.code() + d.message(), d);
    }
    List<Diagnostic> result = new ArrayList<>(unique.values());
    result.sort(Comparator.comparingInt((Diagnostic d) -> d.at().line()).thenComparingInt(d -> d.at().column()));
    return result;
  }

  private void reduce(List<ValidationMessage> messages, List<Diagnostic> out) {
    List<ValidationMessage> combinators = messages.stream().filter(SchemaFindings::isCombinator).toList();
    Set<ValidationMessage> consumed = new LinkedHashSet<>();
    for (ValidationMessage combinator : combinators) {
      if (consumed.contains(combinator)) {
        continue;
      }
      // Evaluation paths do not name list indexes: the same oneOf fails once per list entry, so
      // a branch message belongs to this combinator only below its instance too.
      String prefix = combinator.getEvaluationPath() + "/";
      String instance = combinator.getInstanceLocation().toString();
      List<ValidationMessage> inside = messages.stream()
          .filter(m -> m != combinator && m.getEvaluationPath().toString().startsWith(prefix))
          .filter(m -> isWithin(m.getInstanceLocation().toString(), instance)).toList();
      consumed.add(combinator);
      consumed.addAll(inside);
      combinator(combinator, prefix, inside, out);
    }
    Set<String> unknownKeysAt = messages.stream().filter(m -> "additionalProperties".equals(m.getType()))
        .map(m -> m.getInstanceLocation().toString()).collect(Collectors.toSet());
    Map<String, List<String>> unknownKeys = new LinkedHashMap<>();
    for (ValidationMessage m : messages) {
      if ("additionalProperties".equals(m.getType())) {
        unknownKeys.computeIfAbsent(m.getInstanceLocation().toString(), k -> new ArrayList<>()).add(m.getProperty());
      }
    }
    for (ValidationMessage message : messages) {
      if (consumed.contains(message) || isConsequence(message, unknownKeys)) {
        continue;
      }
      // An entry with an unknown key is also "too many keys"; the unknown key says it all.
      if ("maxProperties".equals(message.getType()) && unknownKeysAt.contains(message.getInstanceLocation().toString())) {
        continue;
      }
      single(message, out);
    }
  }

  /**
   * Whether {@code m} only restates an unknown key: {@code too} also means {@code to} is
   * missing, and {@code - drop-table:} with its arguments not indented also means drop-table
   * is empty. The unknown key's message says both.
   */
  private boolean isConsequence(ValidationMessage m, Map<String, List<String>> unknownKeys) {
    String pointer = m.getInstanceLocation().toString();
    if ("required".equals(m.getType())) {
      List<String> unknown = unknownKeys.getOrDefault(pointer, List.of());
      return unknown.stream().anyMatch(key -> Suggestion.nearest(key, List.of(m.getProperty())).isPresent());
    }
    if ("type".equals(m.getType()) && document.root().at(pointer).isNull() && !pointer.isEmpty()) {
      return unknownKeys.containsKey(pointer.substring(0, pointer.lastIndexOf('/')));
    }
    return false;
  }

  private static boolean isWithin(String pointer, String ancestor) {
    return pointer.equals(ancestor) || pointer.startsWith(ancestor + "/");
  }

  private static boolean isCombinator(ValidationMessage m) {
    return "oneOf".equals(m.getType()) || "anyOf".equals(m.getType());
  }

  /** One failed oneOf/anyOf: report the branch the value was meant for, or one message for all. */
  private void combinator(ValidationMessage combinator, String prefix, List<ValidationMessage> inside,
      List<Diagnostic> out) {
    String pointer = combinator.getInstanceLocation().toString();
    JsonNode branches = schemaAt(combinator);
    int branchCount = branches != null && branches.isArray() ? branches.size() : 0;
    Map<Integer, List<ValidationMessage>> byBranch = new TreeMap<>();
    for (ValidationMessage m : inside) {
      String rest = m.getEvaluationPath().toString().substring(prefix.length());
      int slash = rest.indexOf('/');
      try {
        int index = Integer.parseInt(slash < 0 ? rest : rest.substring(0, slash));
        byBranch.computeIfAbsent(index, k -> new ArrayList<>()).add(m);
      } catch (NumberFormatException e) {
        byBranch.computeIfAbsent(-1, k -> new ArrayList<>()).add(m);
      }
    }
    if ("oneOf".equals(combinator.getType()) && branchCount - byBranch.size() >= 1) {
      out.add(severalForms(pointer, branches));
      return;
    }
    List<List<ValidationMessage>> candidates = byBranch.values().stream()
        .filter(branch -> branch.stream().noneMatch(m -> "type".equals(m.getType())
            && m.getInstanceLocation().toString().equals(pointer)))
        .toList();
    if (candidates.isEmpty()) {
      Set<String> expected = new LinkedHashSet<>();
      for (List<ValidationMessage> branch : byBranch.values()) {
        for (ValidationMessage m : branch) {
          if ("type".equals(m.getType()) && m.getInstanceLocation().toString().equals(pointer)) {
            expected.addAll(expectedTypes(m));
          }
        }
      }
      out.add(wrongType(pointer, expected));
      return;
    }
    boolean onlyRequired = candidates.stream().allMatch(branch -> branch.stream()
        .allMatch(m -> "required".equals(m.getType()) && m.getInstanceLocation().toString().equals(pointer)));
    if (onlyRequired && candidates.size() > 1) {
      List<String> keys = candidates.stream().flatMap(List::stream).map(ValidationMessage::getProperty).distinct().toList();
      out.add(Diagnostic.error(document.at(pointer), "missing-key", label(pointer) + " needs " + either(keys)
          + "; add one of them"));
      return;
    }
    List<ValidationMessage> best = candidates.stream().min(Comparator.comparingInt(List::size)).orElseThrow();
    reduce(best, out);
  }

  private Diagnostic severalForms(String pointer, JsonNode branches) {
    List<String> keys = new ArrayList<>();
    if (branches != null) {
      for (JsonNode branch : branches) {
        branch.path("required").forEach(k -> keys.add(k.asText()));
      }
    }
    if (!keys.isEmpty()) {
      return Diagnostic.error(document.at(pointer), "conflicting-keys",
          label(pointer) + " has " + both(keys) + "; keep only one of them");
    }
    return Diagnostic.error(document.at(pointer), "invalid-value",
        label(pointer) + " fits more than one of its forms; write exactly one");
  }

  private void single(ValidationMessage m, List<Diagnostic> out) {
    String pointer = m.getInstanceLocation().toString();
    switch (m.getType()) {
      case "additionalProperties" -> out.add(unknownKey(m, pointer));
      case "required" -> out.add(missingKey(m, pointer));
      case "type" -> out.add(wrongType(pointer, expectedTypes(m)));
      case "enum", "const" -> out.add(notOneOf(m, pointer));
      case "pattern" -> out.add(Diagnostic.error(document.at(pointer), "invalid-value",
          found(pointer) + " is not a valid " + label(pointer) + "; expected " + lowerFirst(description(m))));
      case "minLength" -> out.add(Diagnostic.error(document.at(pointer), "invalid-value",
          label(pointer) + " is empty; write a value or remove the key"));
      case "minItems" -> out.add(Diagnostic.error(document.at(pointer), "invalid-value",
          label(pointer) + " needs at least " + firstArgument(m) + " entr" + ("1".equals(firstArgument(m)) ? "y" : "ies")));
      case "uniqueItems" -> out.add(Diagnostic.error(document.at(pointer), "invalid-value",
          label(pointer) + " lists the same entry twice; remove the duplicate"));
      case "minProperties" -> out.add(Diagnostic.error(document.at(pointer), "invalid-value",
          label(pointer) + " is an empty map; " + (isEntryOf(m, "operation")
              ? "write an operation such as create-table" : "write at least one key")));
      case "maxProperties" -> out.add(Diagnostic.error(document.at(pointer), "invalid-value",
          label(pointer) + " holds " + both(fieldNames(document.root().at(pointer)))
              + "; each list entry holds exactly one, so start each with its own '-'"));
      case "minimum" -> out.add(Diagnostic.error(document.at(pointer), "invalid-value",
          label(pointer) + " must be at least " + firstArgument(m)));
      default -> out.add(Diagnostic.error(document.at(pointer), "invalid-value",
          label(pointer) + ": " + stripPointer(m.getMessage(), pointer)));
    }
  }

  private Diagnostic unknownKey(ValidationMessage m, String pointer) {
    String key = m.getProperty();
    SourceSpan at = document.at(Document.child(pointer, key));
    JsonNode parent = parentSchema(m);
    List<String> allowed = parent == null ? List.of() : fieldNames(parent.path("properties"));
    Optional<String> nearest = Suggestion.nearest(key, allowed);
    if (isEntryOf(m, "operation") || isEntryOf(m, "precondition")) {
      String what = isEntryOf(m, "operation") ? "operation" : "precondition check";
      if (nearest.isPresent()) {
        return Diagnostic.error(at, "unknown-key", "unknown " + what + " '" + key + "'; did you mean '"
            + nearest.get() + "'?");
      }
      // `- create-table:` followed by its arguments at the same indentation.
      for (String sibling : parent == null ? List.<String>of() : fieldNames(document.root().at(pointer))) {
        JsonNode siblingSchema = parent.path("properties").path(sibling);
        JsonNode target = resolve(siblingSchema);
        if (target != null && target.path("properties").has(key)) {
          return Diagnostic.error(at, "unknown-key", "'" + key + "' is an argument of '" + sibling
              + "', not " + (what.startsWith("operation") ? "an " : "a ") + what + "; indent it under '" + sibling + "'");
        }
      }
      return Diagnostic.error(at, "unknown-key", "unknown " + what + " '" + key + "'; write one of: "
          + String.join(", ", allowed));
    }
    if (nearest.isPresent()) {
      return Diagnostic.error(at, "unknown-key", "unknown key '" + key + "'; did you mean '" + nearest.get() + "'?");
    }
    return Diagnostic.error(at, "unknown-key", "unknown key '" + key + "' in " + label(pointer)
        + (allowed.isEmpty() ? "; remove it" : "; the keys here are: " + String.join(", ", allowed)));
  }

  private Diagnostic missingKey(ValidationMessage m, String pointer) {
    String key = m.getProperty();
    JsonNode parent = parentSchema(m);
    String description = parent == null ? ""
        : parent.path("properties").path(key).path("description").asText("").replace("`", "");
    return Diagnostic.error(document.at(pointer), "missing-key", label(pointer) + " lacks the required key '" + key
        + "'; add it" + (description.isEmpty() ? "" : " (" + lowerFirst(stripDot(description)) + ")"));
  }

  private Diagnostic wrongType(String pointer, Collection<String> expected) {
    JsonNode value = document.root().at(pointer);
    String wanted = alternatives(expected.stream().map(SchemaFindings::typeWord).distinct().toList());
    boolean scalarWanted = !expected.isEmpty()
        && expected.stream().allMatch(t -> t.equals("integer") || t.equals("number") || t.equals("boolean"));
    if (pointer.isEmpty()) {
      return Diagnostic.error(document.at(pointer), "wrong-type", "a changelog file is a map, but this one holds "
          + found(pointer) + "; write a revision (revision, message, upgrade) or an existing-types list");
    }
    if (value.isTextual() && value.asText().contains("${") && scalarWanted) {
      return Diagnostic.error(document.at(pointer), "placeholder-type", label(pointer) + " must be " + wanted
          + ", but holds the placeholder '" + value.asText() + "'; placeholders are replaced only inside strings,"
          + " so write the value itself");
    }
    String hint = "";
    if (value.isTextual() && scalarWanted) {
      String text = value.asText().trim().toLowerCase(java.util.Locale.ROOT);
      if (List.of("yes", "no", "on", "off", "y", "n").contains(text)) {
        hint = "; YAML 1.2 reads yes, no, on and off as text, so write true or false";
      } else if (text.equals("true") || text.equals("false") || text.matches("[-+]?[0-9]+(\\.[0-9]*)?")) {
        hint = "; remove the quotes";
      }
    } else if (value.isNull()) {
      hint = "; write the value after the key (indented under it for a map or list)";
    }
    return Diagnostic.error(document.at(pointer), "wrong-type", label(pointer) + " must be " + wanted + ", found "
        + found(pointer) + hint);
  }

  private Diagnostic notOneOf(ValidationMessage m, String pointer) {
    JsonNode node = schemaAt(m);
    List<String> allowed = new ArrayList<>();
    if (node != null && node.isArray()) {
      node.forEach(v -> allowed.add(v.asText()));
    } else if (node != null) {
      allowed.add(node.asText());
    }
    JsonNode value = document.root().at(pointer);
    Optional<String> nearest = value.isTextual() ? Suggestion.nearest(value.asText(), allowed) : Optional.empty();
    return Diagnostic.error(document.at(pointer), "invalid-value", found(pointer) + " is not a valid " + label(pointer)
        + (nearest.isPresent() ? "; did you mean '" + nearest.get() + "'?"
            : "; write " + allowed.stream().map(v -> "'" + v + "'").collect(Collectors.joining(" or "))));
  }

  /** The schema node a message's keyword sits in ({@code .../oneOf} gives the branch array). */
  private JsonNode schemaAt(ValidationMessage m) {
    String location = m.getSchemaLocation().toString();
    int hash = location.indexOf('#');
    if (hash < 0) {
      return null;
    }
    JsonNode node = schema.at(location.substring(hash + 1));
    return node.isMissingNode() ? null : node;
  }

  /** The schema object holding the failed keyword ({@code properties} for additionalProperties). */
  private JsonNode parentSchema(ValidationMessage m) {
    String location = m.getSchemaLocation().toString();
    int hash = location.indexOf('#');
    int slash = location.lastIndexOf('/');
    if (hash < 0 || slash < hash) {
      return null;
    }
    return resolve(schema.at(location.substring(hash + 1, slash)));
  }

  /** Follows a local {@code $ref}. */
  private JsonNode resolve(JsonNode node) {
    JsonNode current = node;
    for (int i = 0; i < 8 && current != null && current.has("$ref"); i++) {
      String ref = current.get("$ref").asText();
      current = ref.startsWith("#") ? schema.at(ref.substring(1)) : null;
    }
    return current == null || current.isMissingNode() ? null : current;
  }

  /** Whether {@code m} is about a list entry of {@code $defs/<definition>} itself, not about its arguments. */
  private boolean isEntryOf(ValidationMessage m, String definition) {
    return m.getSchemaLocation().toString().endsWith("#/$defs/" + definition + "/" + m.getType());
  }

  private String description(ValidationMessage m) {
    JsonNode parent = parentSchema(m);
    String text = parent == null ? "" : parent.path("description").asText("");
    return text.isEmpty() ? "see the changelog schema" : stripDot(text.replace("`", ""));
  }

  /** How a person names the place: {@code 'nullable'}, {@code entry 2 of 'columns'}, {@code the revision}. */
  private String label(String pointer) {
    if (pointer.isEmpty()) {
      return document.root().has("existing-types") ? "the existing-types file" : "the revision";
    }
    int slash = pointer.lastIndexOf('/');
    String last = unescape(pointer.substring(slash + 1));
    if (!last.isEmpty() && last.chars().allMatch(Character::isDigit)) {
      String parent = pointer.substring(0, slash);
      String parentName = parent.isEmpty() ? "the file" : "'" + unescape(parent.substring(parent.lastIndexOf('/') + 1)) + "'";
      return "entry " + (Integer.parseInt(last) + 1) + " of " + parentName;
    }
    return "'" + last + "'";
  }

  private String found(String pointer) {
    JsonNode value = document.root().at(pointer);
    if (value.isTextual()) {
      return "'" + value.asText() + "'";
    }
    if (value.isNumber()) {
      return "the number " + value.asText();
    }
    if (value.isBoolean()) {
      return value.asText();
    }
    if (value.isNull() || value.isMissingNode()) {
      return "nothing (null)";
    }
    return value.isArray() ? "a list" : "a map";
  }

  private static String typeWord(String type) {
    return switch (type) {
      case "string" -> "a string";
      case "integer" -> "a whole number";
      case "number" -> "a number";
      case "boolean" -> "true or false";
      case "object" -> "a map";
      case "array" -> "a list";
      case "null" -> "null";
      default -> type;
    };
  }

  /** The expected types of a {@code type} message: {@code string} or {@code [string, null]}. */
  private static List<String> expectedTypes(ValidationMessage m) {
    Object[] args = m.getArguments();
    if (args == null || args.length < 2) {
      return List.of();
    }
    String text = String.valueOf(args[1]).replace("[", "").replace("]", "");
    return List.of(text.split("\\s*,\\s*"));
  }

  private static String firstArgument(ValidationMessage m) {
    Object[] args = m.getArguments();
    return args == null || args.length == 0 ? "" : String.valueOf(args[0]);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** {@code a, b or c}. */
  private static String alternatives(List<String> words) {
    if (words.size() < 2) {
      return words.isEmpty() ? "something else" : words.get(0);
    }
    return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
  }

  private static String either(List<String> keys) {
    return keys.stream().map(k -> "'" + k + "'").collect(Collectors.joining(" or "));
  }

  private static String both(List<String> keys) {
    return keys.stream().map(k -> "'" + k + "'").collect(Collectors.joining(" and "));
  }

  private static String stripPointer(String message, String pointer) {
    String prefix = pointer + ": ";
    return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
  }

  private static String stripDot(String text) {
    return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
  }

  private static String lowerFirst(String text) {
    return text.isEmpty() || Character.isUpperCase(text.charAt(0)) && text.length() > 1 && Character.isUpperCase(text.charAt(1))
        ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
  }

  private static String unescape(String segment) {
    return segment.replace("~1", "/").replace("~0", "~");
  }
}
