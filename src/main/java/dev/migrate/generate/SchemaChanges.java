package dev.migrate.generate;

import dev.migrate.changelog.CheckSpec;
import dev.migrate.changelog.Column;
import dev.migrate.changelog.ColumnType;
import dev.migrate.changelog.ForeignKeySpec;
import dev.migrate.changelog.Identity;
import dev.migrate.changelog.KeySpec;
import dev.migrate.changelog.Operation;
import dev.migrate.changelog.QualifiedName;
import dev.migrate.changelog.Routine;
import dev.migrate.changelog.Trigger;
import dev.migrate.changelog.Value;
import dev.migrate.schema.Constraint;
import dev.migrate.schema.EnumType;
import dev.migrate.schema.Extension;
import dev.migrate.schema.Index;
import dev.migrate.schema.ObjectNames;
import dev.migrate.schema.Replay;
import dev.migrate.schema.Reversal;
import dev.migrate.schema.SchemaModel;
import dev.migrate.schema.Sequence;
import dev.migrate.schema.Table;
import dev.migrate.schema.TableColumn;
import dev.migrate.schema.View;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operations that turn one schema model into another, in dependency order: drops first,
 * dependents before what they depend on (views, foreign keys, indexes and constraints,
 * columns, tables, sequences, enums, extensions, schemas), then creations the other way round
 * (schemas, extensions, enums and their new values, sequences, tables with their keys and
 * checks, new and altered columns, indexes, foreign keys once every table exists, views
 * last). Nothing is guessed: a column dropped and another added in one table stay a drop and
 * an add, with a comment naming the rename to write instead.
 *
 * <pre>
 * GeneratedRevision revision = SchemaChanges.between(headModel, liveModel);
 * revision.operations()   // [create-table t_2, create-index ix_t_2_name, add-foreign-key t_2 -> t_1]
 * </pre>
 *
 * Pass a head model whose expressions are in the server's form ({@code ModelNormalizer}), as
 * the live one's are, so that a default written {@code now()} is not taken for a change.
 */
public final class SchemaChanges {

  private static final Pattern CAST_LITERAL = Pattern.compile("^'((?:[^']|'')*)'::(.+)$");
  private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
  private static final Set<String> NUMBER_TYPES = Set.of("smallint", "integer", "bigint", "numeric", "real",
      "double precision");
  private static final Set<String> INDEX_METHODS = Set.of("btree", "hash", "gin", "gist", "brin", "spgist");

  private final SchemaModel from;
  private final SchemaModel to;
  private final List<GeneratedRevision.Step> steps = new ArrayList<>();
  private final List<String> notExpressed = new ArrayList<>();

  private SchemaChanges(SchemaModel from, SchemaModel to) {
    this.from = from;
    this.to = to;
  }

  /** What turns {@code from} (the model at the head) into {@code to} (the live schema). */
  public static GeneratedRevision between(SchemaModel from, SchemaModel to) {
    SchemaChanges changes = new SchemaChanges(from, to);
    changes.drops();
    changes.creations();
    return changes.result();
  }

  private GeneratedRevision result() {
    List<Operation> operations = steps.stream().map(GeneratedRevision.Step::operation).toList();
    boolean newEnumValue = operations.stream().anyMatch(op -> op instanceof Operation.AddEnumValue);
    if (!newEnumValue) {
      return new GeneratedRevision(steps, null, notExpressed);
    }
    // PostgreSQL cannot remove an enum value: the revision is irreversible, and the inverse of
    // everything else is offered for an author who would rather leave the values behind
    List<Operation> rest = operations.stream().filter(op -> !(op instanceof Operation.AddEnumValue)).toList();
    Reversal reversal = Replay.inverse(from, rest);
    List<Operation> down = reversal instanceof Reversal.Operations ops
        ? ops.changes().stream().map(c -> c.operation()).toList() : List.of();
    return new GeneratedRevision(steps, down, notExpressed);
  }

  private void add(Operation operation, String... comments) {
    steps.add(new GeneratedRevision.Step(operation, List.of(comments)));
  }

  /** The name as an author writes it: without the default schema. */
  private QualifiedName shown(QualifiedName name) {
    return to.unqualify(to.qualify(name));
  }

  // ---------------------------------------------------------------- drops

