package dev.migrate.execute;

import dev.migrate.changelog.Precondition;
import dev.migrate.changelog.QualifiedName;
import dev.migrate.render.Sql;

/**
 * A precondition as the one-boolean query that checks it on the live database, and as the
 * words a script comment or an error uses for it. An unqualified name is looked up in the
 * connection's current schema, where an unqualified statement would create it.
 */
record PreconditionQuery(String description, String sql) {

  static PreconditionQuery of(Precondition precondition) {
    if (precondition instanceof Precondition.TableExists p) {
      return new PreconditionQuery("table-exists " + p.table(),
          "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = " + schema(p.table())
              + " AND tablename = " + Sql.literal(p.table().name()) + ")");
    }
    if (precondition instanceof Precondition.ColumnExists p) {
      return new PreconditionQuery("column-exists " + p.table() + "." + p.column(),
          "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid"
              + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = " + schema(p.table())
              + " AND c.relname = " + Sql.literal(p.table().name()) + " AND a.attname = " + Sql.literal(p.column())
              + " AND a.attnum > 0 AND NOT a.attisdropped)");
    }
    if (precondition instanceof Precondition.IndexExists p) {
      return new PreconditionQuery("index-exists " + p.index(),
          "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_indexes WHERE schemaname = " + schema(p.index())
              + " AND indexname = " + Sql.literal(p.index().name()) + ")");
    }
    if (precondition instanceof Precondition.EnumExists p) {
      return new PreconditionQuery("enum-exists " + p.enumName(),
          "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace"
              + " WHERE t.typtype = 'e' AND n.nspname = " + schema(p.enumName()) + " AND t.typname = "
              + Sql.literal(p.enumName().name()) + ")");
    }
    Precondition.SqlCheck p = (Precondition.SqlCheck) precondition;
    return new PreconditionQuery("sql " + p.sql().strip().replaceAll("\\s+", " "), p.sql());
  }

  private static String schema(QualifiedName name) {
    return name.schema() == null ? "current_schema()" : Sql.literal(name.schema());
  }
}
