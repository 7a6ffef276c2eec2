package dev.migrate.render;

import dev.migrate.MigrateException;
import dev.migrate.changelog.Change;
import dev.migrate.changelog.CheckSpec;
import dev.migrate.changelog.Column;
import dev.migrate.changelog.ColumnType;
import dev.migrate.changelog.ForeignKeySpec;
import dev.migrate.changelog.Identity;
import dev.migrate.changelog.KeySpec;
import dev.migrate.changelog.Operation.AddCheckConstraint;
import dev.migrate.changelog.Operation.AddColumn;
import dev.migrate.changelog.Operation.AddEnumValue;
import dev.migrate.changelog.Operation.AddForeignKey;
import dev.migrate.changelog.Operation.AddPrimaryKey;
import dev.migrate.changelog.Operation.AddUniqueConstraint;
import dev.migrate.changelog.Operation.AlterColumn;
import dev.migrate.changelog.Operation.Comment;
import dev.migrate.changelog.Operation.CreateEnum;
import dev.migrate.changelog.Operation.CreateExtension;
import dev.migrate.changelog.Operation.CreateIndex;
import dev.migrate.changelog.Operation.CreateSchema;
import dev.migrate.changelog.Operation.CreateSequence;
import dev.migrate.changelog.Operation.CreateTable;
import dev.migrate.changelog.Operation.CreateView;
import dev.migrate.changelog.Operation.Delete;
import dev.migrate.changelog.Operation.DropColumn;
import dev.migrate.changelog.Operation.DropConstraint;
import dev.migrate.changelog.Operation.DropEnum;
import dev.migrate.changelog.Operation.DropExtension;
import dev.migrate.changelog.Operation.DropIndex;
import dev.migrate.changelog.Operation.DropSchema;
import dev.migrate.changelog.Operation.DropSequence;
import dev.migrate.changelog.Operation.DropTable;
import dev.migrate.changelog.Operation.DropView;
import dev.migrate.changelog.Operation.Insert;
import dev.migrate.changelog.Operation.RefreshMaterializedView;
import dev.migrate.changelog.Operation.RenameColumn;
import dev.migrate.changelog.Operation.RenameConstraint;
import dev.migrate.changelog.Operation.RenameEnumValue;
import dev.migrate.changelog.Operation.RenameIndex;
import dev.migrate.changelog.Operation.RenameTable;
import dev.migrate.changelog.Operation.Update;
import dev.migrate.changelog.Operation.ValidateConstraint;
import dev.migrate.changelog.Operation;
import dev.migrate.changelog.OperationKind;
import dev.migrate.changelog.QualifiedName;
import dev.migrate.changelog.Routine;
import dev.migrate.changelog.Trigger;
import dev.migrate.changelog.Value;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Renders an operation as the PostgreSQL statements that perform it: complete statements
 * without a trailing semicolon, names quoted and values escaped through {@link Sql}. Names
 * the author left unqualified stay unqualified, so they land in the connection's
 * {@code search_path} (the configured default schema).
 *
 * <pre>
 * new PostgresRenderer(16).render(new Operation.DropTable(QualifiedName.parse("Users"), true, false))
 *     -> ["DROP TABLE IF EXISTS \"Users\""]
 * </pre>
 *
 * <p>Only the arguments that are SQL by nature pass through as the author wrote them:
 * {@code where}, {@code expression}, {@code query}, alter-column's {@code using},
 * {@code generated}, {@code sql} and a {@code default: {sql: ...}}.
 */
public final class PostgresRenderer {

  /** The index methods PostgreSQL ships; {@code using} is checked against them, never pasted. */
  private static final Set<String> INDEX_METHODS = Set.of("btree", "hash", "gin", "gist", "brin", "spgist");

  private final int postgresMajor;
  private final Statements statements = new Statements();

  /** @param postgresMajor the target server's major version (14, 15, ...), for features that need a newer one */
  public PostgresRenderer(int postgresMajor) {
    this.postgresMajor = postgresMajor;
  }

  public int postgresMajor() {
    return postgresMajor;
  }

  /**
   * The statements of one operation, in the order they must run.
   *
   * @throws MigrateException {@code unsupported-by-version} when the target major cannot run
   *     the operation, or another code when an argument is not one PostgreSQL accepts
   */
  public List<String> render(Operation operation) {
    return operation.accept(statements);
  }