  private void drops() {
    List<View> droppedViews = new ArrayList<>();
    for (View view : from.views()) {
      Optional<View> now = to.view(view.name());
      if (now.isEmpty() || !now.get().equals(view)) {
        droppedViews.add(view);
      }
    }
    List<View> ordered = viewOrder(droppedViews);
    for (int i = ordered.size() - 1; i >= 0; i--) {
      View view = ordered.get(i);
      add(new Operation.DropView(shown(view.name()), false, false, view.materialized()));
    }
    for (Trigger trigger : from.triggers()) {
      if (!trigger.equals(to.trigger(trigger.table(), trigger.name()).orElse(null))) {
        add(new Operation.DropTrigger(trigger.name(), shown(trigger.table()), false));
      }
    }
    for (Table table : from.tables()) {
      Optional<Table> now = to.table(table.name());
      if (now.isEmpty()) {
        continue;
      }
      for (Constraint.ForeignKey fk : table.foreignKeys()) {
        if (!fk.equals(now.get().constraint(fk.name()).orElse(null))) {
          add(new Operation.DropConstraint(shown(table.name()), fk.name(), false, false));
        }
      }
    }
    for (Table table : from.tables()) {
      Optional<Table> now = to.table(table.name());
      if (now.isEmpty()) {
        continue;
      }
      for (Index index : table.indexes().values()) {
        if (!index.equals(now.get().index(index.name()).orElse(null))) {
          add(new Operation.DropIndex(shown(table.name().withName(index.name())), false, false, false));
        }
      }
      for (Constraint constraint : table.constraints().values()) {
        if (!(constraint instanceof Constraint.ForeignKey)
            && !constraint.equals(now.get().constraint(constraint.name()).orElse(null))) {
          add(new Operation.DropConstraint(shown(table.name()), constraint.name(), false, false));
        }
      }
      List<TableColumn> added = now.get().columns().stream().filter(c -> !table.hasColumn(c.name())).toList();
      for (TableColumn column : table.columns()) {
        if (now.get().hasColumn(column.name())) {
          continue;
        }
        Optional<TableColumn> rename = added.stream().filter(c -> c.type().equals(column.type())).findFirst()
            .or(() -> added.stream().findFirst());
        if (rename.isPresent()) {
          add(new Operation.DropColumn(shown(table.name()), column.name(), false, false),
              "column " + column.name() + " was dropped and " + rename.get().name() + " added: if this is a rename,"
                  + " write instead", "  - rename-column: { table: " + shown(table.name()) + ", from: "
                  + column.name() + ", to: " + rename.get().name() + " }", "and remove this drop-column and the"
                  + " add-column of " + rename.get().name() + ", which would lose the column's data");
        } else {
          add(new Operation.DropColumn(shown(table.name()), column.name(), false, false));
        }
      }
    }
    for (Routine routine : from.routines()) {
      Optional<Routine> now = to.routine(routine.name(), routine.inputTypes());
      if (now.isEmpty() || !replaceable(routine, now.get())) {
        List<ColumnType> types = routine.inputTypes().stream().map(this::type).toList();
        add(routine.procedure() ? new Operation.DropProcedure(shown(routine.name()), types, false, false)
            : new Operation.DropFunction(shown(routine.name()), types, false, false));
      }
    }
    List<Table> droppedTables = from.tables().stream().filter(t -> to.table(t.name()).isEmpty()).toList();
    for (Table table : referrersFirst(droppedTables)) {
      add(new Operation.DropTable(shown(table.name()), false, false));
    }
    for (Sequence sequence : from.sequences()) {
      if (to.sequence(sequence.name()).isEmpty()) {
        add(new Operation.DropSequence(shown(sequence.name()), false, false));
      }
    }
    for (EnumType type : from.enums()) {
      if (to.enumType(type.name()).isEmpty()) {
        add(new Operation.DropEnum(shown(type.name()), false));
      }
    }
    for (Extension extension : from.extensions()) {
      if (to.extension(extension.name()).isEmpty()) {
        add(new Operation.DropExtension(extension.name(), false));
      }
    }
    for (String schema : from.schemas()) {
      if (!to.hasSchema(schema)) {
        add(new Operation.DropSchema(schema, false, false));
      }
    }
  }

