package dev.migrate.lint;

import dev.migrate.changelog.CheckSpec;
import dev.migrate.changelog.Column;
import dev.migrate.changelog.ColumnType;
import dev.migrate.changelog.IndexElement;
import dev.migrate.changelog.Operation;
import dev.migrate.changelog.QualifiedName;
import dev.migrate.changelog.SourceSpan;
import dev.migrate.changelog.Value;
import dev.migrate.schema.SchemaModel;
import dev.migrate.schema.Table;
import dev.migrate.schema.TableColumn;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code enum-value-in-transaction}: add-enum-value, then a use of the new value later in the
 * same transactional revision. PostgreSQL refuses it ("unsafe use of new value"): a value added
 * by ALTER TYPE ... ADD VALUE cannot be used before that transaction commits, unless the enum
 * itself was created in the same transaction.
 *
 * <p>A use is a text value typed by a column of that enum (a default, an inserted or updated
 * value), or the value as a quoted literal in SQL the author wrote (a check, an index predicate,
 * a view query, a where, a generated column, an sql operation). The literal test is textual, so
 * a string equal to the label on a text column counts too, which errs on the side of the error
 * PostgreSQL would raise.
 */
final class EnumValueInTransaction implements Rule {

  static final String ID = "enum-value-in-transaction";

  /** A value added by this revision to an enum it did not create. */
  private record Added(QualifiedName enumName, String label, SourceSpan at) {

    String literal() {
      return "'" + label.replace("'", "''") + "'";
    }
  }

  private static final About ABOUT = new About(ID, Severity.ERROR,
      "add-enum-value and a use of the new value in the same transactional revision",
      "PostgreSQL cannot use an enum value added by ALTER TYPE ... ADD VALUE until the transaction that added"
          + " it commits (\"unsafe use of new value\"), so a transactional revision that adds a value and then uses it"
          + " as a default, in an insert or update, or in a check, index or view fails and rolls back. Put"
          + " add-enum-value in a revision of its own, before the revision that uses the value (or mark the revision"
          + " transactional: false).");

  @Override
  public About about() {
    return ABOUT;
  }

  @Override
  public List<Draft> check(RevisionScope revision) {
    if (!revision.revision().transactional()) {
      return List.of();
    }
    List<Draft> out = new ArrayList<>();
    Set<QualifiedName> createdEnums = new HashSet<>();
    List<Added> added = new ArrayList<>();
    for (RevisionScope.Step step : revision.steps()) {
      Operation operation = step.operation();
      SchemaModel before = step.before();
      if (operation instanceof Operation.CreateEnum op) {
        createdEnums.add(before.qualify(op.name()));
      } else if (operation instanceof Operation.AddEnumValue op) {
        QualifiedName name = before.qualify(op.enumName());
        boolean had = before.enumType(name).map(e -> e.values().contains(op.value())).orElse(false);
        if (!createdEnums.contains(name) && !had) {
          added.add(new Added(name, op.value(), step.at()));
        }
      } else if (!added.isEmpty()) {
        findUse(step, added).ifPresent(use -> out.add(Draft.on(step,
            "uses '" + use.label() + "' of enum " + before.unqualify(use.enumName()) + ", which add-enum-value at line "
                + use.at().line() + " adds in the same transaction: PostgreSQL refuses it (unsafe use of new value).",
            "Move add-enum-value " + use.label() + " into a revision of its own before this one (or mark this"
                + " revision transactional: false).")));
      }
    }
    return out;
  }

  /** The first added value this operation uses, if any. */
  private static Optional<Added> findUse(RevisionScope.Step step, List<Added> added) {
    List<String> sql = new ArrayList<>();
    List<Typed> typed = new ArrayList<>();
    collect(step, sql, typed);
    for (Added value : added) {
      for (Typed t : typed) {
        if (t.value() instanceof Value.Text text && text.text().equals(value.label()) && t.type() != null
            && !t.type().builtin() && step.before().qualify(t.type().elementType().name()).equals(value.enumName())) {
          return Optional.of(value);
        }
      }
      for (String text : sql) {
        if (text != null && text.contains(value.literal())) {
          return Optional.of(value);
        }
      }
    }
    return Optional.empty();
  }

  /** A value and the type of the column it goes into (null when unknown). */
  private record Typed(ColumnType type, Value value) {}

  /** The author's SQL in the operation, and its values with their columns' types. */
  private static void collect(RevisionScope.Step step, List<String> sql, List<Typed> typed) {
    Operation operation = step.operation();
    if (operation instanceof Operation.CreateTable op) {
      op.columns().forEach(c -> column(c, sql, typed));
      op.checks().stream().map(CheckSpec::expression).forEach(sql::add);
    } else if (operation instanceof Operation.AddColumn op) {
      op.columns().forEach(c -> column(c, sql, typed));
    } else if (operation instanceof Operation.AlterColumn op) {
      sql.add(op.using());
      ColumnType type = op.type() != null ? op.type()
          : column(step.before(), op.table(), op.name()).map(TableColumn::type).orElse(null);
      value(type, op.defaultValue(), sql, typed);
    } else if (operation instanceof Operation.CreateIndex op) {
      sql.add(op.where());
      op.columns().stream().map(IndexElement::expression).forEach(sql::add);
    } else if (operation instanceof Operation.AddCheckConstraint op) {
      sql.add(op.expression());
    } else if (operation instanceof Operation.CreateView op) {
      sql.add(op.query());
    } else if (operation instanceof Operation.Insert op) {
      for (Map<String, Value> row : op.rows()) {
        row.forEach((name, v) -> value(typeOf(step, op.table(), name), v, sql, typed));
      }
    } else if (operation instanceof Operation.Update op) {
      sql.add(op.where());
      op.set().forEach((name, v) -> value(typeOf(step, op.table(), name), v, sql, typed));
    } else if (operation instanceof Operation.Delete op) {
      sql.add(op.where());
    } else if (operation instanceof Operation.Sql op) {
      sql.add(op.up());
    }
  }

  private static void column(Column column, List<String> sql, List<Typed> typed) {
    sql.add(column.generated());
    value(column.type(), column.defaultValue(), sql, typed);
  }

  private static void value(ColumnType type, Value value, List<String> sql, List<Typed> typed) {
    if (value instanceof Value.Expression expression) {
      sql.add(expression.sql());
    } else if (value != null) {
      typed.add(new Typed(type, value));
    }
  }

  private static ColumnType typeOf(RevisionScope.Step step, QualifiedName table, String column) {
    return column(step.before(), table, column).map(TableColumn::type).orElse(null);
  }

  private static Optional<TableColumn> column(SchemaModel model, QualifiedName table, String column) {
    return model.table(table).flatMap((Table t) -> t.column(column));
  }
}
