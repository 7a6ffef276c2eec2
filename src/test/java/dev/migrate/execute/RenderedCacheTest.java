package dev.migrate.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.changelog.Changelog;
import dev.migrate.changelog.Revision;
import dev.migrate.graph.Direction;
import dev.migrate.graph.RevisionGraph;
import dev.migrate.graph.Target;
import dev.migrate.schema.Replay;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Statements kept from one run for the next, both ways, on a real database. */
class RenderedCacheTest {

  private static final RunSettings SETTINGS = RunSettings.defaults("0.1.0");

  @TempDir
  Path cacheDirectory;

  private Changelog changelog = TestChangelogs.w(3);
  private RevisionGraph graph = RevisionGraph.of(changelog.revisions());
  private final AtomicInteger loads = new AtomicInteger();
  private final Map<String, String> fileHashes = new HashMap<>(Map.of("w0001", "a", "w0002", "b", "w0003", "c"));
  private final AtomicInteger replays = new AtomicInteger();

  /** A source as the downgrade goal makes it: the replay counted, the reversals kept in the test's directory. */
  private RunSource source() {
    return new RunSource() {
      private RenderedCache cache;
      private Replay replay;

      @Override
      public RevisionGraph graph() {
        return graph;
      }

      @Override
      public RevisionGraph fullGraph() {
        loads.incrementAndGet();
        return graph;
      }

      @Override
      public Replay replay() {
        if (replay == null) {
          replays.incrementAndGet();
          replay = Replay.of(changelog, graph);
        }
        return replay;
      }

      @Override
      public RenderedCache rendered() {
        if (cache == null) {
          cache = RenderedCache.open(cacheDirectory, "public", graph.topologicalOrder(),
              revision -> fileHashes.get(revision.id()));
        }
        return cache;
      }
    };
  }

  /** The statements the run sent, in order. */
  private List<String> run(TestDatabase db, Function<Migrator, Plan> work) {
    List<String> sent = new ArrayList<>();
    try (Connection connection = db.connect()) {
      work.apply(new Migrator(connection, SETTINGS, event -> {
        if (event instanceof Event.Executed executed) {
          sent.add(executed.sql());
        }
      }));
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    return sent;
  }

  private List<String> upgradeThenDowngrade(TestDatabase db) {
    run(db, m -> m.upgrade(source(), Target.parse("head")));
    return run(db, m -> m.downgrade(source(), Target.parse("base")));
  }

  @Test
  void downgrade_coldCache_derivesRunsAndKeepsEveryReversal() throws Exception {
    TestDatabase db = TestDatabase.fresh();

    upgradeThenDowngrade(db);

    assertThat(db.tables()).isEmpty();
    assertThat(replays).hasValue(1);
    try (var files = Files.list(cacheDirectory)) {
      assertThat(files.map(f -> f.getFileName().toString())).singleElement().asString().startsWith("rendered-");
    }
    RenderedCache reopened = RenderedCache.open(cacheDirectory, "public", graph.topologicalOrder(),
        revision -> fileHashes.get(revision.id()));
    assertThat(List.of("w0001", "w0002", "w0003")).allMatch(id -> reopened.get(Direction.DOWN, id, serverMajor(db)).isPresent());
  }

  @Test
  void downgrade_keptReversals_sendTheSameSqlWithoutReplaying() {
    TestDatabase db = TestDatabase.fresh();
    List<String> derived = upgradeThenDowngrade(db);
    replays.set(0);

    List<String> kept = upgradeThenDowngrade(db);

    assertThat(replays).hasValue(0);
    assertThat(kept).isEqualTo(derived);
    assertThat(kept).contains("DROP TABLE t_3", "ALTER TABLE t_2 DROP COLUMN note_3");
    assertThat(db.tables()).isEmpty();
  }

  @Test
  void downgrade_earlierRevisionEdited_derivesAgain() {
    TestDatabase db = TestDatabase.fresh();
    upgradeThenDowngrade(db);
    replays.set(0);
    fileHashes.put("w0002", "b, edited");

    upgradeThenDowngrade(db);

    assertThat(replays).hasValue(1);
  }

  @Test
  void upgrade_keptStatements_sendTheSameSqlWithoutLoadingOrRendering() {
    TestDatabase first = TestDatabase.fresh();
    List<String> rendered = run(first, m -> m.upgrade(source(), Target.parse("head")));
    loads.set(0);

    List<String> kept = run(TestDatabase.fresh(), m -> m.upgrade(source(), Target.parse("head")));

    assertThat(loads).hasValue(0);
    assertThat(kept).isEqualTo(rendered).contains("ALTER TABLE t_2 ADD COLUMN note_3 text");
  }

  @Test
  void upgrade_revisionWithPreconditions_isLoadedToCheckThemEveryTime() {
    Revision guarded = JdbcSinkTest.withPreconditions(changelog.revisions().get(2),
        dev.migrate.changelog.Preconditions.OnFail.SKIP, new dev.migrate.changelog.Precondition.TableExists(
            dev.migrate.changelog.QualifiedName.parse("t_1")));
    changelog = new Changelog(List.of(changelog.revisions().get(0), changelog.revisions().get(1), guarded), List.of());
    graph = RevisionGraph.of(changelog.revisions());
    run(TestDatabase.fresh(), m -> m.upgrade(source(), Target.parse("head")));
    loads.set(0);

    run(TestDatabase.fresh(), m -> m.upgrade(source(), Target.parse("head")));

    assertThat(loads).hasValue(1);
  }

  @Test
  void chain_editToARevision_changesItsKeyAndEveryLaterOneOnly() {
    List<Revision> order = graph.topologicalOrder();
    Map<String, String> before = RenderedCache.chain("public", order, revision -> fileHashes.get(revision.id()));
    fileHashes.put("w0002", "b, edited");

    Map<String, String> after = RenderedCache.chain("public", order, revision -> fileHashes.get(revision.id()));

    assertThat(after.get("w0001")).isEqualTo(before.get("w0001"));
    assertThat(after.get("w0002")).isNotEqualTo(before.get("w0002"));
    assertThat(after.get("w0003")).isNotEqualTo(before.get("w0003"));
    assertThat(RenderedCache.chain("public", order.subList(0, 2), revision -> fileHashes.get(revision.id())))
        .as("a revision added on top changes no earlier key").containsAllEntriesOf(Map.of("w0001",
            after.get("w0001"), "w0002", after.get("w0002")));
    assertThat(RenderedCache.chain("other_schema", order, revision -> fileHashes.get(revision.id())).get("w0001"))
        .as("the base is part of every key").isNotEqualTo(after.get("w0001"));
  }

  private static int serverMajor(TestDatabase db) {
    try (Connection connection = db.connect()) {
      return connection.getMetaData().getDatabaseMajorVersion();
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