  /** Dropped tables with each table's referrers before it, so that no drop breaks a foreign key left behind. */
  private List<Table> referrersFirst(List<Table> tables) {
    Map<QualifiedName, Table> byName = new LinkedHashMap<>();
    tables.forEach(t -> byName.put(t.name(), t));
    List<Table> out = new ArrayList<>();
    Set<QualifiedName> done = new HashSet<>();
    Set<QualifiedName> visiting = new HashSet<>();
    for (Table table : tables) {
      visitReferrers(table, byName, done, visiting, out);
    }
    return out;
  }

  private void visitReferrers(Table table, Map<QualifiedName, Table> byName, Set<QualifiedName> done,
      Set<QualifiedName> visiting, List<Table> out) {
    if (done.contains(table.name()) || !visiting.add(table.name())) {
      return;
    }
    for (Table other : byName.values()) {
      for (Constraint.ForeignKey fk : other.foreignKeys()) {
        if (fk.referencedTable().equals(table.name()) && !other.name().equals(table.name())) {
          if (visiting.contains(other.name()) && !done.contains(other.name())) {
            // a cycle: this key goes first, then the tables in any order
            add(new Operation.DropConstraint(shown(other.name()), fk.name(), false, false));
          } else {
            visitReferrers(other, byName, done, visiting, out);
          }
        }
      }
    }
    done.add(table.name());
    out.add(table);
  }

  // ------------------------------------------------------------ creations

  private void creations() {
    for (String schema : to.schemas()) {
      if (!from.hasSchema(schema)) {
        add(new Operation.CreateSchema(schema, false));
      }
    }
    for (Extension extension : to.extensions()) {
      if (from.extension(extension.name()).isEmpty()) {
        String schema = Objects.equals(extension.schema(), to.defaultSchema()) ? null : extension.schema();
        add(new Operation.CreateExtension(extension.name(), schema, false));
      }
    }
    for (EnumType type : to.enums()) {
      Optional<EnumType> was = from.enumType(type.name());
      if (was.isEmpty()) {
        add(new Operation.CreateEnum(shown(type.name()), type.values()));
      } else if (!was.get().values().equals(type.values())) {
        enumValues(was.get(), type);
      }
    }
    for (Sequence sequence : to.sequences()) {
      if (sequence.ownedBy() == null) {
        sequence(sequence);
      }
    }
    for (Table table : to.tables()) {
      Optional<Table> was = from.table(table.name());
      if (was.isEmpty()) {
        add(createTable(table));
        for (Constraint constraint : table.constraints().values()) {
          if (constraint instanceof Constraint.Check check && !check.valid()) {
            add(new Operation.AddCheckConstraint(shown(table.name()), check.name(), check.expression(), true));
          }
        }
      } else {
        columns(was.get(), table);
      }
    }
    for (Sequence sequence : to.sequences()) {
      if (sequence.ownedBy() != null) {
        sequence(sequence);
      }
    }
    // functions once the tables exist (a sql function's body is checked against them, a result
    // may be a table's row type), before the checks, indexes and triggers that may call them
    for (Routine routine : to.routines()) {
      Optional<Routine> was = from.routine(routine.name(), routine.inputTypes());
      if (was.isPresent() && was.get().equals(routine)) {
        continue;
      }
      boolean replace = was.isPresent() && replaceable(was.get(), routine);
      Routine written = routine(routine);
      add(routine.procedure() ? new Operation.CreateProcedure(written, replace)
          : new Operation.CreateFunction(written, replace));
    }
    for (Table table : to.tables()) {
      Optional<Table> was = from.table(table.name());
      if (was.isEmpty()) {
        continue;
      }
      for (Constraint constraint : table.constraints().values()) {
        if (constraint instanceof Constraint.ForeignKey
            || constraint.equals(was.get().constraint(constraint.name()).orElse(null))) {
          continue;
        }
        QualifiedName name = shown(table.name());
        if (constraint instanceof Constraint.PrimaryKey pk) {
          add(new Operation.AddPrimaryKey(name, pk.columns(), pk.name(), null));
        } else if (constraint instanceof Constraint.Unique unique) {
          add(new Operation.AddUniqueConstraint(name, unique.columns(), unique.name(), unique.nullsNotDistinct(),
              null));
        } else if (constraint instanceof Constraint.Check check) {
          add(new Operation.AddCheckConstraint(name, check.name(), check.expression(), !check.valid()));
        }
      }
    }
    for (Table table : to.tables()) {
      Optional<Table> was = from.table(table.name());
      for (Index index : table.indexes().values()) {
        if (was.isEmpty() || !index.equals(was.get().index(index.name()).orElse(null))) {
          index(table, index);
        }
      }
    }
    for (Table table : to.tables()) {
      Optional<Table> was = from.table(table.name());
      for (Constraint.ForeignKey fk : table.foreignKeys()) {
        if (was.isEmpty() || !fk.equals(was.get().constraint(fk.name()).orElse(null))) {
          String name = fk.name().equals(ObjectNames.make(table.name().name(), ObjectNames.columnsPart(fk.columns()),
              "fkey")) ? null : fk.name();
          add(new Operation.AddForeignKey(shown(table.name()), new ForeignKeySpec(name, fk.columns(),
              shown(fk.referencedTable()), fk.referencedColumns(), fk.onDelete(), fk.onUpdate(), fk.deferrable()),
              !fk.valid()));
        }
      }
    }
    List<View> created = new ArrayList<>();
    for (View view : to.views()) {
      Optional<View> was = from.view(view.name());
      if (was.isEmpty() || !was.get().equals(view)) {
        created.add(view);
      }
    }
    for (View view : viewOrder(created)) {
      add(new Operation.CreateView(shown(view.name()), view.query(), false, view.materialized()));
    }
    // triggers last: their tables (or views) and functions exist by now
    for (Trigger trigger : to.triggers()) {
      if (!trigger.equals(from.trigger(trigger.table(), trigger.name()).orElse(null))) {
        add(new Operation.CreateTrigger(new Trigger(trigger.name(), shown(trigger.table()), trigger.timing(),
            trigger.events(), trigger.updateOf(), trigger.forEachRow(), trigger.when(), shown(trigger.function()),
            trigger.arguments())));
      }
    }
  }

