package dev.migrate.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migrate.changelog.ColumnType;
import dev.migrate.changelog.SourceSpan;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The YAML spelling of a validated XML changelog element tree: attributes become keys (typed
 * as the schema types them), child elements become the keys and lists the YAML spelling has
 * ({@code <column>} entries of create-table become {@code columns}, {@code <foreign-key>}
 * entries {@code foreign-keys}), and the few forms XML writes differently are mapped one to one
 * ({@code <downgrade irreversible="true"/>} is {@code irreversible}, one down-revision is a
 * string). The schema has already checked the structure; what it cannot check (a default that
 * is not a number for a number column, SQL given twice) becomes a diagnostic here.
 */
final class XmlToJson {

  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
  private static final Pattern INT = Pattern.compile("[-+]?[0-9]+");
  private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
  private static final Pattern DIGITS = Pattern.compile("[0-9]+");

  /** Built-in types whose defaults are numbers, under ColumnType's normalized names. */
  private static final Set<String> NUMBER_TYPES = Set.of("smallint", "integer", "bigint", "real", "double precision",
      "numeric", "serial", "bigserial", "smallserial");

  /** Elements whose columns are required, as an attribute or as {@code <column>} elements. */
  private static final Set<String> NEEDS_COLUMNS = Set.of("primary-key", "unique", "foreign-key", "add-foreign-key");

  private enum DefaultType { NUMBER, BOOLEAN, TEXT, UNKNOWN }

  private final List<Diagnostic> sink;
  private final Map<String, SourceSpan> positions = new HashMap<>();

  private XmlToJson(List<Diagnostic> sink) {
    this.sink = sink;
  }

  static Document convert(Path file, XmlElement root, List<Diagnostic> sink) {
    XmlToJson converter = new XmlToJson(sink);
    converter.positions.put("", root.at());
    JsonNode tree = root.name().equals("existing-types") ? converter.existingTypes(root) : converter.revision(root);
    return new Document(file, tree, converter.positions);
  }

  private ObjectNode revision(XmlElement revision) {
    ObjectNode object = attributes(revision, "");
    JsonNode parents = object.get("down-revision");
    if (parents != null && parents.size() == 1) {
      // One parent is written as a string in YAML; a list is a merge point.
      object.set("down-revision", parents.get(0));
    }
    for (XmlElement child : revision.children()) {
      String pointer = Document.child("", child.name());
      positions.put(pointer, child.at());
      switch (child.name()) {
        case "message":
          object.put("message", child.trimmedText().replaceAll("\\s+", " "));
          break;
        case "preconditions":
          object.set("preconditions", preconditions(child, pointer));
          break;
        case "upgrade":
          object.set("upgrade", operations(child, pointer));
          break;
        case "downgrade":
          object.set("downgrade", downgrade(child, pointer));
          break;
        default:
          object.set(child.name(), object(child, pointer));
          break;
      }
    }
    return object;
  }

  private ObjectNode existingTypes(XmlElement root) {
    ObjectNode object = NODES.objectNode();
    ArrayNode types = object.putArray("existing-types");
    positions.put("/existing-types", root.at());
    int index = 0;
    for (XmlElement declaration : root.children()) {
      String pointer = Document.child("/existing-types", index++);
      positions.put(pointer, declaration.at());
      ObjectNode type = types.addObject();
      for (XmlElement.Attribute attribute : declaration.attributes()) {
        // The YAML key of the enum's name is the kind of type it declares: enum: replytype.
        String key = attribute.name().equals("name") ? "enum" : attribute.name();
        type.put(key, attribute.value());
        positions.put(Document.child(pointer, key), attribute.at());
      }
      type.set("values", values(declaration.children("value"), Document.child(pointer, "values")));
      positions.put(Document.child(pointer, "values"), declaration.at());
    }
    return object;
  }

  private JsonNode downgrade(XmlElement downgrade, String pointer) {
    boolean irreversible = downgrade.attribute("irreversible").map(a -> isTrue(a.value())).orElse(false);
    if (!irreversible) {
      return operations(downgrade, pointer);
    }
    if (!downgrade.children().isEmpty()) {
      sink.add(Diagnostic.error(downgrade.at(), "invalid-value",
          "<downgrade irreversible=\"true\"> cannot hold operations too; remove the operations or the attribute"));
    }
    return NODES.textNode("irreversible");
  }

