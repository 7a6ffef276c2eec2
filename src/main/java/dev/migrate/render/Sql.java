package dev.migrate.render;

import dev.migrate.MigrateException;
import dev.migrate.changelog.ColumnType;
import dev.migrate.changelog.QualifiedName;
import dev.migrate.changelog.Value;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The typed holes SQL is built with, as PostgreSQL's {@code format('%I', '%L')}: an
 * identifier is quoted where PostgreSQL needs it, a literal is always escaped, a type is
 * checked before it is written. Nothing an author writes as a name or a value can break out
 * of its hole; only {@link Value.Expression} and the renderer's other SQL-by-nature
 * arguments are the author's own SQL.
 */
public final class Sql {

  private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_$]*");

  /**
   * Reserved key words (PostgreSQL's "reserved" and "reserved (can be function or type)"
   * categories), which must be quoted to be used as names.
   */
  private static final Set<String> RESERVED = Set.of(
      "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization",
      "binary", "both", "case", "cast", "check", "collate", "collation", "column", "concurrently",
      "constraint", "create", "cross", "current_catalog", "current_date", "current_role", "current_schema",
      "current_time", "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do",
      "else", "end", "except", "false", "fetch", "for", "foreign", "freeze", "from", "full", "grant", "group",
      "having", "ilike", "in", "initially", "inner", "intersect", "into", "is", "isnull", "join", "lateral",
      "leading", "left", "like", "limit", "localtime", "localtimestamp", "natural", "not", "notnull", "null",
      "offset", "on", "only", "or", "order", "outer", "overlaps", "placing", "primary", "references",
      "returning", "right", "select", "session_user", "similar", "some", "symmetric", "system_user", "table",
      "tablesample", "then", "to", "trailing", "true", "union", "unique", "user", "using", "variadic",
      "verbose", "when", "where", "window", "with",
      // "non-reserved (cannot be function or type)" and col-name keywords that break as column names
      "between", "bigint", "bit", "boolean", "char", "character", "coalesce", "dec", "decimal", "exists",
      "extract", "float", "greatest", "grouping", "inout", "int", "integer", "interval", "least", "national",
      "nchar", "none", "normalize", "nullif", "numeric", "out", "overlay", "position", "precision", "real",
      "row", "setof", "smallint", "substring", "time", "timestamp", "treat", "trim", "values", "varchar",
      "xmlattributes", "xmlconcat", "xmlelement", "xmlexists", "xmlforest", "xmlnamespaces", "xmlparse",
      "xmlpi", "xmlroot", "xmlserialize", "xmltable", "json", "json_array", "json_arrayagg", "json_exists",
      "json_object", "json_objectagg", "json_query", "json_scalar", "json_serialize", "json_table",
      "json_value", "merge_action");

  private Sql() {}

  /** An identifier, quoted only where PostgreSQL needs it: {@code users}, {@code "Users"}, {@code "order"}. */
  public static String identifier(String name) {
    refuseNul(name, "a name");
    if (PLAIN.matcher(name).matches() && !RESERVED.contains(name)) {
      return name;
    }
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /** A possibly schema-qualified name, each part quoted as needed. */
  public static String name(QualifiedName name) {
    return name.schema() == null ? identifier(name.name()) : identifier(name.schema()) + "." + identifier(name.name());
  }

  /** Identifiers separated by commas, as in a column list: {@code a, "B", c}. */
  public static String identifiers(Collection<String> names) {
    return names.stream().map(Sql::identifier).collect(Collectors.joining(", "));
  }

  /**
   * A string literal. With standard_conforming_strings on (the default since PostgreSQL
   * 9.1) only the quote needs doubling; a backslash uses the E'' form so the literal means
   * the same whatever that setting is.
   */
  public static String literal(String value) {
    refuseNul(value, "a string");
    String quoted = "'" + value.replace("'", "''") + "'";
    if (value.indexOf('\\') >= 0) {
      return "E" + quoted.replace("\\", "\\\\");
    }
    return quoted;
  }

  /** A number as digits, never in exponent form ({@code 1E+3} is {@code 1000}). */
  public static String number(BigDecimal number) {
    return number.toPlainString();
  }

  /**
   * A value an author wrote: text is escaped, numbers and booleans are written as such,
   * {@code null} is NULL, and only an {@link Value.Expression} passes through as written.
   */
  public static String value(Value value) {
    if (value instanceof Value.Text) {
      return literal(((Value.Text) value).text());
    }
    if (value instanceof Value.Number) {
      return number(((Value.Number) value).number());
    }
    if (value instanceof Value.Bool) {
      return ((Value.Bool) value).value() ? "true" : "false";
    }
    if (value instanceof Value.Null) {
      return "NULL";
    }
    return authored(((Value.Expression) value).sql());
  }

  /**
   * A column type. A built-in is written in PostgreSQL's spelling after checking that it is
   * one ColumnType knows (re-parsing its SQL must give the same type back), so a type built
   * by hand cannot smuggle text in; any other type is a quoted name with its modifiers.
   */
  public static String type(ColumnType type) {
    String mods = type.modifiers().isEmpty() ? ""
        : type.modifiers().stream().map(String::valueOf).collect(Collectors.joining(",", "(", ")"));
    if (!type.builtin()) {
      return name(type.name()) + mods + "[]".repeat(type.arrayDimensions());
    }
    String sql = type.builtinSql();
    ColumnType reparsed;
    try {
      reparsed = ColumnType.parse(sql);
    } catch (IllegalArgumentException e) {
      reparsed = null;
    }
    if (reparsed == null || !reparsed.builtin() || !reparsed.equals(type)) {
      throw new IllegalArgumentException("not a built-in PostgreSQL type: " + type.name());
    }
    return sql;
  }

  /**
   * The author's own SQL (a {@code where}, an {@code expression}, a {@code query}, a
   * {@code default: {sql: ...}}), passed through as written but for trailing blanks. When
   * its last line holds {@code --}, a line break is added, so that a line comment at its end
   * cannot swallow what the renderer writes after it (a closing parenthesis, the next
   * column, the script's semicolon).
   */
  public static String authored(String sql) {
    String text = sql.stripTrailing();
    int lastLine = text.lastIndexOf('\n') + 1;
    return text.indexOf("--", lastLine) >= 0 ? text + "\n" : text;
  }

  /**
   * A whole statement the author wrote (an {@code sql} operation, a view's query), without
   * the semicolons that close it: the renderer hands out statements without a terminator
   * and a script writer adds its own.
   */
  public static String authoredStatement(String sql) {
    String text = sql.stripTrailing();
    int end = text.length();
    while (end > 0 && (text.charAt(end - 1) == ';' || Character.isWhitespace(text.charAt(end - 1)))) {
      end--;
    }
    return authored(text.substring(0, end));
  }

  /** Is this word one that must be quoted when used as a name? */
  static boolean isReserved(String word) {
    return RESERVED.contains(word.toLowerCase(Locale.ROOT));
  }

  // PostgreSQL cannot store U+0000 in a name or a text value; refusing it here keeps the
  // failure at the author's value instead of a protocol error half-way through a script.
  private static void refuseNul(String text, String what) {
    if (text.indexOf('\0') >= 0) {
      throw new MigrateException("nul-character", what + " cannot contain the character U+0000 (PostgreSQL"
          + " cannot store it): '" + text.replace('\0', '?') + "'; remove it from the changelog");
    }
  }
}
