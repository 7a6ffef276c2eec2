package dev.migrate.schema;

import dev.migrate.changelog.Change;
import dev.migrate.changelog.CheckSpec;
import dev.migrate.changelog.Column;
import dev.migrate.changelog.ColumnType;
import dev.migrate.changelog.ForeignKeySpec;
import dev.migrate.changelog.Identity;
import dev.migrate.changelog.IndexElement;
import dev.migrate.changelog.KeySpec;
import dev.migrate.changelog.Operation;
import dev.migrate.changelog.QualifiedName;
import dev.migrate.changelog.Routine;
import dev.migrate.changelog.SourceSpan;
import dev.migrate.changelog.Trigger;
import dev.migrate.changelog.Value;
import dev.migrate.load.Diagnostic;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One operation applied to the model, with the static checks that need the model: each
 * problem becomes a {@link Diagnostic} at the operation's place, with a stable code and a
 * sentence on how to fix it, and replay goes on (an operation that cannot apply leaves the
 * model as it was), so one run reports every problem.
 *
 * <p>After an opaque {@code sql} operation the model may miss objects that SQL made; from then
 * on a reference to an object the model does not know is a warning when that SQL mentions its
 * name, and an error as before when no sql operation does.
 */
final class ModelReplay implements Operation.Visitor<SchemaModel> {

  private static final Set<String> INDEX_METHODS = Set.of("btree", "hash", "gin", "gist", "brin", "spgist");

  private final SchemaModel model;
  private final Change change;
  private final boolean transactional;
  private final List<Diagnostic> diagnostics;

  private ModelReplay(SchemaModel model, Change change, boolean transactional, List<Diagnostic> diagnostics) {
    this.model = model;
    this.change = change;
    this.transactional = transactional;
    this.diagnostics = diagnostics;
  }

  /**
   * The model after {@code change}; problems go to {@code diagnostics}.
   *
   * @param transactional whether the revision runs in one transaction
   */
  static SchemaModel apply(SchemaModel model, Change change, SourceSpan fallback, boolean transactional,
      List<Diagnostic> diagnostics) {
    Change placed = change.at() != null ? change
        : new Change(change.operation(), fallback, change.acknowledge(), change.reason());
    return change.operation().accept(new ModelReplay(model, placed, transactional, diagnostics));
  }

  // ---- reporting

  private void error(String code, String message) {
    diagnostics.add(Diagnostic.error(change.at(), code, message));
  }

  /**
   * A reference to {@code name}, which the model does not have: an error, or a warning when an
   * earlier sql operation mentions the name and so may have made it. Only the names an sql text
   * mentions are excused: a typo elsewhere ({@code userz}, {@code varchr}) stays an error.
   */
  private void missing(String name, String code, String message) {
    if (model.mentionedBySql(name)) {
      diagnostics.add(new Diagnostic(change.at(), Diagnostic.Severity.WARNING, code, message
          + " (an earlier sql operation mentions " + name + " and may have made it; the model cannot see into SQL)"));
    } else if (model.opaque()) {
      diagnostics.add(Diagnostic.error(change.at(), code, message + " (no earlier sql operation mentions " + name
          + ", so it is taken as missing)"));
    } else {
      diagnostics.add(Diagnostic.error(change.at(), code, message));
    }
  }

  private String key() {
    return change.operation().kind().key();
  }

  private QualifiedName q(QualifiedName name) {
    return model.qualify(name);
  }

  private String show(QualifiedName name) {
    return model.unqualify(name).toString();
  }

  private Optional<Table> table(QualifiedName name) {
    Optional<Table> table = model.table(name);
    if (table.isEmpty()) {
      missing(name.name(), "missing-table", key() + " names table " + show(q(name)) + ", which does not exist at this revision;"
          + " create it in an earlier revision or correct the name");
    }
    return table;
  }

  private Optional<TableColumn> column(Table table, String name) {
    Optional<TableColumn> column = table.column(name);
    if (column.isEmpty()) {
      missing(name, "missing-column", key() + " names column " + name + " of table " + show(table.name())
          + ", which has no such column at this revision (it has " + columnNames(table)
          + "); correct the name or add the column first");
    }
    return column;
  }

  private boolean columnsExist(Table table, List<String> names, String what) {
    boolean all = true;
    for (String name : names) {
      if (!table.hasColumn(name)) {
        missing(name, "missing-column", what + " names column " + name + ", which table " + show(table.name())
            + " does not have at this revision (it has " + columnNames(table) + "); correct the name or add the column first");
        all = false;
      }
    }
    return all;
  }

  private static String columnNames(Table table) {
    return table.columns().isEmpty() ? "no columns"
        : String.join(", ", table.columns().stream().map(TableColumn::name).toList());
  }

  private boolean schemaExists(QualifiedName name) {
    String schema = q(name).schema();
    if (!model.hasSchema(schema)) {
      missing(schema, "missing-schema", key() + " puts " + name.name() + " in schema " + schema
          + ", which does not exist at this revision; add a create-schema before it");
      return false;
    }
    return true;
  }

  /** False (and an error) when another relation of the schema holds the name. */
  private boolean nameFree(QualifiedName name, String what) {
    Optional<Relation> holder = model.relation(name);
    if (holder.isPresent()) {
      error("name-exists", what + " " + show(q(name)) + " cannot be made: a " + holder.get().kind().noun()
          + " of that name already exists in schema " + q(name).schema()
          + " (tables, indexes, sequences and views share one namespace); choose another name");
      return false;
    }
    return true;
  }

  private void checkConcurrently(boolean concurrently) {
    if (concurrently && transactional) {
      // CREATE INDEX CONCURRENTLY cannot run inside a transaction block (nor can DROP INDEX or REFRESH)
      error("concurrently-in-transaction", key() + " with concurrently: true cannot run in a transactional revision:"
          + " PostgreSQL refuses CONCURRENTLY inside a transaction block; set transactional: false on this revision"
          + " (best in a revision of its own)");
    }
  }

  // ---- types and values

  private void checkType(ColumnType type, String column) {
    if (type.builtin()) {
      return;
    }
    QualifiedName name = type.name();
    if (model.enumType(name).isPresent()) {
      return;
    }
    for (Extension extension : model.extensions()) {
      boolean inSchema = name.schema() == null || name.schema().equals(extension.schema())
          || name.schema().equals(model.defaultSchema());
      if (inSchema && extension.types().contains(name.name())) {
        return;
      }
    }
    missing(name.name(), "unknown-type", "column " + column + " has type " + name + ", which is neither a PostgreSQL type nor an"
        + " enum created or declared before this revision nor a type of an extension the changelog creates;"
        + " correct the type, create it with create-enum in an earlier revision, declare it in existing-types,"
        + " or add create-extension for the extension that provides it");
  }

  /** A text value for an enum column must be one of the enum's values. */
  private void checkValue(ColumnType type, Value value, String column) {
    if (!(value instanceof Value.Text text) || type.builtin() || type.arrayDimensions() > 0) {
      return;
    }
    model.enumType(type.name()).ifPresent(e -> {
      if (!e.values().contains(text.text())) {
        error("unknown-enum-value", "'" + text.text() + "' for column " + column + " is not a value of enum "
            + show(q(e.name())) + " (" + String.join(", ", e.values()) + "); use one of them, or add it with"
            + " add-enum-value in an earlier revision");
      }
    });
  }

  private void checkColumn(Column column, String where) {
    checkType(column.type(), where + column.name());
    if (column.defaultValue() != null) {
      checkValue(column.type(), column.defaultValue(), where + column.name());
    }
  }

