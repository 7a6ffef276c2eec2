package dev.migrate.load;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrate.changelog.Change;
import dev.migrate.changelog.CheckSpec;
import dev.migrate.changelog.Column;
import dev.migrate.changelog.ColumnReference;
import dev.migrate.changelog.ColumnType;
import dev.migrate.changelog.Downgrade;
import dev.migrate.changelog.DurationUnit;
import dev.migrate.changelog.ExistingType;
import dev.migrate.changelog.ForeignKeySpec;
import dev.migrate.changelog.Identity;
import dev.migrate.changelog.IndexElement;
import dev.migrate.changelog.KeySpec;
import dev.migrate.changelog.Operation;
import dev.migrate.changelog.OperationKind;
import dev.migrate.changelog.Precondition;
import dev.migrate.changelog.Preconditions;
import dev.migrate.changelog.QualifiedName;
import dev.migrate.changelog.ReferentialAction;
import dev.migrate.changelog.Revision;
import dev.migrate.changelog.Routine;
import dev.migrate.changelog.SourceSpan;
import dev.migrate.changelog.Trigger;
import dev.migrate.changelog.Value;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps a validated {@link Document} to the model: a {@link Revision} or the
 * {@link ExistingType}s of an existing-types file.
 *
 * <p>The schema has checked the shape already, but a file whose validation was cached, or a
 * tree that a bug let through, must still never crash the loader: every accessor checks what
 * it reads and reports a diagnostic at the node's position. A bad operation is reported and
 * skipped, so the other operations of the file are still checked in the same run.
 */
final class ModelReader {

  private static final Pattern SET_OF = Pattern.compile("(?i)setof\\s+(.+)");
  private static final com.fasterxml.jackson.databind.node.JsonNodeFactory NODES =
      com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;

  private static final Pattern DURATION = Pattern.compile("\\s*([0-9]+)\\s*(ms|s|min|m|h)\\s*");

  private final Document document;
  /** The changelog directory's real path, which every sql file must be inside. */
  private final Path root;
  private final Placeholders placeholders;
  /** The revision's checksum when already known (from the parse cache), else null: taken over the model read. */
  private final String checksum;
  private final List<Diagnostic> sink;

  private ModelReader(Document document, Path root, Placeholders placeholders, String checksum,
      List<Diagnostic> sink) {
    this.document = document;
    this.root = root;
    this.placeholders = placeholders;
    this.checksum = checksum;
    this.sink = sink;
  }

  /**
   * The revision of {@code document}, or null after adding diagnostics.
   *
   * @param root the changelog directory's real path: sql files are read only from inside it
   * @param checksum its checksum if known, or null to take it over the model read
   */
  static Revision revision(Document document, Path root, Placeholders placeholders, String checksum,
      List<Diagnostic> sink) {
    return new ModelReader(document, root, placeholders, checksum, sink).revision();
  }

  /** The declarations of an existing-types {@code document}; diagnostics for the bad ones. */
  static List<ExistingType> existingTypes(Document document, List<Diagnostic> sink) {
    return new ModelReader(document, null, null, null, sink).existingTypes();
  }

  /** A problem at one node; caught per operation (or per file) and turned into a diagnostic. */
  private static final class Invalid extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Diagnostic diagnostic;

