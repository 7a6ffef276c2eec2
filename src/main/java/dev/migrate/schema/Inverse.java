package dev.migrate.schema;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The operations that undo one operation, derived from the model just before it (and just
 * after, for the names PostgreSQL chose): {@code drop-column} is undone by adding the column
 * back exactly as the model knew it, with the constraints and indexes that went with it. An
 * operation the model cannot undo gives the reason instead.
 */
final class Inverse implements Operation.Visitor<Inverse.Undo> {

  /** The inverse operations in the order they run, or the reason there are none. */
  record Undo(List<Operation> operations, String reason) {

    static Undo of(Operation... operations) {
      return new Undo(List.of(operations), null);
    }

    static Undo of(List<Operation> operations) {
      return new Undo(List.copyOf(operations), null);
    }

    static Undo none(String reason) {
      return new Undo(List.of(), reason);
    }

    boolean reversible() {
      return reason == null;
    }
  }

  private final SchemaModel before;
  private final SchemaModel after;

  private Inverse(SchemaModel before, SchemaModel after) {
    this.before = before;
    this.after = after;
  }

  static Undo of(Operation operation, SchemaModel before, SchemaModel after) {
    return operation.accept(new Inverse(before, after));
  }

  private QualifiedName show(QualifiedName name) {
    return before.unqualify(before.qualify(name));
  }

  private static Undo cascade(String key) {
    return Undo.none(key + " with cascade cannot be undone: the model cannot see what else CASCADE dropped");
  }

  // ---- from the model to operations

  static Column column(TableColumn c) {
    return new Column(c.name(), c.type(), c.nullable(), c.defaultValue(), c.identity(), false, false, null,
        c.comment(), c.generated());
  }

  private ForeignKeySpec spec(Constraint.ForeignKey fk) {
    return new ForeignKeySpec(fk.name(), fk.columns(), show(fk.referencedTable()), fk.referencedColumns(),
        fk.onDelete(), fk.onUpdate(), fk.deferrable());
  }

  private Operation addConstraint(QualifiedName table, Constraint constraint) {
    QualifiedName name = show(table);
    if (constraint instanceof Constraint.PrimaryKey pk) {
      return new Operation.AddPrimaryKey(name, pk.columns(), pk.name(), null);
    }
    if (constraint instanceof Constraint.Unique unique) {
      return new Operation.AddUniqueConstraint(name, unique.columns(), unique.name(), unique.nullsNotDistinct(), null);
    }
    if (constraint instanceof Constraint.ForeignKey fk) {
      return new Operation.AddForeignKey(name, spec(fk), !fk.valid());
    }
    Constraint.Check check = (Constraint.Check) constraint;
    return new Operation.AddCheckConstraint(name, check.name(), check.expression(), !check.valid());
  }

  private Operation createIndex(QualifiedName table, Index index, boolean concurrently) {
    return new Operation.CreateIndex(index.name(), show(table), index.elements(), index.unique(), concurrently,
        index.where(), index.method(), index.include(), false, index.with());
  }

  /** create-table with the full structure, then what create-table cannot say (NOT VALID keys, indexes). */
  private List<Operation> recreate(Table table) {
    KeySpec primaryKey = null;
    List<KeySpec> unique = new ArrayList<>();
    List<ForeignKeySpec> foreignKeys = new ArrayList<>();
    List<CheckSpec> checks = new ArrayList<>();
    List<Operation> later = new ArrayList<>();
    for (Constraint constraint : table.constraints().values()) {
      if (constraint instanceof Constraint.PrimaryKey pk) {
        primaryKey = new KeySpec(pk.name(), pk.columns(), false);
      } else if (constraint instanceof Constraint.Unique u) {
        unique.add(new KeySpec(u.name(), u.columns(), u.nullsNotDistinct()));
      } else if (!constraint.valid()) {
        later.add(addConstraint(table.name(), constraint));
      } else if (constraint instanceof Constraint.ForeignKey fk) {
        foreignKeys.add(spec(fk));
      } else {
        Constraint.Check check = (Constraint.Check) constraint;
        checks.add(new CheckSpec(check.name(), check.expression()));
      }
    }
    List<Operation> out = new ArrayList<>();
    out.add(new Operation.CreateTable(show(table.name()), table.columns().stream().map(Inverse::column).toList(),
        primaryKey, unique, foreignKeys, checks, false, table.comment(), table.with()));
    out.addAll(later);
    table.indexes().values().forEach(i -> out.add(createIndex(table.name(), i, false)));
    out.addAll(createTriggers(table.name()));
    return out;
  }