  private static TableColumn toModel(Column column, boolean inPrimaryKey) {
    // PostgreSQL makes primary-key, identity and serial columns NOT NULL
    boolean nullable = column.nullable() && !column.primaryKey() && !inPrimaryKey && column.identity() == null
        && !column.type().isSerial();
    return new TableColumn(column.name(), column.type(), nullable, column.defaultValue(), column.identity(),
        column.generated(), column.comment());
  }

  // ---- constraints: names and checks

  /** Names already used for relations of the table's schema or constraints of the table, plus {@code pending}. */
  private java.util.function.Predicate<String> taken(QualifiedName table, Table current, Set<String> pending) {
    return name -> pending.contains(name) || model.relation(table.withName(name)).isPresent()
        || (current != null && current.constraints().containsKey(name));
  }

  /** The single table column a check's expression names, as PostgreSQL names {@code t_col_check}. */
  private static String checkColumn(String expression, List<String> columns) {
    List<String> named = SqlText.identifiers(expression).stream().filter(columns::contains).toList();
    return named.size() == 1 ? named.get(0) : null;
  }

  /**
   * A foreign key as the model stores it, or empty (with diagnostics) when its target is
   * missing. {@code self} is the table being made, for a key that references itself.
   */
  private Optional<Constraint.ForeignKey> foreignKey(Table owner, ForeignKeySpec spec, String name, boolean valid,
      Table self) {
    String what = "foreign key " + name;
    boolean ok = columnsExist(owner, spec.columns(), what);
    QualifiedName target = q(spec.referencedTable());
    Table referenced = self != null && self.name().equals(target) ? self : model.table(target).orElse(null);
    if (referenced == null) {
      missing(target.name(), "missing-table", what + " references table " + show(target) + ", which does not exist at this"
          + " revision; create that table first or correct the name");
      return Optional.empty();
    }
    List<String> refColumns = spec.referencedColumns();
    if (refColumns.isEmpty()) {
      Optional<Constraint.PrimaryKey> pk = referenced.primaryKey();
      if (pk.isEmpty()) {
        error("foreign-key-target", what + " references table " + show(target) + " without naming columns, but that"
            + " table has no primary key; name the referenced columns or give the table a primary key");
        return Optional.empty();
      }
      refColumns = pk.get().columns();
    }
    if (!columnsExist(referenced, refColumns, what)) {
      return Optional.empty();
    }
    if (refColumns.size() != spec.columns().size()) {
      error("foreign-key-target", what + " has " + spec.columns().size() + " column(s) but references "
          + refColumns.size() + "; list as many referenced columns as referencing ones");
      return Optional.empty();
    }
    if (!isKey(referenced, refColumns)) {
      error("foreign-key-target", what + " references " + show(target) + "(" + String.join(", ", refColumns)
          + "), which is not a primary key or unique constraint; PostgreSQL requires one: add a unique constraint on"
          + " those columns first or reference the primary key");
      return Optional.empty();
    }
    return ok ? Optional.of(new Constraint.ForeignKey(name, spec.columns(), target, refColumns, spec.onDelete(),
        spec.onUpdate(), spec.deferrable(), valid)) : Optional.empty();
  }

  /** A primary key, unique constraint or plain unique index on exactly these columns. */
  private static boolean isKey(Table table, List<String> columns) {
    Set<String> wanted = Set.copyOf(columns);
    for (Constraint c : table.constraints().values()) {
      if (c.ownsIndex() && Set.copyOf(c.columns()).equals(wanted) && c.columns().size() == columns.size()) {
        return true;
      }
    }
    for (Index index : table.indexes().values()) {
      if (index.unique() && index.where() == null && index.include().isEmpty()
          && index.elements().stream().allMatch(IndexElement::isColumn)
          && index.elements().size() == columns.size() && Set.copyOf(index.columns()).equals(wanted)) {
        return true;
      }
    }
    return false;
  }

  // ---- tables

  @Override
  public SchemaModel visit(Operation.CreateTable op) {
    QualifiedName name = q(op.name());
    if (model.table(name).isPresent()) {
      if (!op.ifNotExists()) {
        error("table-exists", "table " + show(name) + " already exists at this revision; remove this create-table,"
            + " choose another name, or drop the table first (if-not-exists: true skips it when it exists)");
      }
      return model;
    }
    if (!schemaExists(name) || !nameFree(name, "table")) {
      return model;
    }
    List<String> names = op.columns().stream().map(Column::name).toList();
    Set<String> seen = new HashSet<>();
    for (String column : names) {
      if (!seen.add(column)) {
        error("duplicate-column", "table " + show(name) + " lists column " + column + " twice; remove one");
      }
    }
    List<String> pkColumns = new ArrayList<>();
    op.columns().stream().filter(Column::primaryKey).forEach(c -> pkColumns.add(c.name()));
    String pkName = null;
    if (op.primaryKey() != null) {
      if (!pkColumns.isEmpty()) {
        error("multiple-primary-keys", "table " + show(name) + " has primary-key on column " + pkColumns.get(0)
            + " and a table primary-key; a table has one primary key: keep one of them");
      }
      pkColumns.clear();
      pkColumns.addAll(op.primaryKey().columns());
      pkName = op.primaryKey().name();
    } else if (pkColumns.size() > 1) {
      error("multiple-primary-keys", "table " + show(name) + " marks " + String.join(", ", pkColumns)
          + " each primary-key: true, and PostgreSQL allows one primary key; for a composite key write"
          + " primary-key: [" + String.join(", ", pkColumns) + "] on the table");
    }
    List<TableColumn> columns = new ArrayList<>();
    for (Column column : op.columns()) {
      checkColumn(column, "");
      columns.add(toModel(column, pkColumns.contains(column.name())));
    }
    Table table = new Table(name, columns, Map.of(), Map.of(), op.comment(), op.with());
    Set<String> pending = new HashSet<>();
    var isTaken = taken(name, null, pending);
    // PostgreSQL names checks first (as the table is made), then the indexes of keys, then foreign keys
    List<Constraint> checks = new ArrayList<>();
    for (CheckSpec check : op.checks()) {
      String checkName = check.name() != null ? check.name()
          : ObjectNames.choose(name.name(), checkColumn(check.expression(), names), "check", isTaken);
      pending.add(checkName);
      checks.add(new Constraint.Check(checkName, check.expression(), true));
    }
    List<Constraint> keys = new ArrayList<>();
    if (!pkColumns.isEmpty() && columnsExist(table, pkColumns, "the primary key")) {
      String chosen = pkName != null ? pkName : ObjectNames.choose(name.name(), null, "pkey", isTaken);
      pending.add(chosen);
      keys.add(new Constraint.PrimaryKey(chosen, pkColumns));
    }
    List<KeySpec> uniques = new ArrayList<>();
    op.columns().stream().filter(Column::unique).forEach(c -> uniques.add(new KeySpec(null, List.of(c.name()), false)));
    uniques.addAll(op.unique());
    for (KeySpec unique : uniques) {
      if (columnsExist(table, unique.columns(), "a unique constraint")) {
        String chosen = unique.name() != null ? unique.name()
            : ObjectNames.choose(name.name(), ObjectNames.columnsPart(unique.columns()), "key", isTaken);
        pending.add(chosen);
        keys.add(new Constraint.Unique(chosen, unique.columns(), unique.nullsNotDistinct()));
      }
    }
    List<Constraint> all = new ArrayList<>(keys);
    all.addAll(checks);
    table = table.withConstraints(all);
    List<ForeignKeySpec> fks = new ArrayList<>();
    for (Column column : op.columns()) {
      if (column.references() != null) {
        var ref = column.references();
        fks.add(new ForeignKeySpec(null, List.of(column.name()), ref.table(), List.of(ref.column()), ref.onDelete(),
            ref.onUpdate(), false));
      }
    }
    fks.addAll(op.foreignKeys());
    for (ForeignKeySpec spec : fks) {
      String chosen = spec.name() != null ? spec.name()
          : ObjectNames.choose(name.name(), ObjectNames.columnsPart(spec.columns()), "fkey", isTaken);
      pending.add(chosen);
      Optional<Constraint.ForeignKey> fk = foreignKey(table, spec, chosen, true, table);
      if (fk.isPresent()) {
        table = table.withConstraint(fk.get());
      }
    }
    return model.withTable(table);
  }