  /**
   * The statements of one change, as {@link #render(Operation)}; a failure names the file,
   * line and column where the operation was written.
   */
  public List<String> render(Change change) {
    try {
      return render(change.operation());
    } catch (MigrateException e) {
      if (change.at() == null) {
        throw e;
      }
      throw new MigrateException(e.code(), change.at() + ": " + e.getMessage());
    }
  }

  private void requireMajor(int needed, OperationKind kind, String feature) {
    if (postgresMajor < needed) {
      throw new MigrateException("unsupported-by-version", kind.key() + " with " + feature + " needs PostgreSQL "
          + needed + " or later, but the target is PostgreSQL " + postgresMajor + "; remove " + feature
          + " or target PostgreSQL " + needed + "+ (-Dmigrate.postgresVersion=" + needed + ")");
    }
  }

  /** One method per operation kind: a new kind does not compile until it is rendered here. */
  private final class Statements implements Operation.Visitor<List<String>> {

    @Override
    public List<String> visit(CreateTable op) {
      List<String> elements = new ArrayList<>();
      for (Column column : op.columns()) {
        elements.add(Clause.column(column));
      }
      if (op.primaryKey() != null) {
        elements.add(Clause.primaryKey(op.primaryKey().name(), op.primaryKey().columns()));
      }
      for (KeySpec unique : op.unique()) {
        if (unique.nullsNotDistinct()) {
          requireMajor(15, op.kind(), "nulls-not-distinct");
        }
        elements.add(Clause.unique(unique));
      }
      for (ForeignKeySpec key : op.foreignKeys()) {
        elements.add(Clause.foreignKey(key));
      }
      op.checks().forEach(check -> elements.add(Clause.check(check)));
      List<String> sql = new ArrayList<>();
      // a table without columns is legal in PostgreSQL: CREATE TABLE t ()
      String body = elements.isEmpty() ? " ()" : elements.stream().collect(Collectors.joining(",\n  ", " (\n  ", "\n)"));
      sql.add("CREATE TABLE " + (op.ifNotExists() ? "IF NOT EXISTS " : "") + Sql.name(op.name()) + body
          + Clause.with(op.with()));
      if (op.comment() != null) {
        sql.add(commentOn(op.name(), null, op.comment()));
      }
      sql.addAll(columnComments(op.name(), op.columns()));
      return sql;
    }

    @Override
    public List<String> visit(DropTable op) {
      return List.of("DROP TABLE " + ifExists(op.ifExists()) + Sql.name(op.name()) + cascade(op.cascade()));
    }

    @Override
    public List<String> visit(RenameTable op) {
      return List.of("ALTER TABLE " + Sql.name(op.from()) + " RENAME TO " + Sql.identifier(op.to()));
    }

    @Override
    public List<String> visit(AddColumn op) {
      String add = "ADD COLUMN " + (op.ifNotExists() ? "IF NOT EXISTS " : "");
      List<String> sql = new ArrayList<>();
      sql.add(alterTable(op.table()) + op.columns().stream()
          .map(column -> add + Clause.column(column)).collect(Collectors.joining(", ")));
      sql.addAll(columnComments(op.table(), op.columns()));
      return sql;
    }

    @Override
    public List<String> visit(DropColumn op) {
      return List.of(alterTable(op.table()) + "DROP COLUMN " + ifExists(op.ifExists()) + Sql.identifier(op.name())
          + cascade(op.cascade()));
    }

    @Override
    public List<String> visit(AlterColumn op) {
      String column = "ALTER COLUMN " + Sql.identifier(op.name()) + " ";
      List<String> clauses = new ArrayList<>();
      if (op.type() != null) {
        if (op.type().isSerial()) {
          // serial is CREATE TABLE shorthand for a sequence and a default, not a type ALTER can set
          throw new MigrateException("unsupported-by-postgresql", "alter-column " + op.table() + "." + op.name()
              + ": PostgreSQL cannot change a column's type to " + op.type() + "; write type: "
              + (op.type().name().name().equals("bigserial") ? "bigint" : "integer") + " with identity: by-default");
        }
        String using = op.using() == null ? "" : " USING " + Sql.authored(op.using());
        clauses.add(column + "TYPE " + Sql.type(op.type()) + using);
      }
      // an identity column refuses DROP NOT NULL and a default, so its identity goes first
      if (op.identity() == Identity.NONE) {
        clauses.add(column + "DROP IDENTITY");
      }
      if (op.dropDefault()) {
        clauses.add(column + "DROP DEFAULT");
      } else if (op.defaultValue() != null) {
        clauses.add(column + "SET DEFAULT " + Sql.value(op.defaultValue()));
      }
      if (op.nullable() != null) {
        clauses.add(column + (op.nullable() ? "DROP NOT NULL" : "SET NOT NULL"));
      }
      if (op.identity() != null && op.identity() != Identity.NONE) {
        clauses.add(column + "ADD " + Clause.identity(op.identity()));
      }
      if (clauses.isEmpty()) {
        return List.of();
      }
      return List.of(alterTable(op.table()) + String.join(", ", clauses));
    }

