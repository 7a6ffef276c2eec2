package dev.migrate.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.execute.MigrationFailedException;
import dev.migrate.execute.Migrator;
import dev.migrate.execute.RunSettings;
import dev.migrate.execute.RunSource;
import dev.migrate.changelog.Change;
import dev.migrate.changelog.Changelog;
import dev.migrate.changelog.Downgrade;
import dev.migrate.changelog.Operation;
import dev.migrate.changelog.Preconditions;
import dev.migrate.changelog.Revision;
import dev.migrate.changelog.SourceSpan;
import dev.migrate.graph.RevisionGraph;
import dev.migrate.graph.Target;
import dev.migrate.schema.Replay;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.apache.maven.exception.DefaultExceptionHandler;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

/** What Maven prints for a failed revision: its own exception handler joins the causes' messages. */
class FailureMessageTest {

  @Test
  void failedRevision_asMavenPrintsIt_saysPostgresMessageOnce() throws Exception {
    Path file = Path.of("src/main/migrations/a1_divide.yaml");
    Revision divide = new Revision("a1", List.of(), List.of(), List.of(), "divide", true, Preconditions.none(),
        List.of(Change.of(new Operation.Sql("SELECT 1 / 0", null, null), SourceSpan.of(file, 4, 5))),
        Downgrade.derived(), null, null, SourceSpan.startOf(file));
    Changelog changelog = new Changelog(List.of(divide), List.of());
    RevisionGraph graph = RevisionGraph.of(changelog.revisions());
    MigrationFailedException failure;
    try (EmbeddedPostgres server = EmbeddedPostgres.builder().start();
        Connection connection = server.getPostgresDatabase().getConnection()) {
      try {
        new Migrator(connection, RunSettings.defaults("0.1.0"), e -> { })
            .upgrade(RunSource.of(graph, () -> Replay.of(changelog, graph)), Target.parse("head"));
        throw new AssertionError("the upgrade should fail");
      } catch (MigrationFailedException e) {
        failure = e;
      }
    }

    // as AbstractMigrateMojo wraps a user's failure
    String printed = new DefaultExceptionHandler().handleException(new MojoFailureException(failure.getMessage(),
        failure)).getMessage();

    assertThat(printed).contains("ERROR 22012: division by zero");
    assertThat(printed.split("division by zero", -1)).as(printed).hasSize(2);
  }
}
