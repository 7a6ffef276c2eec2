package dev.migrate.changelog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A schema change, as data: one record per changelog key ({@code create-table} is
 * {@link CreateTable}). Records hold what the author wrote after placeholders and type
 * normalization, and nothing of where it was written, so a YAML and an XML spelling of one
 * revision are equal. Code that must handle every kind implements {@link Visitor}, so a new
 * operation fails to compile until the renderer, replay, reversal and lint handle it.
 */
public sealed interface Operation {

  OperationKind kind();

  <R> R accept(Visitor<R> visitor);

  /** One method per operation kind. */
  interface Visitor<R> {
    R visit(CreateTable op);

    R visit(DropTable op);

    R visit(RenameTable op);

    R visit(AddColumn op);

    R visit(DropColumn op);

    R visit(AlterColumn op);

    R visit(RenameColumn op);

    R visit(CreateIndex op);

    R visit(DropIndex op);

    R visit(RenameIndex op);

    R visit(AddPrimaryKey op);

    R visit(AddForeignKey op);

    R visit(AddUniqueConstraint op);

    R visit(AddCheckConstraint op);

    R visit(DropConstraint op);

    R visit(RenameConstraint op);

    R visit(ValidateConstraint op);

    R visit(CreateEnum op);

    R visit(AddEnumValue op);

    R visit(RenameEnumValue op);

    R visit(DropEnum op);

    R visit(CreateSchema op);

    R visit(DropSchema op);

    R visit(CreateSequence op);

    R visit(DropSequence op);

    R visit(CreateView op);

    R visit(DropView op);

    R visit(RefreshMaterializedView op);

    R visit(CreateExtension op);

    R visit(DropExtension op);

    R visit(CreateFunction op);

    R visit(DropFunction op);

    R visit(CreateProcedure op);

    R visit(DropProcedure op);

    R visit(CreateTrigger op);

    R visit(DropTrigger op);

    R visit(Comment op);

    R visit(Insert op);

    R visit(Update op);

    R visit(Delete op);

    R visit(Sql op);
  }

  /** A new table with its columns and table constraints; {@code primaryKey} may be null. */
  record CreateTable(QualifiedName name, List<Column> columns, KeySpec primaryKey, List<KeySpec> unique, List<ForeignKeySpec> foreignKeys, List<CheckSpec> checks, boolean ifNotExists, String comment, Map<String, String> with) implements Operation {

    public CreateTable {
      Objects.requireNonNull(name, "name");
      columns = List.copyOf(columns);
      unique = List.copyOf(unique);
      foreignKeys = List.copyOf(foreignKeys);
      checks = List.copyOf(checks);
      with = orderedCopy(with);
    }

    @Override
    public OperationKind kind() {
      return OperationKind.CREATE_TABLE;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visit(this);
    }
  }

  /** DROP TABLE. */
  record DropTable(QualifiedName name, boolean ifExists, boolean cascade) implements Operation {

    public DropTable {
      Objects.requireNonNull(name, "name");
    }

    @Override
    public OperationKind kind() {
      return OperationKind.DROP_TABLE;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visit(this);
    }
  }

  /** ALTER TABLE ... RENAME TO; the table stays in its schema. */
  record RenameTable(QualifiedName from, String to) implements Operation {

    public RenameTable {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
    }

    @Override
    public OperationKind kind() {
      return OperationKind.RENAME_TABLE;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visit(this);
    }
  }

  /** One or more new columns (the changelog's {@code column} or {@code columns}). */
  record AddColumn(QualifiedName table, List<Column> columns, boolean ifNotExists) implements Operation {

    public AddColumn {
      Objects.requireNonNull(table, "table");
      columns = List.copyOf(columns);
    }

    @Override
    public OperationKind kind() {
      return OperationKind.ADD_COLUMN;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visit(this);
    }
  }

  /** ALTER TABLE ... DROP COLUMN. */
  record DropColumn(QualifiedName table, String name, boolean ifExists, boolean cascade) implements Operation {

    public DropColumn {
      Objects.requireNonNull(table, "table");
      Objects.requireNonNull(name, "name");
    }

    @Override
    public OperationKind kind() {
      return OperationKind.DROP_COLUMN;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visit(this);
    }
  }

  /** Changes to one column; every null argument leaves that aspect as it is. */
  record AlterColumn(QualifiedName table, String name, ColumnType type, String using, Boolean nullable, Value defaultValue, boolean dropDefault, Identity identity) implements Operation {

    public AlterColumn {
      Objects.requireNonNull(table, "table");
      Objects.requireNonNull(name, "name");
    }

    @Override
    public OperationKind kind() {
      return OperationKind.ALTER_COLUMN;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visit(this);
    }
  }