    @Override
    public List<String> visit(RenameColumn op) {
      return List.of(alterTable(op.table()) + "RENAME COLUMN " + Sql.identifier(op.from()) + " TO "
          + Sql.identifier(op.to()));
    }

    @Override
    public List<String> visit(CreateIndex op) {
      StringBuilder sql = new StringBuilder("CREATE ");
      if (op.unique()) {
        sql.append("UNIQUE ");
      }
      sql.append("INDEX ");
      if (op.concurrently()) {
        sql.append("CONCURRENTLY ");
      }
      if (op.ifNotExists()) {
        sql.append("IF NOT EXISTS ");
      }
      sql.append(Sql.identifier(op.name())).append(" ON ").append(Sql.name(op.table()));
      if (op.using() != null) {
        // PostgreSQL folds an unquoted method name to lower case, so GIN is gin
        String method = op.using().toLowerCase(Locale.ROOT);
        if (!INDEX_METHODS.contains(method)) {
          throw new MigrateException("unknown-index-method", "create-index " + op.name() + ": '" + op.using()
              + "' is not an index method; use one of btree, hash, gin, gist, brin, spgist");
        }
        sql.append(" USING ").append(method);
      }
      sql.append(op.columns().stream().map(Clause::indexElement).collect(Collectors.joining(", ", " (", ")")));
      if (!op.include().isEmpty()) {
        sql.append(" INCLUDE (").append(Sql.identifiers(op.include())).append(')');
      }
      sql.append(Clause.with(op.with()));
      if (op.where() != null) {
        sql.append(" WHERE ").append(Sql.authored(op.where()));
      }
      return List.of(sql.toString());
    }

    @Override
    public List<String> visit(DropIndex op) {
      return List.of("DROP INDEX " + (op.concurrently() ? "CONCURRENTLY " : "") + ifExists(op.ifExists())
          + Sql.name(op.name()) + cascade(op.cascade()));
    }

    @Override
    public List<String> visit(RenameIndex op) {
      return List.of("ALTER INDEX " + Sql.name(op.from()) + " RENAME TO " + Sql.identifier(op.to()));
    }

    @Override
    public List<String> visit(AddPrimaryKey op) {
      if (op.usingIndex() != null) {
        return List.of(alterTable(op.table()) + "ADD " + constraintName(op.name()) + "PRIMARY KEY USING INDEX "
            + Sql.identifier(op.usingIndex()));
      }
      return List.of(alterTable(op.table()) + "ADD " + Clause.primaryKey(op.name(), op.columns()));
    }

    @Override
    public List<String> visit(AddForeignKey op) {
      return List.of(alterTable(op.table()) + "ADD " + Clause.foreignKey(op.key()) + notValid(op.notValid()));
    }

    @Override
    public List<String> visit(AddUniqueConstraint op) {
      if (op.usingIndex() != null) {
        // the index already decides whether nulls are distinct; the constraint takes it as it is
        return List.of(alterTable(op.table()) + "ADD " + constraintName(op.name()) + "UNIQUE USING INDEX "
            + Sql.identifier(op.usingIndex()));
      }
      if (op.nullsNotDistinct()) {
        requireMajor(15, op.kind(), "nulls-not-distinct");
      }
      return List.of(alterTable(op.table()) + "ADD "
          + Clause.unique(new KeySpec(op.name(), op.columns(), op.nullsNotDistinct())));
    }

    @Override
    public List<String> visit(AddCheckConstraint op) {
      return List.of(alterTable(op.table()) + "ADD "
          + Clause.check(new CheckSpec(op.name(), op.expression())) + notValid(op.notValid()));
    }

    @Override
    public List<String> visit(DropConstraint op) {
      return List.of(alterTable(op.table()) + "DROP CONSTRAINT " + ifExists(op.ifExists()) + Sql.identifier(op.name())
          + cascade(op.cascade()));
    }