  /** CREATE OR REPLACE keeps a routine's kind and result: PostgreSQL refuses to change them in place. */
  private static boolean replaceable(Routine was, Routine now) {
    return was.procedure() == now.procedure() && Objects.equals(was.returns(), now.returns())
        && was.arguments().stream().map(Routine.Argument::name).toList()
            .equals(now.arguments().stream().map(Routine.Argument::name).toList());
  }

  /** A routine as an author writes it: names and types in the default schema unqualified. */
  private Routine routine(Routine r) {
    List<Routine.Argument> arguments = r.arguments().stream()
        .map(a -> new Routine.Argument(a.name(), type(a.type()), a.mode(), a.defaultValue())).toList();
    Routine.Returns returns = r.returns() == null ? null
        : r.returns().type() == null ? Routine.Returns.table(r.returns().table().stream()
            .map(c -> new Routine.ResultColumn(c.name(), type(c.type()))).toList())
        : new Routine.Returns(type(r.returns().type()), r.returns().setOf(), List.of());
    return new Routine(shown(r.name()), r.procedure(), arguments, returns, r.language(), r.volatility(), r.strict(),
        r.securityDefiner(), r.body());
  }

  private void enumValues(EnumType was, EnumType now) {
    List<String> old = was.values();
    // the old values must keep their order among the new ones: PostgreSQL neither removes nor reorders
    List<String> kept = now.values().stream().filter(old::contains).toList();
    if (!kept.equals(old)) {
      notExpressed.add("enum " + shown(now.name()) + ": values " + String.join(", ", old) + " became "
          + String.join(", ", now.values()) + "; PostgreSQL cannot remove or reorder a value (write an sql"
          + " operation that makes the type anew)");
      return;
    }
    List<String> values = now.values();
    for (int i = 0; i < values.size(); i++) {
      String value = values.get(i);
      if (old.contains(value)) {
        continue;
      }
      boolean last = values.subList(i + 1, values.size()).stream().noneMatch(old::contains);
      String after = !last && i > 0 ? values.get(i - 1) : null;
      String before = !last && i == 0 ? values.get(1) : null;
      // if-not-exists: after a downgrade that left the value, the upgrade runs again
      add(new Operation.AddEnumValue(shown(now.name()), value, before, after, true));
    }
  }