  /** The triggers the model had on a table or view, to put back after re-creating it. */
  private List<Operation> createTriggers(QualifiedName table) {
    return before.triggersOn(table).stream().<Operation>map(t -> new Operation.CreateTrigger(unqualified(t))).toList();
  }

  private Trigger unqualified(Trigger trigger) {
    return trigger.withTable(show(trigger.table())).withFunction(show(trigger.function()));
  }

  private Operation createRoutine(Routine routine, boolean orReplace) {
    Routine shown = routine.withName(show(routine.name()));
    return routine.procedure() ? new Operation.CreateProcedure(shown, orReplace)
        : new Operation.CreateFunction(shown, orReplace);
  }

  /** The constraints a table has after an operation that it did not have before. */
  private List<Constraint> added(QualifiedName tableName) {
    Optional<Table> old = before.table(tableName);
    Optional<Table> now = after.table(tableName);
    if (now.isEmpty()) {
      return List.of();
    }
    return now.get().constraints().values().stream()
        .filter(c -> old.map(t -> !t.constraints().containsKey(c.name())).orElse(true)).toList();
  }

  private List<Operation> dropAdded(QualifiedName tableName) {
    return added(tableName).stream()
        .map(c -> (Operation) new Operation.DropConstraint(show(tableName), c.name(), false, false)).toList();
  }

  // ---- tables

  @Override
  public Undo visit(Operation.CreateTable op) {
    if (before.table(op.name()).isPresent()) {
      return Undo.of(); // if-not-exists found it: nothing was made
    }
    return Undo.of(new Operation.DropTable(op.name(), false, false));
  }

  @Override
  public Undo visit(Operation.DropTable op) {
    if (op.cascade()) {
      return cascade("drop-table");
    }
    return before.table(op.name()).map(t -> Undo.of(recreate(t))).orElse(Undo.of());
  }

  @Override
  public Undo visit(Operation.RenameTable op) {
    return Undo.of(new Operation.RenameTable(op.from().withName(op.to()), op.from().name()));
  }

  // ---- columns

  @Override
  public Undo visit(Operation.AddColumn op) {
    Optional<Table> table = before.table(op.table());
    List<Operation> out = new ArrayList<>();
    List<Column> columns = new ArrayList<>(op.columns());
    java.util.Collections.reverse(columns);
    for (Column column : columns) {
      if (table.isEmpty() || !table.get().hasColumn(column.name())) {
        out.add(new Operation.DropColumn(op.table(), column.name(), false, false));
      }
    }
    return Undo.of(out);
  }

  @Override
  public Undo visit(Operation.DropColumn op) {
    if (op.cascade()) {
      return cascade("drop-column");
    }
    Optional<Table> found = before.table(op.table());
    if (found.isEmpty() || found.get().column(op.name()).isEmpty()) {
      return Undo.of();
    }
    Table table = found.get();
    List<Operation> out = new ArrayList<>();
    out.add(new Operation.AddColumn(op.table(), List.of(column(table.column(op.name()).orElseThrow())), false));
    for (Constraint constraint : table.constraints().values()) {
      if (ModelReplay.involves(constraint, op.name())) {
        out.add(addConstraint(table.name(), constraint));
      }
    }
    for (Index index : table.indexes().values()) {
      if (ModelReplay.involves(index, op.name())) {
        out.add(createIndex(table.name(), index, false));
      }
    }
    return Undo.of(out);
  }