  private ArrayNode operations(XmlElement list, String pointer) {
    ArrayNode operations = NODES.arrayNode();
    int index = 0;
    for (XmlElement operation : list.children()) {
      String entry = Document.child(pointer, index++);
      String key = Document.child(entry, operation.name());
      positions.put(entry, operation.at());
      positions.put(key, operation.at());
      operations.addObject().set(operation.name(), operation(operation, key));
    }
    return operations;
  }

  private JsonNode operation(XmlElement operation, String pointer) {
    if (operation.name().equals("sql")) {
      return sql(operation, pointer);
    }
    ObjectNode object = object(operation, pointer);
    if (operation.name().equals("comment") && !object.has("text")) {
      // No text attribute removes the comment, as text: null does in YAML.
      object.putNull("text");
    }
    return object;
  }

  /**
   * {@code <sql>select 1</sql>} is YAML's plain string; with acknowledge, reason or a
   * {@code <down>} it needs YAML's map form, {@code {up, down, file, acknowledge, reason}}.
   */
  private JsonNode sql(XmlElement sql, String pointer) {
    ObjectNode object = attributes(sql, pointer);
    String text = sql.trimmedText();
    List<XmlElement> up = sql.children("up");
    List<XmlElement> down = sql.children("down");
    int sources = (text.isEmpty() ? 0 : 1) + up.size() + (object.has("file") ? 1 : 0);
    if (sources == 0) {
      sink.add(Diagnostic.error(sql.at(), "missing-key",
          "<sql> has no SQL; write it as the element's text, in <up>...</up>, or name a file with file=\"...\""));
      return object;
    }
    if (sources > 1) {
      sink.add(Diagnostic.error(sql.at(), "invalid-value",
          "<sql> gives its SQL twice; write it in one place: the element's text, <up>...</up>, or file=\"...\""));
      return object;
    }
    if (!text.isEmpty() && object.isEmpty() && down.isEmpty()) {
      return NODES.textNode(text);
    }
    if (!text.isEmpty()) {
      object.put("up", text);
      positions.put(Document.child(pointer, "up"), sql.at());
    }
    for (XmlElement part : sql.children()) {
      positions.put(Document.child(pointer, part.name()), part.at());
      object.put(part.name(), part.trimmedText());
    }
    return object;
  }

  private JsonNode preconditions(XmlElement preconditions, String pointer) {
    ObjectNode object = attributes(preconditions, pointer);
    String checksPointer = Document.child(pointer, "checks");
    positions.put(checksPointer, preconditions.at());
    ArrayNode checks = object.putArray("checks");
    int index = 0;
    for (XmlElement check : preconditions.children()) {
      String entry = Document.child(checksPointer, index++);
      String key = Document.child(entry, check.name());
      positions.put(entry, check.at());
      positions.put(key, check.at());
      JsonNode value = check.name().equals("column-exists")
          ? object(check, key)
          : NODES.textNode(check.trimmedText());
      checks.addObject().set(check.name(), value);
    }
    return object;
  }

  /** Attributes, then child elements under their YAML keys. */
  private ObjectNode object(XmlElement element, String pointer) {
    ObjectNode object = attributes(element, pointer);
    Map<String, List<XmlElement>> groups = new LinkedHashMap<>();
    for (XmlElement child : element.children()) {
      groups.computeIfAbsent(child.name(), k -> new ArrayList<>()).add(child);
    }
    groups.forEach((name, group) -> child(element, name, group, object, pointer));
    boolean keyReference = element.name().equals("references") && !object.has("column");
    if ((NEEDS_COLUMNS.contains(element.name()) || keyReference) && !object.has("columns")) {
      sink.add(Diagnostic.error(element.at(), "missing-key", "<" + element.name() + "> needs its columns: write"
          + " columns=\"a b\" or one <column>a</column> element per column"));
    }
    return object;
  }

  /** {@code <column>a</column><column>b</column>}: the same as {@code columns="a b"}. */
  private void columnNames(XmlElement parent, List<XmlElement> group, ObjectNode object, String pointer) {
    if (object.has("columns")) {
      sink.add(Diagnostic.error(group.get(0).at(), "invalid-value", "<" + parent.name() + "> gives its columns twice;"
          + " keep either the columns attribute or the <column> elements"));
      return;
    }
    list(object, pointer, "columns", group, (e, p) -> NODES.textNode(e.trimmedText()));
  }

