package dev.migrate.introspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.changelog.Changelog;
import dev.migrate.config.EmbeddedDatabase;
import dev.migrate.execute.Migrator;
import dev.migrate.execute.RunSettings;
import dev.migrate.execute.VersionTables;
import dev.migrate.graph.RevisionGraph;
import dev.migrate.load.ChangelogLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** migrate:verify's round trip on a real PostgreSQL. */
class VerifyRoundTripTest {

  private static final Path SAMPLE = Path.of("src-samples/chat-support/src/main/migrations");
  private static final Path LEAVES_COLUMN = Path.of("src/test/resources/verify/leaves-column");
  private static final Path FUNCTIONS = Path.of("src/test/resources/verify/functions-and-triggers");
  private static final Path LEAVES_TRIGGER = Path.of("src/test/resources/verify/leaves-trigger");
  private static final Path IRREVERSIBLE = Path.of("src/test/resources/verify/irreversible");
  private static final Path RENAME_THEN_DROP_VIEW = Path.of("src/test/resources/verify/rename-then-drop-view");

  private static LiveDatabase live;

  @BeforeAll
  static void start() {
    live = new LiveDatabase();
  }

  @AfterAll
  static void stop() {
    live.close();
  }

  private static RoundTripReport verify(Changelog changelog) throws Exception {
    try (Connection connection = live.newDatabase()) {
      EmbeddedDatabase.createMissingEnums(connection, changelog.existingTypes());
      RevisionGraph graph = RevisionGraph.of(changelog.revisions());
      Migrator migrator = new Migrator(connection, RunSettings.defaults("test"), e -> { });
      long started = System.nanoTime();
      RoundTripReport report = new RoundTrip(connection, VersionTables.defaults(), "public").run(changelog, graph, migrator);
      System.out.println("verify took " + (System.nanoTime() - started) / 1_000_000 + " ms");
      return report;
    }
  }

  private static Changelog load(Path directory) {
    return new ChangelogLoader(Map.of("support_email", "support@example.com"), null).load(directory);
  }

  /** The chat-support sample (a branch, its merge, declared existing types): every revision round-trips. */
  @Test
  void run_sample_passesEveryRevisionAndTheFinalCycle() throws Exception {
    RoundTripReport report = verify(load(SAMPLE));

    assertThat(report.failures()).isEmpty();
    assertThat(report.steps()).extracting(RoundTripReport.Step::subject)
        .contains("6cf7e239a515", "a8b9c0d1e216", "downgrade to base", "upgrade to heads");
  }

  /** issue 9's "done when": a downgrade that forgets a column fails, naming the revision and the column. */
  @Test
  void run_downgradeLeavesAColumnBehind_failsNamingTheRevisionAndTheColumn() throws Exception {
    RoundTripReport report = verify(load(LEAVES_COLUMN));

    assertThat(report.failed()).isTrue();
    RoundTripReport.Step failed = report.failures().get(0);
    assertThat(failed.subject()).isEqualTo("b2");
    assertThat(failed.differences()).extracting(Difference::description)
        .anyMatch(d -> d.contains("nickname") && d.contains("users"));
    assertThat(failed.toString()).contains("b2: failed: after its downgrade").contains("nickname");
  }

  /**
   * A revision renames the table and column a view reads, then drops the view: its derived
   * downgrade recreates the view from the query as written, so it must rename them back first.
   */
  @Test
  void run_renameThenDropViewInOneRevision_derivedDowngradeRestoresTheNamesBeforeTheView() throws Exception {
    RoundTripReport report = verify(load(RENAME_THEN_DROP_VIEW));

    assertThat(report.failures()).isEmpty();
    assertThat(report.steps()).extracting(RoundTripReport.Step::subject).contains("v2", "downgrade to base");
  }

  /** An irreversible revision is upgraded and compared, not round-tripped; the final downgrade stops above it. */
  @Test
  void run_irreversibleRevision_skipsItsRoundTripAndStopsTheFinalDowngradeAboveIt() throws Exception {
    RoundTripReport report = verify(load(IRREVERSIBLE));

    assertThat(report.failures()).isEmpty();
    assertThat(report.steps()).extracting(RoundTripReport.Step::toString).containsExactly(
        "a1: upgrade, downgrade, upgrade: ok",
        "b2: irreversible: round trip not tested",
        "c3: upgrade, downgrade, upgrade: ok",
        "downgrade to b2: ok",
        "upgrade to heads: ok");
  }

  /** Functions, a procedure and triggers made, replaced and dropped: each derived downgrade restores them. */
  @Test
  void run_functionsAndTriggers_passEveryRevisionAndTheFinalCycle() throws Exception {
    RoundTripReport report = verify(load(FUNCTIONS));

    assertThat(report.failures()).isEmpty();
    assertThat(report.steps()).extracting(RoundTripReport.Step::toString).containsExactly(
        "a1: upgrade, downgrade, upgrade: ok",
        "b2: upgrade, downgrade, upgrade: ok",
        "c3: upgrade, downgrade, upgrade: ok",
        "downgrade to base: ok",
        "upgrade to heads: ok");
  }

  @Test
  void run_downgradeForgetsATrigger_failsNamingTheRevisionAndTheTrigger() throws Exception {
    RoundTripReport report = verify(load(LEAVES_TRIGGER));

    assertThat(report.failed()).isTrue();
    RoundTripReport.Step failed = report.failures().get(0);
    assertThat(failed.subject()).isEqualTo("b2");
    assertThat(failed.differences()).extracting(Difference::description)
        .containsExactly("missing trigger items_updated_at on items (before update for each row execute function"
            + " set_updated_at())");
  }
}