  @Override
  public SchemaModel visit(Operation.DropTable op) {
    QualifiedName name = q(op.name());
    Optional<Table> table = model.table(name);
    if (table.isEmpty()) {
      if (!op.ifExists()) {
        table(name);
      }
      return model;
    }
    SchemaModel next = model;
    for (SchemaModel.Referrer referrer : model.referrersOf(name)) {
      if (referrer.table().name().equals(name)) {
        continue;
      }
      if (op.cascade()) {
        // DROP ... CASCADE removes the foreign keys that point at the table, not their tables
        Table other = next.table(referrer.table().name()).orElseThrow();
        next = next.withTable(other.withoutConstraint(referrer.foreignKey().name()));
      } else {
        error("table-still-referenced", "table " + show(name) + " cannot be dropped: foreign key "
            + referrer.foreignKey().name() + " of table " + show(referrer.table().name()) + " references it; drop that"
            + " foreign key (or its table) first, or say cascade: true");
        return model;
      }
    }
    return next.withoutTable(name);
  }

  @Override
  public SchemaModel visit(Operation.RenameTable op) {
    Optional<Table> found = table(op.from());
    if (found.isEmpty()) {
      return model;
    }
    Table table = found.get();
    QualifiedName to = table.name().withName(op.to());
    if (!nameFree(to, "table")) {
      return model;
    }
    SchemaModel next = model.withoutTable(table.name());
    for (SchemaModel.Referrer referrer : model.referrersOf(table.name())) {
      Table other = referrer.table().name().equals(table.name()) ? table
          : next.table(referrer.table().name()).orElseThrow();
      Table updated = other.withConstraint(referrer.foreignKey().withReference(to, referrer.foreignKey().referencedColumns()));
      if (other == table) {
        table = updated;
      } else {
        next = next.withTable(updated);
      }
    }
    next = next.withTable(table.withName(to));
    // ALTER TABLE ... RENAME keeps the table's triggers
    for (Trigger trigger : model.triggersOn(table.name())) {
      next = next.withTrigger(trigger.withTable(to));
    }
    return next;
  }

  // ---- columns

  @Override
  public SchemaModel visit(Operation.AddColumn op) {
    Optional<Table> found = table(op.table());
    if (found.isEmpty()) {
      return model;
    }
    Table table = found.get();
    for (Column column : op.columns()) {
      if (table.hasColumn(column.name())) {
        if (!op.ifNotExists()) {
          error("column-exists", "column " + column.name() + " already exists in table " + show(table.name())
              + " at this revision; remove this add-column, choose another name, or say if-not-exists: true");
        }
        continue;
      }
      checkColumn(column, "");
      boolean pk = column.primaryKey();
      if (pk && table.primaryKey().isPresent()) {
        error("primary-key-exists", "column " + column.name() + " is marked primary-key, but table "
            + show(table.name()) + " already has primary key " + table.primaryKey().get().name()
            + "; drop that constraint first or make this column unique instead");
        pk = false;
      }
      table = table.withColumn(toModel(column, pk));
      var isTaken = taken(table.name(), table, Set.of());
      if (pk) {
        table = table.withConstraint(new Constraint.PrimaryKey(
            ObjectNames.choose(table.name().name(), null, "pkey", isTaken), List.of(column.name())));
      }
      if (column.unique()) {
        table = table.withConstraint(new Constraint.Unique(
            ObjectNames.choose(table.name().name(), column.name(), "key", taken(table.name(), table, Set.of())),
            List.of(column.name()), false));
      }
      if (column.references() != null) {
        var ref = column.references();
        ForeignKeySpec spec = new ForeignKeySpec(null, List.of(column.name()), ref.table(), List.of(ref.column()),
            ref.onDelete(), ref.onUpdate(), false);
        String fkName = ObjectNames.choose(table.name().name(), column.name(), "fkey",
            taken(table.name(), table, Set.of()));
        Optional<Constraint.ForeignKey> fk = foreignKey(table, spec, fkName, true, table);
        if (fk.isPresent()) {
          table = table.withConstraint(fk.get());
        }
      }
    }
    return model.withTable(table);
  }

  @Override
  public SchemaModel visit(Operation.DropColumn op) {
    Optional<Table> found = table(op.table());
    if (found.isEmpty()) {
      return model;
    }
    Table table = found.get();
    if (!table.hasColumn(op.name())) {
      if (!op.ifExists()) {
        column(table, op.name());
      }
      return model;
    }
    SchemaModel next = model;
    for (SchemaModel.Referrer referrer : model.referrersOf(table.name())) {
      Constraint.ForeignKey fk = referrer.foreignKey();
      if (referrer.table().name().equals(table.name()) || !fk.referencedColumns().contains(op.name())) {
        continue;
      }
      if (!op.cascade()) {
        error("column-still-referenced", "column " + op.name() + " of table " + show(table.name())
            + " cannot be dropped: foreign key " + fk.name() + " of table " + show(referrer.table().name())
            + " references it; drop that foreign key first, or say cascade: true");
        return model;
      }
      Table other = next.table(referrer.table().name()).orElseThrow();
      next = next.withTable(other.withoutConstraint(fk.name()));
    }
    for (Trigger trigger : model.triggersOn(table.name())) {
      if (!trigger.updateOf().contains(op.name())) {
        continue;
      }
      // the trigger depends on the column it names in UPDATE OF
      if (!op.cascade()) {
        error("column-still-referenced", "column " + op.name() + " of table " + show(table.name())
            + " cannot be dropped: trigger " + trigger.name() + " fires on updates of it; drop that trigger first,"
            + " or say cascade: true");
        return model;
      }
      next = next.withoutTrigger(trigger.table(), trigger.name());
    }
    return next.withTable(withoutColumn(table, op.name()));
  }

  /**
   * The table without a column and without the constraints and indexes on it, which PostgreSQL
   * drops with the column.
   */
  static Table withoutColumn(Table table, String column) {
    Table next = table.withoutColumn(column);
    for (Constraint constraint : table.constraints().values()) {
      if (involves(constraint, column)) {
        next = next.withoutConstraint(constraint.name());
      }
    }
    for (Index index : table.indexes().values()) {
      if (involves(index, column)) {
        next = next.withoutIndex(index.name());
      }
    }
    return next;
  }

  static boolean involves(Constraint constraint, String column) {
    if (constraint instanceof Constraint.Check check) {
      return SqlText.mentions(check.expression(), column);
    }
    if (constraint instanceof Constraint.ForeignKey fk && fk.referencedColumns().contains(column)
        && fk.columns().contains(column)) {
      return true;
    }
    return constraint.columns().contains(column);
  }

  static boolean involves(Index index, String column) {
    return index.columns().contains(column) || SqlText.mentions(index.where(), column)
        || index.elements().stream().anyMatch(e -> !e.isColumn() && SqlText.mentions(e.expression(), column));
  }

