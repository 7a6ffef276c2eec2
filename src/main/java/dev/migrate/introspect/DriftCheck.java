package dev.migrate.introspect;

import dev.migrate.changelog.Changelog;
import dev.migrate.changelog.QualifiedName;
import dev.migrate.changelog.Revision;
import dev.migrate.execute.AppliedHead;
import dev.migrate.execute.Migrator;
import dev.migrate.execute.VersionTables;
import dev.migrate.graph.RevisionGraph;
import dev.migrate.schema.Replay;
import dev.migrate.schema.SchemaModel;
import java.sql.Connection;
import java.util.List;
import java.util.Set;

/**
 * Drift detection, the core of {@code migrate:check}: does the live database still have the
 * schema its version table says it has? It reads the applied heads (reading only: a database
 * without a version table is at base), replays the revisions they stand for in the graph's
 * fixed topological order (with several applied heads, only their branches: a sibling branch
 * that is not applied is not in the model), introspects the database and compares. The version
 * and history tables are left out of the comparison, and so are the history tables of the
 * tools a project moved from ({@link IgnoredTables}).
 *
 * <p>At base the model holds only the declared existing types, so every table found is extra:
 * a database the changelog has not touched should have none of its objects.
 *
 * <pre>
 * DriftReport report = new DriftCheck(connection, settings.tables(), "public").run(changelog, graph, migrator);
 * report.failures().forEach(System.out::println);   // extra column users.nickname (text)
 * </pre>
 */
public final class DriftCheck {

  private final Connection connection;
  private final VersionTables tables;
  private final String defaultSchema;
  private final ModelNormalizer normalizer;

  /**
   * @param connection the database, outside a transaction (the comparison normalizes the model
   *     in one of its own, rolled back)
   * @param tables the version and history tables, which are not compared
   * @param defaultSchema where the changelog's unqualified names live
   */
  public DriftCheck(Connection connection, VersionTables tables, String defaultSchema) {
    this.connection = connection;
    this.tables = tables;
    this.defaultSchema = defaultSchema;
    this.normalizer = new ModelNormalizer(connection);
  }

  /**
   * Compares the database with the model at its applied revisions.
   *
   * @param graph the graph of the full revisions (with their operations)
   * @param migrator reads the applied heads
   */
  public DriftReport run(Changelog changelog, RevisionGraph graph, Migrator migrator) {
    List<String> heads = migrator.current(graph).stream().map(AppliedHead::revision).sorted().toList();
    SchemaModel expected = modelAt(changelog, graph, heads);
    Introspector introspector = new Introspector(connection);
    List<Difference> differences = introspector.compareWith(expected, versionTables(), normalizer);
    return new DriftReport(heads, differences, introspector.outsideTheModel(defaultSchema, expected.schemas()));
  }

  /** The model once these heads and everything below them are applied, in the graph's topological order. */
  SchemaModel modelAt(Changelog changelog, RevisionGraph graph, List<String> heads) {
    List<Revision> applied = graph.applied(heads);
    return Replay.of(changelog, applied, defaultSchema).finalModel();
  }

  private Set<QualifiedName> versionTables() {
    return IgnoredTables.of(tables, defaultSchema);
  }
}