  @Override
  public Undo visit(Operation.AlterColumn op) {
    Optional<TableColumn> found = before.table(op.table()).flatMap(t -> t.column(op.name()));
    if (found.isEmpty()) {
      return Undo.of();
    }
    TableColumn old = found.get();
    ColumnType type = null;
    String using = null;
    if (op.type() != null && !op.type().equals(old.type())) {
      if (!TypeChange.lossless(old.type(), op.type(), before)) {
        return Undo.none("alter-column changes the type of " + op.name() + " from " + old.type() + " to " + op.type()
            + ", which can lose data, so the model cannot change it back");
      }
      type = old.type();
      if (TypeChange.needsUsing(op.type(), old.type())) {
        using = SqlText.identifier(op.name()) + "::" + SqlText.type(old.type());
      }
    }
    Boolean nullable = op.nullable() != null && op.nullable() != old.nullable() ? old.nullable() : null;
    Value defaultValue = null;
    boolean dropDefault = false;
    if (op.defaultValue() != null || op.dropDefault()) {
      if (old.defaultValue() != null) {
        defaultValue = old.defaultValue();
      } else {
        dropDefault = true;
      }
    }
    Identity identity = null;
    if (op.identity() != null) {
      identity = old.identity() == null ? Identity.NONE : old.identity();
    }
    if (type == null && nullable == null && defaultValue == null && !dropDefault && identity == null) {
      return Undo.of();
    }
    return Undo.of(new Operation.AlterColumn(op.table(), op.name(), type, using, nullable, defaultValue, dropDefault,
        identity));
  }

  @Override
  public Undo visit(Operation.RenameColumn op) {
    return Undo.of(new Operation.RenameColumn(op.table(), op.to(), op.from()));
  }

  // ---- indexes

  @Override
  public Undo visit(Operation.CreateIndex op) {
    QualifiedName table = before.qualify(op.table());
    if (before.relation(table.withName(op.name())).isPresent()) {
      return Undo.of(); // if-not-exists found it
    }
    return Undo.of(new Operation.DropIndex(show(table.withName(op.name())), op.concurrently(), false, false));
  }

  @Override
  public Undo visit(Operation.DropIndex op) {
    if (op.cascade()) {
      return cascade("drop-index");
    }
    Optional<Table> table = before.tableOfIndex(op.name());
    Optional<Index> index = before.index(op.name());
    if (table.isEmpty() || index.isEmpty()) {
      return Undo.of();
    }
    return Undo.of(createIndex(table.get().name(), index.get(), op.concurrently()));
  }

  @Override
  public Undo visit(Operation.RenameIndex op) {
    return Undo.of(new Operation.RenameIndex(op.from().withName(op.to()), op.from().name()));
  }

  // ---- constraints

  @Override
  public Undo visit(Operation.AddPrimaryKey op) {
    List<Operation> out = new ArrayList<>(dropAdded(op.table()));
    Optional<Table> table = before.table(op.table());
    if (table.isEmpty()) {
      return Undo.of(out);
    }
    if (op.usingIndex() != null) {
      // dropping the constraint drops the index it took over: make the index again
      table.get().index(op.usingIndex()).ifPresent(i -> out.add(createIndex(table.get().name(), i, false)));
    }
    List<String> columns = added(op.table()).stream().flatMap(c -> c.columns().stream()).toList();
    for (String column : columns) {
      // ADD PRIMARY KEY made these columns NOT NULL; dropping the key does not undo that
      table.get().column(column).filter(TableColumn::nullable).ifPresent(c -> out.add(
          new Operation.AlterColumn(op.table(), c.name(), null, null, true, null, false, null)));
    }
    return Undo.of(out);
  }

  @Override
  public Undo visit(Operation.AddForeignKey op) {
    return Undo.of(dropAdded(op.table()));
  }

