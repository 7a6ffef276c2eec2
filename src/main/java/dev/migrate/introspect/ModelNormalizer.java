package dev.migrate.introspect;

import dev.migrate.MigrateException;
import dev.migrate.changelog.ColumnType;
import dev.migrate.changelog.IndexElement;
import dev.migrate.changelog.QualifiedName;
import dev.migrate.changelog.Routine;
import dev.migrate.changelog.Trigger;
import dev.migrate.render.PostgresRenderer;
import dev.migrate.render.Sql;
import dev.migrate.schema.Constraint;
import dev.migrate.schema.Index;
import dev.migrate.schema.SchemaModel;
import dev.migrate.schema.Table;
import dev.migrate.schema.TableColumn;
import dev.migrate.schema.View;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Puts a model's expressions in the form PostgreSQL prints them, by asking the server rather
 * than by string rules (decisions.md, "Checks, verify, lint"): each table is made again as a
 * temporary table with its columns' types, defaults, generated expressions, checks and
 * indexes, and read back with the {@link Introspector}'s own queries; each view query becomes
 * a temporary view and is read back with {@code pg_get_viewdef}; each function and procedure is
 * made again in the session's temporary schema and read back from {@code pg_proc}, and each
 * trigger condition is put on a temporary table and read back with {@code pg_get_triggerdef}. Everything happens inside a
 * transaction that is rolled back, so the database is left as it was. User types take the
 * schema they resolve to on this connection.
 *
 * <p>One normalizer remembers what it was told per table, view query, routine and trigger
 * condition, so use one per
 * connection and run (a table the server refused is asked about again).
 *
 * <p>A table the server refuses (a type it lacks, a sequence a default names that is not
 * there) keeps its expressions as written: the comparison then shows the difference, which
 * is real.
 */
public final class ModelNormalizer {

  private static final String TABLE = "migrate_normalize";
  private static final String VIEW = "migrate_normalize_view";
  private static final String ROUTINE = "migrate_normalize_routine";
  private static final String TRIGGER_TABLE = "migrate_normalize_trigger";

  private final Connection connection;
  private final Introspector introspector;
  /**
   * What this server made of each table and view query already asked about: verify compares the
   * whole model after every revision, and most tables are the same as at the revision before.
   */
  private final Map<Table, Table> tables = new HashMap<>();
  private final Map<String, String> queries = new HashMap<>();
  private final Map<Routine, Routine> routines = new HashMap<>();
  /** A trigger's condition as the server printed it, by the trigger and the table it was put on. */
  private final Map<List<Object>, String> conditions = new HashMap<>();

  public ModelNormalizer(Connection connection) {
    this.connection = connection;
    this.introspector = new Introspector(connection);
  }

  /** The model with its expressions as this server prints them. */
  public SchemaModel normalize(SchemaModel model) {
    try {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      Savepoint outer = connection.setSavepoint();
      try {
        try (Statement s = connection.createStatement()) {
          // as pg_dump does: a function's body is stored without being checked against the
          // schema, so a body naming a table that a later revision renamed still normalizes
          s.execute("SET LOCAL check_function_bodies = off");
        }
        SchemaModel out = model;
        for (Table table : model.tables()) {
          Optional<Table> normalized = tables.containsKey(table) ? Optional.of(tables.get(table))
              : attempt(() -> table(table, model.defaultSchema()));
          if (normalized.isPresent()) {
            tables.put(table, normalized.get());
            out = out.withTable(normalized.get());
          }
        }
        for (View view : model.views()) {
          Optional<String> query = queries.containsKey(view.query()) ? Optional.of(queries.get(view.query()))
              : attempt(() -> viewQuery(view.query()));
          if (query.isPresent()) {
            queries.put(view.query(), query.get());
            out = out.withView(new View(view.name(), query.get(), view.materialized()));
          }
        }
        for (Routine routine : model.routines()) {
          Optional<Routine> normalized = routines.containsKey(routine) ? Optional.of(routines.get(routine))
              : attempt(() -> routine(routine));
          if (normalized.isPresent()) {
            routines.put(routine, normalized.get());
            out = out.withoutRoutine(routine).withRoutine(normalized.get());
          }
        }
        for (Trigger trigger : model.triggers()) {
          Optional<Table> table = model.table(trigger.table());
          if (trigger.when() != null && table.isPresent()) {
            List<Object> key = List.of(trigger, table.get());
            Optional<String> when = conditions.containsKey(key) ? Optional.of(conditions.get(key))
                : attempt(() -> triggerCondition(trigger, table.get()));
            if (when.isPresent()) {
              conditions.put(key, when.get());
              out = out.withTrigger(trigger.withWhen(when.get()));
            }
          }
        }
        return out;
      } finally {
        connection.rollback(outer);
        if (autoCommit) {
          connection.setAutoCommit(true);
        }
      }
    } catch (SQLException e) {
      throw new MigrateException("introspection-failed", "cannot normalize the model on the database: "
          + e.getMessage(), e);
    }
  }

