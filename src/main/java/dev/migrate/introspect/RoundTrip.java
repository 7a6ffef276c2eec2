package dev.migrate.introspect;

import dev.migrate.MigrateException;
import dev.migrate.changelog.Changelog;
import dev.migrate.changelog.QualifiedName;
import dev.migrate.changelog.Revision;
import dev.migrate.execute.Migrator;
import dev.migrate.execute.RunSource;
import dev.migrate.execute.VersionTables;
import dev.migrate.graph.RevisionGraph;
import dev.migrate.graph.Target;
import dev.migrate.schema.Replay;
import dev.migrate.schema.Reversal;
import dev.migrate.schema.SchemaModel;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The core of {@code migrate:verify} (safety.md): on a scratch database, for each revision in
 * topological order, snapshot the schema (S0), upgrade that one revision and compare the
 * database with the model at it ({@link DriftCheck}), downgrade it and compare with S0, and
 * upgrade it again. Then downgrade to base (or, when a revision is irreversible, to the newest
 * irreversible one) and upgrade to heads once more, comparing each time. An irreversible
 * revision's steps 3-4 are skipped. The first migration that fails on the server ends the run:
 * the database is then in no known state.
 *
 * <pre>
 * RoundTripReport report = new RoundTrip(connection, settings.tables(), "public").run(changelog, graph, migrator);
 * </pre>
 */
public final class RoundTrip {

  private final Connection connection;
  private final VersionTables tables;
  private final String defaultSchema;

  /** @param connection an empty scratch database (the declared existing types created), outside a transaction */
  public RoundTrip(Connection connection, VersionTables tables, String defaultSchema) {
    this.connection = connection;
    this.tables = tables;
    this.defaultSchema = defaultSchema;
  }

  /** @param graph the graph of the full revisions (with their operations) */
  public RoundTripReport run(Changelog changelog, RevisionGraph graph, Migrator migrator) {
    Replay replay = Replay.of(changelog, graph);
    RunSource source = RunSource.of(graph, () -> replay);
    DriftCheck drift = new DriftCheck(connection, tables, defaultSchema);
    Introspector introspector = new Introspector(connection);
    Set<QualifiedName> excluded = IgnoredTables.of(tables, defaultSchema);
    Set<String> schemas = new TreeSet<>(replay.finalModel().schemas());
    List<RoundTripReport.Step> steps = new ArrayList<>();
    String newestIrreversible = null;
    for (Revision revision : graph.topologicalOrder()) {
      String id = revision.id();
      try {
        SchemaModel before = introspector.read(defaultSchema, schemas, excluded);
        migrator.upgrade(source, Target.parse(id));
        List<Difference> afterUpgrade = drift.run(changelog, graph, migrator).failures();
        if (!afterUpgrade.isEmpty()) {
          steps.add(RoundTripReport.Step.failed(id, "after its upgrade, the database differs from the model at " + id,
              afterUpgrade));
          continue;
        }
        if (replay.downgradeOf(id) instanceof Reversal.Irreversible) {
          newestIrreversible = id;
          steps.add(new RoundTripReport.Step(id, RoundTripReport.Result.IRREVERSIBLE,
              "irreversible: round trip not tested", List.of()));
          continue;
        }
        migrator.downgrade(source, Target.parse(id + "-1"));
        List<Difference> afterDowngrade = SchemaDiff.failures(
            SchemaDiff.between(before, introspector.read(defaultSchema, schemas, excluded)));
        if (!afterDowngrade.isEmpty()) {
          steps.add(RoundTripReport.Step.failed(id, "after its downgrade, the database differs from before its upgrade",
              afterDowngrade));
          return new RoundTripReport(steps); // the next revisions would start from a wrong schema
        }
        migrator.upgrade(source, Target.parse(id));
        steps.add(new RoundTripReport.Step(id, RoundTripReport.Result.OK, "upgrade, downgrade, upgrade: ok", List.of()));
      } catch (MigrateException e) {
        steps.add(RoundTripReport.Step.failed(id, e.getMessage(), List.of()));
        return new RoundTripReport(steps);
      }
    }
    String bottom = newestIrreversible == null ? "base" : newestIrreversible;
    try {
      migrator.downgrade(source, Target.parse(bottom));
      steps.add(compared("downgrade to " + bottom, drift.run(changelog, graph, migrator).failures()));
      migrator.upgrade(source, Target.parse("heads"));
      steps.add(compared("upgrade to heads", drift.run(changelog, graph, migrator).failures()));
    } catch (MigrateException e) {
      steps.add(RoundTripReport.Step.failed("downgrade to " + bottom + " and upgrade to heads", e.getMessage(),
          List.of()));
    }
    return new RoundTripReport(steps);
  }

  private static RoundTripReport.Step compared(String what, List<Difference> failures) {
    return failures.isEmpty()
        ? new RoundTripReport.Step(what, RoundTripReport.Result.OK, "ok", List.of())
        : RoundTripReport.Step.failed(what, "the database differs from the model", failures);
  }
}