  @Override
  public SchemaModel visit(Operation.AlterColumn op) {
    Optional<Table> found = table(op.table());
    if (found.isEmpty()) {
      return model;
    }
    Table table = found.get();
    Optional<TableColumn> existing = column(table, op.name());
    if (existing.isEmpty()) {
      return model;
    }
    TableColumn column = existing.get();
    if (op.type() != null) {
      checkType(op.type(), op.name());
      column = column.withType(op.type());
    }
    if (op.nullable() != null) {
      if (op.nullable() && table.primaryKey().map(pk -> pk.columns().contains(op.name())).orElse(false)) {
        error("column-in-primary-key", "column " + op.name() + " is part of the primary key of table "
            + show(table.name()) + " and cannot be made nullable; drop the primary key first");
      } else if (op.nullable() && column.identity() != null && op.identity() != Identity.NONE) {
        error("column-is-identity", "column " + op.name() + " is an identity column and cannot be made nullable;"
            + " drop the identity in the same alter-column (identity: none) or keep it not nullable");
      } else {
        column = column.withNullable(op.nullable());
      }
    }
    if (op.dropDefault()) {
      column = column.withDefault(null);
    }
    if (op.defaultValue() != null) {
      checkValue(column.type(), op.defaultValue(), op.name());
      column = column.withDefault(op.defaultValue());
    } else if (op.type() != null && column.defaultValue() != null) {
      checkValue(column.type(), column.defaultValue(), op.name());
    }
    if (op.identity() != null) {
      column = column.withIdentity(op.identity());
    }
    return model.withTable(table.withColumn(column));
  }

  @Override
  public SchemaModel visit(Operation.RenameColumn op) {
    Optional<Table> found = table(op.table());
    if (found.isEmpty()) {
      return model;
    }
    Table table = found.get();
    Optional<TableColumn> column = column(table, op.from());
    if (column.isEmpty()) {
      return model;
    }
    if (table.hasColumn(op.to())) {
      error("name-exists", "column " + op.from() + " cannot be renamed to " + op.to() + ": table " + show(table.name())
          + " already has a column " + op.to() + "; choose another name or drop that column first");
      return model;
    }
    Table renamed = renameColumn(table, op.from(), op.to());
    SchemaModel next = model.withTable(renamed);
    for (Trigger trigger : model.triggersOn(table.name())) {
      if (trigger.updateOf().contains(op.from())) {
        // the trigger keeps the column by number: UPDATE OF follows the rename
        next = next.withTrigger(trigger.withUpdateOf(
            trigger.updateOf().stream().map(c -> c.equals(op.from()) ? op.to() : c).toList()));
      }
    }
    for (SchemaModel.Referrer referrer : next.referrersOf(table.name())) {
      Constraint.ForeignKey fk = referrer.foreignKey();
      if (fk.referencedColumns().contains(op.from())) {
        Table other = next.table(referrer.table().name()).orElseThrow();
        List<String> refs = fk.referencedColumns().stream().map(c -> c.equals(op.from()) ? op.to() : c).toList();
        next = next.withTable(other.withConstraint(fk.withReference(fk.referencedTable(), refs)));
      }
    }
    return next;
  }

  private static Table renameColumn(Table table, String from, String to) {
    Table next = table.withColumnReplaced(from, table.column(from).orElseThrow().withName(to));
    List<Constraint> constraints = new ArrayList<>();
    for (Constraint c : table.constraints().values()) {
      Constraint renamed = c.withColumnRenamed(from, to);
      if (renamed instanceof Constraint.Check check) {
        renamed = new Constraint.Check(check.name(), SqlText.renamed(check.expression(), from, to), check.valid());
      }
      constraints.add(renamed);
    }
    List<Index> indexes = new ArrayList<>();
    for (Index index : table.indexes().values()) {
      Index renamed = index.withColumnRenamed(from, to);
      List<IndexElement> elements = renamed.elements().stream()
          .map(e -> e.isColumn() ? e : new IndexElement(null, SqlText.renamed(e.expression(), from, to), e.order(),
              e.nulls(), e.opclass(), e.collate()))
          .toList();
      indexes.add(new Index(renamed.name(), elements, renamed.unique(), renamed.method(),
          SqlText.renamed(renamed.where(), from, to), renamed.include(), renamed.with()));
    }
    return next.withConstraints(constraints).withIndexes(indexes);
  }

  // ---- indexes

  @Override
  public SchemaModel visit(Operation.CreateIndex op) {
    checkConcurrently(op.concurrently());
    if (op.using() != null && !INDEX_METHODS.contains(op.using())) {
      error("unknown-index-method", "index " + op.name() + " uses method " + op.using() + ", which is not one of "
          + String.join(", ", new java.util.TreeSet<>(INDEX_METHODS)) + "; choose one of them");
    }
    QualifiedName tableName = q(op.table());
    Optional<View> view = model.view(tableName);
    if (view.isPresent() && view.get().materialized()) {
      // an index on a materialized view: the model does not follow those
      return model;
    }
    Optional<Table> found = table(tableName);
    if (found.isEmpty()) {
      return model;
    }
    Table table = found.get();
    QualifiedName indexName = table.name().withName(op.name());
    Optional<Relation> holder = model.relation(indexName);
    if (holder.isPresent()) {
      if (!op.ifNotExists()) {
        error(holder.get().kind() == Relation.Kind.INDEX ? "index-exists" : "name-exists", "index " + op.name()
            + " cannot be made: a " + holder.get().kind().noun() + " of that name already exists in schema "
            + indexName.schema() + "; choose another name, drop it first, or say if-not-exists: true");
      }
      return model;
    }
    List<String> columns = op.columns().stream().filter(IndexElement::isColumn).map(IndexElement::column).toList();
    boolean ok = columnsExist(table, columns, "index " + op.name());
    ok &= columnsExist(table, op.include(), "index " + op.name());
    if (!ok) {
      return model;
    }
    Index index = new Index(op.name(), op.columns(), op.unique(), op.using(), op.where(), op.include(), op.with());
    return model.withTable(table.withIndex(index));
  }

  @Override
  public SchemaModel visit(Operation.DropIndex op) {
    checkConcurrently(op.concurrently());
    Optional<Relation> holder = model.relation(op.name());
    if (holder.isEmpty() || holder.get().kind() != Relation.Kind.INDEX) {
      if (holder.isPresent() && holder.get().kind() == Relation.Kind.CONSTRAINT_INDEX) {
        error("index-backs-constraint", "index " + show(q(op.name())) + " belongs to a constraint of table "
            + show(holder.get().table()) + "; PostgreSQL will not drop it alone: use drop-constraint");
      } else if (holder.isPresent()) {
        error("missing-index", show(q(op.name())) + " is a " + holder.get().kind().noun() + ", not an index;"
            + " use the drop operation for a " + holder.get().kind().noun());
      } else if (!op.ifExists()) {
        missing(op.name().name(), "missing-index", "index " + show(q(op.name())) + " does not exist at this revision;"
            + " correct the name (an index lives in its table's schema) or say if-exists: true");
      }
      return model;
    }
    Table table = model.tableOfIndex(op.name()).orElseThrow();
    return model.withTable(table.withoutIndex(q(op.name()).name()));
  }

  @Override
  public SchemaModel visit(Operation.RenameIndex op) {
    Optional<Relation> holder = model.relation(op.from());
    QualifiedName to = q(op.from()).withName(op.to());
    if (holder.isEmpty() || (holder.get().kind() != Relation.Kind.INDEX
        && holder.get().kind() != Relation.Kind.CONSTRAINT_INDEX)) {
      missing(op.from().name(), "missing-index", "index " + show(q(op.from())) + " does not exist at this revision; correct the name");
      return model;
    }
    if (!nameFree(to, "index")) {
      return model;
    }
    Table table = model.table(holder.get().table()).orElseThrow();
    String from = q(op.from()).name();
    if (holder.get().kind() == Relation.Kind.CONSTRAINT_INDEX) {
      // renaming the index of a key renames the constraint too
      return model.withTable(renameConstraint(table, from, op.to()));
    }
    List<Index> indexes = table.indexes().values().stream()
        .map(i -> i.name().equals(from) ? i.withName(op.to()) : i).toList();
    return model.withTable(table.withIndexes(indexes));
  }