  private interface Step<T> {
    T run() throws SQLException;
  }

  /** Runs a step in a savepoint that is always rolled back; empty when the server refused it. */
  private <T> Optional<T> attempt(Step<T> step) throws SQLException {
    Savepoint savepoint = connection.setSavepoint();
    try {
      return Optional.of(step.run());
    } catch (SQLException | IllegalArgumentException e) {
      return Optional.empty();
    } finally {
      connection.rollback(savepoint);
    }
  }

  private Table table(Table table, String defaultSchema) throws SQLException {
    List<String> parts = new ArrayList<>();
    for (TableColumn column : table.columns()) {
      StringBuilder sql = new StringBuilder(Sql.identifier(column.name())).append(' ').append(Sql.type(plain(column.type())));
      if (column.generated() != null) {
        sql.append(" GENERATED ALWAYS AS (").append(column.generated()).append(") STORED");
      } else if (column.defaultValue() != null && !column.type().isSerial()) {
        sql.append(" DEFAULT ").append(Sql.value(column.defaultValue()));
      }
      parts.add(sql.toString());
    }
    for (Constraint constraint : table.constraints().values()) {
      if (constraint instanceof Constraint.Check) {
        parts.add("CONSTRAINT " + Sql.identifier(constraint.name()) + " CHECK ("
            + ((Constraint.Check) constraint).expression() + ")");
      }
    }
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE TEMPORARY TABLE " + TABLE + " (" + String.join(", ", parts) + ")");
      for (Index index : table.indexes().values()) {
        s.execute(createIndex(index));
      }
    }
    Table read = introspector.readTable(oid("pg_temp." + TABLE), defaultSchema);
    Table out = table;
    for (TableColumn column : table.columns()) {
      TableColumn back = read.column(column.name()).orElseThrow();
      out = out.withColumn(new TableColumn(column.name(), column.type().isSerial() ? column.type() : back.type(),
          column.nullable(), column.type().isSerial() ? column.defaultValue() : back.defaultValue(),
          column.identity(), back.generated(), column.comment()));
    }
    List<Constraint> constraints = new ArrayList<>();
    for (Constraint constraint : table.constraints().values()) {
      if (constraint instanceof Constraint.Check) {
        Constraint.Check check = (Constraint.Check) constraint;
        String expression = ((Constraint.Check) read.constraint(check.name()).orElseThrow()).expression();
        constraints.add(new Constraint.Check(check.name(), expression, check.valid()));
      } else {
        constraints.add(constraint);
      }
    }
    out = out.withConstraints(constraints);
    List<Index> indexes = new ArrayList<>();
    for (Index index : table.indexes().values()) {
      Index back = read.index(index.name()).orElseThrow();
      indexes.add(new Index(index.name(), back.elements(), index.unique(), back.method(), back.where(),
          index.include(), index.with()));
    }
    return out.withIndexes(indexes);
  }

  /** A serial column is made as its integer: the sequence does not matter here. */
  private static ColumnType plain(ColumnType type) {
    if (!type.isSerial()) {
      return type;
    }
    String base = type.name().name().equals("bigserial") ? "bigint"
        : type.name().name().equals("smallserial") ? "smallint" : "integer";
    return ColumnType.parse(base);
  }

  private static String createIndex(Index index) {
    List<String> elements = new ArrayList<>();
    for (IndexElement e : index.elements()) {
      StringBuilder sql = new StringBuilder(e.isColumn() ? Sql.identifier(e.column()) : "(" + e.expression() + ")");
      if (e.collate() != null) {
        sql.append(" COLLATE ").append(Sql.identifier(e.collate()));
      }
      if (e.opclass() != null) {
        sql.append(' ').append(Sql.name(QualifiedName.parse(e.opclass())));
      }
      if (e.order() != null) {
        sql.append(e.order() == IndexElement.Order.ASC ? " ASC" : " DESC");
      }
      if (e.nulls() != null) {
        sql.append(e.nulls() == IndexElement.Nulls.FIRST ? " NULLS FIRST" : " NULLS LAST");
      }
      elements.add(sql.toString());
    }
    return "CREATE " + (index.unique() ? "UNIQUE " : "") + "INDEX " + Sql.identifier(index.name()) + " ON " + TABLE
        + " USING " + Sql.identifier(index.method()) + " (" + String.join(", ", elements) + ")"
        + (index.include().isEmpty() ? "" : " INCLUDE (" + Sql.identifiers(index.include()) + ")")
        + (index.where() == null ? "" : " WHERE " + index.where());
  }

  private String viewQuery(String query) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE TEMPORARY VIEW " + VIEW + " AS " + query.strip().replaceAll(";+$", ""));
    }
    return introspector.viewDefinition(oid("pg_temp." + VIEW));
  }

  /**
   * The routine as this server stores it: made under a scratch name in the session's
   * temporary schema and read back (types, argument defaults, body), under its own name.
   */
  private Routine routine(Routine routine) throws SQLException {
    QualifiedName scratch = new QualifiedName("pg_temp", ROUTINE);
    try (Statement s = connection.createStatement()) {
      s.execute(PostgresRenderer.createRoutine(routine.withName(scratch), false));
    }
    long oid;
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT oid FROM pg_proc WHERE proname = " + Sql.literal(ROUTINE)
            + " AND pronamespace = pg_my_temp_schema()")) {
      rs.next();
      oid = rs.getLong(1);
    }
    return introspector.readRoutine(oid).withName(routine.name());
  }

  /**
   * A trigger's condition as this server prints it: the trigger is made on a temporary table
   * with the columns of its table, calling a scratch function, and read back.
   */
  private String triggerCondition(Trigger trigger, Table table) throws SQLException {
    List<String> columns = new ArrayList<>();
    for (TableColumn column : table.columns()) {
      columns.add(Sql.identifier(column.name()) + " " + Sql.type(plain(column.type())));
    }
    QualifiedName function = new QualifiedName("pg_temp", ROUTINE);
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE TEMPORARY TABLE " + TRIGGER_TABLE + " (" + String.join(", ", columns) + ")");
      s.execute("CREATE FUNCTION " + Sql.name(function) + "() RETURNS trigger LANGUAGE plpgsql"
          + " AS $$BEGIN RETURN NULL; END$$");
      s.execute(PostgresRenderer.createTrigger(new Trigger(trigger.name(), QualifiedName.unqualified(TRIGGER_TABLE),
          trigger.timing(), trigger.events(), trigger.updateOf(), trigger.forEachRow(), trigger.when(), function,
          List.of())));
    }
    return introspector.readTriggers(oid("pg_temp." + TRIGGER_TABLE)).get(0).when();
  }

  private long oid(String relation) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT " + Sql.literal(relation) + "::regclass::oid")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