  /** ALTER TABLE ... RENAME COLUMN. */
  record RenameColumn(QualifiedName table, String from, String to) implements Operation {

    public RenameColumn {
      Objects.requireNonNull(table, "table");
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
    }

    @Override
    public OperationKind kind() {
      return OperationKind.RENAME_COLUMN;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visit(this);
    }
  }

  /** CREATE INDEX; the index lives in its table's schema. {@code using} is a checked method name. */
  record CreateIndex(String name, QualifiedName table, List<IndexElement> columns, boolean unique, boolean concurrently, String where, String using, List<String> include, boolean ifNotExists, Map<String, String> with) implements Operation {

    public CreateIndex {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(table, "table");
      columns = List.copyOf(columns);
      include = List.copyOf(include);
      with = orderedCopy(with);
    }

    @Override
    public OperationKind kind() {
      return OperationKind.CREATE_INDEX;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visit(this);
    }
  }

  /** DROP INDEX. */
  record DropIndex(QualifiedName name, boolean concurrently, boolean ifExists, boolean cascade) implements Operation {

    public DropIndex {
      Objects.requireNonNull(name, "name");
    }

    @Override
    public OperationKind kind() {
      return OperationKind.DROP_INDEX;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visit(this);
    }
  }

  /** ALTER INDEX ... RENAME TO. */
  record RenameIndex(QualifiedName from, String to) implements Operation {

    public RenameIndex {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
    }

    @Override
    public OperationKind kind() {
      return OperationKind.RENAME_INDEX;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visit(this);
    }
  }

  /** ALTER TABLE ... ADD PRIMARY KEY, or attach a unique index with {@code usingIndex}. */
  record AddPrimaryKey(QualifiedName table, List<String> columns, String name, String usingIndex) implements Operation {

    public AddPrimaryKey {
      Objects.requireNonNull(table, "table");
      columns = List.copyOf(columns);
    }

    @Override
    public OperationKind kind() {
      return OperationKind.ADD_PRIMARY_KEY;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visit(this);
    }
  }

  /** ALTER TABLE ... ADD FOREIGN KEY. */
  record AddForeignKey(QualifiedName table, ForeignKeySpec key, boolean notValid) implements Operation {

    public AddForeignKey {
      Objects.requireNonNull(table, "table");
      Objects.requireNonNull(key, "key");
    }

    @Override
    public OperationKind kind() {
      return OperationKind.ADD_FOREIGN_KEY;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visit(this);
    }
  }

  /** ALTER TABLE ... ADD UNIQUE, or attach a unique index with {@code usingIndex}. */
  record AddUniqueConstraint(QualifiedName table, List<String> columns, String name, boolean nullsNotDistinct, String usingIndex) implements Operation {

    public AddUniqueConstraint {
      Objects.requireNonNull(table, "table");
      columns = List.copyOf(columns);
    }

    @Override
    public OperationKind kind() {
      return OperationKind.ADD_UNIQUE_CONSTRAINT;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visit(this);
    }
  }

  /** ALTER TABLE ... ADD CONSTRAINT ... CHECK. */
  record AddCheckConstraint(QualifiedName table, String name, String expression, boolean notValid) implements Operation {

    public AddCheckConstraint {
      Objects.requireNonNull(table, "table");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(expression, "expression");
    }

    @Override
    public OperationKind kind() {
      return OperationKind.ADD_CHECK_CONSTRAINT;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visit(this);
    }
  }

  /** ALTER TABLE ... DROP CONSTRAINT. */
  record DropConstraint(QualifiedName table, String name, boolean ifExists, boolean cascade) implements Operation {

    public DropConstraint {
      Objects.requireNonNull(table, "table");
      Objects.requireNonNull(name, "name");
    }

    @Override
    public OperationKind kind() {
      return OperationKind.DROP_CONSTRAINT;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visit(this);
    }
  }

  /** ALTER TABLE ... RENAME CONSTRAINT. */
  record RenameConstraint(QualifiedName table, String from, String to) implements Operation {

    public RenameConstraint {
      Objects.requireNonNull(table, "table");
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
    }

    @Override
    public OperationKind kind() {
      return OperationKind.RENAME_CONSTRAINT;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visit(this);
    }
  }

  /** ALTER TABLE ... VALIDATE CONSTRAINT, after a NOT VALID constraint. */
  record ValidateConstraint(QualifiedName table, String name) implements Operation {

    public ValidateConstraint {
      Objects.requireNonNull(table, "table");
      Objects.requireNonNull(name, "name");
    }

    @Override
    public OperationKind kind() {
      return OperationKind.VALIDATE_CONSTRAINT;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visit(this);
    }
  }

  /** CREATE TYPE ... AS ENUM. */
  record CreateEnum(QualifiedName name, List<String> values) implements Operation {

