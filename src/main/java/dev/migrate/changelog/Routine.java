package dev.migrate.changelog;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A function or procedure as {@code CREATE FUNCTION} / {@code CREATE PROCEDURE} defines it:
 * what {@code create-function} and {@code create-procedure} carry, what the schema model keeps
 * (so {@code drop-function} is undone by the exact prior definition) and what introspection
 * reads back from {@code pg_proc}. The body is the author's SQL with leading and trailing
 * blanks removed (a YAML block and an XML element then load to the same text); PostgreSQL
 * stores it between the dollar quotes the renderer chooses.
 *
 * <pre>
 * new Routine(QualifiedName.parse("set_updated_at"), false, List.of(), Routine.Returns.of(ColumnType.parse("trigger")),
 *     "plpgsql", Routine.Volatility.VOLATILE, false, false, "BEGIN NEW.updated_at = now(); RETURN NEW; END;")
 * </pre>
 *
 * @param procedure true for a procedure, which has no result, volatility or strictness
 * @param returns the result of a function; null for a procedure
 * @param volatility PostgreSQL's default is {@link Volatility#VOLATILE}
 */
public record Routine(QualifiedName name, boolean procedure, List<Argument> arguments, Returns returns,
    String language, Volatility volatility, boolean strict, boolean securityDefiner, String body) {

  public Routine {
    Objects.requireNonNull(name, "name");
    arguments = List.copyOf(arguments);
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(body, "body");
    body = body.strip();
    volatility = volatility == null ? Volatility.VOLATILE : volatility;
    if (procedure) {
      if (returns != null) {
        throw new IllegalArgumentException("a procedure has no result; remove returns (or write create-function)");
      }
      if (volatility != Volatility.VOLATILE || strict) {
        throw new IllegalArgumentException("a procedure takes neither volatility nor strict");
      }
    } else {
      Objects.requireNonNull(returns, "returns");
    }
  }

  /** The argument modes of PostgreSQL; IN is the default. */
  public enum Mode {
    IN, OUT, INOUT, VARIADIC;

    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** IMMUTABLE, STABLE or VOLATILE. */
  public enum Volatility {
    IMMUTABLE, STABLE, VOLATILE;

    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One argument: {@code name} may be null (PostgreSQL allows unnamed arguments), {@code mode}
   * null is IN, {@code defaultValue} null is none (a value, or {@code {sql: ...}}).
   */
  public record Argument(String name, ColumnType type, Mode mode, Value defaultValue) {
    public Argument {
      Objects.requireNonNull(type, "type");
      mode = mode == null ? Mode.IN : mode;
    }

    /** IN, INOUT and VARIADIC arguments make a function's identity; OUT ones do not. */
    public boolean input() {
      return mode != Mode.OUT;
    }
  }

  /** A column of {@code RETURNS TABLE (...)}. */
  public record ResultColumn(String name, ColumnType type) {
    public ResultColumn {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
    }
  }

  /**
   * What a function returns: a type ({@code integer}, {@code trigger}, {@code void}), a set of
   * a type ({@code setof users}), or a table ({@code table (id bigint, name text)}, when
   * {@code table} is not empty and {@code type} is null).
   */
  public record Returns(ColumnType type, boolean setOf, List<ResultColumn> table) {
    public Returns {
      table = List.copyOf(table);
      if (table.isEmpty() == (type == null)) {
        throw new IllegalArgumentException("a result is a type or a table of columns, exactly one of them");
      }
      if (!table.isEmpty()) {
        setOf = true;
      }
    }

    public static Returns of(ColumnType type) {
      return new Returns(type, false, List.of());
    }

    public static Returns setOf(ColumnType type) {
      return new Returns(type, true, List.of());
    }

    public static Returns table(List<ResultColumn> columns) {
      return new Returns(null, true, columns);
    }

    /** {@code RETURNS trigger}: what a trigger's function must return. */
    public boolean isTrigger() {
      return type != null && !setOf && !type.builtin() && type.arrayDimensions() == 0
          && type.name().name().equals("trigger")
          && (type.name().schema() == null || type.name().schema().equals("pg_catalog"));
    }
  }

  /** The types that make the routine's identity (IN, INOUT, VARIADIC arguments), in order. */
  public List<ColumnType> inputTypes() {
    return arguments.stream().filter(Argument::input).map(Argument::type).toList();
  }

  /** {@code function} or {@code procedure}, for messages and reports. */
  public String noun() {
    return procedure ? "procedure" : "function";
  }

  public Routine withName(QualifiedName newName) {
    return new Routine(newName, procedure, arguments, returns, language, volatility, strict, securityDefiner, body);
  }
}
