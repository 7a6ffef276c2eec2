package dev.migrate.execute;

import dev.migrate.changelog.Changelog;
import dev.migrate.graph.RevisionGraph;
import dev.migrate.graph.Target;
import dev.migrate.schema.Replay;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;

/**
 * A migration run in a JVM of its own, for the kill -9 trials: upgrades W(n) on the database at
 * args[0] (or, with args[1] = {@code concurrently}, {@link #CONCURRENTLY}) and prints each applied
 * revision, so the test knows the run is under way.
 */
public final class UpgradeProcess {

  /** One non-transactional revision: a table, an index built concurrently on it, another table. */
  static final Changelog CONCURRENTLY = new Changelog(List.of(JdbcSinkTest.nonTransactional(
      TestChangelogs.sqlRevision("e00000000001", null, "index concurrently", "CREATE TABLE ta (id int)",
          "CREATE INDEX CONCURRENTLY ix_ta ON ta (id)", "CREATE TABLE tb (id int)"))), List.of());

  private UpgradeProcess() {}

  public static void main(String[] args) throws Exception {
    Changelog changelog = args[1].equals("concurrently") ? CONCURRENTLY : TestChangelogs.w(Integer.parseInt(args[1]));
    RevisionGraph graph = RevisionGraph.of(changelog.revisions());
    Replay replay = Replay.of(changelog, graph);
    try (Connection connection = DriverManager.getConnection(args[0], dev.migrate.OwnerRole.NAME, "")) {
      new Migrator(connection, RunSettings.defaults("0.1.0"), event -> {
        if (event instanceof Event.Running || event instanceof Event.RevisionApplied) {
          System.out.println(event.line());
          System.out.flush();
        }
      }).upgrade(RunSource.of(graph, () -> replay), Target.parse("head"));
    }
    System.out.println("done");
  }
}