    public CreateEnum {
      Objects.requireNonNull(name, "name");
      values = List.copyOf(values);
    }

    @Override
    public OperationKind kind() {
      return OperationKind.CREATE_ENUM;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visit(this);
    }
  }

  /** ALTER TYPE ... ADD VALUE; PostgreSQL cannot remove a value, so it has no inverse. */
  record AddEnumValue(QualifiedName enumName, String value, String before, String after, boolean ifNotExists) implements Operation {

    public AddEnumValue {
      Objects.requireNonNull(enumName, "enumName");
      Objects.requireNonNull(value, "value");
    }

    @Override
    public OperationKind kind() {
      return OperationKind.ADD_ENUM_VALUE;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visit(this);
    }
  }

  /** ALTER TYPE ... RENAME VALUE. */
  record RenameEnumValue(QualifiedName enumName, String from, String to) implements Operation {

    public RenameEnumValue {
      Objects.requireNonNull(enumName, "enumName");
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
    }

    @Override
    public OperationKind kind() {
      return OperationKind.RENAME_ENUM_VALUE;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visit(this);
    }
  }

  /** DROP TYPE of an enum. */
  record DropEnum(QualifiedName name, boolean ifExists) implements Operation {

    public DropEnum {
      Objects.requireNonNull(name, "name");
    }

    @Override
    public OperationKind kind() {
      return OperationKind.DROP_ENUM;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visit(this);
    }
  }

  /** CREATE SCHEMA. */
  record CreateSchema(String name, boolean ifNotExists) implements Operation {

    public CreateSchema {
      Objects.requireNonNull(name, "name");
    }

    @Override
    public OperationKind kind() {
      return OperationKind.CREATE_SCHEMA;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visit(this);
    }
  }

  /** DROP SCHEMA. */
  record DropSchema(String name, boolean ifExists, boolean cascade) implements Operation {

    public DropSchema {
      Objects.requireNonNull(name, "name");
    }

    @Override
    public OperationKind kind() {
      return OperationKind.DROP_SCHEMA;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visit(this);
    }
  }

  /** CREATE SEQUENCE; {@code ownedBy} is {@code table.column} or null. */
  record CreateSequence(QualifiedName name, Long start, Long increment, Long min, Long max, boolean cycle, String ownedBy) implements Operation {

    public CreateSequence {
      Objects.requireNonNull(name, "name");
    }

    @Override
    public OperationKind kind() {
      return OperationKind.CREATE_SEQUENCE;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visit(this);
    }
  }

  /** DROP SEQUENCE. */
  record DropSequence(QualifiedName name, boolean ifExists, boolean cascade) implements Operation {

    public DropSequence {
      Objects.requireNonNull(name, "name");
    }

    @Override
    public OperationKind kind() {
      return OperationKind.DROP_SEQUENCE;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visit(this);
    }
  }

  /** CREATE [OR REPLACE] [MATERIALIZED] VIEW; the query is the author's SQL. */
  record CreateView(QualifiedName name, String query, boolean orReplace, boolean materialized) implements Operation {

    public CreateView {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(query, "query");
    }

    @Override
    public OperationKind kind() {
      return OperationKind.CREATE_VIEW;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visit(this);
    }
  }

  /** DROP [MATERIALIZED] VIEW. */
  record DropView(QualifiedName name, boolean ifExists, boolean cascade, boolean materialized) implements Operation {

    public DropView {
      Objects.requireNonNull(name, "name");
    }

    @Override
    public OperationKind kind() {
      return OperationKind.DROP_VIEW;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visit(this);
    }
  }

  /** REFRESH MATERIALIZED VIEW. */
  record RefreshMaterializedView(QualifiedName name, boolean concurrently) implements Operation {

    public RefreshMaterializedView {
      Objects.requireNonNull(name, "name");
    }

    @Override
    public OperationKind kind() {
      return OperationKind.REFRESH_MATERIALIZED_VIEW;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visit(this);
    }
  }

  /** CREATE EXTENSION. */
  record CreateExtension(String name, String schema, boolean ifNotExists) implements Operation {

    public CreateExtension {
      Objects.requireNonNull(name, "name");
    }

    @Override
    public OperationKind kind() {
      return OperationKind.CREATE_EXTENSION;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visit(this);
    }
  }

  /** DROP EXTENSION. */
  record DropExtension(String name, boolean ifExists) implements Operation {

    public DropExtension {
      Objects.requireNonNull(name, "name");
    }

    @Override
    public OperationKind kind() {
      return OperationKind.DROP_EXTENSION;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visit(this);
    }
  }

  /** CREATE [OR REPLACE] FUNCTION: {@code definition} is a function (not a procedure). */
  record CreateFunction(Routine definition, boolean orReplace) implements Operation {