    Invalid(Diagnostic diagnostic) {
      super(diagnostic.message(), null, false, false);
      this.diagnostic = diagnostic;
    }
  }

  /** A node of the tree with its pointer, so every read knows where it happened. */
  private final class Node {
    final JsonNode json;
    final String pointer;

    Node(JsonNode json, String pointer) {
      this.json = json;
      this.pointer = pointer;
    }

    SourceSpan at() {
      return document.at(pointer);
    }

    Node get(String key) {
      JsonNode child = json.isObject() ? json.get(key) : null;
      return new Node(child == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : child,
          Document.child(pointer, key));
    }

    boolean has(String key) {
      return json.isObject() && json.has(key) && !json.get(key).isNull();
    }

    boolean present() {
      return !json.isMissingNode() && !json.isNull();
    }

    List<Node> items() {
      List<Node> items = new ArrayList<>();
      if (!json.isArray()) {
        throw invalid(this, "wrong-type", label() + " must be a list");
      }
      for (int i = 0; i < json.size(); i++) {
        items.add(new Node(json.get(i), Document.child(pointer, i)));
      }
      return items;
    }

    String label() {
      return "'" + pointer.substring(pointer.lastIndexOf('/') + 1) + "'";
    }

    /** A required string. */
    String text(String key) {
      Node child = get(key);
      if (!child.present()) {
        throw invalid(this, "missing-key", "the required key '" + key + "' is missing; add it");
      }
      return child.asText();
    }

    /** An optional string, or null. */
    String optText(String key) {
      Node child = get(key);
      return child.present() ? child.asText() : null;
    }

    String asText() {
      if (!json.isTextual()) {
        throw invalid(this, "wrong-type", label() + " must be a string");
      }
      return json.asText();
    }

    boolean flag(String key) {
      Boolean value = optFlag(key);
      return value != null && value;
    }

    Boolean optFlag(String key) {
      Node child = get(key);
      if (!child.present()) {
        return null;
      }
      if (!child.json.isBoolean()) {
        throw invalid(child, "wrong-type", child.label() + " must be true or false");
      }
      return child.json.booleanValue();
    }

    Long optLong(String key) {
      Node child = get(key);
      if (!child.present()) {
        return null;
      }
      if (!child.json.isIntegralNumber() || !child.json.canConvertToLong()) {
        throw invalid(child, "wrong-type", child.label() + " must be a whole number");
      }
      return child.json.longValue();
    }

    /** A list of strings, or a single string standing for a list of one; empty when absent. */
    List<String> texts(String key) {
      Node child = get(key);
      if (!child.present()) {
        return List.of();
      }
      if (child.json.isTextual()) {
        return List.of(child.json.asText());
      }
      List<String> texts = new ArrayList<>();
      for (Node item : child.items()) {
        texts.add(item.asText());
      }
      return texts;
    }

    /** {@code key} as a name in the explicit {@code schema} argument, if any. */
    QualifiedName name(String key) {
      String name = text(key);
      String schema = optText("schema");
      try {
        return QualifiedName.of(schema, name);
      } catch (IllegalArgumentException e) {
        throw invalid(get(key), "invalid-value", e.getMessage());
      }
    }
  }

  private Invalid invalid(Node node, String code, String message) {
    return new Invalid(Diagnostic.error(node.at(), code, message));
  }

  // ---------------------------------------------------------------- revision

  private Revision revision() {
    Node root = new Node(document.root(), "");
    int before = sink.size();
    try {
      String id = revisionId(root.get("revision"));
      List<String> downRevisions = root.texts("down-revision");
      List<String> branchLabels = root.texts("branch-labels");
      List<String> dependsOn = root.texts("depends-on");
      String message = root.text("message").trim();
      Boolean transactional = root.optFlag("transactional");
      Preconditions preconditions = root.has("preconditions") ? preconditions(root.get("preconditions")) : null;
      Duration lockTimeout = duration(root.get("lock-timeout"));
      Duration statementTimeout = duration(root.get("statement-timeout"));
      List<Change> upgrade = changes(root.get("upgrade"));
      Downgrade downgrade = downgrade(root.get("downgrade"));
      if (sink.size() > before) {
        return null;
      }
      return new Revision(id, downRevisions, branchLabels, dependsOn, message,
          transactional == null || transactional, preconditions, upgrade, downgrade, lockTimeout, statementTimeout,
          SourceSpan.startOf(document.file()), checksum);
    } catch (Invalid e) {
      sink.add(e.diagnostic);
      return null;
    }
  }

  private String revisionId(Node node) {
    if (!node.present()) {
      throw new Invalid(Diagnostic.error(document.at(""), "missing-key",
          "the revision lacks the required key 'revision'; add its id, such as revision: \"3f2a9c1e7b4d\""));
    }
    String id = node.asText();
    if (!Revision.isValidId(id)) {
      throw invalid(node, "invalid-revision-id", "'" + id + "' is not a valid revision id: use 1 to 64 lowercase"
          + " letters, digits and underscores (generated ids are 12 hex digits)");
    }
    if (Revision.RESERVED_IDS.contains(id)) {
      throw invalid(node, "invalid-revision-id", "'" + id + "' cannot be a revision id: head, heads and base name"
          + " targets; choose another id");
    }
    return id;
  }

  private Duration duration(Node node) {
    if (!node.present()) {
      return null;
    }
    if (node.json.isIntegralNumber() && node.json.canConvertToLong() && node.json.longValue() >= 0) {
      return Duration.ofMillis(node.json.longValue());
    }
    Matcher m = node.json.isTextual() ? DURATION.matcher(node.json.asText()) : null;
    if (m == null || !m.matches()) {
      throw invalid(node, "invalid-value", node.label() + " must be a duration such as 500ms, 2s, 10min or 1h");
    }
    return DurationUnit.of(Long.parseLong(m.group(1)), m.group(2));
  }

  private Preconditions preconditions(Node node) {
    String onFail = node.optText("on-fail");
    Preconditions.OnFail mode = onFail == null ? Preconditions.OnFail.FAIL
        : choice(node.get("on-fail"), Preconditions.OnFail.class, "fail", "skip");
    List<Precondition> checks = new ArrayList<>();
    for (Node entry : node.get("checks").present() ? node.get("checks").items() : List.<Node>of()) {
      checks.add(precondition(entry));
    }
    return new Preconditions(mode, checks);
  }

  private Precondition precondition(Node entry) {
    String key = onlyKey(entry, "precondition check");
    Node args = entry.get(key);
    switch (key) {
      case "table-exists":
        return new Precondition.TableExists(qualified(args));
      case "column-exists":
        return new Precondition.ColumnExists(args.name("table"), args.text("column"));
      case "index-exists":
        return new Precondition.IndexExists(qualified(args));
      case "enum-exists":
        return new Precondition.EnumExists(qualified(args));
      case "sql":
        return new Precondition.SqlCheck(args.asText());
      default:
        throw invalid(entry.get(key), "unknown-key", "unknown precondition check '" + key
            + "'; write table-exists, column-exists, index-exists, enum-exists or sql");
    }
  }

  private QualifiedName qualified(Node node) {
    try {
      return QualifiedName.parse(node.asText());
    } catch (IllegalArgumentException e) {
      throw invalid(node, "invalid-value", e.getMessage());
    }
  }

  private Downgrade downgrade(Node node) {
    if (!node.present()) {
      return Downgrade.derived();
    }
    if (node.json.isTextual()) {
      if (!"irreversible".equals(node.json.asText())) {
        throw invalid(node, "invalid-value", "'downgrade' is a list of operations or 'irreversible'");
      }
      return Downgrade.irreversible();
    }
    return new Downgrade.Written(changes(node));
  }

  private List<Change> changes(Node list) {
    if (!list.present()) {
      throw invalid(list, "missing-key", list.label() + " is missing; write a list of operations ([] for none)");
    }
    List<Change> changes = new ArrayList<>();
    for (Node entry : list.items()) {
      try {
        changes.add(change(entry));
      } catch (Invalid e) {
        sink.add(e.diagnostic);
      }
    }
    return changes;
  }

  private String onlyKey(Node entry, String what) {
    if (!entry.json.isObject() || entry.json.size() != 1) {
      throw invalid(entry, "invalid-value", "each entry holds exactly one " + what + ", as a one-key map");
    }
    return entry.json.fieldNames().next();
  }

  private Change change(Node entry) {
    String key = onlyKey(entry, "operation");
    OperationKind kind = OperationKind.fromKey(key).orElseThrow(() -> invalid(entry.get(key), "unknown-key",
        "unknown operation '" + key + "'"));
    Node args = entry.get(key);
    Operation operation;
    try {
      operation = operation(kind, args);
    } catch (IllegalArgumentException | NullPointerException e) {
      // A model record refused what the schema let through: report it where it was written.
      throw invalid(args, "invalid-value", key + ": " + e.getMessage());
    }
    List<String> acknowledge = args.json.isObject() ? args.texts("acknowledge") : List.of();
    String reason = args.json.isObject() ? args.optText("reason") : null;
    return new Change(operation, args.at(), acknowledge, reason);
  }

  // -------------------------------------------------------------- operations

  private Operation operation(OperationKind kind, Node a) {
    if (kind != OperationKind.SQL && !a.json.isObject()) {
      throw invalid(a, "wrong-type", a.label() + " must be a map of its arguments");
    }
    switch (kind) {
      case CREATE_TABLE:
        return new Operation.CreateTable(a.name("name"), columns(a.get("columns")), primaryKey(a.get("primary-key")),
            keys(a.get("unique")), foreignKeys(a.get("foreign-keys")), checks(a.get("checks")),
            a.flag("if-not-exists"), a.optText("comment"), storage(a.get("with")));
      case DROP_TABLE:
        return new Operation.DropTable(a.name("name"), a.flag("if-exists"), a.flag("cascade"));
      case RENAME_TABLE:
        return new Operation.RenameTable(a.name("from"), a.text("to"));
      case ADD_COLUMN: {
        List<Column> columns = a.has("column") ? List.of(column(a.get("column"))) : columns(a.get("columns"));
        if (columns.isEmpty()) {
          throw invalid(a, "missing-key", "add-column needs 'column' or 'columns'; add one of them");
        }
        return new Operation.AddColumn(a.name("table"), columns, a.flag("if-not-exists"));
      }
      case DROP_COLUMN:
        return new Operation.DropColumn(a.name("table"), a.text("name"), a.flag("if-exists"), a.flag("cascade"));
      case ALTER_COLUMN:
        return new Operation.AlterColumn(a.name("table"), a.text("name"),
            a.has("type") ? type(a.get("type")) : null, a.optText("using"), a.optFlag("nullable"),
            a.get("default").json.isMissingNode() ? null : value(a.get("default")), a.flag("drop-default"),
            a.has("identity") ? identity(a.get("identity"), true) : null);
      case RENAME_COLUMN:
        return new Operation.RenameColumn(a.name("table"), a.text("from"), a.text("to"));
      case CREATE_INDEX:
        return new Operation.CreateIndex(a.text("name"), a.name("table"), indexElements(a.get("columns")),
            a.flag("unique"), a.flag("concurrently"), a.optText("where"),
            a.has("using") ? choiceText(a.get("using"), "btree", "hash", "gin", "gist", "brin", "spgist") : null,
            a.texts("include"), a.flag("if-not-exists"), storage(a.get("with")));
      case DROP_INDEX:
        return new Operation.DropIndex(a.name("name"), a.flag("concurrently"), a.flag("if-exists"), a.flag("cascade"));
      case RENAME_INDEX:
        return new Operation.RenameIndex(a.name("from"), a.text("to"));
      case ADD_PRIMARY_KEY:
        return new Operation.AddPrimaryKey(a.name("table"), a.texts("columns"), a.optText("name"),
            a.optText("using-index"));
      case ADD_FOREIGN_KEY:
        return new Operation.AddForeignKey(a.name("table"), foreignKey(a), a.flag("not-valid"));
      case ADD_UNIQUE_CONSTRAINT:
        return new Operation.AddUniqueConstraint(a.name("table"), a.texts("columns"), a.optText("name"),
            a.flag("nulls-not-distinct"), a.optText("using-index"));
      case ADD_CHECK_CONSTRAINT:
        return new Operation.AddCheckConstraint(a.name("table"), a.text("name"), a.text("expression"),
            a.flag("not-valid"));
      case DROP_CONSTRAINT:
        return new Operation.DropConstraint(a.name("table"), a.text("name"), a.flag("if-exists"), a.flag("cascade"));
      case RENAME_CONSTRAINT:
        return new Operation.RenameConstraint(a.name("table"), a.text("from"), a.text("to"));
      case VALIDATE_CONSTRAINT:
        return new Operation.ValidateConstraint(a.name("table"), a.text("name"));
      case CREATE_ENUM:
        return new Operation.CreateEnum(a.name("name"), a.texts("values"));
      case ADD_ENUM_VALUE:
        return new Operation.AddEnumValue(a.name("enum"), a.text("value"), a.optText("before"), a.optText("after"),
            a.flag("if-not-exists"));
      case RENAME_ENUM_VALUE:
        return new Operation.RenameEnumValue(a.name("enum"), a.text("from"), a.text("to"));
      case DROP_ENUM:
        return new Operation.DropEnum(a.name("name"), a.flag("if-exists"));
      case CREATE_SCHEMA:
        return new Operation.CreateSchema(a.text("name"), a.flag("if-not-exists"));
      case DROP_SCHEMA:
        return new Operation.DropSchema(a.text("name"), a.flag("if-exists"), a.flag("cascade"));
      case CREATE_SEQUENCE:
        return new Operation.CreateSequence(a.name("name"), a.optLong("start"), a.optLong("increment"),
            a.optLong("min"), a.optLong("max"), a.flag("cycle"), a.optText("owned-by"));
      case DROP_SEQUENCE:
        return new Operation.DropSequence(a.name("name"), a.flag("if-exists"), a.flag("cascade"));
      case CREATE_VIEW:
        return new Operation.CreateView(a.name("name"), a.text("query"), a.flag("or-replace"), a.flag("materialized"));
      case DROP_VIEW:
        return new Operation.DropView(a.name("name"), a.flag("if-exists"), a.flag("cascade"), a.flag("materialized"));
      case REFRESH_MATERIALIZED_VIEW:
        return new Operation.RefreshMaterializedView(a.name("name"), a.flag("concurrently"));
      case CREATE_EXTENSION:
        return new Operation.CreateExtension(a.text("name"), a.optText("schema"), a.flag("if-not-exists"));
      case DROP_EXTENSION:
        return new Operation.DropExtension(a.text("name"), a.flag("if-exists"));
      case CREATE_FUNCTION:
        return new Operation.CreateFunction(routine(a, false), a.flag("or-replace"));
      case CREATE_PROCEDURE:
        return new Operation.CreateProcedure(routine(a, true), a.flag("or-replace"));
      case DROP_FUNCTION:
        return new Operation.DropFunction(a.name("name"), argumentTypes(a.get("arguments")), a.flag("if-exists"),
            a.flag("cascade"));
      case DROP_PROCEDURE:
        return new Operation.DropProcedure(a.name("name"), argumentTypes(a.get("arguments")), a.flag("if-exists"),
            a.flag("cascade"));
      case CREATE_TRIGGER:
        return new Operation.CreateTrigger(trigger(a));
      case DROP_TRIGGER:
        return new Operation.DropTrigger(a.text("name"), a.name("table"), a.flag("if-exists"));
      case COMMENT:
        if (!a.json.has("text")) {
          throw invalid(a, "missing-key", "comment lacks the required key 'text'; add it (null removes the comment)");
        }
        return new Operation.Comment(a.name("table"), a.optText("column"), a.optText("text"));
      case INSERT: {
        List<Map<String, Value>> rows = new ArrayList<>();
        for (Node row : a.get("rows").items()) {
          rows.add(row(row));
        }
        return new Operation.Insert(a.name("table"), rows);
      }
      case UPDATE:
        return new Operation.Update(a.name("table"), row(a.get("set")), a.text("where"));
      case DELETE:
        return new Operation.Delete(a.name("table"), a.text("where"));
      case SQL:
        return sql(a);
      default:
        throw new IllegalStateException("unhandled operation " + kind);
    }
  }

  private Operation sql(Node a) {
    if (a.json.isTextual()) {
      return new Operation.Sql(a.json.asText(), null, null);
    }
    if (!a.json.isObject()) {
      throw invalid(a, "wrong-type", "'sql' must be SQL text or a map {up | file, down}");
    }
    String file = a.optText("file");
    if (file == null) {
      return new Operation.Sql(a.text("up"), a.optText("down"), null);
    }
    if (a.has("up")) {
      throw invalid(a, "conflicting-keys", "'sql' has 'up' and 'file'; keep only one of them");
    }
    try {
      String text = ChangelogFiles.readSqlFile(root, document.file(), file);
      List<Diagnostic> problems = new ArrayList<>();
      String up = placeholders == null ? text : placeholders.replace(text, a.get("file").at(), problems);
      if (!problems.isEmpty()) {
        throw new Invalid(problems.get(0));
      }
      if (up.indexOf('\0') >= 0) {
        throw invalid(a.get("file"), "nul-character", "the SQL file '" + file + "' contains the character U+0000,"
            + " which PostgreSQL refuses in any statement; remove it from the file");
      }
      return new Operation.Sql(up, a.optText("down"), file);
    } catch (ChangelogFiles.Refused e) {
      throw invalid(a.get("file"), e.code(), e.getMessage());
    } catch (NoSuchFileException e) {
      throw invalid(a.get("file"), "missing-file", "the SQL file '" + file + "' does not exist (looked for "
          + document.file().toAbsolutePath().getParent().resolve(file).normalize()
          + "); put it beside the revision file or correct the name");
    } catch (IOException e) {
      throw invalid(a.get("file"), "missing-file", "cannot read the SQL file '" + file + "': " + e.getMessage());
    }
  }

  // ------------------------------------------------ functions and triggers

  private Routine routine(Node a, boolean procedure) {
    List<Routine.Argument> arguments = new ArrayList<>();
    if (a.has("arguments")) {
      for (Node item : a.get("arguments").items()) {
        if (!item.json.isObject()) {
          throw invalid(item, "wrong-type", "an argument is a map {name, type, mode, default}");
        }
        Routine.Mode mode = item.has("mode")
            ? choice(item.get("mode"), Routine.Mode.class, "in", "out", "inout", "variadic") : null;
        arguments.add(new Routine.Argument(item.optText("name"), argumentType(item.get("type")), mode,
            item.get("default").json.isMissingNode() ? null : value(item.get("default"))));
      }
    }
    Routine.Returns returns = procedure ? null : returns(a.get("returns"));
    Routine.Volatility volatility = a.has("volatility")
        ? choice(a.get("volatility"), Routine.Volatility.class, "immutable", "stable", "volatile") : null;
    String body = a.text("body");
    if (body.isBlank()) {
      throw invalid(a.get("body"), "invalid-value", "'body' is empty; write the function's code");
    }
    return new Routine(a.name("name"), procedure, arguments, returns, a.text("language"), volatility,
        a.flag("strict"), a.flag("security-definer"), body);
  }

  /** An argument's type: any type name PostgreSQL knows, {@code trigger} and {@code anyelement} included. */
  private ColumnType argumentType(Node node) {
    if (!node.present()) {
      throw invalid(node, "missing-key", "an argument needs a 'type', such as integer, text or varchar");
    }
    try {
      return ColumnType.parse(node.asText());
    } catch (IllegalArgumentException e) {
      throw invalid(node, "invalid-type", e.getMessage());
    }
  }

  /** {@code returns: integer}, {@code setof users}, {@code trigger}, {@code void}, or {@code {table: [{name, type}]}}. */
  private Routine.Returns returns(Node node) {
    if (!node.present()) {
      throw invalid(node, "missing-key", "a function needs 'returns': a type, setof a type, trigger, void or"
          + " {table: [{name, type}]} (a procedure has none: write create-procedure)");
    }
    if (node.json.isObject()) {
      List<Routine.ResultColumn> columns = new ArrayList<>();
      for (Node item : node.get("table").items()) {
        columns.add(new Routine.ResultColumn(item.text("name"), argumentType(item.get("type"))));
      }
      if (columns.isEmpty()) {
        throw invalid(node.get("table"), "invalid-value", "returns: {table: ...} needs at least one column");
      }
      return Routine.Returns.table(columns);
    }
    String text = node.asText().strip();
    Matcher setOf = SET_OF.matcher(text);
    if (setOf.matches()) {
      return Routine.Returns.setOf(argumentType(new Node(NODES.textNode(setOf.group(1)), node.pointer)));
    }
    if (text.regionMatches(true, 0, "table", 0, 5) && text.substring(5).strip().startsWith("(")) {
      throw invalid(node, "invalid-value", "write a table result as returns: {table: [{name: id, type: bigint}, ...]}");
    }
    return Routine.Returns.of(argumentType(node));
  }

  /** drop-function's {@code arguments}: the input types, or null when absent (the only routine of that name). */
  private List<ColumnType> argumentTypes(Node node) {
    if (!node.present()) {
      return null;
    }
    List<ColumnType> types = new ArrayList<>();
    for (Node item : node.items()) {
      types.add(argumentType(item));
    }
    return types;
  }

  private Trigger trigger(Node a) {
    Trigger.Timing timing = choice(a.get("timing"), Trigger.Timing.class, "before", "after", "instead-of");
    java.util.Set<Trigger.Event> events = java.util.EnumSet.noneOf(Trigger.Event.class);
    Node list = a.get("events");
    if (!list.present()) {
      throw invalid(a, "missing-key", "create-trigger needs 'events': a list of insert, update, delete, truncate");
    }
    for (Node item : list.json.isTextual() ? List.of(list) : list.items()) {
      events.add(choice(item, Trigger.Event.class, "insert", "update", "delete", "truncate"));
    }
    if (events.isEmpty()) {
      throw invalid(list, "invalid-value", "'events' is empty; name at least one of insert, update, delete, truncate");
    }
    List<String> updateOf = a.texts("update-of");
    if (!updateOf.isEmpty() && !events.contains(Trigger.Event.UPDATE)) {
      throw invalid(a.get("update-of"), "invalid-value", "update-of names columns, but the events do not include"
          + " update; add update to the events or remove update-of");
    }
    boolean forEachRow = a.has("for-each") && choiceText(a.get("for-each"), "row", "statement").equals("row");
    QualifiedName function;
    try {
      function = QualifiedName.parse(a.text("function"));
    } catch (IllegalArgumentException e) {
      throw invalid(a.get("function"), "invalid-value", e.getMessage());
    }
    return new Trigger(a.text("name"), a.name("table"), timing, events, updateOf, forEachRow, a.optText("when"),
        function, a.texts("arguments"));
  }

  // ------------------------------------------------------------- arguments

  private List<Column> columns(Node list) {
    if (!list.present()) {
      return List.of();
    }
    List<Column> columns = new ArrayList<>();
    for (Node item : list.items()) {
      columns.add(column(item));
    }
    return columns;
  }

  private Column column(Node c) {
    if (!c.json.isObject()) {
      throw invalid(c, "wrong-type", "a column is a map {name, type, ...}");
    }
    ColumnReference references = null;
    if (c.has("references")) {
      Node r = c.get("references");
      references = new ColumnReference(r.name("table"), r.text("column"), action(r.get("on-delete")),
          action(r.get("on-update")));
    }
    String generated = null;
    if (c.has("generated")) {
      generated = c.get("generated").text("sql");
    }
    return new Column(c.text("name"), type(c.get("type")), !Boolean.FALSE.equals(c.optFlag("nullable")),
        c.get("default").json.isMissingNode() ? null : value(c.get("default")),
        c.has("identity") ? identity(c.get("identity"), false) : null, c.flag("primary-key"), c.flag("unique"),
        references, c.optText("comment"), generated);
  }

  private ColumnType type(Node node) {
    if (!node.present()) {
      throw invalid(node, "missing-key", "a column needs a 'type', such as text, integer or varchar(255)");
    }
    try {
      return ColumnType.parse(node.asText());
    } catch (IllegalArgumentException e) {
      throw invalid(node, "invalid-type", e.getMessage());
    }
  }

  private Identity identity(Node node, boolean noneAllowed) {
    String text = node.asText();
    if (text.equals("always") || text.equals("by-default") || noneAllowed && text.equals("none")) {
      return Identity.fromKey(text);
    }
    throw invalid(node, "invalid-value", "'" + text + "' is not an identity; write always or by-default"
        + (noneAllowed ? " (or none to drop it)" : ""));
  }

  private ReferentialAction action(Node node) {
    if (!node.present()) {
      return null;
    }
    try {
      return ReferentialAction.fromKey(node.asText());
    } catch (IllegalArgumentException e) {
      throw invalid(node, "invalid-value", "'" + node.asText() + "' is not a referential action; write no-action,"
          + " restrict, cascade, set-null or set-default");
    }
  }

  private Value value(Node node) {
    JsonNode json = node.json;
    if (json.isNull()) {
      return Value.nullValue();
    }
    if (json.isTextual()) {
      return Value.text(json.asText());
    }
    if (json.isBoolean()) {
      return new Value.Bool(json.booleanValue());
    }
    if (json.isNumber()) {
      return new Value.Number(json.decimalValue());
    }
    if (json.isObject() && json.size() == 1 && json.has("sql")) {
      return Value.sql(node.text("sql"));
    }
    throw invalid(node, "wrong-type", node.label() + " must be a value (text, number, true/false, null) or {sql: ...}");
  }

  private Map<String, Value> row(Node node) {
    if (!node.json.isObject()) {
      throw invalid(node, "wrong-type", node.label() + " must be a map of column to value");
    }
    Map<String, Value> row = new LinkedHashMap<>();
    for (Iterator<String> it = node.json.fieldNames(); it.hasNext(); ) {
      String column = it.next();
      row.put(column, value(node.get(column)));
    }
    return row;
  }

  private Map<String, String> storage(Node node) {
    if (!node.present()) {
      return Map.of();
    }
    if (!node.json.isObject()) {
      throw invalid(node, "wrong-type", "'with' must be a map of storage parameters");
    }
    Map<String, String> with = new LinkedHashMap<>();
    for (Iterator<String> it = node.json.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      JsonNode value = node.json.get(key);
      if (!value.isValueNode() || value.isNull()) {
        throw invalid(node.get(key), "wrong-type", "storage parameter '" + key + "' must be a plain value");
      }
      with.put(key, value.asText());
    }
    return with;
  }

  private KeySpec primaryKey(Node node) {
    if (!node.present()) {
      return null;
    }
    if (node.json.isArray()) {
      return key(node, null, textList(node));
    }
    return key(node, node.optText("name"), node.texts("columns"));
  }

  private List<KeySpec> keys(Node list) {
    List<KeySpec> keys = new ArrayList<>();
    if (list.present()) {
      for (Node item : list.items()) {
        keys.add(new KeySpec(item.optText("name"), nonEmpty(item, item.texts("columns")),
            item.flag("nulls-not-distinct")));
      }
    }
    return keys;
  }

  private KeySpec key(Node node, String name, List<String> columns) {
    return new KeySpec(name, nonEmpty(node, columns), false);
  }

  private List<String> nonEmpty(Node node, List<String> columns) {
    if (columns.isEmpty()) {
      throw invalid(node, "missing-key", node.label() + " needs at least one column");
    }
    return columns;
  }

  private List<String> textList(Node node) {
    List<String> texts = new ArrayList<>();
    for (Node item : node.items()) {
      texts.add(item.asText());
    }
    return texts;
  }

  private List<ForeignKeySpec> foreignKeys(Node list) {
    List<ForeignKeySpec> keys = new ArrayList<>();
    if (list.present()) {
      for (Node item : list.items()) {
        keys.add(foreignKey(item));
      }
    }
    return keys;
  }

  /** A foreign key from {name, columns, references: {table, columns}, on-delete, on-update, deferrable}. */
  private ForeignKeySpec foreignKey(Node node) {
    Node references = node.get("references");
    if (!references.present()) {
      throw invalid(node, "missing-key", "a foreign key needs 'references: {table, columns}'; add it");
    }
    return new ForeignKeySpec(node.optText("name"), nonEmpty(node, node.texts("columns")), references.name("table"),
        nonEmpty(references, references.texts("columns")), action(node.get("on-delete")),
        action(node.get("on-update")), node.flag("deferrable"));
  }

  private List<CheckSpec> checks(Node list) {
    List<CheckSpec> checks = new ArrayList<>();
    if (list.present()) {
      for (Node item : list.items()) {
        checks.add(new CheckSpec(item.optText("name"), item.text("expression")));
      }
    }
    return checks;
  }

  private List<IndexElement> indexElements(Node list) {
    List<IndexElement> elements = new ArrayList<>();
    for (Node item : list.items()) {
      if (item.json.isTextual()) {
        elements.add(IndexElement.column(item.json.asText()));
        continue;
      }
      String column = item.optText("name");
      String expression = item.optText("expression");
      if ((column == null) == (expression == null)) {
        throw invalid(item, "invalid-value", "an index element has either 'name' (a column) or 'expression'");
      }
      elements.add(new IndexElement(column, expression,
          item.has("order") ? choice(item.get("order"), IndexElement.Order.class, "asc", "desc") : null,
          item.has("nulls") ? choice(item.get("nulls"), IndexElement.Nulls.class, "first", "last") : null,
          item.optText("opclass"), item.optText("collate")));
    }
    if (elements.isEmpty()) {
      throw invalid(list, "invalid-value", "an index needs at least one column");
    }
    return elements;
  }

  private <E extends Enum<E>> E choice(Node node, Class<E> type, String... allowed) {
    return Enum.valueOf(type, choiceText(node, allowed).toUpperCase(Locale.ROOT).replace('-', '_'));
  }

  private String choiceText(Node node, String... allowed) {
    String text = node.asText();
    for (String option : allowed) {
      if (option.equals(text)) {
        return text;
      }
    }
    throw invalid(node, "invalid-value", "'" + text + "' is not a valid " + node.label() + "; write one of "
        + String.join(", ", allowed));
  }

  // --------------------------------------------------------- existing types

  private List<ExistingType> existingTypes() {
    List<ExistingType> types = new ArrayList<>();
    Node list = new Node(document.root(), "").get("existing-types");
    try {
      for (Node entry : list.items()) {
        try {
          types.add(new ExistingType(entry.name("enum"), entry.texts("values"), entry.at()));
        } catch (Invalid e) {
          sink.add(e.diagnostic);
        }
      }
    } catch (Invalid e) {
      sink.add(e.diagnostic);
    }
    return types;
  }
}