  @Override
  public Undo visit(Operation.AddUniqueConstraint op) {
    List<Operation> out = new ArrayList<>(dropAdded(op.table()));
    if (op.usingIndex() != null) {
      before.table(op.table()).ifPresent(t ->
          t.index(op.usingIndex()).ifPresent(i -> out.add(createIndex(t.name(), i, false))));
    }
    return Undo.of(out);
  }

  @Override
  public Undo visit(Operation.AddCheckConstraint op) {
    return Undo.of(dropAdded(op.table()));
  }

  @Override
  public Undo visit(Operation.DropConstraint op) {
    if (op.cascade()) {
      return cascade("drop-constraint");
    }
    Optional<Table> table = before.table(op.table());
    Optional<Constraint> constraint = table.flatMap(t -> t.constraint(op.name()));
    if (constraint.isEmpty()) {
      return Undo.of();
    }
    return Undo.of(addConstraint(table.get().name(), constraint.get()));
  }

  @Override
  public Undo visit(Operation.RenameConstraint op) {
    return Undo.of(new Operation.RenameConstraint(op.table(), op.to(), op.from()));
  }

  @Override
  public Undo visit(Operation.ValidateConstraint op) {
    // a validated constraint was already enforced for new rows; nothing to undo
    return Undo.of();
  }

  // ---- enums

  @Override
  public Undo visit(Operation.CreateEnum op) {
    if (before.enumType(op.name()).isPresent()) {
      return Undo.of();
    }
    return Undo.of(new Operation.DropEnum(op.name(), false));
  }

  @Override
  public Undo visit(Operation.AddEnumValue op) {
    boolean had = before.enumType(op.enumName()).map(e -> e.values().contains(op.value())).orElse(false);
    if (had) {
      return Undo.of(); // if-not-exists found it
    }
    return Undo.none("add-enum-value cannot be undone: PostgreSQL cannot remove a value from an enum");
  }

  @Override
  public Undo visit(Operation.RenameEnumValue op) {
    return Undo.of(new Operation.RenameEnumValue(op.enumName(), op.to(), op.from()));
  }

  @Override
  public Undo visit(Operation.DropEnum op) {
    return before.enumType(op.name())
        .map(e -> Undo.of(new Operation.CreateEnum(show(e.name()), e.values()))).orElse(Undo.of());
  }

  // ---- schemas, sequences, views, extensions

  @Override
  public Undo visit(Operation.CreateSchema op) {
    if (before.hasSchema(op.name())) {
      return Undo.of();
    }
    return Undo.of(new Operation.DropSchema(op.name(), false, false));
  }

  @Override
  public Undo visit(Operation.DropSchema op) {
    if (op.cascade()) {
      return cascade("drop-schema");
    }
    return before.hasSchema(op.name()) ? Undo.of(new Operation.CreateSchema(op.name(), false)) : Undo.of();
  }

  @Override
  public Undo visit(Operation.CreateSequence op) {
    if (before.relation(op.name()).isPresent()) {
      return Undo.of();
    }
    return Undo.of(new Operation.DropSequence(op.name(), false, false));
  }

  @Override
  public Undo visit(Operation.DropSequence op) {
    if (op.cascade()) {
      return cascade("drop-sequence");
    }
    return before.sequence(op.name()).map(s -> Undo.of(new Operation.CreateSequence(show(s.name()), s.start(),
        s.increment(), s.min(), s.max(), s.cycle(), s.ownedBy()))).orElse(Undo.of());
  }

  @Override
  public Undo visit(Operation.CreateView op) {
    Optional<View> old = before.view(op.name());
    if (old.isPresent()) {
      // or-replace: put the old query back
      return Undo.of(new Operation.CreateView(op.name(), old.get().query(), true, old.get().materialized()));
    }
    return Undo.of(new Operation.DropView(op.name(), false, false, op.materialized()));
  }

  @Override
  public Undo visit(Operation.DropView op) {
    if (op.cascade()) {
      return cascade("drop-view");
    }
    return before.view(op.name())
        .map(v -> {
          List<Operation> out = new ArrayList<>();
          out.add(new Operation.CreateView(show(v.name()), v.query(), false, v.materialized()));
          out.addAll(createTriggers(v.name()));
          return Undo.of(out);
        })
        .orElse(Undo.of());
  }

