package dev.migrate.execute;

import dev.migrate.MigrateException;
import dev.migrate.changelog.Changelog;
import dev.migrate.changelog.Revision;
import dev.migrate.graph.RevisionGraph;
import dev.migrate.graph.Target;
import dev.migrate.schema.Replay;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;

/**
 * A migration run in a JVM of its own, for the interrupt tests: upgrades the database at args[0]
 * through three revisions, the second of which sleeps 30 s on the server (args[1] "nontx" makes
 * it transactional: false), printing every event as Maven's log would.
 */
public final class SlowUpgradeProcess {

  private SlowUpgradeProcess() {}

  static List<Revision> revisions(boolean transactional) {
    Revision slow = TestChangelogs.sqlRevision("s00000000002", "s00000000001", "slow", "CREATE TABLE tb (id int)",
        "SELECT pg_sleep(30)", "CREATE TABLE tb2 (id int)");
    return List.of(TestChangelogs.sqlRevision("s00000000001", null, "create ta", "CREATE TABLE ta (id int)"),
        transactional ? slow : JdbcSinkTest.nonTransactional(slow),
        TestChangelogs.sqlRevision("s00000000003", "s00000000002", "create tc", "CREATE TABLE tc (id int)"));
  }

  public static void main(String[] args) throws Exception {
    Changelog changelog = new Changelog(revisions(!(args.length > 1 && args[1].equals("nontx"))), List.of());
    RevisionGraph graph = RevisionGraph.of(changelog.revisions());
    try (Connection connection = DriverManager.getConnection(args[0], "postgres", "")) {
      new Migrator(connection, RunSettings.defaults("0.1.0"), event -> {
        if (event.level() != Event.Level.DEBUG) {
          System.out.println(event.level() + " " + event.line());
          System.out.flush();
        }
      }).upgrade(RunSource.of(graph, () -> Replay.of(changelog, graph)), Target.parse("head"));
      System.out.println("done");
    } catch (MigrateException e) {
      System.out.println("failed [" + e.code() + "]");
    }
  }
}