  private static Table renameConstraint(Table table, String from, String to) {
    return table.withConstraints(table.constraints().values().stream()
        .map(c -> c.name().equals(from) ? c.withName(to) : c).toList());
  }

  // ---- constraints

  /** An index the author named in using-index, checked to be a plain unique index of the table. */
  private Optional<Index> usingIndex(Table table, String indexName) {
    Optional<Index> index = table.index(indexName);
    if (index.isEmpty()) {
      missing(indexName, "missing-index", key() + " uses index " + indexName + ", which table " + show(table.name())
          + " does not have at this revision; create it first (create-index with unique: true)");
      return Optional.empty();
    }
    Index found = index.get();
    if (!found.unique() || found.where() != null || !found.elements().stream().allMatch(IndexElement::isColumn)) {
      error("index-not-usable", key() + " uses index " + indexName + ", which is not a plain unique index on columns;"
          + " PostgreSQL needs unique: true, no where, and columns only");
      return Optional.empty();
    }
    return index;
  }

  /** The table a new key goes on and its columns (those of the index it takes over, if any). */
  private record KeyTarget(Table table, List<String> columns) {}

  /**
   * The columns of a new primary key or unique constraint: the named ones, or with
   * {@code using-index} those of that index, which then stops being a plain index.
   */
  private Optional<KeyTarget> keyTarget(Table table, List<String> columns, String usingIndexName, String what) {
    Table target = table;
    List<String> keyColumns = columns;
    if (usingIndexName != null) {
      Optional<Index> index = usingIndex(table, usingIndexName);
      if (index.isEmpty()) {
        return Optional.empty();
      }
      keyColumns = index.get().columns();
      target = table.withoutIndex(usingIndexName);
    }
    return columnsExist(target, keyColumns, what) ? Optional.of(new KeyTarget(target, keyColumns)) : Optional.empty();
  }

  private boolean constraintNameFree(Table table, String name) {
    if (table.constraint(name).isPresent()) {
      error("constraint-exists", "table " + show(table.name()) + " already has a constraint named " + name
          + "; choose another name or drop that constraint first");
      return false;
    }
    return true;
  }

  @Override
  public SchemaModel visit(Operation.AddPrimaryKey op) {
    Optional<Table> found = table(op.table());
    if (found.isEmpty()) {
      return model;
    }
    Table table = found.get();
    if (table.primaryKey().isPresent()) {
      error("primary-key-exists", "table " + show(table.name()) + " already has primary key "
          + table.primaryKey().get().name() + "; drop it first (drop-constraint) or add a unique constraint instead");
      return model;
    }
    Optional<KeyTarget> target = keyTarget(table, op.columns(), op.usingIndex(), "the primary key");
    if (target.isEmpty()) {
      return model;
    }
    table = target.get().table();
    List<String> columns = target.get().columns();
    // ADD ... USING INDEX renames the index to the constraint's name; without a name, the constraint takes the index's
    String name = op.name() != null ? op.name() : op.usingIndex() != null ? op.usingIndex()
        : ObjectNames.choose(table.name().name(), null, "pkey", taken(table.name(), table, Set.of()));
    if (!constraintNameFree(table, name)) {
      return model;
    }
    for (String column : columns) {
      table = table.withColumn(table.column(column).orElseThrow().withNullable(false));
    }
    return model.withTable(table.withConstraint(new Constraint.PrimaryKey(name, columns)));
  }

  @Override
  public SchemaModel visit(Operation.AddForeignKey op) {
    Optional<Table> found = table(op.table());
    if (found.isEmpty()) {
      return model;
    }
    Table table = found.get();
    ForeignKeySpec spec = op.key();
    String name = spec.name() != null ? spec.name()
        : ObjectNames.choose(table.name().name(), ObjectNames.columnsPart(spec.columns()), "fkey",
            taken(table.name(), table, Set.of()));
    if (!constraintNameFree(table, name)) {
      return model;
    }
    Optional<Constraint.ForeignKey> fk = foreignKey(table, spec, name, !op.notValid(), table);
    return fk.map(k -> model.withTable(table.withConstraint(k))).orElse(model);
  }

  @Override
  public SchemaModel visit(Operation.AddUniqueConstraint op) {
    Optional<Table> found = table(op.table());
    if (found.isEmpty()) {
      return model;
    }
    Table table = found.get();
    Optional<KeyTarget> target = keyTarget(table, op.columns(), op.usingIndex(), "the unique constraint");
    if (target.isEmpty()) {
      return model;
    }
    table = target.get().table();
    List<String> columns = target.get().columns();
    String name = op.name() != null ? op.name() : op.usingIndex() != null ? op.usingIndex()
        : ObjectNames.choose(table.name().name(), ObjectNames.columnsPart(columns), "key",
            taken(table.name(), table, Set.of()));
    if (!constraintNameFree(table, name)) {
      return model;
    }
    if (op.usingIndex() == null && !nameFree(table.name().withName(name), "the index of unique constraint")) {
      return model;
    }
    return model.withTable(table.withConstraint(new Constraint.Unique(name, columns, op.nullsNotDistinct())));
  }

  @Override
  public SchemaModel visit(Operation.AddCheckConstraint op) {
    Optional<Table> found = table(op.table());
    if (found.isEmpty()) {
      return model;
    }
    Table table = found.get();
    if (!constraintNameFree(table, op.name())) {
      return model;
    }
    return model.withTable(table.withConstraint(new Constraint.Check(op.name(), op.expression(), !op.notValid())));
  }

  @Override
  public SchemaModel visit(Operation.DropConstraint op) {
    Optional<Table> found = table(op.table());
    if (found.isEmpty()) {
      return model;
    }
    Table table = found.get();
    Optional<Constraint> constraint = table.constraint(op.name());
    if (constraint.isEmpty()) {
      if (!op.ifExists()) {
        missing(op.name(), "missing-constraint", "table " + show(table.name()) + " has no constraint " + op.name()
            + " at this revision" + knownConstraints(table) + "; correct the name or say if-exists: true");
      }
      return model;
    }
    SchemaModel next = model;
    if (constraint.get().ownsIndex()) {
      Set<String> keyColumns = Set.copyOf(constraint.get().columns());
      for (SchemaModel.Referrer referrer : model.referrersOf(table.name())) {
        Constraint.ForeignKey fk = referrer.foreignKey();
        if (!Set.copyOf(fk.referencedColumns()).equals(keyColumns) || referrer.table().name().equals(table.name())) {
          continue;
        }
        if (!op.cascade()) {
          error("constraint-still-referenced", "constraint " + op.name() + " of table " + show(table.name())
              + " cannot be dropped: foreign key " + fk.name() + " of table " + show(referrer.table().name())
              + " depends on it; drop that foreign key first, or say cascade: true");
          return model;
        }
        Table other = next.table(referrer.table().name()).orElseThrow();
        next = next.withTable(other.withoutConstraint(fk.name()));
      }
    }
    Table current = next.table(table.name()).orElseThrow();
    return next.withTable(current.withoutConstraint(op.name()));
  }