  @Override
  public Undo visit(Operation.RefreshMaterializedView op) {
    return Undo.of();
  }

  @Override
  public Undo visit(Operation.CreateExtension op) {
    if (before.extension(op.name()).isPresent()) {
      return Undo.of();
    }
    return Undo.of(new Operation.DropExtension(op.name(), false));
  }

  @Override
  public Undo visit(Operation.DropExtension op) {
    return Undo.none("drop-extension cannot be undone: the model does not know what the extension held"
        + " (its objects and their data)");
  }

  // ---- comments and data

  // ---- functions, procedures and triggers

  @Override
  public Undo visit(Operation.CreateFunction op) {
    return undoCreate(op.definition());
  }

  @Override
  public Undo visit(Operation.CreateProcedure op) {
    return undoCreate(op.definition());
  }

  /** or-replace over an existing routine puts the previous definition back; a new one is dropped. */
  private Undo undoCreate(Routine routine) {
    Optional<Routine> old = before.routine(routine.name(), routine.inputTypes());
    if (old.isPresent()) {
      return Undo.of(createRoutine(old.get(), true));
    }
    List<ColumnType> types = routine.inputTypes();
    return Undo.of(routine.procedure() ? new Operation.DropProcedure(routine.name(), types, false, false)
        : new Operation.DropFunction(routine.name(), types, false, false));
  }

  @Override
  public Undo visit(Operation.DropFunction op) {
    if (op.cascade()) {
      return cascade("drop-function");
    }
    return undoDrop(op.name(), op.argumentTypes());
  }

  @Override
  public Undo visit(Operation.DropProcedure op) {
    if (op.cascade()) {
      return cascade("drop-procedure");
    }
    return undoDrop(op.name(), op.argumentTypes());
  }

  /** The exact prior definition, from the model. */
  private Undo undoDrop(QualifiedName name, List<ColumnType> types) {
    Optional<Routine> old = types != null ? before.routine(name, types)
        : before.routines(name).stream().findFirst();
    return old.map(r -> Undo.of(createRoutine(r, false))).orElse(Undo.of());
  }

  @Override
  public Undo visit(Operation.CreateTrigger op) {
    Trigger trigger = op.definition();
    if (before.trigger(trigger.table(), trigger.name()).isPresent()) {
      return Undo.of();
    }
    return Undo.of(new Operation.DropTrigger(trigger.name(), trigger.table(), false));
  }

  @Override
  public Undo visit(Operation.DropTrigger op) {
    return before.trigger(op.table(), op.name()).map(t -> Undo.of(new Operation.CreateTrigger(unqualified(t))))
        .orElse(Undo.of());
  }

  @Override
  public Undo visit(Operation.Comment op) {
    Optional<Table> table = before.table(op.table());
    if (table.isEmpty()) {
      return Undo.of();
    }
    String previous = op.column() == null ? table.get().comment()
        : table.get().column(op.column()).map(TableColumn::comment).orElse(null);
    return Undo.of(new Operation.Comment(op.table(), op.column(), previous));
  }

  @Override
  public Undo visit(Operation.Insert op) {
    Optional<Constraint.PrimaryKey> pk = before.table(op.table()).flatMap(Table::primaryKey);
    if (pk.isEmpty()) {
      return Undo.none("insert cannot be undone: table " + show(op.table()) + " has no primary key to find the rows by");
    }
    List<String> key = pk.get().columns();
    List<String> tuples = new ArrayList<>();
    for (Map<String, Value> row : op.rows()) {
      List<String> values = new ArrayList<>();
      for (String column : key) {
        String literal = row.containsKey(column) ? SqlText.literal(row.get(column)) : null;
        if (literal == null || "NULL".equals(literal)) {
          return Undo.none("insert cannot be undone: a row does not give a literal value for primary-key column "
              + column + ", so the rows cannot be found again");
        }
        values.add(literal);
      }
      tuples.add(key.size() == 1 ? values.get(0) : "(" + SqlText.list(values) + ")");
    }
    if (tuples.isEmpty()) {
      return Undo.of();
    }
    String columns = key.size() == 1 ? SqlText.identifier(key.get(0))
        : "(" + SqlText.list(key.stream().map(SqlText::identifier).toList()) + ")";
    return Undo.of(new Operation.Delete(op.table(), columns + " IN (" + SqlText.list(tuples) + ")"));
  }

