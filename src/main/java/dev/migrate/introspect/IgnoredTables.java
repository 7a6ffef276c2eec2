package dev.migrate.introspect;

import dev.migrate.changelog.QualifiedName;
import dev.migrate.execute.VersionTables;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The tables no revision describes and no comparison looks at: this plugin's own version and
 * history tables, and the history tables other migration tools leave behind when a project
 * moves over (Flyway's {@code flyway_schema_history}, Liquibase's {@code databasechangelog}
 * and {@code databasechangeloglock}, Alembic's {@code alembic_version}), which stay in place
 * and are ignored.
 */
public final class IgnoredTables {

  /** Other tools' history tables, in the schema they default to: the default schema. */
  public static final List<String> OTHER_TOOLS = List.of("flyway_schema_history", "databasechangelog",
      "databasechangeloglock", VersionTables.ALEMBIC_VERSION);

  private IgnoredTables() {}

  /** The version and history tables, and the other tools' history tables in {@code defaultSchema}. */
  public static Set<QualifiedName> of(VersionTables tables, String defaultSchema) {
    String schema = tables.schema() == null ? defaultSchema : tables.schema();
    Set<QualifiedName> out = new LinkedHashSet<>();
    out.add(QualifiedName.of(schema, tables.versionTable()));
    out.add(QualifiedName.of(schema, tables.historyTable()));
    for (String table : OTHER_TOOLS) {
      out.add(QualifiedName.of(defaultSchema, table));
    }
    return Set.copyOf(out);
  }
}