  /** The table's constraint of this name, or empty with a diagnostic. */
  private Optional<Constraint> constraint(Table table, String name) {
    Optional<Constraint> found = table.constraint(name);
    if (found.isEmpty()) {
      missing(name, "missing-constraint", "table " + show(table.name()) + " has no constraint " + name
          + " at this revision" + knownConstraints(table) + "; correct the name");
    }
    return found;
  }

  private static String knownConstraints(Table table) {
    return table.constraints().isEmpty() ? " (it has none)"
        : " (it has " + String.join(", ", table.constraints().keySet()) + ")";
  }

  @Override
  public SchemaModel visit(Operation.RenameConstraint op) {
    Optional<Table> found = table(op.table());
    if (found.isEmpty()) {
      return model;
    }
    Table table = found.get();
    Optional<Constraint> constraint = constraint(table, op.from());
    if (constraint.isEmpty()) {
      return model;
    }
    if (table.constraint(op.to()).isPresent()) {
      error("name-exists", "constraint " + op.from() + " cannot be renamed to " + op.to() + ": table "
          + show(table.name()) + " already has a constraint of that name; choose another name");
      return model;
    }
    if (constraint.get().ownsIndex() && !nameFree(table.name().withName(op.to()), "the index of constraint")) {
      return model;
    }
    return model.withTable(renameConstraint(table, op.from(), op.to()));
  }

  @Override
  public SchemaModel visit(Operation.ValidateConstraint op) {
    Optional<Table> found = table(op.table());
    if (found.isEmpty()) {
      return model;
    }
    Table table = found.get();
    Optional<Constraint> constraint = constraint(table, op.name());
    if (constraint.isEmpty()) {
      return model;
    }
    if (constraint.get() instanceof Constraint.ForeignKey fk) {
      return model.withTable(table.withConstraint(fk.validated()));
    }
    if (constraint.get() instanceof Constraint.Check check) {
      return model.withTable(table.withConstraint(check.validated()));
    }
    error("constraint-kind", "constraint " + op.name() + " of table " + show(table.name()) + " is a "
        + (constraint.get() instanceof Constraint.PrimaryKey ? "primary key" : "unique constraint")
        + ", which is always valid; only foreign keys and checks added with not-valid: true need validate-constraint");
    return model;
  }

  // ---- enums

  private Optional<EnumType> enumType(QualifiedName name) {
    Optional<EnumType> found = model.enumType(name);
    if (found.isEmpty()) {
      missing(name.name(), "missing-enum", key() + " names enum " + show(q(name)) + ", which does not exist at this revision;"
          + " create it with create-enum first, declare it in existing-types, or correct the name");
    }
    return found;
  }

  /** PostgreSQL refuses an enum label over NAMEDATALEN - 1 bytes ("Labels must be 63 bytes or less"), never cutting it. */
  private void checkEnumLabel(String label) {
    int bytes = label.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    if (bytes > ObjectNames.MAX_BYTES) {
      error("enum-label-too-long", "enum value '" + label + "' has " + bytes + " bytes; PostgreSQL refuses enum values"
          + " longer than " + ObjectNames.MAX_BYTES + " bytes (it does not cut them as it cuts names); shorten it");
    }
  }

  @Override
  public SchemaModel visit(Operation.CreateEnum op) {
    QualifiedName name = q(op.name());
    if (model.enumType(name).isPresent()) {
      error("enum-exists", "enum " + show(name) + " already exists at this revision (created earlier or declared"
          + " in existing-types); remove this create-enum or choose another name");
      return model;
    }
    if (!schemaExists(name)) {
      return model;
    }
    Set<String> seen = new HashSet<>();
    for (String value : op.values()) {
      checkEnumLabel(value);
      if (!seen.add(value)) {
        error("duplicate-enum-value", "enum " + show(name) + " lists '" + value + "' twice; remove one");
      }
    }
    return model.withEnum(new EnumType(name, new ArrayList<>(new java.util.LinkedHashSet<>(op.values()))));
  }

  @Override
  public SchemaModel visit(Operation.AddEnumValue op) {
    Optional<EnumType> found = enumType(op.enumName());
    if (found.isEmpty()) {
      return model;
    }
    EnumType type = found.get();
    checkEnumLabel(op.value());
    if (type.values().contains(op.value())) {
      if (!op.ifNotExists()) {
        error("enum-value-exists", "enum " + show(q(type.name())) + " already has the value '" + op.value()
            + "'; remove this add-enum-value or say if-not-exists: true");
      }
      return model;
    }
    List<String> values = new ArrayList<>(type.values());
    String anchor = op.before() != null ? op.before() : op.after();
    int at = values.size();
    if (anchor != null) {
      int i = values.indexOf(anchor);
      if (i < 0) {
        error("missing-enum-value", "add-enum-value puts '" + op.value() + "' " + (op.before() != null ? "before" : "after")
            + " '" + anchor + "', which is not a value of enum " + show(q(type.name())) + " ("
            + String.join(", ", type.values()) + "); name one of its values");
        return model;
      }
      at = op.before() != null ? i : i + 1;
    }
    values.add(at, op.value());
    return model.withEnum(new EnumType(type.name(), values));
  }

  @Override
  public SchemaModel visit(Operation.RenameEnumValue op) {
    Optional<EnumType> found = enumType(op.enumName());
    if (found.isEmpty()) {
      return model;
    }
    EnumType type = found.get();
    if (!type.values().contains(op.from())) {
      error("missing-enum-value", "enum " + show(q(type.name())) + " has no value '" + op.from() + "' ("
          + String.join(", ", type.values()) + "); name one of its values");
      return model;
    }
    checkEnumLabel(op.to());
    if (type.values().contains(op.to())) {
      error("enum-value-exists", "enum " + show(q(type.name())) + " already has the value '" + op.to()
          + "'; choose another new name");
      return model;
    }
    return model.withEnum(new EnumType(type.name(),
        type.values().stream().map(v -> v.equals(op.from()) ? op.to() : v).toList()));
  }

  @Override
  public SchemaModel visit(Operation.DropEnum op) {
    QualifiedName name = q(op.name());
    if (model.enumType(name).isEmpty()) {
      if (!op.ifExists()) {
        enumType(name);
      }
      return model;
    }
    for (Table table : model.tables()) {
      for (TableColumn column : table.columns()) {
        if (!column.type().builtin() && q(column.type().name()).equals(name)) {
          error("enum-still-used", "enum " + show(name) + " cannot be dropped: column " + column.name() + " of table "
              + show(table.name()) + " has that type; change or drop that column first");
          return model;
        }
      }
    }
    return model.withoutEnum(name);
  }

  // ---- schemas, sequences, views, extensions

  @Override
  public SchemaModel visit(Operation.CreateSchema op) {
    if (model.hasSchema(op.name())) {
      if (!op.ifNotExists()) {
        error("schema-exists", "schema " + op.name() + " already exists at this revision; remove this create-schema"
            + " or say if-not-exists: true");
      }
      return model;
    }
    return model.withSchema(op.name());
  }

