package dev.migrate.introspect;

import dev.migrate.MigrateException;
import dev.migrate.changelog.ColumnType;
import dev.migrate.changelog.Identity;
import dev.migrate.changelog.IndexElement;
import dev.migrate.changelog.QualifiedName;
import dev.migrate.changelog.ReferentialAction;
import dev.migrate.changelog.Routine;
import dev.migrate.changelog.Trigger;
import dev.migrate.changelog.Value;
import dev.migrate.schema.Constraint;
import dev.migrate.schema.EnumType;
import dev.migrate.schema.Extension;
import dev.migrate.schema.Index;
import dev.migrate.schema.SchemaModel;
import dev.migrate.schema.Sequence;
import dev.migrate.schema.Table;
import dev.migrate.schema.TableColumn;
import dev.migrate.schema.View;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a live database's schema from {@code pg_catalog} into a {@link SchemaModel}, in the
 * form PostgreSQL itself prints: column types as {@code format_type} names them, defaults,
 * checks, index expressions and predicates as {@code pg_get_expr}/{@code pg_get_indexdef}
 * print them, view queries as {@code pg_get_viewdef} does. A {@code serial} column (an integer
 * whose default is {@code nextval} of a sequence it owns) reads back as {@code serial}, as the
 * changelog wrote it, and its sequence is not listed apart.
 *
 * <pre>
 * SchemaModel live = new Introspector(connection).read("public", Set.of("billing"), Set.of(versionTable, historyTable));
 * </pre>
 *
 * One query per kind of object for all schemas at once, never one per table. Objects that
 * belong to an extension are left out, as are the triggers behind foreign keys and the
 * policies and grants, which the model does not know. Functions, procedures and triggers are
 * read as the changelog writes them ({@link Routine}, {@link Trigger}).
 */
public final class Introspector {

  private static final Pattern NEXTVAL = Pattern.compile("nextval\\('(.+)'::regclass\\)");
  private static final Pattern MODIFIERS = Pattern.compile("\\(([0-9, -]+)\\)");

  /** Relations that are not an extension's own (postgis' spatial_ref_sys and the like). */
  private static final String NOT_EXTENSION_MEMBER =
      " and not exists (select 1 from pg_depend x where x.classid = 'pg_class'::regclass and x.objid = c.oid"
          + " and x.deptype = 'e')";

  private final Connection connection;
  private final int major;