    @Override
    public List<String> visit(RenameConstraint op) {
      return List.of(alterTable(op.table()) + "RENAME CONSTRAINT " + Sql.identifier(op.from()) + " TO "
          + Sql.identifier(op.to()));
    }

    @Override
    public List<String> visit(ValidateConstraint op) {
      return List.of(alterTable(op.table()) + "VALIDATE CONSTRAINT " + Sql.identifier(op.name()));
    }

    @Override
    public List<String> visit(CreateEnum op) {
      return List.of("CREATE TYPE " + Sql.name(op.name()) + " AS ENUM ("
          + op.values().stream().map(Sql::literal).collect(Collectors.joining(", ")) + ")");
    }

    @Override
    public List<String> visit(AddEnumValue op) {
      StringBuilder sql = new StringBuilder("ALTER TYPE ").append(Sql.name(op.enumName())).append(" ADD VALUE ");
      if (op.ifNotExists()) {
        sql.append("IF NOT EXISTS ");
      }
      sql.append(Sql.literal(op.value()));
      if (op.before() != null) {
        sql.append(" BEFORE ").append(Sql.literal(op.before()));
      } else if (op.after() != null) {
        sql.append(" AFTER ").append(Sql.literal(op.after()));
      }
      return List.of(sql.toString());
    }

    @Override
    public List<String> visit(RenameEnumValue op) {
      return List.of("ALTER TYPE " + Sql.name(op.enumName()) + " RENAME VALUE " + Sql.literal(op.from()) + " TO "
          + Sql.literal(op.to()));
    }

    @Override
    public List<String> visit(DropEnum op) {
      return List.of("DROP TYPE " + ifExists(op.ifExists()) + Sql.name(op.name()));
    }

    @Override
    public List<String> visit(CreateSchema op) {
      return List.of("CREATE SCHEMA " + (op.ifNotExists() ? "IF NOT EXISTS " : "") + Sql.identifier(op.name()));
    }

    @Override
    public List<String> visit(DropSchema op) {
      return List.of("DROP SCHEMA " + ifExists(op.ifExists()) + Sql.identifier(op.name()) + cascade(op.cascade()));
    }

    @Override
    public List<String> visit(CreateSequence op) {
      StringBuilder sql = new StringBuilder("CREATE SEQUENCE ").append(Sql.name(op.name()));
      if (op.start() != null) {
        sql.append(" START WITH ").append(op.start());
      }
      if (op.increment() != null) {
        sql.append(" INCREMENT BY ").append(op.increment());
      }
      if (op.min() != null) {
        sql.append(" MINVALUE ").append(op.min());
      }
      if (op.max() != null) {
        sql.append(" MAXVALUE ").append(op.max());
      }
      if (op.cycle()) {
        sql.append(" CYCLE");
      }
      if (op.ownedBy() != null) {
        sql.append(" OWNED BY ").append(ownedBy(op));
      }
      return List.of(sql.toString());
    }

    @Override
    public List<String> visit(DropSequence op) {
      return List.of("DROP SEQUENCE " + ifExists(op.ifExists()) + Sql.name(op.name()) + cascade(op.cascade()));
    }

    @Override
    public List<String> visit(CreateView op) {
      if (op.orReplace() && op.materialized()) {
        throw new MigrateException("unsupported-by-postgresql", "create-view " + op.name() + ": PostgreSQL has no"
            + " CREATE OR REPLACE MATERIALIZED VIEW; drop the materialized view and create it again instead of"
            + " or-replace");
      }
      return List.of("CREATE " + (op.orReplace() ? "OR REPLACE " : "") + (op.materialized() ? "MATERIALIZED " : "")
          + "VIEW " + Sql.name(op.name()) + " AS " + Sql.authoredStatement(op.query()));
    }

    @Override
    public List<String> visit(DropView op) {
      return List.of("DROP " + (op.materialized() ? "MATERIALIZED " : "") + "VIEW " + ifExists(op.ifExists())
          + Sql.name(op.name()) + cascade(op.cascade()));
    }

    @Override
    public List<String> visit(RefreshMaterializedView op) {
      return List.of("REFRESH MATERIALIZED VIEW " + (op.concurrently() ? "CONCURRENTLY " : "") + Sql.name(op.name()));
    }

    @Override
    public List<String> visit(CreateExtension op) {
      return List.of("CREATE EXTENSION " + (op.ifNotExists() ? "IF NOT EXISTS " : "") + Sql.identifier(op.name())
          + (op.schema() == null ? "" : " SCHEMA " + Sql.identifier(op.schema())));
    }

