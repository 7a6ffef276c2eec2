package dev.migrate.introspect;

import dev.migrate.changelog.ColumnType;
import dev.migrate.changelog.IndexElement;
import dev.migrate.changelog.QualifiedName;
import dev.migrate.changelog.Routine;
import dev.migrate.changelog.Trigger;
import dev.migrate.changelog.Value;
import dev.migrate.render.Sql;
import dev.migrate.schema.Constraint;
import dev.migrate.schema.EnumType;
import dev.migrate.schema.Extension;
import dev.migrate.schema.Index;
import dev.migrate.schema.SchemaModel;
import dev.migrate.schema.Sequence;
import dev.migrate.schema.Table;
import dev.migrate.schema.TableColumn;
import dev.migrate.schema.View;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The differences between the model a database should have and the one it has, object by
 * object: schemas, tables with their columns, constraints and indexes, enums, sequences,
 * views, extensions, functions and procedures (by name and input types) and triggers. Names are compared exactly, each in its schema (an unqualified name
 * is in the expected model's default schema). Column order is reported, never a failure.
 * When the expected model is incomplete (an opaque {@code sql} operation), objects it does not
 * know are reported as warnings.
 *
 * <p>Expressions (defaults, checks, index predicates, view queries) are compared as text: pass
 * the expected model through {@link ModelNormalizer} first so that both sides are in the form
 * PostgreSQL prints.
 */
public final class SchemaDiff {

  private final SchemaModel expected;
  private final SchemaModel actual;
  private final List<Difference> out = new ArrayList<>();

  private SchemaDiff(SchemaModel expected, SchemaModel actual) {
    this.expected = expected;
    this.actual = actual;
  }

  /** Every difference, in a stable order: by kind of object, then by name. */
  public static List<Difference> between(SchemaModel expected, SchemaModel actual) {
    SchemaDiff diff = new SchemaDiff(expected, actual);
    diff.schemas();
    diff.extensions();
    diff.enums();
    diff.tables();
    diff.sequences();
    diff.views();
    diff.routines();
    diff.triggers();
    return List.copyOf(diff.out);
  }

  /** Only those that fail a check. */
  public static List<Difference> failures(List<Difference> differences) {
    return differences.stream().filter(Difference::failure).collect(Collectors.toList());
  }

  private void missing(String noun, String object, String detail) {
    out.add(new Difference(Difference.Kind.MISSING, noun, object, null, detail.isEmpty() ? noun : detail, null,
        "missing " + noun + " " + object + (detail.isEmpty() ? "" : " (" + detail + ")"), true));
  }

  private void extra(String noun, String object, String detail) {
    out.add(new Difference(Difference.Kind.EXTRA, noun, object, null, null, detail.isEmpty() ? noun : detail,
        "extra " + noun + " " + object + (detail.isEmpty() ? "" : " (" + detail + ")")
            + (expected.opaque() ? ", which the model cannot know after an sql operation" : ""),
        !expected.opaque()));
  }

  /**
   * {@code column users.name: type text, expected character varying(100)}. An empty
   * {@code what} is a column's nullability, or a constraint's or index's whole definition.
   */
  private void different(String noun, String object, String what, String found, String wanted) {
    String aspect = !what.isEmpty() ? what : noun.equals("column") ? "nullability" : "definition";
    out.add(new Difference(Difference.Kind.DIFFERENT, noun, object, aspect, wanted, found,
        noun + " " + object + ": " + (what.isEmpty() ? "" : what + " ") + found + ", expected " + wanted, true));
  }

  private String shown(QualifiedName name) {
    return expected.unqualify(expected.qualify(name)).toString();
  }

  // ---- objects

  private void schemas() {
    for (String schema : expected.schemas()) {
      if (!actual.hasSchema(schema)) {
        missing("schema", schema, "");
      }
    }
    for (String schema : actual.schemas()) {
      if (!expected.hasSchema(schema)) {
        extra("schema", schema, "");
      }
    }
  }

  private void extensions() {
    for (Extension extension : expected.extensions()) {
      Optional<Extension> found = actual.extension(extension.name());
      if (found.isEmpty()) {
        missing("extension", extension.name(), "");
      } else {
        // create-extension without a schema installs into the default schema
        String wanted = extension.schema() == null ? expected.defaultSchema() : extension.schema();
        if (!wanted.equals(found.get().schema())) {
          different("extension", extension.name(), "schema", found.get().schema(), wanted);
        }
      }
    }
    for (Extension extension : actual.extensions()) {
      if (expected.extension(extension.name()).isEmpty()) {
        extra("extension", extension.name(), "");
      }
    }
  }

  private void enums() {
    for (EnumType type : expected.enums()) {
      String name = shown(type.name());
      Optional<EnumType> found = actual.enumType(expected.qualify(type.name()));
      if (found.isEmpty()) {
        missing("enum", name, String.join(", ", type.values()));
      } else if (!found.get().values().equals(type.values())) {
        different("enum", name, "values", String.join(", ", found.get().values()), String.join(", ", type.values()));
      }
    }
    for (EnumType type : actual.enums()) {
      if (expected.enumType(type.name()).isEmpty()) {
        extra("enum", shown(type.name()), String.join(", ", type.values()));
      }
    }
  }

  private void sequences() {
    for (Sequence sequence : expected.sequences()) {
      String name = shown(sequence.name());
      Optional<Sequence> found = actual.sequence(expected.qualify(sequence.name()));
      if (found.isEmpty()) {
        missing("sequence", name, "");
        continue;
      }
      Sequence s = found.get();
      compare("sequence", name, "start", s.start(), sequence.start());
      compare("sequence", name, "increment", s.increment(), sequence.increment());
      compare("sequence", name, "minimum", s.min(), sequence.min());
      compare("sequence", name, "maximum", s.max(), sequence.max());
      compare("sequence", name, "cycle", s.cycle(), sequence.cycle());
      compare("sequence", name, "owned by", owner(s.ownedBy()), owner(sequence.ownedBy()));
    }
    for (Sequence sequence : actual.sequences()) {
      if (expected.sequence(sequence.name()).isEmpty()) {
        extra("sequence", shown(sequence.name()), "");
      }
    }
  }

  /** {@code table.column} with the table in the default schema shown unqualified. */
  private String owner(String ownedBy) {
    if (ownedBy == null) {
      return "none";
    }
    int dot = ownedBy.lastIndexOf('.');
    return dot < 0 ? ownedBy : shown(QualifiedName.parse(ownedBy.substring(0, dot))) + ownedBy.substring(dot);
  }

  private void views() {
    for (View view : expected.views()) {
      String name = shown(view.name());
      String noun = view.materialized() ? "materialized view" : "view";
      Optional<View> found = actual.view(expected.qualify(view.name()));
      if (found.isEmpty()) {
        missing(noun, name, "");
      } else if (found.get().materialized() != view.materialized()) {
        different("view", name, "kind", found.get().materialized() ? "materialized" : "plain",
            view.materialized() ? "materialized" : "plain");
      } else if (!query(found.get().query()).equals(query(view.query()))) {
        different(noun, name, "query", found.get().query().strip(), view.query().strip());
      }
    }
    for (View view : actual.views()) {
      if (expected.view(view.name()).isEmpty()) {
        extra(view.materialized() ? "materialized view" : "view", shown(view.name()), "");
      }
    }
  }

  private void routines() {
    for (Routine routine : expected.routines()) {
      String name = signature(routine);
      Optional<Routine> found = actual.routine(routine.name(), routine.inputTypes());
      if (found.isEmpty()) {
        missing(routine.noun(), name, "");
        continue;
      }
      Routine r = found.get();
      if (r.procedure() != routine.procedure()) {
        different(routine.noun(), name, "kind", r.noun(), routine.noun());
        continue;
      }
      compare(routine.noun(), name, "arguments", arguments(r), arguments(routine));
      if (!routine.procedure()) {
        compare("function", name, "returns", returns(r.returns()), returns(routine.returns()));
        compare("function", name, "volatility", r.volatility().key(), routine.volatility().key());
        compare("function", name, "strict", r.strict(), routine.strict());
      }
      compare(routine.noun(), name, "language", r.language(), routine.language());
      compare(routine.noun(), name, "security definer", r.securityDefiner(), routine.securityDefiner());
      if (!r.body().strip().equals(routine.body().strip())) {
        String[] found2 = r.body().strip().split("\n", -1);
        String[] wanted = routine.body().strip().split("\n", -1);
        int line = 0;
        while (line < found2.length && line < wanted.length && found2[line].equals(wanted[line])) {
          line++;
        }
        different(routine.noun(), name, "body", bodyLine(found2, line), bodyLine(wanted, line));
      }
    }
    for (Routine routine : actual.routines()) {
      if (expected.routine(routine.name(), routine.inputTypes()).isEmpty()) {
        extra(routine.noun(), signature(routine), "");
      }
    }
  }

  /** {@code line 2: RETURN NEW;}, where two bodies part, or {@code line 3: (end)}. */
  private static String bodyLine(String[] lines, int index) {
    return "line " + (index + 1) + ": " + (index < lines.length ? lines[index].strip() : "(end)");
  }

  private String signature(Routine routine) {
    String full = expected.signature(routine.name(), routine.inputTypes());
    String prefix = expected.defaultSchema() + ".";
    return full.startsWith(prefix) ? full.substring(prefix.length()) : full;
  }

  private String arguments(Routine routine) {
    List<String> out = new ArrayList<>();
    for (Routine.Argument a : routine.arguments()) {
      out.add((a.mode() == Routine.Mode.IN ? "" : a.mode().key() + " ") + (a.name() == null ? "" : a.name() + " ")
          + type(a.type()) + (a.defaultValue() == null ? "" : " default " + value(a.defaultValue())));
    }
    return "(" + String.join(", ", out) + ")";
  }

  private String returns(Routine.Returns returns) {
    if (returns.type() == null) {
      return "table (" + String.join(", ", returns.table().stream().map(c -> c.name() + " " + type(c.type())).toList())
          + ")";
    }
    return (returns.setOf() ? "setof " : "") + type(returns.type());
  }

  private void triggers() {
    for (Trigger trigger : expected.triggers()) {
      String object = trigger.name() + " on " + shown(trigger.table());
      Optional<Trigger> found = actual.trigger(trigger.table(), trigger.name());
      if (found.isEmpty()) {
        missing("trigger", object, trigger(trigger));
      } else if (!trigger(found.get()).equals(trigger(trigger))) {
        different("trigger", object, "", trigger(found.get()), trigger(trigger));
      }
    }
    for (Trigger trigger : actual.triggers()) {
      if (expected.trigger(trigger.table(), trigger.name()).isEmpty()) {
        extra("trigger", trigger.name() + " on " + shown(trigger.table()), trigger(trigger));
      }
    }
  }

  /** {@code before update of email for each row when (...) execute function set_updated_at()}. */
  private String trigger(Trigger trigger) {
    List<String> events = new ArrayList<>();
    for (Trigger.Event event : trigger.events()) {
      events.add(event.key() + (event == Trigger.Event.UPDATE && !trigger.updateOf().isEmpty()
          ? " of " + String.join(", ", trigger.updateOf()) : ""));
    }
    return trigger.timing().key().replace('-', ' ') + " " + String.join(" or ", events) + " for each "
        + (trigger.forEachRow() ? "row" : "statement") + (trigger.when() == null ? "" : " when (" + trigger.when() + ")")
        + " execute function " + shown(trigger.function()) + "("
        + String.join(", ", trigger.arguments().stream().map(Sql::literal).toList()) + ")";
  }

  private static String query(String sql) {
    return sql.strip().replaceAll(";+$", "").strip();
  }

  private void tables() {
    for (Table table : expected.tables()) {
      Optional<Table> found = actual.table(expected.qualify(table.name()));
      if (found.isEmpty()) {
        missing("table", shown(table.name()), "");
      } else {
        table(table, found.get());
      }
    }
    for (Table table : actual.tables()) {
      if (expected.table(table.name()).isEmpty()) {
        extra("table", shown(table.name()), "");
      }
    }
  }

  private void table(Table wanted, Table found) {
    String name = shown(wanted.name());
    compare("table", name, "comment", quoted(found.comment()), quoted(wanted.comment()));
    compare("table", name, "storage parameters", found.with(), wanted.with());
    for (TableColumn column : wanted.columns()) {
      String object = name + "." + column.name();
      Optional<TableColumn> other = found.column(column.name());
      if (other.isEmpty()) {
        missing("column", object, describe(column));
        continue;
      }
      TableColumn c = other.get();
      compare("column", object, "type", type(c.type()), type(column.type()));
      compare("column", object, "", c.nullable() ? "nullable" : "not null",
          column.nullable() ? "nullable" : "not null");
      compare("column", object, "default", value(c.defaultValue()), value(column.defaultValue()));
      compare("column", object, "identity", identity(c), identity(column));
      compare("column", object, "generated as", quoted(c.generated()), quoted(column.generated()));
      compare("column", object, "comment", quoted(c.comment()), quoted(column.comment()));
    }
    for (TableColumn column : found.columns()) {
      if (wanted.column(column.name()).isEmpty()) {
        extra("column", name + "." + column.name(), describe(column));
      }
    }
    List<String> wantedOrder = names(wanted.columns(), TableColumn::name);
    List<String> foundOrder = names(found.columns(), TableColumn::name);
    if (wantedOrder.size() == foundOrder.size() && wantedOrder.containsAll(foundOrder) && !wantedOrder.equals(foundOrder)) {
      out.add(new Difference(Difference.Kind.COLUMN_ORDER, "table", name, "column order", String.join(", ", wantedOrder),
          String.join(", ", foundOrder), "columns of " + name + " are in the order "
          + String.join(", ", foundOrder) + ", the model's is " + String.join(", ", wantedOrder), false));
    }
    for (Constraint constraint : wanted.constraints().values()) {
      String object = constraint.name() + " on " + name;
      Optional<Constraint> other = found.constraint(constraint.name());
      if (other.isEmpty()) {
        missing("constraint", object, constraint(constraint));
      } else if (!constraint(other.get()).equals(constraint(constraint))) {
        different("constraint", object, "", constraint(other.get()), constraint(constraint));
      }
    }
    for (Constraint constraint : found.constraints().values()) {
      if (wanted.constraint(constraint.name()).isEmpty()) {
        extra("constraint", constraint.name() + " on " + name, constraint(constraint));
      }
    }
    for (Index index : wanted.indexes().values()) {
      String object = index.name() + " on " + name;
      Optional<Index> other = found.index(index.name());
      if (other.isEmpty()) {
        missing("index", object, index(index));
      } else if (!index(other.get()).equals(index(index))) {
        different("index", object, "", index(other.get()), index(index));
      }
    }
    for (Index index : found.indexes().values()) {
      if (wanted.index(index.name()).isEmpty()) {
        extra("index", index.name() + " on " + name, index(index));
      }
    }
  }

  private void compare(String noun, String object, String what, Object found, Object wanted) {
    if (!Objects.equals(found, wanted)) {
      different(noun, object, what, String.valueOf(found), String.valueOf(wanted));
    }
  }

  // ---- how things are shown, which is also how they are compared

  private String describe(TableColumn column) {
    return type(column.type()) + (column.nullable() ? "" : " not null")
        + (column.defaultValue() == null ? "" : " default " + value(column.defaultValue()));
  }

  /** A user type in the default schema (or pg_catalog) by its name alone, as an author writes it. */
  private String type(ColumnType type) {
    if (type.builtin()) {
      return type.toString();
    }
    QualifiedName name = type.name();
    boolean plain = name.schema() == null || name.schema().equals(expected.defaultSchema())
        || name.schema().equals("pg_catalog");
    String mods = type.modifiers().isEmpty() ? ""
        : type.modifiers().stream().map(String::valueOf).collect(Collectors.joining(",", "(", ")"));
    return (plain ? name.name() : name.toString()) + mods + "[]".repeat(type.arrayDimensions());
  }

  private static String value(Value value) {
    return value == null ? "none" : Sql.value(value);
  }

  private static String identity(TableColumn column) {
    return column.identity() == null ? "none" : column.identity().key();
  }

  private static String quoted(String text) {
    return text == null ? "none" : "'" + text + "'";
  }

  private String constraint(Constraint constraint) {
    String valid = constraint.valid() ? "" : " not valid";
    if (constraint instanceof Constraint.PrimaryKey) {
      return "primary key (" + String.join(", ", constraint.columns()) + ")";
    }
    if (constraint instanceof Constraint.Unique) {
      return "unique" + (((Constraint.Unique) constraint).nullsNotDistinct() ? " nulls not distinct" : "")
          + " (" + String.join(", ", constraint.columns()) + ")";
    }
    if (constraint instanceof Constraint.ForeignKey) {
      Constraint.ForeignKey fk = (Constraint.ForeignKey) constraint;
      return "foreign key (" + String.join(", ", fk.columns()) + ") references " + shown(fk.referencedTable())
          + " (" + String.join(", ", fk.referencedColumns()) + ") on delete " + fk.onDelete().sql().toLowerCase()
          + " on update " + fk.onUpdate().sql().toLowerCase() + (fk.deferrable() ? " deferrable" : "") + valid;
    }
    return "check " + ((Constraint.Check) constraint).expression() + valid;
  }

  private static String index(Index index) {
    StringBuilder sql = new StringBuilder(index.unique() ? "unique " : "").append("using ").append(index.method())
        .append(" (");
    List<String> elements = new ArrayList<>();
    for (IndexElement e : index.elements()) {
      StringBuilder element = new StringBuilder(e.isColumn() ? e.column() : e.expression());
      if (e.collate() != null) {
        element.append(" collate ").append(e.collate());
      }
      if (e.opclass() != null) {
        element.append(' ').append(e.opclass());
      }
      boolean desc = e.order() == IndexElement.Order.DESC;
      if (desc) {
        element.append(" desc");
      }
      // PostgreSQL's default: nulls last ascending, first descending
      if (e.nulls() != null && (e.nulls() == IndexElement.Nulls.FIRST) != desc) {
        element.append(e.nulls() == IndexElement.Nulls.FIRST ? " nulls first" : " nulls last");
      }
      elements.add(element.toString());
    }
    sql.append(String.join(", ", elements)).append(')');
    if (!index.include().isEmpty()) {
      sql.append(" include (").append(String.join(", ", index.include())).append(')');
    }
    if (!index.with().isEmpty()) {
      sql.append(" with ").append(index.with());
    }
    if (index.where() != null) {
      sql.append(" where ").append(index.where());
    }
    return sql.toString();
  }

  private static <T> List<String> names(List<T> items, Function<T, String> name) {
    return items.stream().map(name).collect(Collectors.toList());
  }
}
