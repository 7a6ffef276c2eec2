package dev.migrate.maven;

import dev.migrate.MigrateException;
import dev.migrate.config.EmbeddedDatabase;
import dev.migrate.config.JdbcTarget;
import dev.migrate.config.ResolvedConnection;
import dev.migrate.config.Secret;
import dev.migrate.execute.Migrator;
import dev.migrate.introspect.RoundTrip;
import dev.migrate.introspect.RoundTripReport;
import dev.migrate.render.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The round trip of safety.md, revision by revision, on a scratch database: a fresh embedded
 * PostgreSQL in a temporary directory (deleted afterwards), or {@code -Dmigrate.verifyUrl}, a
 * database it empties first. Never the configured {@code url}. Prints one line per revision
 * and, for a failure, every difference, naming the revision and the object; the build fails
 * on any failure.
 */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class VerifyMojo extends AbstractDatabaseMojo {

  /**
   * A database verify may empty (its changelog's schemas and the default schema are dropped,
   * with everything in them), instead of a fresh embedded PostgreSQL.
   */
  @Parameter(property = "migrate.verifyUrl")
  protected Secret verifyUrl;

  @Override
  protected void run() {
    Workspace workspace = workspace();
    workspace.replay(); // the changelog's own errors come before any database is started
    long started = System.nanoTime();
    RoundTripReport report = verifyUrl == null || verifyUrl.reveal() == null ? onScratch(workspace) : onServer(workspace);
    long millis = (System.nanoTime() - started) / 1_000_000;
    StringBuilder text = new StringBuilder();
    report.steps().forEach(step -> text.append(step).append('\n'));
    List<RoundTripReport.Step> failures = report.failures();
    text.append(failures.isEmpty() ? "ok" : "failed").append(": verified ")
        .append(workspace.fullGraph().topologicalOrder().size()).append(" revisions in ").append(millis).append(" ms");
    emit(text.append('\n').toString());
    if (!failures.isEmpty()) {
      RoundTripReport.Step first = failures.get(0);
      throw new ReportedFailure("verify", "the round trip failed at " + first.subject() + ": " + first.message()
          + (first.differences().isEmpty() ? "" : " (" + first.differences().get(0).description()
              + (first.differences().size() > 1 ? "; ..." : "") + ")")
          + "; fix the revision's downgrade (or upgrade) so that it undoes exactly what it did");
    }
  }

  private RoundTripReport onScratch(Workspace workspace) {
    try (EmbeddedDatabase scratch = EmbeddedDatabase.fresh(embeddedBinaries(), getLog()::info);
        Connection connection = scratch.target().open()) {
      prepare(connection);
      EmbeddedDatabase.createMissingEnums(connection, workspace.existingTypes());
      return verify(workspace, connection);
    } catch (SQLException e) {
      throw new MigrateException("embedded-failed", "the scratch embedded PostgreSQL failed: " + e.getMessage(), e);
    }
  }

  private RoundTripReport onServer(Workspace workspace) {
    ResolvedConnection resolved = resolveConnection(verifyUrl, false);
    if (!(resolved instanceof ResolvedConnection.Server server)) {
      throw new MigrateException("invalid-url", "-Dmigrate.verifyUrl does not name a database server");
    }
    JdbcTarget target = server.target();
    getLog().info("Verifying on " + target.shownAs() + ", emptied first");
    try (Connection connection = target.open()) {
      empty(connection);
      prepare(connection);
      EmbeddedDatabase.createMissingEnums(connection, workspace.existingTypes());
      return verify(workspace, connection);
    } catch (SQLException e) {
      throw new MigrateException("connection-failed", "the connection to " + target.shownAs() + " failed: "
          + e.getMessage(), e);
    }
  }

  private RoundTripReport verify(Workspace workspace, Connection connection) {
    // the migrator's progress is detail here: the report says what matters
    Migrator migrator = new Migrator(connection, runSettings(), event -> getLog().debug(event.line()));
    return new RoundTrip(connection, runSettings().tables(), defaultSchema)
        .run(workspace.changelog(), workspace.fullGraph(), migrator);
  }

  /** Unqualified names in the changelog live in the default schema. */
  private void prepare(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("create schema if not exists " + Sql.identifier(defaultSchema));
      statement.execute("set search_path to " + Sql.identifier(defaultSchema));
    }
  }

  /** Drops the schemas the changelog and its version tables use, so the round trip starts from nothing. */
  private void empty(Connection connection) throws SQLException {
    Set<String> schemas = new TreeSet<>(workspace().replay().finalModel().schemas());
    schemas.add(defaultSchema);
    if (versionSchema() != null) {
      schemas.add(versionSchema());
    }
    try (Statement statement = connection.createStatement()) {
      for (String schema : schemas) {
        statement.execute("drop schema if exists " + Sql.identifier(schema) + " cascade");
      }
    }
  }
}
