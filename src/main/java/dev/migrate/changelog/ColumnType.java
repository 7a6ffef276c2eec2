package dev.migrate.changelog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A column type, checked and normalized. A built-in type is kept under PostgreSQL's own
 * spelling ({@code int4} and {@code integer} are both {@code integer}, {@code timestamptz} is
 * {@code timestamp with time zone}), so two spellings of one type are equal and the renderer
 * never pastes the author's text. Any other name is a user type (an enum, an extension's
 * type), quoted as an identifier by the renderer and checked by the schema model.
 *
 * <pre>
 * ColumnType.parse("varchar(255)")   -> character varying(255)
 * ColumnType.parse("text[]")         -> text[]
 * ColumnType.parse("replytype")      -> user type replytype
 * </pre>
 */
public record ColumnType(QualifiedName name, List<Integer> modifiers, int arrayDimensions, boolean builtin) {

  /** Aliases to PostgreSQL's canonical names, as {@code format_type} prints them. */
  private static final Map<String, String> BUILTIN = Map.ofEntries(
      Map.entry("int", "integer"), Map.entry("int4", "integer"), Map.entry("integer", "integer"),
      Map.entry("int8", "bigint"), Map.entry("bigint", "bigint"),
      Map.entry("int2", "smallint"), Map.entry("smallint", "smallint"),
      Map.entry("float8", "double precision"), Map.entry("double precision", "double precision"),
      Map.entry("float", "double precision"),
      Map.entry("float4", "real"), Map.entry("real", "real"),
      Map.entry("bool", "boolean"), Map.entry("boolean", "boolean"),
      Map.entry("varchar", "character varying"), Map.entry("character varying", "character varying"),
      Map.entry("char", "character"), Map.entry("character", "character"), Map.entry("bpchar", "character"),
      Map.entry("numeric", "numeric"), Map.entry("decimal", "numeric"),
      Map.entry("timestamp", "timestamp without time zone"),
      Map.entry("timestamp without time zone", "timestamp without time zone"),
      Map.entry("timestamptz", "timestamp with time zone"),
      Map.entry("timestamp with time zone", "timestamp with time zone"),
      Map.entry("time", "time without time zone"),
      Map.entry("time without time zone", "time without time zone"),
      Map.entry("timetz", "time with time zone"), Map.entry("time with time zone", "time with time zone"),
      Map.entry("date", "date"), Map.entry("interval", "interval"), Map.entry("uuid", "uuid"),
      Map.entry("json", "json"), Map.entry("jsonb", "jsonb"), Map.entry("bytea", "bytea"),
      Map.entry("inet", "inet"), Map.entry("cidr", "cidr"), Map.entry("macaddr", "macaddr"),
      Map.entry("text", "text"), Map.entry("money", "money"), Map.entry("xml", "xml"),
      Map.entry("tsvector", "tsvector"), Map.entry("tsquery", "tsquery"), Map.entry("oid", "oid"),
      Map.entry("bit", "bit"), Map.entry("varbit", "bit varying"), Map.entry("bit varying", "bit varying"),
      Map.entry("serial", "serial"), Map.entry("serial4", "serial"),
      Map.entry("bigserial", "bigserial"), Map.entry("serial8", "bigserial"),
      Map.entry("smallserial", "smallserial"), Map.entry("serial2", "smallserial"));

  /** How many modifiers each built-in takes at most; absent means none. */
  private static final Map<String, Integer> MODIFIERS = Map.of(
      "character varying", 1, "character", 1, "numeric", 2,
      "timestamp without time zone", 1, "timestamp with time zone", 1,
      "time without time zone", 1, "time with time zone", 1, "interval", 1,
      "bit", 1, "bit varying", 1);

  private static final Pattern SHAPE =
      Pattern.compile("^([^()\\[\\]]+)\\s*(?:\\(\\s*([0-9]+(?:\\s*,\\s*-?[0-9]+)?)\\s*\\))?\\s*([a-z ]*?)\\s*((?:\\[\\])*)$",
          Pattern.CASE_INSENSITIVE);

  public ColumnType {
    Objects.requireNonNull(name, "name");
    modifiers = List.copyOf(modifiers);
    if (arrayDimensions < 0) {
      throw new IllegalArgumentException("arrayDimensions < 0");
    }
  }

  /**
   * Parses a type as an author writes it.
   *
   * @throws IllegalArgumentException with a sentence fit for a diagnostic when the text is
   *     not a type name
   */
  public static ColumnType parse(String text) {
    Matcher m = SHAPE.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a type name; write a PostgreSQL type such as"
          + " text, varchar(255), numeric(12,2), timestamptz or text[]");
    }
    String base = m.group(1).trim();
    String suffix = m.group(3).trim();
    List<Integer> mods = new ArrayList<>();
    if (m.group(2) != null) {
      for (String part : m.group(2).split(",")) {
        mods.add(Integer.parseInt(part.trim()));
      }
    }
    int dims = m.group(4).length() / 2;
    String key = (base + (suffix.isEmpty() ? "" : " " + suffix)).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    String canonical = BUILTIN.get(key);
    if (canonical != null) {
      int allowed = MODIFIERS.getOrDefault(canonical, 0);
      if (mods.size() > allowed) {
        throw new IllegalArgumentException("type " + canonical + " takes "
            + (allowed == 0 ? "no modifiers" : "at most " + allowed + " modifier" + (allowed > 1 ? "s" : ""))
            + ", but '" + text + "' gives " + mods.size());
      }
      return new ColumnType(QualifiedName.unqualified(canonical), mods, dims, true);
    }
    if (!suffix.isEmpty() || !base.matches("[^\\s;'\"]+")) {
      throw new IllegalArgumentException("'" + text + "' is not a known PostgreSQL type nor a type name;"
          + " a user type (an enum, an extension's type) is one name, optionally schema.name");
    }
    return new ColumnType(QualifiedName.parse(base), mods, dims, false);
  }

  /** {@code serial}, {@code bigserial} or {@code smallserial}: an integer with an owned sequence. */
  public boolean isSerial() {
    return builtin && name.name().endsWith("serial");
  }

  /**
   * The SQL of a built-in type, modifiers placed as PostgreSQL places them
   * ({@code timestamp(3) with time zone}). User types are rendered by the renderer, quoted.
   */
  public String builtinSql() {
    if (!builtin) {
      throw new IllegalStateException(name + " is not a built-in type");
    }
    String mods = modifiers.isEmpty() ? ""
        : modifiers.stream().map(String::valueOf).collect(Collectors.joining(",", "(", ")"));
    String base = name.name();
    int zone = base.indexOf(" with");
    String sql = zone > 0 ? base.substring(0, zone) + mods + base.substring(zone) : base + mods;
    return sql + "[]".repeat(arrayDimensions);
  }

  /** The element type of an array type, or this type. */
  public ColumnType elementType() {
    return arrayDimensions == 0 ? this : new ColumnType(name, modifiers, 0, builtin);
  }

  @Override
  public String toString() {
    if (builtin) {
      return builtinSql();
    }
    String mods = modifiers.isEmpty() ? ""
        : modifiers.stream().map(String::valueOf).collect(Collectors.joining(",", "(", ")"));
    return name + mods + "[]".repeat(arrayDimensions);
  }
}