    public CreateFunction {
      Objects.requireNonNull(definition, "definition");
      if (definition.procedure()) {
        throw new IllegalArgumentException("create-function defines a function; write create-procedure for a procedure");
      }
    }

    @Override
    public OperationKind kind() {
      return OperationKind.CREATE_FUNCTION;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visit(this);
    }
  }

  /**
   * DROP FUNCTION; {@code argumentTypes} are the types of its IN, INOUT and VARIADIC arguments,
   * which tell overloads apart, or null for the only function of that name.
   */
  record DropFunction(QualifiedName name, List<ColumnType> argumentTypes, boolean ifExists, boolean cascade)
      implements Operation {

    public DropFunction {
      Objects.requireNonNull(name, "name");
      argumentTypes = argumentTypes == null ? null : List.copyOf(argumentTypes);
    }

    @Override
    public OperationKind kind() {
      return OperationKind.DROP_FUNCTION;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visit(this);
    }
  }

  /** CREATE [OR REPLACE] PROCEDURE: {@code definition} is a procedure. */
  record CreateProcedure(Routine definition, boolean orReplace) implements Operation {

    public CreateProcedure {
      Objects.requireNonNull(definition, "definition");
      if (!definition.procedure()) {
        throw new IllegalArgumentException("create-procedure defines a procedure; write create-function for a function");
      }
    }

    @Override
    public OperationKind kind() {
      return OperationKind.CREATE_PROCEDURE;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visit(this);
    }
  }

  /** DROP PROCEDURE; {@code argumentTypes} as for {@link DropFunction}. */
  record DropProcedure(QualifiedName name, List<ColumnType> argumentTypes, boolean ifExists, boolean cascade)
      implements Operation {

    public DropProcedure {
      Objects.requireNonNull(name, "name");
      argumentTypes = argumentTypes == null ? null : List.copyOf(argumentTypes);
    }

    @Override
    public OperationKind kind() {
      return OperationKind.DROP_PROCEDURE;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visit(this);
    }
  }

  /** CREATE TRIGGER. */
  record CreateTrigger(Trigger definition) implements Operation {

    public CreateTrigger {
      Objects.requireNonNull(definition, "definition");
    }

    @Override
    public OperationKind kind() {
      return OperationKind.CREATE_TRIGGER;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visit(this);
    }
  }

  /** DROP TRIGGER ... ON table. */
  record DropTrigger(String name, QualifiedName table, boolean ifExists) implements Operation {

    public DropTrigger {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(table, "table");
    }

    @Override
    public OperationKind kind() {
      return OperationKind.DROP_TRIGGER;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visit(this);
    }
  }

  /** COMMENT ON TABLE or COLUMN; a null text removes the comment. */
  record Comment(QualifiedName table, String column, String text) implements Operation {

    public Comment {
      Objects.requireNonNull(table, "table");
    }

    @Override
    public OperationKind kind() {
      return OperationKind.COMMENT;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visit(this);
    }
  }

  /** INSERT of literal rows; each row keeps its column order. */
  record Insert(QualifiedName table, List<Map<String, Value>> rows) implements Operation {

    public Insert {
      Objects.requireNonNull(table, "table");
      rows = rows.stream().map(Operation::orderedCopy).toList();
    }

    @Override
    public OperationKind kind() {
      return OperationKind.INSERT;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visit(this);
    }
  }

  /** UPDATE ... SET ... WHERE; {@code where} is required ({@code "true"} for all rows). */
  record Update(QualifiedName table, Map<String, Value> set, String where) implements Operation {

    public Update {
      Objects.requireNonNull(table, "table");
      Objects.requireNonNull(where, "where");
      set = orderedCopy(set);
    }

    @Override
    public OperationKind kind() {
      return OperationKind.UPDATE;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visit(this);
    }
  }

  /** DELETE ... WHERE; {@code where} is required. */
  record Delete(QualifiedName table, String where) implements Operation {

    public Delete {
      Objects.requireNonNull(table, "table");
      Objects.requireNonNull(where, "where");
    }

    @Override
    public OperationKind kind() {
      return OperationKind.DELETE;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visit(this);
    }
  }

  /** The author's own SQL, opaque to the model; {@code file} names the .sql file it was read from, if any. */
  record Sql(String up, String down, String file) implements Operation {

    public Sql {
      Objects.requireNonNull(up, "up");
    }

    @Override
    public OperationKind kind() {
      return OperationKind.SQL;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visit(this);
    }
  }

  /** An unmodifiable copy that keeps the author's order (column order of a row matters in SQL). */
  private static <V> Map<String, V> orderedCopy(Map<String, V> map) {
    if (map == null) {
      return Map.of();
    }
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
