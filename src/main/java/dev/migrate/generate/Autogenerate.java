package dev.migrate.generate;

import dev.migrate.MigrateException;
import dev.migrate.changelog.QualifiedName;
import dev.migrate.introspect.Introspector;
import dev.migrate.introspect.ModelNormalizer;
import dev.migrate.schema.SchemaModel;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The core of {@code migrate:revision -Dmigrate.autogenerate}: reads a live database (every
 * schema of its own, not only the model's), puts the head's model in the server's form on
 * that same database, and lists the operations that turn the model into what is there, with
 * what the model cannot express (functions, triggers, policies, and the changes
 * {@link SchemaChanges} names).
 *
 * <pre>
 * GeneratedRevision revision = new Autogenerate(connection, "public", IgnoredTables.of(tables, "public")).against(head);
 * </pre>
 */
public final class Autogenerate {

  private final Connection connection;
  private final String defaultSchema;
  private final Set<QualifiedName> excluded;

  /**
   * @param connection the live database, outside a transaction (the normalization rolls back one of its own)
   * @param excluded tables no revision describes: version and history tables, other tools' history tables
   */
  public Autogenerate(Connection connection, String defaultSchema, Set<QualifiedName> excluded) {
    this.connection = connection;
    this.defaultSchema = defaultSchema;
    this.excluded = Set.copyOf(excluded);
  }

  /** The revision that takes {@code head} (the model at the parent revision) to the live schema. */
  public GeneratedRevision against(SchemaModel head) {
    Set<String> schemas = new TreeSet<>(head.schemas());
    schemas.addAll(userSchemas());
    Introspector introspector = new Introspector(connection);
    SchemaModel live = introspector.read(defaultSchema, schemas, excluded);
    GeneratedRevision found = SchemaChanges.between(new ModelNormalizer(connection).normalize(head), live);
    List<String> notExpressed = new ArrayList<>(found.notExpressed());
    for (String line : introspector.outsideTheModel(defaultSchema, schemas)) {
      notExpressed.add(line.replace(": outside the comparison", ": not in the model"));
    }
    return new GeneratedRevision(found.upgrade(), found.partialDowngrade(), notExpressed);
  }

  /** The schemas a user made: not PostgreSQL's own, not an extension's. */
  private List<String> userSchemas() {
    List<String> out = new ArrayList<>();
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("select n.nspname from pg_namespace n where n.nspname !~ '^pg_'"
            + " and n.nspname <> 'information_schema' and not exists (select 1 from pg_depend d"
            + " where d.classid = 'pg_namespace'::regclass and d.objid = n.oid and d.deptype = 'e')"
            + " order by 1")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    } catch (SQLException e) {
      throw new MigrateException("introspection-failed", "cannot list the database's schemas: " + e.getMessage(), e);
    }
    return out;
  }
}
