package dev.migrate.maven;

import dev.migrate.MigrateException;
import dev.migrate.execute.Plan;
import dev.migrate.execute.Planner;
import dev.migrate.execute.RunSettings;
import dev.migrate.execute.ScriptWriter;
import dev.migrate.graph.MigrationPath;
import dev.migrate.graph.RevisionGraph;
import dev.migrate.graph.Target;
import dev.migrate.locks.LockTable;
import dev.migrate.render.PostgresRenderer;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Prints the SQL an upgrade (or downgrade) would run, with the version-table statements,
 * BEGIN/COMMIT per revision and a comment naming each revision, byte for byte the same on
 * every run, as {@code alembic upgrade head --sql}. Never opens a connection. The script goes
 * to standard output and to {@code target/migrate/upgrade.sql} ({@code downgrade.sql}).
 */
@Mojo(name = "sql", threadSafe = true)
public class SqlMojo extends AbstractRunMojo {

  /** Where the script starts: a revision, as {@code alembic upgrade a:b --sql}; base when unset. */
  @Parameter(property = "migrate.from")
  private String from;

  /** Where the script goes: head (default), a revision, label@head, +N; -N or base for a downgrade. */
  @Parameter(property = "migrate.target", defaultValue = "head")
  private String target;

  /** The PostgreSQL major the script is for; an operation it cannot run is an error. */
  @Parameter(property = "migrate.postgresVersion", defaultValue = "18")
  private int postgresVersion;

  @Override
  protected void run() {
    Workspace workspace = workspace();
    RevisionGraph graph = workspace.graph();
    List<String> start = from == null || from.isBlank() || "base".equals(from) ? List.of() : List.of(graph.resolve(from));
    MigrationPath path = path(graph, start, Target.parse(target));
    RunSettings settings = runSettings();
    // the lock notes are judged for the target major; a major never measured gets none
    Plan plan = Planner.plan(path, workspace.checked()::replay, new PostgresRenderer(postgresVersion),
        settings.timeouts(), LockTable.available(postgresVersion) ? LockTable.load(postgresVersion) : null);
    String script = new ScriptWriter(settings.tables(), settings.transactionMode(), pluginVersion).write(plan);
    Path file = outputFile != null ? outputFile.toPath()
        : migrateDirectory().resolve(plan.direction() == dev.migrate.graph.Direction.DOWN ? "downgrade.sql" : "upgrade.sql");
    writeFile(file, script);
    outputFile = null;
    emit(script);
    getLog().info("Wrote " + file);
  }

  /** An upgrade unless the target lies below the start: {@code -N}, {@code base}, or an ancestor of {@code from}. */
  static MigrationPath path(RevisionGraph graph, List<String> start, Target target) {
    String text = target.toString();
    if (start.isEmpty() && target instanceof Target.Relative relative && relative.steps() < 0) {
      // offline there is no version table to count from: the script starts at base unless told
      List<String> heads = graph.heads();
      throw new MigrateException("missing-from", "migrate:sql -Dmigrate.target=" + target + " counts down from"
          + " -Dmigrate.from, which is not set (without it the script starts at base, below which nothing is);"
          + " give the revision the database is at, such as -Dmigrate.from="
          + (heads.size() == 1 ? heads.get(0) : "<revision>") + " -Dmigrate.target=" + target);
    }
    if (text.startsWith("-") || "base".equals(text)) {
      return graph.downgrade(start, target);
    }
    try {
      return graph.upgrade(start, target);
    } catch (MigrateException upgradeFailed) {
      if (start.isEmpty()) {
        throw upgradeFailed;
      }
      return graph.downgrade(start, target);
    }
  }
}