  private void child(XmlElement parent, String name, List<XmlElement> group, ObjectNode object, String pointer) {
    switch (parent.name() + "/" + name) {
      case "create-table/column":
        list(object, pointer, "columns", group, this::object);
        break;
      case "add-column/column":
        // One <column> is YAML's column:, several are columns:.
        if (group.size() == 1) {
          one(object, pointer, "column", group, this::object);
        } else {
          list(object, pointer, "columns", group, this::object);
        }
        break;
      case "create-index/column":
        list(object, pointer, "columns", group, this::indexElement);
        break;
      case "create-table/primary-key":
        one(object, pointer, "primary-key", group, this::primaryKey);
        break;
      case "create-table/unique":
        list(object, pointer, "unique", group, this::object);
        break;
      case "create-table/foreign-key":
        list(object, pointer, "foreign-keys", group, this::object);
        break;
      case "create-table/check":
        list(object, pointer, "checks", group, this::object);
        break;
      case "create-table/with":
      case "create-index/with":
        one(object, pointer, "with", group, this::storageParameters);
        break;
      case "column/default":
        one(object, pointer, "default", group,
            (e, p) -> defaultValue(e, parent, defaultType(parent.attribute("type").map(XmlElement.Attribute::value)
                .orElse(null), DefaultType.TEXT)));
        break;
      case "alter-column/default":
        one(object, pointer, "default", group,
            (e, p) -> defaultValue(e, parent, defaultType(parent.attribute("type").map(XmlElement.Attribute::value)
                .orElse(null), DefaultType.UNKNOWN)));
        break;
      case "create-enum/value":
        object.set("values", values(group, Document.child(pointer, "values")));
        positions.put(Document.child(pointer, "values"), group.get(0).at());
        break;
      case "primary-key/column":
      case "unique/column":
      case "foreign-key/column":
      case "references/column":
      case "add-primary-key/column":
      case "add-unique-constraint/column":
      case "add-foreign-key/column":
        columnNames(parent, group, object, pointer);
        break;
      case "create-function/argument":
      case "create-procedure/argument":
        list(object, pointer, "arguments", group, this::object);
        break;
      case "argument/default":
        one(object, pointer, "default", group,
            (e, p) -> defaultValue(e, parent, defaultType(parent.attribute("type").map(XmlElement.Attribute::value)
                .orElse(null), DefaultType.TEXT)));
        break;
      case "drop-function/argument":
      case "drop-procedure/argument":
        list(object, pointer, "arguments", group,
            (e, p) -> NODES.textNode(e.attribute("type").map(XmlElement.Attribute::value).orElse("")));
        break;
      case "create-trigger/argument":
        // arguments are data: kept exactly as written
        list(object, pointer, "arguments", group, (e, p) -> NODES.textNode(e.text().toString()));
        break;
      case "create-function/returns":
        one(object, pointer, "returns", group, (e, p) -> {
          ObjectNode table = NODES.objectNode();
          list(table, p, "table", e.children("column"), this::object);
          return table;
        });
        break;
      case "create-function/body":
      case "create-procedure/body":
        one(object, pointer, "body", group, (e, p) -> NODES.textNode(dedent(e.text().toString())));
        break;
      case "create-view/query":
        one(object, pointer, "query", group, (e, p) -> NODES.textNode(e.trimmedText()));
        break;
      case "insert/row":
        list(object, pointer, "rows", group, this::cells);
        break;
      case "update/set":
        one(object, pointer, "set", group, this::cells);
        break;
      default:
        // references, generated and the like: an object of attributes under the element's name.
        one(object, pointer, name, group, this::object);
        break;
    }
  }

  private interface Conversion {
    JsonNode apply(XmlElement element, String pointer);
  }

  private void one(ObjectNode object, String pointer, String key, List<XmlElement> group, Conversion conversion) {
    XmlElement element = group.get(0);
    String member = Document.child(pointer, key);
    positions.put(member, element.at());
    object.set(key, conversion.apply(element, member));
  }

  private void list(ObjectNode object, String pointer, String key, List<XmlElement> group, Conversion conversion) {
    String member = Document.child(pointer, key);
    positions.put(member, group.get(0).at());
    ArrayNode array = object.putArray(key);
    for (int i = 0; i < group.size(); i++) {
      String entry = Document.child(member, i);
      positions.put(entry, group.get(i).at());
      array.add(conversion.apply(group.get(i), entry));
    }
  }

  private ArrayNode values(List<XmlElement> elements, String pointer) {
    ArrayNode values = NODES.arrayNode();
    for (int i = 0; i < elements.size(); i++) {
      positions.put(Document.child(pointer, i), elements.get(i).at());
      // Labels are data: kept exactly as written, spaces included.
      values.add(elements.get(i).text().toString());
    }
    return values;
  }

