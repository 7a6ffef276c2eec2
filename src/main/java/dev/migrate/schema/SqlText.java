package dev.migrate.schema;

import dev.migrate.changelog.ColumnType;
import dev.migrate.changelog.Value;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The little the model needs to know about the author's SQL (checks, index predicates): which
 * identifiers it names, outside string literals. An approximation that PostgreSQL's parser
 * would do exactly; it errs towards "mentions", which only makes a drop take more with it.
 * Also writes the few SQL fragments the reversal builds (a cast, a key list).
 */
final class SqlText {

  // a string literal (skipped), a quoted identifier, or a plain identifier
  private static final Pattern TOKEN =
      Pattern.compile("'(?:[^']|'')*'|\"((?:[^\"]|\"\")+)\"|([A-Za-z_\\u0080-\\uffff][A-Za-z0-9_$\\u0080-\\uffff]*)");

  private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_$]*");

  private SqlText() {}

  /** The distinct identifiers the SQL names, in order of first appearance. */
  static Set<String> identifiers(String sql) {
    Set<String> out = new LinkedHashSet<>();
    if (sql == null) {
      return out;
    }
    Matcher m = TOKEN.matcher(sql);
    while (m.find()) {
      if (m.group(1) != null) {
        out.add(m.group(1).replace("\"\"", "\""));
      } else if (m.group(2) != null) {
        // PostgreSQL folds unquoted identifiers to lower case
        out.add(m.group(2).toLowerCase(java.util.Locale.ROOT));
      }
    }
    return out;
  }

  static boolean mentions(String sql, String identifier) {
    return identifiers(sql).contains(identifier);
  }

  /** The SQL with every mention of one identifier replaced by another, literals untouched. */
  static String renamed(String sql, String from, String to) {
    if (sql == null) {
      return null;
    }
    Matcher m = TOKEN.matcher(sql);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1).replace("\"\"", "\"")
          : m.group(2) != null ? m.group(2).toLowerCase(java.util.Locale.ROOT) : null;
      m.appendReplacement(out, Matcher.quoteReplacement(from.equals(name) ? identifier(to) : m.group()));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** An identifier as SQL, quoted unless it is a plain lower-case name. */
  static String identifier(String name) {
    return PLAIN.matcher(name).matches() && !RESERVED.contains(name) ? name : "\"" + name.replace("\"", "\"\"") + "\"";
  }

  /** A column type as SQL: built-ins as PostgreSQL writes them, user types quoted. */
  static String type(ColumnType type) {
    if (type.builtin()) {
      return type.builtinSql();
    }
    String name = (type.name().schema() == null ? "" : identifier(type.name().schema()) + ".")
        + identifier(type.name().name());
    return name + "[]".repeat(type.arrayDimensions());
  }

  /** A value as an SQL literal; null when it is an expression (not a fixed value). */
  static String literal(Value value) {
    if (value instanceof Value.Text text) {
      return "'" + text.text().replace("'", "''") + "'";
    }
    if (value instanceof Value.Number number) {
      return number.number().toPlainString();
    }
    if (value instanceof Value.Bool bool) {
      return bool.value() ? "true" : "false";
    }
    if (value instanceof Value.Null) {
      return "NULL";
    }
    return null;
  }

  static String list(List<String> parts) {
    return String.join(", ", new ArrayList<>(parts));
  }

  /** Words that must be quoted even when plain (the common reserved ones). */
  private static final Set<String> RESERVED = Set.of("all", "analyse", "analyze", "and", "any", "array", "as", "asc",
      "asymmetric", "both", "case", "cast", "check", "collate", "column", "constraint", "create", "current_date",
      "current_role", "current_time", "current_timestamp", "current_user", "default", "deferrable", "desc",
      "distinct", "do", "else", "end", "except", "false", "fetch", "for", "foreign", "from", "grant", "group",
      "having", "in", "initially", "intersect", "into", "lateral", "leading", "limit", "localtime",
      "localtimestamp", "not", "null", "offset", "on", "only", "or", "order", "placing", "primary", "references",
      "returning", "select", "session_user", "some", "symmetric", "table", "then", "to", "trailing", "true",
      "union", "unique", "user", "using", "variadic", "when", "where", "window", "with");
}
