package dev.migrate.schema;

import dev.migrate.changelog.ColumnType;
import dev.migrate.changelog.QualifiedName;
import dev.migrate.changelog.Routine;
import dev.migrate.changelog.Trigger;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The schema at one point of the changelog: schemas, tables (with their columns, constraints,
 * indexes and comments), enums, sequences, views, extensions, functions and procedures, and
 * triggers. Immutable: every {@code with}
 * and {@code without} returns a new model that shares all it did not change with this one
 * (persistent maps), so a model per revision costs O(log n) per change, not a copy.
 *
 * <p>Every object is keyed by its {@link QualifiedName} in its schema; {@link #qualify} puts
 * an unqualified name in the default schema. Names are exact and case-sensitive. Two models
 * are equal when they hold equal objects, which is what {@code migrate:check} compares: the
 * introspection of a database builds its model with the same {@code with} calls.
 *
 * <pre>
 * SchemaModel model = SchemaModel.empty("public")
 *     .withTable(Table.of(QualifiedName.parse("public.users"), List.of(TableColumn.of("id", ColumnType.parse("bigint")))));
 * model.table(QualifiedName.parse("users"))   // found: qualified in "public"
 * </pre>
 */
public final class SchemaModel {

  /** Schema, then name; written out because it runs O(log n) times per change. */
  static final Comparator<QualifiedName> NAME_ORDER = (a, b) -> {
    String sa = a.schema();
    String sb = b.schema();
    if (sa != sb) {
      if (sa == null || sb == null) {
        return sa == null ? -1 : 1;
      }
      int c = sa.compareTo(sb);
      if (c != 0) {
        return c;
      }
    }
    return a.name().compareTo(b.name());
  };

  private final String defaultSchema;
  private final PersistentMap<String, String> schemas;
  private final PersistentMap<QualifiedName, Table> tables;
  private final PersistentMap<QualifiedName, Relation> relations;
  private final PersistentMap<QualifiedName, EnumType> enums;
  private final PersistentMap<QualifiedName, Sequence> sequences;
  private final PersistentMap<QualifiedName, View> views;
  private final PersistentMap<String, Extension> extensions;
  /** Functions and procedures by {@link #signature}: overloads are told apart by their input types. */
  private final PersistentMap<String, Routine> routines;
  /** Triggers by {@link #triggerKey}: a trigger's name is unique on its table. */
  private final PersistentMap<String, Trigger> triggers;
  /**
   * The names that the opaque {@code sql} operations replayed so far mention, folded to lower
   * case (keys and values alike); null before the first one.
   */
  private final PersistentMap<String, String> sqlNames;

  private SchemaModel(String defaultSchema, PersistentMap<String, String> schemas,
      PersistentMap<QualifiedName, Table> tables, PersistentMap<QualifiedName, Relation> relations,
      PersistentMap<QualifiedName, EnumType> enums, PersistentMap<QualifiedName, Sequence> sequences,
      PersistentMap<QualifiedName, View> views, PersistentMap<String, Extension> extensions,
      PersistentMap<String, Routine> routines, PersistentMap<String, Trigger> triggers,
      PersistentMap<String, String> sqlNames) {
    this.defaultSchema = defaultSchema;
    this.schemas = schemas;
    this.tables = tables;
    this.relations = relations;
    this.enums = enums;
    this.sequences = sequences;
    this.views = views;
    this.extensions = extensions;
    this.routines = routines;
    this.triggers = triggers;
    this.sqlNames = sqlNames;
  }

  /** An empty database: only the schema {@code public} and the default schema exist. */
  public static SchemaModel empty(String defaultSchema) {
    Objects.requireNonNull(defaultSchema, "defaultSchema");
    PersistentMap<String, String> schemas = PersistentMap.<String, String>empty(Comparator.naturalOrder())
        .put("public", "public").put(defaultSchema, defaultSchema);
    return new SchemaModel(defaultSchema, schemas, PersistentMap.empty(NAME_ORDER), PersistentMap.empty(NAME_ORDER),
        PersistentMap.empty(NAME_ORDER), PersistentMap.empty(NAME_ORDER), PersistentMap.empty(NAME_ORDER),
        PersistentMap.empty(Comparator.naturalOrder()), PersistentMap.empty(Comparator.naturalOrder()),
        PersistentMap.empty(Comparator.naturalOrder()), null);
  }

  /** An empty database whose default schema is {@code public}. */
  public static SchemaModel empty() {
    return empty("public");
  }

  public String defaultSchema() {
    return defaultSchema;
  }

  /**
   * The name in its own schema, or in the default schema when it has none, cut to 63 bytes as
   * PostgreSQL cuts a longer identifier (so the model holds the name the database has).
   */
  public QualifiedName qualify(QualifiedName name) {
    QualifiedName qualified = name.inSchema(defaultSchema);
    String schema = ObjectNames.truncate(qualified.schema());
    String object = ObjectNames.truncate(qualified.name());
    return schema.equals(qualified.schema()) && object.equals(qualified.name()) ? qualified
        : new QualifiedName(schema, object);
  }

  /** The name as an author would write it: without the schema when that is the default one. */
  public QualifiedName unqualify(QualifiedName name) {
    return defaultSchema.equals(name.schema()) ? QualifiedName.unqualified(name.name()) : name;
  }

  /**
   * True once an opaque {@code sql} operation was replayed: the model may then miss objects that
   * SQL created or hold objects it dropped. Not part of equality.
   */
  public boolean opaque() {
    return sqlNames != null;
  }

  /**
   * True when an opaque {@code sql} operation replayed so far mentions {@code name} as an
   * identifier (case-insensitively, quoted or not, alone or schema-qualified): that SQL may have
   * made the object, so the model's not knowing it is no proof that it is missing.
   */
  public boolean mentionedBySql(String name) {
    return sqlNames != null && sqlNames.containsKey(name.toLowerCase(Locale.ROOT));
  }

  // ---- queries

  public List<String> schemas() {
    return schemas.keys();
  }

  public boolean hasSchema(String name) {
    return schemas.containsKey(name);
  }

  public Optional<Table> table(QualifiedName name) {
    return Optional.ofNullable(tables.get(qualify(name)));
  }

  /** Every table, ordered by schema and name. */
  public List<Table> tables() {
    return tables.values();
  }

  /** What holds this name among the relations of its schema (tables, indexes, sequences, views). */
  public Optional<Relation> relation(QualifiedName name) {
    return Optional.ofNullable(relations.get(qualify(name)));
  }

  /** The table an index (made by create-index) belongs to, with the index. */
  public Optional<Table> tableOfIndex(QualifiedName indexName) {
    Relation relation = relations.get(qualify(indexName));
    if (relation == null || relation.kind() != Relation.Kind.INDEX) {
      return Optional.empty();
    }
    return Optional.ofNullable(tables.get(relation.table()));
  }

  public Optional<Index> index(QualifiedName indexName) {
    return tableOfIndex(indexName).flatMap(t -> t.index(qualify(indexName).name()));
  }

  public Optional<EnumType> enumType(QualifiedName name) {
    return Optional.ofNullable(enums.get(qualify(name)));
  }

  public List<EnumType> enums() {
    return enums.values();
  }

  public Optional<Sequence> sequence(QualifiedName name) {
    return Optional.ofNullable(sequences.get(qualify(name)));
  }

  public List<Sequence> sequences() {
    return sequences.values();
  }

  public Optional<View> view(QualifiedName name) {
    return Optional.ofNullable(views.get(qualify(name)));
  }

  public List<View> views() {
    return views.values();
  }

  public Optional<Extension> extension(String name) {
    return Optional.ofNullable(extensions.get(name));
  }

  public List<Extension> extensions() {
    return extensions.values();
  }

  /** The function or procedure of this name whose IN, INOUT and VARIADIC arguments have these types. */
  public Optional<Routine> routine(QualifiedName name, List<ColumnType> inputTypes) {
    return Optional.ofNullable(routines.get(signature(qualify(name), inputTypes)));
  }

  /** Every function and procedure of this name (its overloads), in signature order. */
  public List<Routine> routines(QualifiedName name) {
    QualifiedName qualified = qualify(name);
    return routines.values().stream().filter(r -> r.name().equals(qualified)).toList();
  }

  /** Every function and procedure, ordered by signature. */
  public List<Routine> routines() {
    return routines.values();
  }

  public Optional<Trigger> trigger(QualifiedName table, String name) {
    return Optional.ofNullable(triggers.get(triggerKey(qualify(table), name)));
  }

  /** Every trigger, ordered by table and name. */
  public List<Trigger> triggers() {
    return triggers.values();
  }

  /** The triggers on this table or view. */
  public List<Trigger> triggersOn(QualifiedName table) {
    QualifiedName qualified = qualify(table);
    return triggers.values().stream().filter(t -> t.table().equals(qualified)).toList();
  }

  /** The triggers that call this function. */
  public List<Trigger> triggersCalling(QualifiedName function) {
    QualifiedName qualified = qualify(function);
    return triggers.values().stream().filter(t -> t.function().equals(qualified)).toList();
  }

  /**
   * A routine's identity as PostgreSQL sees it: its name and the types of its input arguments,
   * without type modifiers (PostgreSQL ignores them in a signature: {@code f(varchar(10))} is
   * {@code f(character varying)}), a user type in the default schema by its name alone.
   * {@code public.touch(integer, mood)}.
   */
  public String signature(QualifiedName name, List<ColumnType> inputTypes) {
    QualifiedName qualified = qualify(name);
    StringBuilder out = new StringBuilder(qualified.toString()).append('(');
    for (int i = 0; i < inputTypes.size(); i++) {
      ColumnType type = inputTypes.get(i);
      QualifiedName typeName = type.name();
      boolean plain = type.builtin() || typeName.schema() == null || typeName.schema().equals(defaultSchema)
          || typeName.schema().equals("pg_catalog");
      out.append(i == 0 ? "" : ", ").append(plain ? typeName.name() : typeName.toString())
          .append("[]".repeat(type.arrayDimensions()));
    }
    return out.append(')').toString();
  }

  private static String triggerKey(QualifiedName table, String name) {
    return table.schema() + '\0' + table.name() + '\0' + name;
  }

  /** The foreign keys of other tables (and self-references) that point at {@code table}, with their tables. */
  public List<Referrer> referrersOf(QualifiedName table) {
    QualifiedName target = qualify(table);
    List<Referrer> out = new java.util.ArrayList<>();
    tables.forEach((name, t) -> {
      for (Constraint.ForeignKey fk : t.foreignKeys()) {
        if (fk.referencedTable().equals(target)) {
          out.add(new Referrer(t, fk));
        }
      }
    });
    return List.copyOf(out);
  }

  /** A foreign key, and the table it belongs to. */
  public record Referrer(Table table, Constraint.ForeignKey foreignKey) {}

  // ---- changes

  public SchemaModel withSchema(String name) {
    return new SchemaModel(defaultSchema, schemas.put(name, name), tables, relations, enums, sequences, views,
        extensions, routines, triggers, sqlNames);
  }

  public SchemaModel withoutSchema(String name) {
    return new SchemaModel(defaultSchema, schemas.remove(name), tables, relations, enums, sequences, views,
        extensions, routines, triggers, sqlNames);
  }

  /** This model with {@code table} added, or replacing the table of the same name. */
  public SchemaModel withTable(Table table) {
    QualifiedName name = table.name();
    PersistentMap<QualifiedName, Relation> rel = relations;
    Table old = tables.get(name);
    // only the relation names that changed are touched: adding a column touches none
    Map<QualifiedName, Relation> was = old == null ? Map.of() : relationsOf(old);
    Map<QualifiedName, Relation> now = relationsOf(table);
    for (QualifiedName gone : was.keySet()) {
      if (!now.containsKey(gone)) {
        rel = rel.remove(gone);
      }
    }
    for (Map.Entry<QualifiedName, Relation> entry : now.entrySet()) {
      if (!entry.getValue().equals(was.get(entry.getKey()))) {
        rel = rel.put(entry.getKey(), entry.getValue());
      }
    }
    return new SchemaModel(defaultSchema, schemas, tables.put(name, table), rel, enums, sequences, views, extensions,
        routines, triggers, sqlNames);
  }

  public SchemaModel withoutTable(QualifiedName name) {
    QualifiedName key = qualify(name);
    Table old = tables.get(key);
    if (old == null) {
      return this;
    }
    // DROP TABLE drops the table's triggers with it
    return new SchemaModel(defaultSchema, schemas, tables.remove(key), unregister(relations, old), enums, sequences,
        views, extensions, routines, withoutTriggersOn(key), sqlNames);
  }

  public SchemaModel withEnum(EnumType type) {
    return new SchemaModel(defaultSchema, schemas, tables, relations, enums.put(qualify(type.name()), type), sequences,
        views, extensions, routines, triggers, sqlNames);
  }

  public SchemaModel withoutEnum(QualifiedName name) {
    return new SchemaModel(defaultSchema, schemas, tables, relations, enums.remove(qualify(name)), sequences, views,
        extensions, routines, triggers, sqlNames);
  }

  public SchemaModel withSequence(Sequence sequence) {
    QualifiedName name = qualify(sequence.name());
    return new SchemaModel(defaultSchema, schemas, tables,
        relations.put(name, new Relation(Relation.Kind.SEQUENCE, name, null)), enums, sequences.put(name, sequence),
        views, extensions, routines, triggers, sqlNames);
  }

  public SchemaModel withoutSequence(QualifiedName name) {
    QualifiedName key = qualify(name);
    return new SchemaModel(defaultSchema, schemas, tables, relations.remove(key), enums, sequences.remove(key), views,
        extensions, routines, triggers, sqlNames);
  }

  public SchemaModel withView(View view) {
    QualifiedName name = qualify(view.name());
    Relation.Kind kind = view.materialized() ? Relation.Kind.MATERIALIZED_VIEW : Relation.Kind.VIEW;
    return new SchemaModel(defaultSchema, schemas, tables, relations.put(name, new Relation(kind, name, null)), enums,
        sequences, views.put(name, view), extensions, routines, triggers, sqlNames);
  }

  public SchemaModel withoutView(QualifiedName name) {
    QualifiedName key = qualify(name);
    return new SchemaModel(defaultSchema, schemas, tables, relations.remove(key), enums, sequences,
        views.remove(key), extensions, routines, withoutTriggersOn(key), sqlNames);
  }

  public SchemaModel withExtension(Extension extension) {
    return new SchemaModel(defaultSchema, schemas, tables, relations, enums, sequences, views,
        extensions.put(extension.name(), extension), routines, triggers, sqlNames);
  }

  public SchemaModel withoutExtension(String name) {
    return new SchemaModel(defaultSchema, schemas, tables, relations, enums, sequences, views,
        extensions.remove(name), routines, triggers, sqlNames);
  }

  /** This model with {@code routine} added, or replacing the one of the same signature. */
  public SchemaModel withRoutine(Routine routine) {
    Routine qualified = routine.withName(qualify(routine.name()));
    return new SchemaModel(defaultSchema, schemas, tables, relations, enums, sequences, views, extensions,
        routines.put(signature(qualified.name(), qualified.inputTypes()), qualified), triggers, sqlNames);
  }

  public SchemaModel withoutRoutine(Routine routine) {
    return new SchemaModel(defaultSchema, schemas, tables, relations, enums, sequences, views, extensions,
        routines.remove(signature(qualify(routine.name()), routine.inputTypes())), triggers, sqlNames);
  }

  /** This model with {@code trigger} added, or replacing the one of the same name on the same table. */
  public SchemaModel withTrigger(Trigger trigger) {
    Trigger qualified = trigger.withTable(qualify(trigger.table())).withFunction(qualify(trigger.function()));
    return new SchemaModel(defaultSchema, schemas, tables, relations, enums, sequences, views, extensions, routines,
        triggers.put(triggerKey(qualified.table(), qualified.name()), qualified), sqlNames);
  }

  public SchemaModel withoutTrigger(QualifiedName table, String name) {
    return new SchemaModel(defaultSchema, schemas, tables, relations, enums, sequences, views, extensions, routines,
        triggers.remove(triggerKey(qualify(table), name)), sqlNames);
  }

  private PersistentMap<String, Trigger> withoutTriggersOn(QualifiedName table) {
    PersistentMap<String, Trigger> out = triggers;
    for (Trigger trigger : triggersOn(table)) {
      out = out.remove(triggerKey(trigger.table(), trigger.name()));
    }
    return out;
  }

  /** This model marked as possibly incomplete, after an opaque {@code sql} operation that names nothing. */
  public SchemaModel asOpaque() {
    return asOpaque(Set.of());
  }

  /**
   * This model marked as possibly incomplete, after an opaque {@code sql} operation whose text
   * mentions {@code names}.
   */
  public SchemaModel asOpaque(Collection<String> names) {
    PersistentMap<String, String> known = sqlNames != null ? sqlNames
        : PersistentMap.<String, String>empty(Comparator.naturalOrder());
    for (String name : names) {
      String folded = name.toLowerCase(Locale.ROOT);
      known = known.containsKey(folded) ? known : known.put(folded, folded);
    }
    return known == sqlNames ? this
        : new SchemaModel(defaultSchema, schemas, tables, relations, enums, sequences, views, extensions, routines, triggers, known);
  }

  /** The relation names a table holds: its own, its indexes', and those of its keys' indexes. */
  private static Map<QualifiedName, Relation> relationsOf(Table table) {
    QualifiedName name = table.name();
    Map<QualifiedName, Relation> out = new HashMap<>();
    out.put(name, new Relation(Relation.Kind.TABLE, name, null));
    for (Index index : table.indexes().values()) {
      QualifiedName indexName = name.withName(index.name());
      out.put(indexName, new Relation(Relation.Kind.INDEX, indexName, name));
    }
    for (Constraint constraint : table.constraints().values()) {
      if (constraint.ownsIndex()) {
        QualifiedName indexName = name.withName(constraint.name());
        out.put(indexName, new Relation(Relation.Kind.CONSTRAINT_INDEX, indexName, name));
      }
    }
    return out;
  }

  private static PersistentMap<QualifiedName, Relation> unregister(PersistentMap<QualifiedName, Relation> rel,
      Table table) {
    PersistentMap<QualifiedName, Relation> out = rel;
    for (QualifiedName name : relationsOf(table).keySet()) {
      out = out.remove(name);
    }
    return out;
  }

  // ---- value semantics

  /** Equal when both hold the same objects; the default schema and {@link #opaque()} are not compared. */
  @Override
  public boolean equals(Object other) {
    return other instanceof SchemaModel that
        && schemas.equals(that.schemas)
        && tables.equals(that.tables)
        && enums.equals(that.enums)
        && sequences.equals(that.sequences)
        && views.equals(that.views)
        && extensions.equals(that.extensions)
        && routines.equals(that.routines)
        && triggers.equals(that.triggers);
  }

  @Override
  public int hashCode() {
    return Objects.hash(schemas, tables, enums, sequences, views, extensions, routines, triggers);
  }

  @Override
  public String toString() {
    return "SchemaModel{schemas=" + schemas + ", tables=" + tables + ", enums=" + enums + ", sequences=" + sequences
        + ", views=" + views + ", extensions=" + extensions + ", routines=" + routines + ", triggers=" + triggers + "}";
  }
}