  /** Every attribute under its own name, typed as the schema types it. */
  private ObjectNode attributes(XmlElement element, String pointer) {
    ObjectNode object = NODES.objectNode();
    for (XmlElement.Attribute attribute : element.attributes()) {
      String member = Document.child(pointer, attribute.name());
      positions.put(member, attribute.at());
      JsonNode value = value(attribute);
      if (value.isArray()) {
        for (int i = 0; i < value.size(); i++) {
          positions.put(Document.child(member, i), attribute.at());
        }
      }
      object.set(attribute.name(), value);
    }
    return object;
  }

  private static JsonNode value(XmlElement.Attribute attribute) {
    String text = attribute.value();
    switch (attribute.kind()) {
      case BOOLEAN:
        return NODES.booleanNode(isTrue(text));
      case NUMBER:
        return number(text.strip());
      case LIST:
        ArrayNode items = NODES.arrayNode();
        for (String item : text.strip().split("\\s+")) {
          if (!item.isEmpty()) {
            items.add(item);
          }
        }
        return items;
      case DURATION:
        // Plain digits are milliseconds, a number in YAML too; with a unit it stays text.
        return DIGITS.matcher(text.strip()).matches() ? number(text.strip()) : NODES.textNode(text.strip());
      default:
        return NODES.textNode(text);
    }
  }

  private JsonNode primaryKey(XmlElement key, String pointer) {
    ObjectNode object = object(key, pointer);
    if (object.has("name")) {
      return object;
    }
    // Without a name, YAML writes the key as its list of columns.
    JsonNode columns = object.has("columns") ? object.get("columns") : NODES.arrayNode();
    for (int i = 0; i < columns.size(); i++) {
      positions.put(Document.child(pointer, i), key.at());
    }
    return columns;
  }

  private JsonNode indexElement(XmlElement column, String pointer) {
    String text = column.trimmedText();
    if (column.attributes().isEmpty()) {
      if (text.isEmpty()) {
        sink.add(Diagnostic.error(column.at(), "missing-key",
            "an index <column> is empty; write the column name as its text, or give name=\"...\" or expression=\"...\""));
      }
      return NODES.textNode(text);
    }
    ObjectNode object = attributes(column, pointer);
    if (!text.isEmpty()) {
      if (object.has("name") || object.has("expression")) {
        sink.add(Diagnostic.error(column.at(), "invalid-value",
            "an index <column> has both text and a name or expression attribute; keep one of them"));
      }
      object.put("name", text);
      positions.put(Document.child(pointer, "name"), column.at());
    }
    if (object.has("name") == object.has("expression")) {
      sink.add(Diagnostic.error(column.at(), object.has("name") ? "invalid-value" : "missing-key",
          "an index <column> is a column or an expression: give the column name as its text or name=\"...\", "
              + "or an expression=\"...\", exactly one of them"));
    }
    return object;
  }

  private JsonNode storageParameters(XmlElement with, String pointer) {
    ObjectNode object = NODES.objectNode();
    for (XmlElement.Attribute attribute : with.attributes()) {
      positions.put(Document.child(pointer, attribute.name()), attribute.at());
      object.set(attribute.name(), plainScalar(attribute.value().strip(), attribute.value()));
    }
    return object;
  }

  private JsonNode cells(XmlElement row, String pointer) {
    ObjectNode object = NODES.objectNode();
    for (XmlElement cell : row.children()) {
      String column = cell.attribute("column").map(XmlElement.Attribute::value).orElse("");
      String member = Document.child(pointer, column);
      if (object.has(column)) {
        sink.add(Diagnostic.error(cell.at(), "duplicate-key", "column '" + column + "' is given twice in one <"
            + row.name() + "> (first at line " + positions.get(member).line() + "); remove one of them"));
        continue;
      }
      positions.put(member, cell.at());
      String text = cell.text().toString();
      switch (cell.name()) {
        case "number":
          object.set(column, number(text.strip()));
          break;
        case "boolean":
          object.put(column, isTrue(text));
          break;
        case "null":
          object.putNull(column);
          break;
        case "sql":
          object.putObject(column).put("sql", text.strip());
          positions.put(Document.child(member, "sql"), cell.at());
          break;
        default:
          // Text is data: kept exactly as written.
          object.put(column, text);
          break;
      }
    }
    return object;
  }