  @Override
  public SchemaModel visit(Operation.DropSchema op) {
    if (!model.hasSchema(op.name())) {
      if (!op.ifExists()) {
        missing(op.name(), "missing-schema", "schema " + op.name() + " does not exist at this revision; correct the name or say"
            + " if-exists: true");
      }
      return model;
    }
    List<String> inside = new ArrayList<>();
    model.tables().stream().filter(t -> t.name().schema().equals(op.name())).forEach(t -> inside.add("table " + t.name()));
    model.enums().stream().filter(e -> op.name().equals(q(e.name()).schema())).forEach(e -> inside.add("enum " + e.name()));
    model.sequences().stream().filter(s -> op.name().equals(q(s.name()).schema()))
        .forEach(s -> inside.add("sequence " + s.name()));
    model.views().stream().filter(v -> op.name().equals(q(v.name()).schema())).forEach(v -> inside.add("view " + v.name()));
    model.routines().stream().filter(r -> op.name().equals(r.name().schema()))
        .forEach(r -> inside.add(r.noun() + " " + model.signature(r.name(), r.inputTypes())));
    if (inside.isEmpty()) {
      return model.withoutSchema(op.name());
    }
    if (!op.cascade()) {
      error("schema-not-empty", "schema " + op.name() + " cannot be dropped: it still holds "
          + String.join(", ", inside) + "; drop those first, or say cascade: true");
      return model;
    }
    SchemaModel next = model;
    for (Table table : model.tables()) {
      if (table.name().schema().equals(op.name())) {
        next = next.withoutTable(table.name());
      }
    }
    for (EnumType type : model.enums()) {
      if (op.name().equals(q(type.name()).schema())) {
        next = next.withoutEnum(type.name());
      }
    }
    for (Sequence sequence : model.sequences()) {
      if (op.name().equals(q(sequence.name()).schema())) {
        next = next.withoutSequence(sequence.name());
      }
    }
    for (View view : model.views()) {
      if (op.name().equals(q(view.name()).schema())) {
        next = next.withoutView(view.name());
      }
    }
    for (Routine routine : model.routines()) {
      if (op.name().equals(routine.name().schema())) {
        next = dropRoutine(next, routine);
      }
    }
    return next.withoutSchema(op.name());
  }

  @Override
  public SchemaModel visit(Operation.CreateSequence op) {
    QualifiedName name = q(op.name());
    if (!schemaExists(name) || !nameFree(name, "sequence")) {
      return model;
    }
    if (op.ownedBy() != null) {
      int dot = op.ownedBy().lastIndexOf('.');
      if (dot <= 0) {
        error("owned-by", "owned-by of sequence " + show(name) + " is '" + op.ownedBy()
            + "'; write it as table.column");
      } else {
        table(QualifiedName.parse(op.ownedBy().substring(0, dot)))
            .ifPresent(t -> column(t, op.ownedBy().substring(dot + 1)));
      }
    }
    return model.withSequence(Sequence.of(name, op.start(), op.increment(), op.min(), op.max(), op.cycle(),
        op.ownedBy()));
  }

  @Override
  public SchemaModel visit(Operation.DropSequence op) {
    QualifiedName name = q(op.name());
    if (model.sequence(name).isEmpty()) {
      if (!op.ifExists()) {
        missing(name.name(), "missing-sequence", "sequence " + show(name) + " does not exist at this revision; correct the name or"
            + " say if-exists: true");
      }
      return model;
    }
    return model.withoutSequence(name);
  }

  @Override
  public SchemaModel visit(Operation.CreateView op) {
    QualifiedName name = q(op.name());
    Optional<View> existing = model.view(name);
    if (existing.isPresent() && op.orReplace() && existing.get().materialized() == op.materialized()) {
      return model.withView(new View(name, op.query(), op.materialized()));
    }
    if (!schemaExists(name) || !nameFree(name, op.materialized() ? "materialized view" : "view")) {
      return model;
    }
    return model.withView(new View(name, op.query(), op.materialized()));
  }

  @Override
  public SchemaModel visit(Operation.DropView op) {
    QualifiedName name = q(op.name());
    Optional<View> view = model.view(name);
    if (view.isEmpty()) {
      if (!op.ifExists()) {
        missing(name.name(), "missing-view", "view " + show(name) + " does not exist at this revision; correct the name or say"
            + " if-exists: true");
      }
      return model;
    }
    if (view.get().materialized() != op.materialized()) {
      error("view-kind", show(name) + " is " + (view.get().materialized() ? "a materialized view; say materialized: true"
          : "a plain view; remove materialized: true"));
      return model;
    }
    return model.withoutView(name);
  }

  @Override
  public SchemaModel visit(Operation.RefreshMaterializedView op) {
    checkConcurrently(op.concurrently());
    Optional<View> view = model.view(op.name());
    if (view.isEmpty() || !view.get().materialized()) {
      missing(op.name().name(), "missing-view", "materialized view " + show(q(op.name())) + " does not exist at this revision;"
          + " correct the name");
    }
    return model;
  }

  @Override
  public SchemaModel visit(Operation.CreateExtension op) {
    if (model.extension(op.name()).isPresent()) {
      if (!op.ifNotExists()) {
        error("extension-exists", "extension " + op.name() + " is already created at this revision; remove this"
            + " create-extension or say if-not-exists: true");
      }
      return model;
    }
    if (op.schema() != null && !model.hasSchema(op.schema())) {
      missing(op.schema(), "missing-schema", "create-extension puts " + op.name() + " in schema " + op.schema()
          + ", which does not exist at this revision; add a create-schema before it");
      return model;
    }
    return model.withExtension(new Extension(op.name(), op.schema()));
  }

  @Override
  public SchemaModel visit(Operation.DropExtension op) {
    Optional<Extension> extension = model.extension(op.name());
    if (extension.isEmpty()) {
      if (!op.ifExists()) {
        missing(op.name(), "missing-extension", "extension " + op.name() + " is not created at this revision; correct the name"
            + " or say if-exists: true");
      }
      return model;
    }
    for (Table table : model.tables()) {
      for (TableColumn column : table.columns()) {
        if (!column.type().builtin() && model.enumType(column.type().name()).isEmpty()
            && extension.get().types().contains(column.type().name().name())) {
          error("extension-still-used", "extension " + op.name() + " cannot be dropped: column " + column.name()
              + " of table " + show(table.name()) + " has its type " + column.type().name().name()
              + "; change or drop that column first");
          return model;
        }
      }
    }
    return model.withoutExtension(op.name());
  }

  // ---- functions, procedures and triggers

  @Override
  public SchemaModel visit(Operation.CreateFunction op) {
    return createRoutine(op.definition(), op.orReplace());
  }

  @Override
  public SchemaModel visit(Operation.CreateProcedure op) {
    return createRoutine(op.definition(), op.orReplace());
  }

  @Override
  public SchemaModel visit(Operation.DropFunction op) {
    return dropRoutine(op.name(), op.argumentTypes(), op.ifExists(), op.cascade(), false);
  }

  @Override
  public SchemaModel visit(Operation.DropProcedure op) {
    return dropRoutine(op.name(), op.argumentTypes(), op.ifExists(), op.cascade(), true);
  }

  private SchemaModel createRoutine(Routine routine, boolean orReplace) {
    QualifiedName name = q(routine.name());
    if (!schemaExists(name)) {
      return model;
    }
    String signature = model.signature(name, routine.inputTypes());
    Optional<Routine> existing = model.routine(name, routine.inputTypes());
    if (existing.isPresent()) {
      Routine old = existing.get();
      if (!orReplace) {
        error("routine-exists", old.noun() + " " + show(signature) + " already exists at this revision; say or-replace:"
            + " true to replace it, or drop it first");
        return model;
      }
      if (old.procedure() != routine.procedure()) {
        error("routine-exists", show(signature) + " is a " + old.noun() + "; or-replace cannot make it a "
            + routine.noun() + ": drop it first");
        return model;
      }
      if (!routine.procedure() && !old.returns().equals(routine.returns())) {
        // CREATE OR REPLACE FUNCTION refuses: "cannot change return type of existing function"
        error("return-type-change", "function " + show(signature) + " returns " + returns(old.returns())
            + "; PostgreSQL cannot change a function's result with or-replace; drop-function it first, then"
            + " create it again");
        return model;
      }
    }
    for (Routine.Argument argument : routine.arguments()) {
      if (argument.defaultValue() == null) {
        continue;
      }
      if (argument.mode() == Routine.Mode.OUT) {
        error("invalid-argument", "argument " + argumentName(argument) + " of " + show(signature) + " is out and"
            + " cannot have a default; remove the default");
      }
    }
    return model.withRoutine(routine.withName(name));
  }

