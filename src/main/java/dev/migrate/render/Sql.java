package dev.migrate.render;

import dev.migrate.changelog.QualifiedName;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The typed holes SQL is built with, as PostgreSQL's {@code format('%I', '%L')}: an
 * identifier is quoted where PostgreSQL needs it, a literal is always escaped. Nothing an
 * author writes as a name or a value can break out of its hole.
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
    if (PLAIN.matcher(name).matches() && !RESERVED.contains(name)) {
      return name;
    }
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /** A possibly schema-qualified name, each part quoted as needed. */
  public static String name(QualifiedName name) {
    return name.schema() == null ? identifier(name.name()) : identifier(name.schema()) + "." + identifier(name.name());
  }

  /**
   * A string literal. With standard_conforming_strings on (the default since PostgreSQL
   * 9.1) only the quote needs doubling; a backslash uses the E'' form so the literal means
   * the same whatever that setting is.
   */
  public static String literal(String value) {
    String quoted = "'" + value.replace("'", "''") + "'";
    if (value.indexOf('\\') >= 0) {
      return "E" + quoted.replace("\\", "\\\\");
    }
    return quoted;
  }

  /** Is this word one that must be quoted when used as a name? */
  static boolean isReserved(String word) {
    return RESERVED.contains(word.toLowerCase(Locale.ROOT));
  }
}