  /**
   * A {@code <default>}: {@code sql="..."} is an expression, {@code null="true"} is NULL, and
   * the text is a value typed by the column's type, as decisions.md settles it.
   */
  private JsonNode defaultValue(XmlElement element, XmlElement column, DefaultType type) {
    String text = element.text().toString();
    boolean isNull = element.attribute("null").map(a -> isTrue(a.value())).orElse(false);
    String sql = element.attribute("sql").map(XmlElement.Attribute::value).orElse(null);
    int forms = (isNull ? 1 : 0) + (sql != null ? 1 : 0) + (text.isBlank() ? 0 : 1);
    if (forms > 1) {
      sink.add(Diagnostic.error(element.at(), "invalid-value",
          "a <default> is a value (its text), sql=\"...\" or null=\"true\": keep only one of them"));
    }
    if (isNull) {
      return NODES.nullNode();
    }
    if (sql != null) {
      ObjectNode expression = NODES.objectNode();
      expression.put("sql", sql);
      return expression;
    }
    String value = text.strip();
    String columnName = column.attribute("name").map(XmlElement.Attribute::value).orElse("?");
    String columnType = column.attribute("type").map(XmlElement.Attribute::value).orElse("");
    switch (type) {
      case NUMBER:
        if (INT.matcher(value).matches() || DECIMAL.matcher(value).matches()) {
          return number(value);
        }
        sink.add(Diagnostic.error(element.at(), "wrong-type", "the default of column '" + columnName + "' is '" + text
            + "', but the column is " + columnType + "; write a number, or <default sql=\"...\"/> for an expression"));
        return NODES.textNode(text);
      case BOOLEAN:
        if (value.equals("true") || value.equals("false")) {
          return NODES.booleanNode(value.equals("true"));
        }
        sink.add(Diagnostic.error(element.at(), "wrong-type", "the default of column '" + columnName + "' is '" + text
            + "', but the column is boolean; write true or false, or <default sql=\"...\"/> for an expression"));
        return NODES.textNode(text);
      case UNKNOWN:
        return plainScalar(value, text);
      default:
        return NODES.textNode(text);
    }
  }

  /** The type of a default for a column of {@code type}, or {@code otherwise} when no type is written. */
  private static DefaultType defaultType(String type, DefaultType otherwise) {
    if (type == null) {
      return otherwise;
    }
    try {
      ColumnType parsed = ColumnType.parse(type);
      if (!parsed.builtin() || parsed.arrayDimensions() > 0) {
        return DefaultType.TEXT;
      }
      String name = parsed.name().name();
      if (NUMBER_TYPES.contains(name)) {
        return DefaultType.NUMBER;
      }
      return name.equals("boolean") ? DefaultType.BOOLEAN : DefaultType.TEXT;
    } catch (RuntimeException e) {
      // Not a type ColumnType knows: the model reader reports it; the default stays text.
      return DefaultType.TEXT;
    }
  }

  /** A value read as a YAML plain scalar: digits a number, true/false a boolean, anything else {@code raw}. */
  private static JsonNode plainScalar(String value, String raw) {
    if (INT.matcher(value).matches() || DECIMAL.matcher(value).matches()) {
      return number(value);
    }
    if (value.equals("true") || value.equals("false")) {
      return NODES.booleanNode(value.equals("true"));
    }
    return NODES.textNode(raw);
  }

  /** Integers as BigInteger and others as BigDecimal, as the YAML reader makes them, so both trees compare equal. */
  private static JsonNode number(String text) {
    String digits = text.startsWith("+") ? text.substring(1) : text;
    if (INT.matcher(digits).matches()) {
      return NODES.numberNode(new BigInteger(digits));
    }
    return NODES.numberNode(new BigDecimal(digits));
  }

  /**
   * A body as written inside an indented element, without the indentation all its lines
   * share and without blank lines at its edges, as a YAML block scalar reads it.
   */
  static String dedent(String text) {
    String[] lines = text.replace("\r\n", "\n").split("\n", -1);
    int common = Integer.MAX_VALUE;
    for (String line : lines) {
      if (!line.isBlank()) {
        int indent = 0;
        while (indent < line.length() && (line.charAt(indent) == ' ' || line.charAt(indent) == '\t')) {
          indent++;
        }
        common = Math.min(common, indent);
      }
    }
    if (common == Integer.MAX_VALUE) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    for (String line : lines) {
      out.append(line.isBlank() ? "" : line.substring(common)).append('\n');
    }
    return out.toString().strip();
  }

  /** xs:boolean: true or 1 (after whitespace collapsing); the schema has rejected anything else. */
  private static boolean isTrue(String text) {
    String value = text.strip();
    return value.equals("true") || value.equals("1");
  }
}