  @Override
  public Undo visit(Operation.Update op) {
    return Undo.none("update cannot be undone: the model does not know the values it overwrote");
  }

  @Override
  public Undo visit(Operation.Delete op) {
    return Undo.none("delete cannot be undone: the model does not know the rows it removed");
  }

  @Override
  public Undo visit(Operation.Sql op) {
    if (op.down() == null) {
      return Undo.none("sql without down cannot be undone: the model cannot see into SQL (give it a down)");
    }
    return Undo.of(new Operation.Sql(op.down(), op.up(), null));
  }

  /** Which column type changes keep every value, so that changing back loses nothing. */
  static final class TypeChange {

    private static final List<String> INTEGERS = List.of("smallint", "integer", "bigint");
    private static final Set<String> STRINGS = Set.of("text", "character varying", "character");

    private TypeChange() {}

    static boolean lossless(ColumnType from, ColumnType to, SchemaModel model) {
      if (from.arrayDimensions() != to.arrayDimensions()) {
        return false;
      }
      String a = from.name().name();
      String b = to.name().name();
      if (!from.builtin() || !to.builtin()) {
        // an enum read back from text needs only its own values, which text keeps
        return !from.builtin() && model.enumType(from.name()).isPresent() && to.builtin() && unboundedString(to);
      }
      if (unboundedString(to)) {
        return true; // every value has a text form
      }
      if (a.equals(b)) {
        return wider(from.modifiers(), to.modifiers(), a);
      }
      if (INTEGERS.contains(a) && INTEGERS.contains(b)) {
        return INTEGERS.indexOf(b) >= INTEGERS.indexOf(a);
      }
      if (INTEGERS.contains(a) && b.equals("numeric")) {
        return to.modifiers().isEmpty() || to.modifiers().get(0) - scale(to) >= 19;
      }
      if (STRINGS.contains(a) && b.equals("character varying")) {
        return to.modifiers().isEmpty() || (!from.modifiers().isEmpty() && to.modifiers().get(0) >= from.modifiers().get(0));
      }
      return (a.equals("real") && b.equals("double precision"))
          || (a.equals("timestamp without time zone") && b.equals("timestamp with time zone")
              && wider(from.modifiers(), to.modifiers(), a));
    }

    private static boolean unboundedString(ColumnType type) {
      return type.name().name().equals("text")
          || (type.name().name().equals("character varying") && type.modifiers().isEmpty());
    }

    private static int scale(ColumnType type) {
      return type.modifiers().size() > 1 ? type.modifiers().get(1) : 0;
    }

    private static boolean wider(List<Integer> from, List<Integer> to, String type) {
      if (to.isEmpty()) {
        return true;
      }
      if (from.isEmpty()) {
        return false;
      }
      if (type.equals("numeric")) {
        int fromScale = from.size() > 1 ? from.get(1) : 0;
        int toScale = to.size() > 1 ? to.get(1) : 0;
        return toScale >= fromScale && to.get(0) - toScale >= from.get(0) - fromScale;
      }
      return to.get(0) >= from.get(0);
    }

    /** Changing back needs USING when no assignment cast leads from the new type to the old one. */
    static boolean needsUsing(ColumnType now, ColumnType old) {
      return (now.builtin() && STRINGS.contains(now.name().name()))
          && !(old.builtin() && STRINGS.contains(old.name().name()));
    }
  }
}
