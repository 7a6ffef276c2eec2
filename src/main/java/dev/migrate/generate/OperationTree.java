package dev.migrate.generate;

import dev.migrate.changelog.Column;
import dev.migrate.changelog.ColumnType;
import dev.migrate.changelog.ForeignKeySpec;
import dev.migrate.changelog.IndexElement;
import dev.migrate.changelog.KeySpec;
import dev.migrate.changelog.Operation;
import dev.migrate.changelog.ReferentialAction;
import dev.migrate.changelog.Routine;
import dev.migrate.changelog.Trigger;
import dev.migrate.changelog.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An operation as the changelog spells it, as a tree of maps (in the changelog's key order),
 * lists and scalars, which {@link RevisionWriter} prints as YAML or XML. Arguments at their
 * default are left out, as a person leaves them out; {@link #NULL} stands for an explicit
 * {@code null}.
 */
final class OperationTree {

  /** An explicit null (a default of NULL, a comment removed). */
  static final Object NULL = new Object() {
    @Override
    public String toString() {
      return "null";
    }
  };

  private OperationTree() {}

  /** {@code {create-table: {...}}}: the operation's key and its arguments. */
  static Map<String, Object> of(Operation op) {
    Map<String, Object> args = new LinkedHashMap<>();
    switch (op.kind()) {
      case CREATE_TABLE -> {
        Operation.CreateTable t = (Operation.CreateTable) op;
        args.put("name", t.name().toString());
        args.put("columns", t.columns().stream().map(OperationTree::column).toList());
        if (t.primaryKey() != null) {
          args.put("primary-key", key(t.primaryKey()));
        }
        if (!t.unique().isEmpty()) {
          args.put("unique", t.unique().stream().map(OperationTree::key).toList());
        }
        if (!t.foreignKeys().isEmpty()) {
          args.put("foreign-keys", t.foreignKeys().stream().map(OperationTree::foreignKey).toList());
        }
        if (!t.checks().isEmpty()) {
          List<Object> checks = new ArrayList<>();
          for (var check : t.checks()) {
            Map<String, Object> c = new LinkedHashMap<>();
            put(c, "name", check.name());
            c.put("expression", check.expression());
            checks.add(c);
          }
          args.put("checks", checks);
        }
        put(args, "comment", t.comment());
        if (!t.with().isEmpty()) {
          args.put("with", new LinkedHashMap<String, Object>(t.with()));
        }
      }
      case DROP_TABLE -> args.put("name", ((Operation.DropTable) op).name().toString());
      case ADD_COLUMN -> {
        Operation.AddColumn a = (Operation.AddColumn) op;
        args.put("table", a.table().toString());
        if (a.columns().size() == 1) {
          args.put("column", column(a.columns().get(0)));
        } else {
          args.put("columns", a.columns().stream().map(OperationTree::column).toList());
        }
      }
      case DROP_COLUMN -> {
        Operation.DropColumn d = (Operation.DropColumn) op;
        args.put("table", d.table().toString());
        args.put("name", d.name());
      }
      case ALTER_COLUMN -> {
        Operation.AlterColumn a = (Operation.AlterColumn) op;
        args.put("table", a.table().toString());
        args.put("name", a.name());
        put(args, "type", a.type() == null ? null : type(a.type()));
        put(args, "using", a.using());
        if (a.nullable() != null) {
          args.put("nullable", a.nullable());
        }
        if (a.defaultValue() != null) {
          args.put("default", value(a.defaultValue()));
        }
        if (a.dropDefault()) {
          args.put("drop-default", true);
        }
        put(args, "identity", a.identity() == null ? null : a.identity().key());
      }
      case RENAME_COLUMN -> {
        Operation.RenameColumn r = (Operation.RenameColumn) op;
        args.put("table", r.table().toString());
        args.put("from", r.from());
        args.put("to", r.to());
      }
      case CREATE_INDEX -> {
        Operation.CreateIndex i = (Operation.CreateIndex) op;
        args.put("name", i.name());
        args.put("table", i.table().toString());
        args.put("columns", i.columns().stream().map(OperationTree::element).toList());
        if (i.unique()) {
          args.put("unique", true);
        }
        put(args, "using", i.using());
        if (!i.include().isEmpty()) {
          args.put("include", new ArrayList<Object>(i.include()));
        }
        put(args, "where", i.where());
        if (!i.with().isEmpty()) {
          args.put("with", new LinkedHashMap<String, Object>(i.with()));
        }
      }
      case DROP_INDEX -> args.put("name", ((Operation.DropIndex) op).name().toString());
      case ADD_PRIMARY_KEY -> {
        Operation.AddPrimaryKey p = (Operation.AddPrimaryKey) op;
        args.put("table", p.table().toString());
        args.put("columns", new ArrayList<Object>(p.columns()));
        put(args, "name", p.name());
      }
      case ADD_FOREIGN_KEY -> {
        Operation.AddForeignKey f = (Operation.AddForeignKey) op;
        args.put("table", f.table().toString());
        args.putAll(foreignKey(f.key()));
        if (f.notValid()) {
          args.put("not-valid", true);
        }
      }
      case ADD_UNIQUE_CONSTRAINT -> {
        Operation.AddUniqueConstraint u = (Operation.AddUniqueConstraint) op;
        args.put("table", u.table().toString());
        args.put("columns", new ArrayList<Object>(u.columns()));
        put(args, "name", u.name());
        if (u.nullsNotDistinct()) {
          args.put("nulls-not-distinct", true);
        }
      }
      case ADD_CHECK_CONSTRAINT -> {
        Operation.AddCheckConstraint c = (Operation.AddCheckConstraint) op;
        args.put("table", c.table().toString());
        args.put("name", c.name());
        args.put("expression", c.expression());
        if (c.notValid()) {
          args.put("not-valid", true);
        }
      }
      case DROP_CONSTRAINT -> {
        Operation.DropConstraint d = (Operation.DropConstraint) op;
        args.put("table", d.table().toString());
        args.put("name", d.name());
      }
      case CREATE_ENUM -> {
        Operation.CreateEnum e = (Operation.CreateEnum) op;
        args.put("name", e.name().toString());
        args.put("values", new ArrayList<Object>(e.values()));
      }
      case ADD_ENUM_VALUE -> {
        Operation.AddEnumValue e = (Operation.AddEnumValue) op;
        args.put("enum", e.enumName().toString());
        args.put("value", e.value());
        put(args, "before", e.before());
        put(args, "after", e.after());
        if (e.ifNotExists()) {
          args.put("if-not-exists", true);
        }
      }
      case DROP_ENUM -> args.put("name", ((Operation.DropEnum) op).name().toString());
      case CREATE_SCHEMA -> args.put("name", ((Operation.CreateSchema) op).name());
      case DROP_SCHEMA -> args.put("name", ((Operation.DropSchema) op).name());
      case CREATE_SEQUENCE -> {
        Operation.CreateSequence s = (Operation.CreateSequence) op;
        args.put("name", s.name().toString());
        put(args, "start", s.start());
        put(args, "increment", s.increment());
        put(args, "min", s.min());
        put(args, "max", s.max());
        if (s.cycle()) {
          args.put("cycle", true);
        }
        put(args, "owned-by", s.ownedBy());
      }
      case DROP_SEQUENCE -> args.put("name", ((Operation.DropSequence) op).name().toString());
      case CREATE_VIEW -> {
        Operation.CreateView v = (Operation.CreateView) op;
        args.put("name", v.name().toString());
        if (v.materialized()) {
          args.put("materialized", true);
        }
        args.put("query", v.query().strip());
      }
      case DROP_VIEW -> {
        Operation.DropView v = (Operation.DropView) op;
        args.put("name", v.name().toString());
        if (v.materialized()) {
          args.put("materialized", true);
        }
      }
      case CREATE_EXTENSION -> {
        Operation.CreateExtension e = (Operation.CreateExtension) op;
        args.put("name", e.name());
        put(args, "schema", e.schema());
      }
      case DROP_EXTENSION -> args.put("name", ((Operation.DropExtension) op).name());
      case COMMENT -> {
        Operation.Comment c = (Operation.Comment) op;
        args.put("table", c.table().toString());
        put(args, "column", c.column());
        args.put("text", c.text() == null ? NULL : c.text());
      }
      case CREATE_FUNCTION -> routine(args, ((Operation.CreateFunction) op).definition(),
          ((Operation.CreateFunction) op).orReplace());
      case CREATE_PROCEDURE -> routine(args, ((Operation.CreateProcedure) op).definition(),
          ((Operation.CreateProcedure) op).orReplace());
      case DROP_FUNCTION -> {
        Operation.DropFunction d = (Operation.DropFunction) op;
        args.put("name", d.name().toString());
        if (d.argumentTypes() != null) {
          args.put("arguments", d.argumentTypes().stream().map(t -> (Object) type(t)).toList());
        }
      }
      case DROP_PROCEDURE -> {
        Operation.DropProcedure d = (Operation.DropProcedure) op;
        args.put("name", d.name().toString());
        if (d.argumentTypes() != null) {
          args.put("arguments", d.argumentTypes().stream().map(t -> (Object) type(t)).toList());
        }
      }
      case CREATE_TRIGGER -> {
        Trigger t = ((Operation.CreateTrigger) op).definition();
        args.put("name", t.name());
        args.put("table", t.table().toString());
        args.put("timing", t.timing().key());
        args.put("events", t.events().stream().map(e -> (Object) e.key()).toList());
        if (!t.updateOf().isEmpty()) {
          args.put("update-of", new ArrayList<Object>(t.updateOf()));
        }
        if (t.forEachRow()) {
          args.put("for-each", "row");
        }
        put(args, "when", t.when());
        args.put("function", t.function().toString());
        if (!t.arguments().isEmpty()) {
          args.put("arguments", new ArrayList<Object>(t.arguments()));
        }
      }
      case DROP_TRIGGER -> {
        Operation.DropTrigger d = (Operation.DropTrigger) op;
        args.put("name", d.name());
        args.put("table", d.table().toString());
      }
      default -> throw new IllegalArgumentException(op.kind().key() + " is not written by autogenerate");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put(op.kind().key(), args);
    return out;
  }

  private static void routine(Map<String, Object> args, Routine r, boolean orReplace) {
    args.put("name", r.name().toString());
    if (orReplace) {
      args.put("or-replace", true);
    }
    if (!r.arguments().isEmpty()) {
      List<Object> arguments = new ArrayList<>();
      for (Routine.Argument a : r.arguments()) {
        Map<String, Object> argument = new LinkedHashMap<>();
        put(argument, "name", a.name());
        argument.put("type", type(a.type()));
        if (a.mode() != Routine.Mode.IN) {
          argument.put("mode", a.mode().key());
        }
        if (a.defaultValue() != null) {
          argument.put("default", value(a.defaultValue()));
        }
        arguments.add(argument);
      }
      args.put("arguments", arguments);
    }
    if (r.returns() != null) {
      Routine.Returns returns = r.returns();
      if (returns.type() == null) {
        List<Object> columns = new ArrayList<>();
        for (Routine.ResultColumn c : returns.table()) {
          Map<String, Object> column = new LinkedHashMap<>();
          column.put("name", c.name());
          column.put("type", type(c.type()));
          columns.add(column);
        }
        Map<String, Object> table = new LinkedHashMap<>();
        table.put("table", columns);
        args.put("returns", table);
      } else {
        args.put("returns", (returns.setOf() ? "setof " : "") + type(returns.type()));
      }
    }
    args.put("language", r.language());
    if (r.volatility() != Routine.Volatility.VOLATILE) {
      args.put("volatility", r.volatility().key());
    }
    if (r.strict()) {
      args.put("strict", true);
    }
    if (r.securityDefiner()) {
      args.put("security-definer", true);
    }
    args.put("body", r.body());
  }

  private static void put(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  static Map<String, Object> column(Column c) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", c.name());
    out.put("type", type(c.type()));
    // a key or identity column is NOT NULL already, as PostgreSQL makes it
    if (!c.nullable() && !c.primaryKey() && c.identity() == null) {
      out.put("nullable", false);
    }
    if (c.defaultValue() != null) {
      out.put("default", value(c.defaultValue()));
    }
    if (c.identity() != null) {
      out.put("identity", c.identity().key());
    }
    if (c.primaryKey()) {
      out.put("primary-key", true);
    }
    if (c.unique()) {
      out.put("unique", true);
    }
    if (c.generated() != null) {
      out.put("generated", sql(c.generated()));
    }
    put(out, "comment", c.comment());
    return out;
  }

  private static Object key(KeySpec key) {
    if (key.name() == null && !key.nullsNotDistinct()) {
      return new ArrayList<Object>(key.columns());
    }
    Map<String, Object> out = new LinkedHashMap<>();
    put(out, "name", key.name());
    out.put("columns", new ArrayList<Object>(key.columns()));
    if (key.nullsNotDistinct()) {
      out.put("nulls-not-distinct", true);
    }
    return out;
  }

  private static Map<String, Object> foreignKey(ForeignKeySpec fk) {
    Map<String, Object> out = new LinkedHashMap<>();
    put(out, "name", fk.name());
    out.put("columns", new ArrayList<Object>(fk.columns()));
    Map<String, Object> references = new LinkedHashMap<>();
    references.put("table", fk.referencedTable().toString());
    references.put("columns", new ArrayList<Object>(fk.referencedColumns()));
    out.put("references", references);
    if (fk.onDelete() != null && fk.onDelete() != ReferentialAction.NO_ACTION) {
      out.put("on-delete", fk.onDelete().key());
    }
    if (fk.onUpdate() != null && fk.onUpdate() != ReferentialAction.NO_ACTION) {
      out.put("on-update", fk.onUpdate().key());
    }
    if (fk.deferrable()) {
      out.put("deferrable", true);
    }
    return out;
  }

  private static Object element(IndexElement e) {
    if (e.isColumn() && e.order() == null && e.nulls() == null && e.opclass() == null && e.collate() == null) {
      return e.column();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    put(out, "name", e.column());
    put(out, "expression", e.expression());
    put(out, "order", e.order() == null ? null : e.order().name().toLowerCase(Locale.ROOT));
    put(out, "nulls", e.nulls() == null ? null : e.nulls().name().toLowerCase(Locale.ROOT));
    put(out, "opclass", e.opclass());
    put(out, "collate", e.collate());
    return out;
  }

  private static Map<String, Object> sql(String sql) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("sql", sql);
    return out;
  }

  static Object value(Value value) {
    if (value instanceof Value.Text t) {
      return t.text();
    }
    if (value instanceof Value.Number n) {
      return n.number();
    }
    if (value instanceof Value.Bool b) {
      return b.value();
    }
    if (value instanceof Value.Expression e) {
      return sql(e.sql());
    }
    return NULL;
  }

  /** A type as people write it: {@code varchar(255)}, {@code timestamptz}, not format_type's long names. */
  static String type(ColumnType type) {
    if (!type.builtin()) {
      return type.toString();
    }
    String mods = type.modifiers().isEmpty() ? ""
        : "(" + String.join(",", type.modifiers().stream().map(String::valueOf).toList()) + ")";
    String base = switch (type.name().name()) {
      case "character varying" -> "varchar";
      case "character" -> "char";
      case "timestamp with time zone" -> "timestamptz";
      case "timestamp without time zone" -> "timestamp";
      case "time with time zone" -> "timetz";
      case "time without time zone" -> "time";
      case "bit varying" -> "varbit";
      default -> null;
    };
    if (base == null) {
      return type.toString();
    }
    return base + mods + "[]".repeat(type.arrayDimensions());
  }
}