  private void sequence(Sequence sequence) {
    Optional<Sequence> was = from.sequence(sequence.name());
    if (was.isPresent()) {
      if (!was.get().equals(sequence)) {
        notExpressed.add("sequence " + shown(sequence.name()) + ": its options changed (" + was.get() + " -> "
            + sequence + "); the changelog has no alter-sequence");
      }
      return;
    }
    Sequence defaults = Sequence.of(sequence.name(), null, sequence.increment(), null, null, false, null);
    add(new Operation.CreateSequence(shown(sequence.name()),
        sequence.start() == defaults.start() && sequence.min() == defaults.min() ? null : sequence.start(),
        sequence.increment() == 1 ? null : sequence.increment(),
        sequence.min() == defaults.min() ? null : sequence.min(),
        sequence.max() == defaults.max() ? null : sequence.max(), sequence.cycle(), ownedBy(sequence.ownedBy())));
  }

  /** {@code table.column} with the table's default schema left out. */
  private String ownedBy(String ownedBy) {
    if (ownedBy == null) {
      return null;
    }
    String prefix = to.defaultSchema() + ".";
    return ownedBy.startsWith(prefix) && ownedBy.indexOf('.', prefix.length()) > 0
        ? ownedBy.substring(prefix.length()) : ownedBy;
  }

  private Operation.CreateTable createTable(Table table) {
    String tableName = table.name().name();
    Optional<Constraint.PrimaryKey> pk = table.primaryKey();
    // a one-column key with the name PostgreSQL would give it is written on its column
    String inlinePk = pk.filter(k -> k.columns().size() == 1 && k.name().equals(ObjectNames.make(tableName, null,
        "pkey"))).map(k -> k.columns().get(0)).orElse(null);
    KeySpec tablePk = pk.isEmpty() || inlinePk != null ? null
        : new KeySpec(pk.get().name().equals(ObjectNames.make(tableName, null, "pkey")) ? null : pk.get().name(),
            pk.get().columns(), false);
    Set<String> inlineUnique = new HashSet<>();
    List<KeySpec> unique = new ArrayList<>();
    List<CheckSpec> checks = new ArrayList<>();
    for (Constraint constraint : table.constraints().values()) {
      if (constraint instanceof Constraint.Unique u) {
        String generated = ObjectNames.make(tableName, ObjectNames.columnsPart(u.columns()), "key");
        if (u.columns().size() == 1 && u.name().equals(generated) && !u.nullsNotDistinct()) {
          inlineUnique.add(u.columns().get(0));
        } else {
          unique.add(new KeySpec(u.name().equals(generated) ? null : u.name(), u.columns(), u.nullsNotDistinct()));
        }
      } else if (constraint instanceof Constraint.Check check) {
        if (check.valid()) { // a NOT VALID one follows the table, as add-check-constraint with not-valid
          checks.add(new CheckSpec(check.name(), check.expression()));
        }
      }
    }
    List<Column> columns = new ArrayList<>();
    for (TableColumn c : table.columns()) {
      columns.add(new Column(c.name(), type(c.type()), c.nullable(), readable(c.defaultValue(), c.type()),
          c.identity(), c.name().equals(inlinePk), inlineUnique.contains(c.name()), null, c.comment(),
          c.generated()));
    }
    return new Operation.CreateTable(shown(table.name()), columns, tablePk, unique, List.of(), checks, false,
        table.comment(), table.with());
  }

  private void columns(Table was, Table now) {
    QualifiedName name = shown(now.name());
    List<Column> added = new ArrayList<>();
    for (TableColumn c : now.columns()) {
      Optional<TableColumn> old = was.column(c.name());
      if (old.isEmpty()) {
        added.add(new Column(c.name(), type(c.type()), c.nullable(), readable(c.defaultValue(), c.type()),
            c.identity(), false, false, null, c.comment(), c.generated()));
        continue;
      }
      alter(name, old.get(), c);
    }
    if (!added.isEmpty()) {
      add(new Operation.AddColumn(name, added, false));
    }
    if (!Objects.equals(was.comment(), now.comment())) {
      add(new Operation.Comment(name, null, now.comment()));
    }
    if (!was.with().equals(now.with())) {
      notExpressed.add("table " + name + ": storage parameters " + was.with() + " became " + now.with()
          + "; the changelog sets them only in create-table");
    }
  }

