package dev.migrate.generate;

import dev.migrate.OwnerRole;
import dev.migrate.changelog.Changelog;
import dev.migrate.config.EmbeddedDatabase;
import dev.migrate.config.JdbcTarget;
import dev.migrate.execute.Migrator;
import dev.migrate.execute.RunSettings;
import dev.migrate.execute.RunSource;
import dev.migrate.execute.VersionTables;
import dev.migrate.graph.RevisionGraph;
import dev.migrate.graph.Target;
import dev.migrate.introspect.DriftCheck;
import dev.migrate.introspect.DriftReport;
import dev.migrate.introspect.IgnoredTables;
import dev.migrate.load.ChangelogLoader;
import dev.migrate.schema.Replay;
import dev.migrate.schema.SchemaModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** One embedded server for a test class, a new database on it per use, and the steps of autogenerate's round trips. */
final class GenerateFixture implements AutoCloseable {

  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final EmbeddedDatabase server = EmbeddedDatabase.fresh(event -> { });

  /** A connection to a new empty database, as its owner. */
  Connection newDatabase() throws SQLException {
    String name = "generate_" + COUNTER.incrementAndGet();
    try (Connection admin = server.target().open()) {
      OwnerRole.createDatabase(admin, name);
    }
    JdbcTarget admin = server.target();
    return new JdbcTarget(admin.url().replaceAll("/postgres$", "/" + name), OwnerRole.NAME, null, name).open();
  }

  static void execute(Connection connection, String... statements) throws SQLException {
    try (Statement s = connection.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  /** The SQL script's statements run one by one. */
  static void runScript(Connection connection, String script) throws SQLException {
    for (SqlScript.Statement statement : SqlScript.split(script)) {
      execute(connection, statement.sql());
    }
  }

  static Autogenerate autogenerate(Connection connection) {
    return new Autogenerate(connection, "public", IgnoredTables.of(VersionTables.defaults(), "public"));
  }

  static Changelog load(Path dir) {
    return new ChangelogLoader(Map.of("support_email", "support@example.com"), null).load(dir);
  }

  static Migrator migrator(Connection connection) {
    return new Migrator(connection, RunSettings.defaults("test"), e -> { });
  }

  static void upgrade(Connection connection, Changelog changelog, String target) {
    RevisionGraph graph = RevisionGraph.of(changelog.revisions());
    migrator(connection).upgrade(RunSource.of(graph, () -> Replay.of(changelog, graph)), Target.parse(target));
  }

  static void downgrade(Connection connection, Changelog changelog, String target) {
    RevisionGraph graph = RevisionGraph.of(changelog.revisions());
    migrator(connection).downgrade(RunSource.of(graph, () -> Replay.of(changelog, graph)), Target.parse(target));
  }

  static void stamp(Connection connection, Changelog changelog, String target) {
    migrator(connection).stamp(RevisionGraph.of(changelog.revisions()), Target.parse(target), true);
  }

  static DriftReport check(Connection connection, Changelog changelog) {
    RevisionGraph graph = RevisionGraph.of(changelog.revisions());
    return new DriftCheck(connection, VersionTables.defaults(), "public").run(changelog, graph, migrator(connection));
  }

  /** The model at the changelog's single head. */
  static SchemaModel headModel(Changelog changelog) {
    return Replay.of(changelog, RevisionGraph.of(changelog.revisions())).finalModel();
  }

  /** Writes the revision as YAML into {@code dir} and returns the file. */
  static Path write(Path dir, String id, List<String> parents, String message, GeneratedRevision revision)
      throws IOException {
    Path file = dir.resolve(id + "_generated.yaml");
    Files.writeString(file, RevisionWriter.yaml(new RevisionWriter.Header(id, parents, message, "a test database"),
        revision));
    return file;
  }

  /**
   * The catalog read without the Introspector, one line per object: columns with type, default,
   * nullability, identity and generation; constraints and indexes as PostgreSQL prints them;
   * sequences, enum labels, views, comments, functions and procedures as pg_get_functiondef
   * prints them, triggers as pg_get_triggerdef does. Two databases with the same schema print the same.
   */
  static List<String> catalog(Connection connection) throws SQLException {
    String userSchema = " not in ('pg_catalog', 'information_schema', 'pg_toast')";
    String notOurs = " not in ('migrate_version', 'migrate_history')";
    List<String> out = new ArrayList<>();
    query(connection, out, "select 'column ' || n.nspname || '.' || c.relname || '.' || a.attname || ' '"
        + " || format_type(a.atttypid, a.atttypmod) || ' notnull=' || a.attnotnull || ' default='"
        + " || coalesce(pg_get_expr(d.adbin, d.adrelid), '') || ' identity=' || a.attidentity::text"
        + " || ' generated=' || a.attgenerated::text || ' comment=' || coalesce(col_description(c.oid, a.attnum), '')"
        + " from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace"
        + " left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum"
        + " where c.relkind in ('r', 'p', 'v', 'm') and a.attnum > 0 and not a.attisdropped and n.nspname" + userSchema
        + " and c.relname" + notOurs);
    query(connection, out, "select 'constraint ' || n.nspname || '.' || c.relname || ' ' || co.conname || ' '"
        + " || pg_get_constraintdef(co.oid) from pg_constraint co join pg_class c on c.oid = co.conrelid"
        + " join pg_namespace n on n.oid = c.relnamespace where n.nspname" + userSchema + " and c.relname" + notOurs);
    query(connection, out, "select 'index ' || schemaname || ' ' || indexdef from pg_indexes where schemaname"
        + userSchema + " and tablename" + notOurs);
    query(connection, out, "select 'sequence ' || schemaname || '.' || sequencename || ' ' || data_type || ' '"
        + " || start_value || ' ' || min_value || ' ' || max_value || ' ' || increment_by || ' ' || cycle"
        + " from pg_sequences where schemaname" + userSchema + " and sequencename not like 'migrate_history%'");
    query(connection, out, "select 'enum ' || n.nspname || '.' || t.typname || ' ' || string_agg(e.enumlabel, ','"
        + " order by e.enumsortorder) from pg_enum e join pg_type t on t.oid = e.enumtypid"
        + " join pg_namespace n on n.oid = t.typnamespace group by n.nspname, t.typname");
    query(connection, out, "select 'view ' || schemaname || '.' || viewname || ' ' || definition from pg_views"
        + " where schemaname" + userSchema);
    query(connection, out, "select 'table ' || n.nspname || '.' || c.relname || ' comment='"
        + " || coalesce(obj_description(c.oid, 'pg_class'), '') || ' options=' || coalesce(c.reloptions::text, '')"
        + " from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.relkind in ('r', 'p')"
        + " and n.nspname" + userSchema + " and c.relname" + notOurs);
    query(connection, out, "select 'extension ' || extname from pg_extension where extname <> 'plpgsql'");
    query(connection, out, "select 'routine ' || pg_get_functiondef(p.oid) from pg_proc p"
        + " join pg_namespace n on n.oid = p.pronamespace where n.nspname" + userSchema
        + " and not exists (select 1 from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid"
        + " and d.deptype = 'e')");
    query(connection, out, "select 'trigger ' || pg_get_triggerdef(t.oid) from pg_trigger t where not t.tgisinternal");
    out.sort(null);
    return out;
  }

  private static void query(Connection connection, List<String> out, String sql) throws SQLException {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