    @Override
    public List<String> visit(DropExtension op) {
      return List.of("DROP EXTENSION " + ifExists(op.ifExists()) + Sql.identifier(op.name()));
    }

    @Override
    public List<String> visit(Operation.CreateFunction op) {
      return List.of(createRoutine(op.definition(), op.orReplace()));
    }

    @Override
    public List<String> visit(Operation.CreateProcedure op) {
      return List.of(createRoutine(op.definition(), op.orReplace()));
    }

    @Override
    public List<String> visit(Operation.DropFunction op) {
      return List.of("DROP FUNCTION " + ifExists(op.ifExists()) + Sql.name(op.name()) + argumentTypes(op.argumentTypes())
          + cascade(op.cascade()));
    }

    @Override
    public List<String> visit(Operation.DropProcedure op) {
      return List.of("DROP PROCEDURE " + ifExists(op.ifExists()) + Sql.name(op.name())
          + argumentTypes(op.argumentTypes()) + cascade(op.cascade()));
    }

    @Override
    public List<String> visit(Operation.CreateTrigger op) {
      return List.of(createTrigger(op.definition()));
    }

    @Override
    public List<String> visit(Operation.DropTrigger op) {
      return List.of("DROP TRIGGER " + ifExists(op.ifExists()) + Sql.identifier(op.name()) + " ON " + Sql.name(op.table()));
    }

    @Override
    public List<String> visit(Comment op) {
      return List.of(commentOn(op.table(), op.column(), op.text()));
    }

    @Override
    public List<String> visit(Insert op) {
      if (op.rows().isEmpty()) {
        return List.of();
      }
      // the columns are the union of every row's keys, in the order they first appear
      Set<String> columns = new LinkedHashSet<>();
      op.rows().forEach(row -> columns.addAll(row.keySet()));
      String into = "INSERT INTO " + Sql.name(op.table());
      if (columns.isEmpty()) {
        return op.rows().stream().map(row -> into + " DEFAULT VALUES").collect(Collectors.toList());
      }
      return List.of(into + " (" + Sql.identifiers(columns) + ") VALUES\n" + op.rows().stream()
          .map(row -> columns.stream().map(column -> cell(row, column)).collect(Collectors.joining(", ", "  (", ")")))
          .collect(Collectors.joining(",\n")));
    }

    @Override
    public List<String> visit(Update op) {
      if (op.set().isEmpty()) {
        return List.of();
      }
      return List.of("UPDATE " + Sql.name(op.table()) + " SET " + op.set().entrySet().stream()
          .map(entry -> Sql.identifier(entry.getKey()) + " = " + Sql.value(entry.getValue()))
          .collect(Collectors.joining(", ")) + " WHERE " + Sql.authored(op.where()));
    }

    @Override
    public List<String> visit(Delete op) {
      return List.of("DELETE FROM " + Sql.name(op.table()) + " WHERE " + Sql.authored(op.where()));
    }

    @Override
    public List<String> visit(Operation.Sql op) {
      return List.of(Sql.authoredStatement(op.up()));
    }
  }

  private static String alterTable(QualifiedName table) {
    return "ALTER TABLE " + Sql.name(table) + " ";
  }

  /**
   * CREATE FUNCTION or PROCEDURE. The body goes between dollar quotes whose tag does not occur
   * in it, so nothing in the body can end the string early; it is the author's SQL as written.
   */
  public static String createRoutine(Routine routine, boolean orReplace) {
    StringBuilder sql = new StringBuilder("CREATE ").append(orReplace ? "OR REPLACE " : "")
        .append(routine.procedure() ? "PROCEDURE " : "FUNCTION ").append(Sql.name(routine.name())).append('(');
    List<String> arguments = new ArrayList<>();
    for (Routine.Argument argument : routine.arguments()) {
      StringBuilder a = new StringBuilder();
      if (argument.mode() != Routine.Mode.IN) {
        a.append(argument.mode().name()).append(' ');
      }
      if (argument.name() != null) {
        a.append(Sql.identifier(argument.name())).append(' ');
      }
      a.append(Sql.type(argument.type()));
      if (argument.defaultValue() != null) {
        a.append(" DEFAULT ").append(Sql.value(argument.defaultValue()));
      }
      arguments.add(a.toString());
    }
    sql.append(String.join(", ", arguments)).append(')');
    if (!routine.procedure()) {
      sql.append("\n  RETURNS ").append(returns(routine.returns()));
    }
    sql.append("\n  LANGUAGE ").append(Sql.identifier(routine.language()));
    if (!routine.procedure() && routine.volatility() != Routine.Volatility.VOLATILE) {
      sql.append(' ').append(routine.volatility().name());
    }
    if (routine.strict()) {
      sql.append(" STRICT");
    }
    if (routine.securityDefiner()) {
      sql.append(" SECURITY DEFINER");
    }
    String tag = dollarTag(routine.body());
    return sql.append("\nAS ").append(tag).append('\n').append(routine.body()).append('\n').append(tag).toString();
  }