  private void alter(QualifiedName table, TableColumn was, TableColumn now) {
    if (!Objects.equals(was.generated(), now.generated())) {
      notExpressed.add("column " + table + "." + now.name() + ": its generated expression changed to "
          + now.generated() + "; the changelog has no alter for it (drop and add the column)");
    }
    ColumnType type = was.type().equals(now.type()) ? null : type(now.type());
    Boolean nullable = was.nullable() == now.nullable() || now.identity() != null && was.identity() == null
        ? null : now.nullable();
    Value defaultValue = null;
    boolean dropDefault = false;
    if (!Objects.equals(was.defaultValue(), now.defaultValue())) {
      if (now.defaultValue() == null) {
        dropDefault = true;
      } else {
        defaultValue = readable(now.defaultValue(), now.type());
      }
    }
    Identity identity = Objects.equals(was.identity(), now.identity()) ? null
        : now.identity() == null ? Identity.NONE : now.identity();
    if (type != null || nullable != null || defaultValue != null || dropDefault || identity != null) {
      add(new Operation.AlterColumn(table, now.name(), type, null, nullable, defaultValue, dropDefault, identity));
    }
    if (!Objects.equals(was.comment(), now.comment())) {
      add(new Operation.Comment(table, now.name(), now.comment()));
    }
  }

  private void index(Table table, Index index) {
    if (!INDEX_METHODS.contains(index.method())) {
      notExpressed.add("index " + index.name() + " on " + shown(table.name()) + " uses " + index.method()
          + ", which create-index does not offer");
      return;
    }
    add(new Operation.CreateIndex(index.name(), shown(table.name()), index.elements(), index.unique(), false,
        index.where(), index.method().equals("btree") ? null : index.method(), index.include(), false,
        index.with()));
  }

  /** A user type in the default schema as the author writes it: unqualified. */
  private ColumnType type(ColumnType type) {
    if (type.builtin() || type.name().schema() == null) {
      return type;
    }
    return new ColumnType(shown(type.name()), type.modifiers(), type.arrayDimensions(), false);
  }

  /**
   * A default as an author writes it: {@code 'draft'::character varying} is the text
   * {@code draft}, {@code 0} a number, {@code true} a boolean; anything else stays SQL. A
   * literal is turned into a value only when PostgreSQL prints it back the same, cast to the
   * column's own type.
   */
  static Value readable(Value value, ColumnType type) {
    if (!(value instanceof Value.Expression expression) || type.arrayDimensions() > 0) {
      return value;
    }
    String sql = expression.sql();
    String typeName = type.name().name();
    if ((sql.equals("true") || sql.equals("false")) && typeName.equals("boolean")) {
      return new Value.Bool(sql.equals("true"));
    }
    if (NUMBER.matcher(sql).matches() && type.builtin() && NUMBER_TYPES.contains(typeName)) {
      return new Value.Number(new BigDecimal(sql));
    }
    Matcher m = CAST_LITERAL.matcher(sql);
    if (m.matches() && castsTo(m.group(2), type)) {
      String text = m.group(1).replace("''", "'");
      if (type.builtin() && NUMBER_TYPES.contains(typeName) && NUMBER.matcher(text).matches()) {
        return new Value.Number(new BigDecimal(text));
      }
      return Value.text(text);
    }
    return value;
  }

  private static boolean castsTo(String cast, ColumnType type) {
    if (type.builtin()) {
      return cast.equals(type.name().name());
    }
    String name = type.name().name();
    return cast.equals(name) || cast.equals("\"" + name + "\"") || cast.equals(type.name().toString());
  }

  /** Views in an order where each comes after the views its query names. */
  private static List<View> viewOrder(List<View> views) {
    List<View> out = new ArrayList<>();
    Set<QualifiedName> placed = new HashSet<>();
    Map<QualifiedName, List<QualifiedName>> needs = new HashMap<>();
    for (View view : views) {
      List<QualifiedName> names = new ArrayList<>();
      for (View other : views) {
        if (other != view && mentions(view.query(), other.name().name())) {
          names.add(other.name());
        }
      }
      needs.put(view.name(), names);
    }
    List<View> left = new ArrayList<>(views);
    while (!left.isEmpty()) {
      boolean progress = false;
      for (var it = left.iterator(); it.hasNext(); ) {
        View view = it.next();
        if (placed.containsAll(needs.get(view.name()))) {
          out.add(view);
          placed.add(view.name());
          it.remove();
          progress = true;
        }
      }
      if (!progress) {
        out.addAll(left); // names that only look alike: keep the rest in name order
        break;
      }
    }
    return out;
  }

  private static boolean mentions(String query, String name) {
    return Pattern.compile("(?<![A-Za-z0-9_$])\"?" + Pattern.quote(name) + "\"?(?![A-Za-z0-9_$])")
        .matcher(query).find();
  }
}