  public Introspector(Connection connection) {
    this.connection = connection;
    try {
      this.major = connection.getMetaData().getDatabaseMajorVersion();
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /**
   * The schema of the database: {@code defaultSchema} and {@code schemas}, without the
   * {@code excluded} tables (the version and history tables).
   */
  public SchemaModel read(String defaultSchema, Collection<String> schemas, Set<QualifiedName> excluded) {
    Set<String> wanted = new TreeSet<>(schemas);
    wanted.add(defaultSchema);
    wanted.add("public");
    try {
      Filter filter = Filter.schemas(connection, wanted);
      SchemaModel model = SchemaModel.empty(defaultSchema);
      Set<String> present = new HashSet<>();
      try (PreparedStatement ps = connection.prepareStatement(
          "select nspname from pg_namespace where nspname = any(?)")) {
        ps.setArray(1, filter.array);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            present.add(rs.getString(1));
          }
        }
      }
      for (String schema : model.schemas()) {
        if (!present.contains(schema)) {
          model = model.withoutSchema(schema);
        }
      }
      for (String schema : present) {
        model = model.withSchema(schema);
      }
      Set<QualifiedName> skip = new HashSet<>();
      for (QualifiedName name : excluded) {
        skip.add(name.inSchema(defaultSchema));
      }
      Relations relations = readRelations(filter, defaultSchema);
      for (Table table : relations.tables.values()) {
        if (!skip.contains(table.name())) {
          model = model.withTable(table);
        }
      }
      for (EnumType type : readEnums(filter)) {
        model = model.withEnum(type);
      }
      for (Sequence sequence : readSequences(filter, relations.hiddenSequences, defaultSchema)) {
        if (!skip.contains(sequence.name())) {
          model = model.withSequence(sequence);
        }
      }
      for (View view : readViews(filter)) {
        model = model.withView(view);
      }
      for (Extension extension : readExtensions()) {
        model = model.withExtension(extension);
      }
      for (Routine routine : readRoutines(filter)) {
        model = model.withRoutine(routine);
      }
      for (Trigger trigger : readTriggers(filter)) {
        if (!skip.contains(trigger.table())) {
          model = model.withTrigger(trigger);
        }
      }
      return model;
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /**
   * What {@code migrate:check} does: reads this database, puts the expected model's
   * expressions in the server's form ({@link ModelNormalizer}) and lists the differences.
   * Call it outside a transaction: the normalization rolls back its scratch objects.
   *
   * @param excluded the version and history tables
   */
  public List<Difference> compareWith(SchemaModel expected, Set<QualifiedName> excluded) {
    return compareWith(expected, excluded, new ModelNormalizer(connection));
  }

  /** As {@link #compareWith(SchemaModel, Set)}, with a normalizer that may know tables from earlier comparisons. */
  public List<Difference> compareWith(SchemaModel expected, Set<QualifiedName> excluded, ModelNormalizer normalizer) {
    SchemaModel live = read(expected.defaultSchema(), expected.schemas(), excluded);
    return SchemaDiff.between(normalizer.normalize(expected), live);
  }

  /**
   * The objects of these schemas the model does not describe and the comparison never
   * looks at, for the report to list as such: row-level security policies
   * ({@code policy own_notes on public.notes: outside the comparison}). Functions,
   * procedures and triggers are in the model and compared.
   */
  public List<String> outsideTheModel(String defaultSchema, Collection<String> schemas) {
    Set<String> wanted = new TreeSet<>(schemas);
    wanted.add(defaultSchema);
    List<String> out = new ArrayList<>();
    String sql = "select 'policy ' || p.polname || ' on ' || n.nspname || '.' || c.relname from pg_policy p"
        + " join pg_class c on c.oid = p.polrelid join pg_namespace n on n.oid = c.relnamespace"
        + " where n.nspname = any(?) order by 1";
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setArray(1, connection.createArrayOf("text", wanted.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1) + ": outside the comparison");
        }
      }
    } catch (SQLException e) {
      throw failure(e);
    }
    return out;
  }

  /** The table with this oid, read as {@link #read} reads tables (for a scratch copy of a model's table). */
  Table readTable(long oid, String defaultSchema) throws SQLException {
    Relations relations = readRelations(Filter.oid(oid), defaultSchema);
    return relations.tables.values().iterator().next();
  }

  /** The function or procedure with this oid, read as {@link #read} reads them. */
  Routine readRoutine(long oid) throws SQLException {
    return readRoutines(Filter.oid(oid)).get(0);
  }

  /** The triggers on the table with this oid. */
  List<Trigger> readTriggers(long tableOid) throws SQLException {
    return readTriggers(Filter.oid(tableOid));
  }

  /** {@code pg_get_viewdef} of one view. */
  String viewDefinition(long oid) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("select pg_get_viewdef(?::oid, true)")) {
      ps.setLong(1, oid);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  private static MigrateException failure(SQLException e) {
    return new MigrateException("introspection-failed", "cannot read the database's catalog: " + e.getMessage(), e);
  }

  // ---- tables with their columns, constraints and indexes

  /** The tables read, by oid, and the sequences that are part of a column (identity, serial). */
  private static final class Relations {
    final Map<Long, Table> tables = new LinkedHashMap<>();
    final Set<Long> hiddenSequences = new HashSet<>();
  }

  private Relations readRelations(Filter filter, String defaultSchema) throws SQLException {
    Map<Long, QualifiedName> names = new LinkedHashMap<>();
    Map<Long, String> comments = new HashMap<>();
    Map<Long, Map<String, String>> options = new HashMap<>();
    try (PreparedStatement ps = filter.prepare(connection,
        "select c.oid, n.nspname, c.relname, obj_description(c.oid, 'pg_class'), c.reloptions"
            + " from pg_class c join pg_namespace n on n.oid = c.relnamespace"
            + " where c.relkind in ('r', 'p') and " + filter.condition + NOT_EXTENSION_MEMBER
            + " order by n.nspname, c.relname")) {
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long oid = rs.getLong(1);
          names.put(oid, new QualifiedName(rs.getString(2), rs.getString(3)));
          comments.put(oid, rs.getString(4));
          options.put(oid, options(rs.getArray(5)));
        }
      }
    }
    Relations out = new Relations();
    Map<Long, List<TableColumn>> columns = readColumns(filter, out.hiddenSequences);
    Map<Long, List<Constraint>> constraints = readConstraints(filter, defaultSchema);
    Map<Long, List<Index>> indexes = readIndexes(filter);
    for (Map.Entry<Long, QualifiedName> entry : names.entrySet()) {
      long oid = entry.getKey();
      Map<String, Constraint> byName = new LinkedHashMap<>();
      constraints.getOrDefault(oid, List.of()).forEach(c -> byName.put(c.name(), c));
      Map<String, Index> indexByName = new LinkedHashMap<>();
      indexes.getOrDefault(oid, List.of()).forEach(i -> indexByName.put(i.name(), i));
      out.tables.put(oid, new Table(entry.getValue(), columns.getOrDefault(oid, List.of()), byName, indexByName,
          comments.get(oid), options.get(oid)));
    }
    return out;
  }

  private Map<Long, List<TableColumn>> readColumns(Filter filter, Set<Long> hiddenSequences) throws SQLException {
    // the sequences a column owns: 'a' (serial, OWNED BY) and 'i' (identity)
    Map<String, Long> owned = new HashMap<>();
    try (PreparedStatement ps = filter.prepare(connection,
        "select d.refobjid, d.refobjsubid, d.objid, d.deptype, sn.nspname, s.relname"
            + " from pg_depend d join pg_class s on s.oid = d.objid and s.relkind = 'S'"
            + " join pg_namespace sn on sn.oid = s.relnamespace"
            + " join pg_class c on c.oid = d.refobjid join pg_namespace n on n.oid = c.relnamespace"
            + " where d.classid = 'pg_class'::regclass and d.refclassid = 'pg_class'::regclass"
            + " and d.deptype in ('a', 'i') and " + filter.condition)) {
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long sequence = rs.getLong(3);
          if ("i".equals(rs.getString(4))) {
            hiddenSequences.add(sequence);
          } else {
            owned.put(rs.getLong(1) + "/" + rs.getInt(2), sequence);
          }
        }
      }
    }
    Map<Long, List<TableColumn>> out = new HashMap<>();
    try (PreparedStatement ps = filter.prepare(connection,
        "select a.attrelid, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,"
            + " pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated, col_description(a.attrelid, a.attnum),"
            + " a.attndims, coalesce(et.typname, t.typname), coalesce(en.nspname, tn.nspname), t.typelem <> 0 and t.typlen = -1"
            + " from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace"
            + " left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum"
            + " join pg_type t on t.oid = a.atttypid join pg_namespace tn on tn.oid = t.typnamespace"
            + " left join pg_type et on et.oid = t.typelem and t.typlen = -1"
            + " left join pg_namespace en on en.oid = et.typnamespace"
            + " where a.attnum > 0 and not a.attisdropped and c.relkind in ('r', 'p') and " + filter.condition
            + " order by a.attrelid, a.attnum")) {
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long table = rs.getLong(1);
          int attnum = rs.getInt(2);
          boolean array = rs.getBoolean(13);
          int dims = array ? Math.max(1, rs.getInt(10)) : 0;
          ColumnType type = type(rs.getString(4), rs.getString(12), rs.getString(11), dims);
          boolean notNull = rs.getBoolean(5);
          String defaultSql = rs.getString(6);
          String identity = rs.getString(7);
          String generated = rs.getString(8);
          Identity id = "a".equals(identity) ? Identity.ALWAYS : "d".equals(identity) ? Identity.BY_DEFAULT : null;
          String generatedSql = null;
          Value defaultValue = null;
          if (generated != null && !generated.isEmpty()) {
            generatedSql = defaultSql;
          } else if (defaultSql != null) {
            Long sequence = owned.get(table + "/" + attnum);
            String serial = serialType(type);
            Matcher m = NEXTVAL.matcher(defaultSql);
            if (sequence != null && serial != null && m.matches()) {
              // serial: an integer with the sequence it owns, as the changelog wrote it
              type = ColumnType.parse(serial);
              hiddenSequences.add(sequence);
            } else {
              defaultValue = new Value.Expression(defaultSql);
            }
          }
          out.computeIfAbsent(table, k -> new ArrayList<>()).add(
              new TableColumn(rs.getString(3), type, !notNull, defaultValue, id, generatedSql, rs.getString(9)));
        }
      }
    }
    return out;
  }

  private static String serialType(ColumnType type) {
    if (!type.builtin() || type.arrayDimensions() > 0) {
      return null;
    }
    switch (type.name().name()) {
      case "integer":
        return "serial";
      case "bigint":
        return "bigserial";
      case "smallint":
        return "smallserial";
      default:
        return null;
    }
  }

  /**
   * A column type from {@code format_type}: a built-in in ColumnType's normal form, any other
   * (an enum, an extension's type) by its schema and name with the modifiers format_type shows.
   */
  static ColumnType type(String formatted, String elementSchema, String elementName, int dims) {
    if ("pg_catalog".equals(elementSchema)) {
      try {
        ColumnType parsed = ColumnType.parse(formatted);
        if (parsed.builtin()) {
          return new ColumnType(parsed.name(), parsed.modifiers(), dims, true);
        }
      } catch (IllegalArgumentException e) {
        // a catalog type ColumnType does not know (tsrange, "char"): by name below
      }
    }
    List<Integer> mods = new ArrayList<>();
    Matcher m = MODIFIERS.matcher(formatted);
    if (m.find()) {
      for (String part : m.group(1).split(",")) {
        mods.add(Integer.parseInt(part.trim()));
      }
    }
    String schema = "pg_catalog".equals(elementSchema) ? null : elementSchema;
    return new ColumnType(new QualifiedName(schema, elementName), mods, dims, false);
  }

  private Map<Long, List<Constraint>> readConstraints(Filter filter, String defaultSchema) throws SQLException {
    String nullsNotDistinct = major >= 15
        ? "coalesce((select i.indnullsnotdistinct from pg_index i where i.indexrelid = co.conindid), false)"
        : "false";
    Map<Long, List<Constraint>> out = new HashMap<>();
    try (PreparedStatement ps = filter.prepare(connection,
        "select co.conrelid, co.conname, co.contype,"
            + " array(select a.attname from unnest(co.conkey) with ordinality k(attnum, ord)"
            + "   join pg_attribute a on a.attrelid = co.conrelid and a.attnum = k.attnum order by k.ord)::text[],"
            + " fn.nspname, fc.relname,"
            + " array(select a.attname from unnest(co.confkey) with ordinality k(attnum, ord)"
            + "   join pg_attribute a on a.attrelid = co.confrelid and a.attnum = k.attnum order by k.ord)::text[],"
            + " co.confdeltype, co.confupdtype, co.condeferrable, co.convalidated, pg_get_expr(co.conbin, co.conrelid), "
            + nullsNotDistinct
            + " from pg_constraint co join pg_class c on c.oid = co.conrelid join pg_namespace n on n.oid = c.relnamespace"
            + " left join pg_class fc on fc.oid = co.confrelid left join pg_namespace fn on fn.oid = fc.relnamespace"
            + " where co.contype in ('p', 'u', 'f', 'c') and " + filter.condition
            + " order by co.conrelid, co.conname")) {
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String name = rs.getString(2);
          List<String> columns = strings(rs.getArray(4));
          Constraint constraint;
          switch (rs.getString(3)) {
            case "p":
              constraint = new Constraint.PrimaryKey(name, columns);
              break;
            case "u":
              constraint = new Constraint.Unique(name, columns, rs.getBoolean(13));
              break;
            case "f":
              constraint = new Constraint.ForeignKey(name, columns, new QualifiedName(rs.getString(5), rs.getString(6)),
                  strings(rs.getArray(7)), action(rs.getString(8)), action(rs.getString(9)), rs.getBoolean(10),
                  rs.getBoolean(11));
              break;
            default:
              constraint = new Constraint.Check(name, rs.getString(12), rs.getBoolean(11));
          }
          out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(constraint);
        }
      }
    }
    return out;
  }

  private static ReferentialAction action(String code) {
    switch (code) {
      case "r":
        return ReferentialAction.RESTRICT;
      case "c":
        return ReferentialAction.CASCADE;
      case "n":
        return ReferentialAction.SET_NULL;
      case "d":
        return ReferentialAction.SET_DEFAULT;
      default:
        return ReferentialAction.NO_ACTION;
    }
  }

  private Map<Long, List<Index>> readIndexes(Filter filter) throws SQLException {
    // one row per index element; the indexes behind primary keys, unique and exclusion
    // constraints belong to those constraints
    Map<Long, List<Index>> out = new HashMap<>();
    try (PreparedStatement ps = filter.prepare(connection,
        "select i.indrelid, ic.relname, i.indisunique, am.amname, pg_get_expr(i.indpred, i.indrelid), i.indnkeyatts,"
            + " ic.reloptions, k.ord, k.attnum, a.attname, pg_get_indexdef(i.indexrelid, k.ord::int, true),"
            + " i.indoption[k.ord - 1], case when opc.opcdefault then null else opc.opcname end,"
            + " case when coll.oid is null or coll.collname = 'default' or coll.oid = a.attcollation"
            + "   then null else coll.collname end"
            + " from pg_index i join pg_class ic on ic.oid = i.indexrelid join pg_am am on am.oid = ic.relam"
            + " join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace"
            + " cross join lateral unnest(i.indkey::int2[]) with ordinality k(attnum, ord)"
            + " left join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum and k.attnum <> 0"
            + " left join pg_opclass opc on opc.oid = i.indclass[k.ord - 1] and k.ord <= i.indnkeyatts"
            + " left join pg_collation coll on coll.oid = i.indcollation[k.ord - 1] and k.ord <= i.indnkeyatts"
            + " where c.relkind in ('r', 'p') and " + filter.condition
            + " and not exists (select 1 from pg_constraint co where co.conindid = i.indexrelid"
            + "   and co.contype in ('p', 'u', 'x'))"
            + " order by i.indrelid, ic.relname, k.ord")) {
      try (ResultSet rs = ps.executeQuery()) {
        IndexRows current = null;
        while (rs.next()) {
          long table = rs.getLong(1);
          String name = rs.getString(2);
          if (current == null || current.table != table || !current.name.equals(name)) {
            if (current != null) {
              out.computeIfAbsent(current.table, k -> new ArrayList<>()).add(current.build());
            }
            current = new IndexRows(table, name, rs.getBoolean(3), rs.getString(4), rs.getString(5), rs.getInt(6),
                options(rs.getArray(7)));
          }
          int ord = rs.getInt(8);
          String column = rs.getInt(9) != 0 ? rs.getString(10) : null;
          if (ord > current.keyColumns) {
            current.include.add(column);
            continue;
          }
          int option = rs.getInt(12);
          boolean desc = (option & 1) != 0;
          boolean nullsFirst = (option & 2) != 0;
          // PostgreSQL's defaults (ASC, NULLS LAST for ASC and NULLS FIRST for DESC) read as unset
          IndexElement.Order order = desc ? IndexElement.Order.DESC : null;
          IndexElement.Nulls nulls = desc == nullsFirst ? null : nullsFirst ? IndexElement.Nulls.FIRST : IndexElement.Nulls.LAST;
          current.elements.add(new IndexElement(column, column == null ? rs.getString(11) : null, order, nulls,
              rs.getString(13), rs.getString(14)));
        }
        if (current != null) {
          out.computeIfAbsent(current.table, k -> new ArrayList<>()).add(current.build());
        }
      }
    }
    return out;
  }

  /** The rows of one index while they are read. */
  private static final class IndexRows {
    final long table;
    final String name;
    final boolean unique;
    final String method;
    final String where;
    final int keyColumns;
    final Map<String, String> with;
    final List<IndexElement> elements = new ArrayList<>();
    final List<String> include = new ArrayList<>();

    IndexRows(long table, String name, boolean unique, String method, String where, int keyColumns,
        Map<String, String> with) {
      this.table = table;
      this.name = name;
      this.unique = unique;
      this.method = method;
      this.where = where;
      this.keyColumns = keyColumns;
      this.with = with;
    }

    Index build() {
      return new Index(name, elements, unique, method, where, include, with);
    }
  }

  // ---- the other objects

  private List<EnumType> readEnums(Filter filter) throws SQLException {
    List<EnumType> out = new ArrayList<>();
    try (PreparedStatement ps = connection.prepareStatement(
        "select n.nspname, t.typname,"
            + " array(select e.enumlabel from pg_enum e where e.enumtypid = t.oid order by e.enumsortorder)::text[]"
            + " from pg_type t join pg_namespace n on n.oid = t.typnamespace"
            + " where t.typtype = 'e' and n.nspname = any(?)"
            + " and not exists (select 1 from pg_depend x where x.classid = 'pg_type'::regclass and x.objid = t.oid"
            + " and x.deptype = 'e')"
            + " order by n.nspname, t.typname")) {
      ps.setArray(1, filter.array);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new EnumType(new QualifiedName(rs.getString(1), rs.getString(2)), strings(rs.getArray(3))));
        }
      }
    }
    return out;
  }

  private List<Sequence> readSequences(Filter filter, Set<Long> hidden, String defaultSchema) throws SQLException {
    List<Sequence> out = new ArrayList<>();
    try (PreparedStatement ps = filter.prepare(connection,
        "select c.oid, n.nspname, c.relname, s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcycle,"
            + " (select tn.nspname || '.' || t.relname || '.' || a.attname from pg_depend d"
            + "   join pg_class t on t.oid = d.refobjid join pg_namespace tn on tn.oid = t.relnamespace"
            + "   join pg_attribute a on a.attrelid = d.refobjid and a.attnum = d.refobjsubid"
            + "   where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.refclassid = 'pg_class'::regclass"
            + "   and d.deptype = 'a' limit 1)"
            + " from pg_sequence s join pg_class c on c.oid = s.seqrelid join pg_namespace n on n.oid = c.relnamespace"
            + " where " + filter.condition + NOT_EXTENSION_MEMBER + " order by n.nspname, c.relname")) {
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (hidden.contains(rs.getLong(1))) {
            continue;
          }
          out.add(new Sequence(new QualifiedName(rs.getString(2), rs.getString(3)), rs.getLong(4), rs.getLong(5),
              rs.getLong(6), rs.getLong(7), rs.getBoolean(8), ownedBy(rs.getString(9), defaultSchema)));
        }
      }
    }
    return out;
  }

  /** {@code schema.table.column} as an author writes it: {@code table.column} in the default schema. */
  static String ownedBy(String qualified, String defaultSchema) {
    if (qualified == null) {
      return null;
    }
    String prefix = defaultSchema + ".";
    return qualified.startsWith(prefix) ? qualified.substring(prefix.length()) : qualified;
  }

  private List<View> readViews(Filter filter) throws SQLException {
    List<View> out = new ArrayList<>();
    try (PreparedStatement ps = filter.prepare(connection,
        "select n.nspname, c.relname, c.relkind, pg_get_viewdef(c.oid, true)"
            + " from pg_class c join pg_namespace n on n.oid = c.relnamespace"
            + " where c.relkind in ('v', 'm') and " + filter.condition + NOT_EXTENSION_MEMBER
            + " order by n.nspname, c.relname")) {
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new View(new QualifiedName(rs.getString(1), rs.getString(2)), rs.getString(4),
              "m".equals(rs.getString(3))));
        }
      }
    }
    return out;
  }

  private List<Extension> readExtensions() throws SQLException {
    List<Extension> out = new ArrayList<>();
    // plpgsql is in every database from the start
    try (PreparedStatement ps = connection.prepareStatement(
        "select e.extname, n.nspname from pg_extension e join pg_namespace n on n.oid = e.extnamespace"
            + " where e.extname <> 'plpgsql' order by e.extname");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new Extension(rs.getString(1), rs.getString(2)));
      }
    }
    return out;
  }

  // ---- functions, procedures and triggers

  /**
   * The functions and procedures: types as {@code format_type} prints them, defaults as
   * {@code pg_get_function_arg_default} does, the body as stored ({@code prosrc}). pg_proc is
   * aliased {@code c} so that {@link Filter#oid} selects one routine.
   */
  private List<Routine> readRoutines(Filter filter) throws SQLException {
    Map<Long, List<String[]>> arguments = new HashMap<>();
    try (PreparedStatement ps = filter.prepare(connection,
        "select c.oid, a.ord, " + TYPE_COLUMNS + ", c.proargmodes[a.ord], c.proargnames[a.ord],"
            + " pg_get_function_arg_default(c.oid, a.ord::int)"
            + " from pg_proc c join pg_namespace n on n.oid = c.pronamespace"
            + " cross join lateral unnest(coalesce(c.proallargtypes, c.proargtypes::oid[])) with ordinality a(typ, ord)"
            + TYPE_JOINS.replace("$T", "a.typ")
            + " where c.prokind in ('f', 'p') and " + filter.condition + NOT_EXTENSION_ROUTINE
            + " order by c.oid, a.ord")) {
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          arguments.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new String[] {rs.getString(3),
              rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9)});
        }
      }
    }
    List<Routine> out = new ArrayList<>();
    try (PreparedStatement ps = filter.prepare(connection,
        "select c.oid, n.nspname, c.proname, c.prokind, l.lanname, c.provolatile, c.proisstrict, c.prosecdef,"
            + " c.prosrc, c.proretset, " + TYPE_COLUMNS
            + " from pg_proc c join pg_namespace n on n.oid = c.pronamespace join pg_language l on l.oid = c.prolang"
            + TYPE_JOINS.replace("$T", "c.prorettype")
            + " where c.prokind in ('f', 'p') and " + filter.condition + NOT_EXTENSION_ROUTINE
            + " order by n.nspname, c.proname, c.oid")) {
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          boolean procedure = "p".equals(rs.getString(4));
          List<Routine.Argument> args = new ArrayList<>();
          List<Routine.ResultColumn> table = new ArrayList<>();
          for (String[] a : arguments.getOrDefault(rs.getLong(1), List.of())) {
            ColumnType type = type(a[0], a[2], a[1], "t".equals(a[3]) ? 1 : 0);
            String mode = a[4] == null ? "i" : a[4];
            String name = a[5] == null || a[5].isEmpty() ? null : a[5];
            if (mode.equals("t")) {
              table.add(new Routine.ResultColumn(name, type));
            } else {
              args.add(new Routine.Argument(name, type, mode(mode), a[6] == null ? null : new Value.Expression(a[6])));
            }
          }
          Routine.Returns returns = null;
          if (!procedure) {
            ColumnType type = type(rs.getString(11), rs.getString(13), rs.getString(12), rs.getBoolean(14) ? 1 : 0);
            returns = !table.isEmpty() ? Routine.Returns.table(table)
                : rs.getBoolean(10) ? Routine.Returns.setOf(type) : Routine.Returns.of(type);
          }
          String volatility = rs.getString(6);
          out.add(new Routine(new QualifiedName(rs.getString(2), rs.getString(3)), procedure, args, returns,
              rs.getString(5), procedure ? null : "i".equals(volatility) ? Routine.Volatility.IMMUTABLE
                  : "s".equals(volatility) ? Routine.Volatility.STABLE : Routine.Volatility.VOLATILE,
              !procedure && rs.getBoolean(7), rs.getBoolean(8), rs.getString(9) == null ? "" : rs.getString(9)));
        }
      }
    }
    return out;
  }

  /** The columns that describe the type {@code t}: format_type, element name and schema, is-array. */
  private static final String TYPE_COLUMNS =
      "format_type(t.oid, null), coalesce(et.typname, t.typname), coalesce(en.nspname, tn.nspname),"
          + " t.typelem <> 0 and t.typlen = -1";

  private static final String TYPE_JOINS = " join pg_type t on t.oid = $T join pg_namespace tn on tn.oid = t.typnamespace"
      + " left join pg_type et on et.oid = t.typelem and t.typlen = -1"
      + " left join pg_namespace en on en.oid = et.typnamespace";

  private static final String NOT_EXTENSION_ROUTINE =
      " and not exists (select 1 from pg_depend x where x.classid = 'pg_proc'::regclass and x.objid = c.oid"
          + " and x.deptype = 'e')";

  private static Routine.Mode mode(String code) {
    switch (code) {
      case "o":
        return Routine.Mode.OUT;
      case "b":
        return Routine.Mode.INOUT;
      case "v":
        return Routine.Mode.VARIADIC;
      default:
        return Routine.Mode.IN;
    }
  }

  // pg_trigger.tgtype bits (src/include/catalog/pg_trigger.h)
  private static final int ROW = 1;
  private static final int BEFORE = 2;
  private static final int INSERT = 4;
  private static final int DELETE = 8;
  private static final int UPDATE = 16;
  private static final int TRUNCATE = 32;
  private static final int INSTEAD = 64;

  /**
   * The triggers a user made (not those behind foreign keys, {@code tgisinternal}), on the
   * tables and views of the filter. The condition is read from {@code pg_get_triggerdef},
   * the one place PostgreSQL prints it.
   */
  private List<Trigger> readTriggers(Filter filter) throws SQLException {
    List<Trigger> out = new ArrayList<>();
    try (PreparedStatement ps = filter.prepare(connection,
        "select n.nspname, c.relname, tg.tgname, tg.tgtype, pn.nspname, p.proname,"
            + " array(select a.attname from unnest(tg.tgattr::int2[]) with ordinality k(attnum, ord)"
            + "   join pg_attribute a on a.attrelid = tg.tgrelid and a.attnum = k.attnum order by k.ord)::text[],"
            + " tg.tgnargs, tg.tgargs, pg_get_triggerdef(tg.oid, true), tg.tgqual is not null"
            + " from pg_trigger tg join pg_class c on c.oid = tg.tgrelid join pg_namespace n on n.oid = c.relnamespace"
            + " join pg_proc p on p.oid = tg.tgfoid join pg_namespace pn on pn.oid = p.pronamespace"
            // a trigger of a partitioned table is cloned onto each partition: only the parent's is the user's
            + " where not tg.tgisinternal and tg.tgparentid = 0 and " + filter.condition + NOT_EXTENSION_MEMBER
            + " order by n.nspname, c.relname, tg.tgname")) {
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          int type = rs.getInt(4);
          Trigger.Timing timing = (type & INSTEAD) != 0 ? Trigger.Timing.INSTEAD_OF
              : (type & BEFORE) != 0 ? Trigger.Timing.BEFORE : Trigger.Timing.AFTER;
          Set<Trigger.Event> events = java.util.EnumSet.noneOf(Trigger.Event.class);
          if ((type & INSERT) != 0) {
            events.add(Trigger.Event.INSERT);
          }
          if ((type & UPDATE) != 0) {
            events.add(Trigger.Event.UPDATE);
          }
          if ((type & DELETE) != 0) {
            events.add(Trigger.Event.DELETE);
          }
          if ((type & TRUNCATE) != 0) {
            events.add(Trigger.Event.TRUNCATE);
          }
          String when = rs.getBoolean(11) ? triggerCondition(rs.getString(10)) : null;
          out.add(new Trigger(rs.getString(3), new QualifiedName(rs.getString(1), rs.getString(2)), timing, events,
              strings(rs.getArray(7)), (type & ROW) != 0, when, new QualifiedName(rs.getString(5), rs.getString(6)),
              triggerArguments(rs.getBytes(9), rs.getInt(8))));
        }
      }
    }
    return out;
  }

  /** The condition of {@code ... WHEN (condition) EXECUTE FUNCTION f(...)}, as pg_get_triggerdef prints it. */
  static String triggerCondition(String definition) {
    int start = definition.indexOf(" WHEN (");
    int end = definition.lastIndexOf(") EXECUTE FUNCTION ");
    if (start < 0 || end < start) {
      return null;
    }
    return definition.substring(start + " WHEN (".length(), end);
  }

  /** {@code tgargs}: the arguments, each ended by a zero byte. */
  private static List<String> triggerArguments(byte[] bytes, int count) {
    List<String> out = new ArrayList<>();
    int from = 0;
    for (int i = 0; bytes != null && i < bytes.length && out.size() < count; i++) {
      if (bytes[i] == 0) {
        out.add(new String(bytes, from, i - from, java.nio.charset.StandardCharsets.UTF_8));
        from = i + 1;
      }
    }
    return out;
  }

  // ---- helpers

  private static List<String> strings(Array array) throws SQLException {
    if (array == null) {
      return List.of();
    }
    return Arrays.asList((String[]) array.getArray());
  }

  /** {@code reloptions} ({@code {fillfactor=70}}) as a map. */
  private static Map<String, String> options(Array array) throws SQLException {
    Map<String, String> out = new LinkedHashMap<>();
    for (String option : strings(array)) {
      int eq = option.indexOf('=');
      out.put(option.substring(0, eq), option.substring(eq + 1));
    }
    return out;
  }

  /** Which relations a query covers: those of some schemas, or one by its oid. */
  private static final class Filter {
    final String condition;
    final Array array;
    final Long oid;

    private Filter(String condition, Array array, Long oid) {
      this.condition = condition;
      this.array = array;
      this.oid = oid;
    }

    static Filter schemas(Connection connection, Set<String> schemas) throws SQLException {
      return new Filter("n.nspname = any(?)", connection.createArrayOf("text", schemas.toArray()), null);
    }

    static Filter oid(long oid) {
      return new Filter("c.oid = ?::oid", null, oid);
    }

    PreparedStatement prepare(Connection connection, String sql) throws SQLException {
      PreparedStatement ps = connection.prepareStatement(sql);
      if (oid != null) {
        ps.setLong(1, oid);
      } else {
        ps.setArray(1, array);
      }
      return ps;
    }
  }
}