  /** {@code $body$}, or {@code $body_1$} and on when the body holds that text. */
  static String dollarTag(String body) {
    String tag = "$body$";
    for (int i = 1; body.contains(tag); i++) {
      tag = "$body_" + i + "$";
    }
    return tag;
  }

  private static String returns(Routine.Returns returns) {
    if (returns.type() == null) {
      return "TABLE (" + returns.table().stream().map(c -> Sql.identifier(c.name()) + " " + Sql.type(c.type()))
          .collect(Collectors.joining(", ")) + ")";
    }
    return (returns.setOf() ? "SETOF " : "") + Sql.type(returns.type());
  }

  /** {@code (integer, text)}, or nothing for the only routine of that name. */
  private static String argumentTypes(List<ColumnType> types) {
    if (types == null) {
      return "";
    }
    return types.stream().map(Sql::type).collect(Collectors.joining(", ", "(", ")"));
  }

  /** CREATE TRIGGER; the arguments are string literals, the condition the author's SQL. */
  public static String createTrigger(Trigger trigger) {
    List<String> events = new ArrayList<>();
    for (Trigger.Event event : trigger.events()) {
      String sql = event.name();
      if (event == Trigger.Event.UPDATE && !trigger.updateOf().isEmpty()) {
        sql += " OF " + Sql.identifiers(trigger.updateOf());
      }
      events.add(sql);
    }
    return "CREATE TRIGGER " + Sql.identifier(trigger.name()) + " " + trigger.timing().sql() + " "
        + String.join(" OR ", events) + " ON " + Sql.name(trigger.table())
        + "\n  FOR EACH " + (trigger.forEachRow() ? "ROW" : "STATEMENT")
        + (trigger.when() == null ? "" : "\n  WHEN (" + Sql.authored(trigger.when()) + ")")
        + "\n  EXECUTE FUNCTION " + Sql.name(trigger.function()) + "("
        + trigger.arguments().stream().map(Sql::literal).collect(Collectors.joining(", ")) + ")";
  }

  private static String ifExists(boolean ifExists) {
    return ifExists ? "IF EXISTS " : "";
  }

  private static String cascade(boolean cascade) {
    return cascade ? " CASCADE" : "";
  }

  private static String notValid(boolean notValid) {
    return notValid ? " NOT VALID" : "";
  }

  private static String constraintName(String name) {
    return name == null ? "" : "CONSTRAINT " + Sql.identifier(name) + " ";
  }

  private static String cell(Map<String, Value> row, String column) {
    Value value = row.get(column);
    return value == null ? "DEFAULT" : Sql.value(value);
  }

  private static String commentOn(QualifiedName table, String column, String text) {
    return "COMMENT ON " + (column == null ? "TABLE " + Sql.name(table) : "COLUMN " + Sql.name(table) + "."
        + Sql.identifier(column)) + " IS " + (text == null ? "NULL" : Sql.literal(text));
  }

  private static List<String> columnComments(QualifiedName table, List<Column> columns) {
    return columns.stream().filter(column -> column.comment() != null)
        .map(column -> commentOn(table, column.name(), column.comment())).collect(Collectors.toList());
  }

  /** {@code table.column} or {@code schema.table.column}: the column is after the last dot. */
  private static String ownedBy(CreateSequence op) {
    String ownedBy = op.ownedBy();
    int dot = ownedBy.lastIndexOf('.');
    if (dot <= 0 || dot == ownedBy.length() - 1) {
      throw new MigrateException("invalid-owned-by", "create-sequence " + op.name() + ": owned-by '" + ownedBy
          + "' is not table.column; write the table and the column that own the sequence, as orders.id");
    }
    return Sql.name(QualifiedName.parse(ownedBy.substring(0, dot))) + "." + Sql.identifier(ownedBy.substring(dot + 1));
  }
}