  private static String argumentName(Routine.Argument argument) {
    return argument.name() == null ? "of type " + argument.type() : argument.name();
  }

  private static String returns(Routine.Returns returns) {
    if (returns.type() == null) {
      return "table (" + String.join(", ", returns.table().stream().map(c -> c.name() + " " + c.type()).toList()) + ")";
    }
    return (returns.setOf() ? "setof " : "") + returns.type();
  }

  private String show(String signature) {
    String prefix = model.defaultSchema() + ".";
    return signature.startsWith(prefix) ? signature.substring(prefix.length()) : signature;
  }

  private SchemaModel dropRoutine(QualifiedName name, List<ColumnType> types, boolean ifExists, boolean cascade,
      boolean procedure) {
    String noun = procedure ? "procedure" : "function";
    Optional<Routine> found;
    if (types != null) {
      found = model.routine(name, types);
    } else {
      List<Routine> overloads = model.routines(name);
      if (overloads.size() > 1) {
        error("ambiguous-routine", noun + " " + show(q(name)) + " has " + overloads.size() + " overloads ("
            + String.join(", ", overloads.stream().map(r -> show(model.signature(r.name(), r.inputTypes()))).toList())
            + "); say which with arguments: [types]");
        return model;
      }
      found = overloads.stream().findFirst();
    }
    String shown = types == null ? show(q(name)) : show(model.signature(name, types));
    if (found.isEmpty()) {
      if (!ifExists) {
        missing(name.name(), "missing-routine", noun + " " + shown + " does not exist at this revision;"
            + " correct the name or the argument types, or say if-exists: true");
      }
      return model;
    }
    Routine routine = found.get();
    if (routine.procedure() != procedure) {
      error("routine-kind", shown + " is a " + routine.noun() + "; write drop-" + routine.noun() + " instead");
      return model;
    }
    List<Trigger> users = routine.inputTypes().isEmpty() ? model.triggersCalling(routine.name()) : List.of();
    if (!users.isEmpty() && !cascade) {
      error("function-still-used", "function " + shown + " cannot be dropped: trigger "
          + String.join(", ", users.stream().map(t -> t.name() + " on " + show(t.table())).toList())
          + " calls it; drop the trigger first, or say cascade: true");
      return model;
    }
    return dropRoutine(model, routine);
  }

  /** Without the routine and, as DROP ... CASCADE does, the triggers that call it. */
  private static SchemaModel dropRoutine(SchemaModel from, Routine routine) {
    SchemaModel next = from;
    if (routine.inputTypes().isEmpty()) {
      for (Trigger trigger : from.triggersCalling(routine.name())) {
        next = next.withoutTrigger(trigger.table(), trigger.name());
      }
    }
    return next.withoutRoutine(routine);
  }

  @Override
  public SchemaModel visit(Operation.CreateTrigger op) {
    Trigger trigger = op.definition();
    QualifiedName on = q(trigger.table());
    String what = "trigger " + trigger.name() + " on " + show(on);
    Optional<Table> table = model.table(on);
    Optional<View> view = model.view(on);
    if (table.isEmpty() && view.isEmpty()) {
      missing(on.name(), "missing-table", key() + " names table " + show(on) + ", which does not exist at this revision;"
          + " create it in an earlier revision or correct the name");
      return model;
    }
    if (model.trigger(on, trigger.name()).isPresent()) {
      error("name-exists", what + " already exists at this revision; choose another name or drop it first");
      return model;
    }
    if (trigger.timing() == Trigger.Timing.INSTEAD_OF) {
      if (view.isEmpty() || view.get().materialized() || !trigger.forEachRow()) {
        error("invalid-trigger", what + ": instead-of triggers are for views, for each row; use before or after on a"
            + " table");
        return model;
      }
      if (trigger.when() != null || !trigger.updateOf().isEmpty()) {
        error("invalid-trigger", what + ": an instead-of trigger takes neither when nor update-of; remove them");
        return model;
      }
    } else if (table.isEmpty() && (trigger.forEachRow() || view.get().materialized())) {
      error("invalid-trigger", what + ": " + show(on) + " is a view, which takes only instead-of row triggers and"
          + " before/after statement triggers");
      return model;
    }
    if (trigger.forEachRow() && trigger.events().contains(Trigger.Event.TRUNCATE)) {
      error("invalid-trigger", what + ": truncate triggers fire for each statement only; say for-each: statement or"
          + " remove truncate");
      return model;
    }
    if (table.isPresent() && !columnsExist(table.get(), trigger.updateOf(), what + " (update-of)")) {
      return model;
    }
    QualifiedName function = q(trigger.function());
    Optional<Routine> routine = model.routine(function, List.of());
    if (routine.isEmpty()) {
      missing(function.name(), "missing-routine", what + " calls function " + show(function) + "(), which does not exist"
          + " at this revision; create it (returns: trigger) in an earlier operation or correct the name");
      return model;
    }
    if (routine.get().procedure() || !routine.get().returns().isTrigger()) {
      error("not-a-trigger-function", what + " calls " + show(function) + "(), which "
          + (routine.get().procedure() ? "is a procedure" : "returns " + returns(routine.get().returns()))
          + "; a trigger's function must be a function with returns: trigger");
      return model;
    }
    return model.withTrigger(trigger.withTable(on).withFunction(function));
  }

  @Override
  public SchemaModel visit(Operation.DropTrigger op) {
    QualifiedName on = q(op.table());
    if (model.trigger(on, op.name()).isEmpty()) {
      if (!op.ifExists()) {
        missing(op.name(), "missing-trigger", "trigger " + op.name() + " on " + show(on) + " does not exist at this"
            + " revision; correct the name or the table, or say if-exists: true");
      }
      return model;
    }
    return model.withoutTrigger(on, op.name());
  }

  // ---- comments and data

  @Override
  public SchemaModel visit(Operation.Comment op) {
    Optional<Table> found = table(op.table());
    if (found.isEmpty()) {
      return model;
    }
    Table table = found.get();
    if (op.column() == null) {
      return model.withTable(table.withComment(op.text()));
    }
    return column(table, op.column()).map(c -> model.withTable(table.withColumn(c.withComment(op.text()))))
        .orElse(model);
  }

  private void checkRow(Table table, Map<String, Value> row) {
    for (Map.Entry<String, Value> cell : row.entrySet()) {
      column(table, cell.getKey()).ifPresent(c -> checkValue(c.type(), cell.getValue(), c.name()));
    }
  }

  @Override
  public SchemaModel visit(Operation.Insert op) {
    table(op.table()).ifPresent(t -> op.rows().forEach(row -> checkRow(t, row)));
    return model;
  }

  @Override
  public SchemaModel visit(Operation.Update op) {
    table(op.table()).ifPresent(t -> checkRow(t, new LinkedHashMap<>(op.set())));
    return model;
  }

  @Override
  public SchemaModel visit(Operation.Delete op) {
    table(op.table());
    return model;
  }

  @Override
  public SchemaModel visit(Operation.Sql op) {
    // opaque: the model keeps what it knows and from here on tolerates, as warnings, references to
    // the objects this SQL names (it may have made them), and only those
    return model.asOpaque(SqlText.identifiers(op.up()));
  }
}
