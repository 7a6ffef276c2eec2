package dev.migrate.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.migrate.MigrateException;
import dev.migrate.changelog.Changelog;
import dev.migrate.changelog.Revision;
import dev.migrate.graph.RevisionGraph;
import dev.migrate.graph.Target;
import dev.migrate.schema.Replay;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A no-op upgrade skips the check of the applied revisions only when nothing it reads has changed. */
class PassedEditChecksTest {

  @TempDir
  Path migrateDirectory;

  private final TestDatabase db = TestDatabase.fresh();

  /** What a mojo's workspace is to a run: the graph, and the verdicts kept under target/migrate for a fingerprint. */
  private record Kept(Changelog changelog, RevisionGraph graph, PassedEditChecks passedEditChecks) implements RunSource {

    @Override
    public RevisionGraph fullGraph() {
      return graph;
    }

    @Override
    public Replay replay() {
      return Replay.of(changelog, graph);
    }
  }

  private RunSource source(Changelog changelog, String fingerprint) {
    return new Kept(changelog, RevisionGraph.of(changelog.revisions()), new PassedEditChecks(migrateDirectory, fingerprint));
  }

  private Plan upgrade(RunSource source) {
    try (Connection connection = db.connect()) {
      return new Migrator(connection, RunSettings.defaults("0.1.0"), event -> { }).upgrade(source, Target.parse("head"));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** W(2) with the first revision's checksum changed, as an edit of its file would change it. */
  private static Changelog firstEdited() {
    List<Revision> revisions = new ArrayList<>(TestChangelogs.w(2).revisions());
    revisions.set(0, revisions.get(0).withChecksum("edited"));
    return new Changelog(revisions, List.of());
  }

  @Test
  void upgrade_nothingToDo_keepsTheVerdictAndPassesAgain() throws Exception {
    upgrade(source(TestChangelogs.w(2), "f1"));

    assertThat(upgrade(source(TestChangelogs.w(2), "f1")).size()).isZero();
    assertThat(upgrade(source(TestChangelogs.w(2), "f1")).size()).isZero();
    try (var files = Files.list(migrateDirectory)) {
      assertThat(files.map(f -> f.getFileName().toString())).singleElement().asString().startsWith("edits-checked-");
    }
  }

  @Test
  void upgrade_sameChangelogAndHistoryAsAPassedCheck_isNotCheckedAgain() {
    upgrade(source(TestChangelogs.w(2), "f1"));
    upgrade(source(TestChangelogs.w(2), "f1")); // passes, and is remembered

    // a graph that differs under the same fingerprint: only a run that trusts the verdict passes it
    assertThat(upgrade(source(firstEdited(), "f1")).size()).isZero();
  }

  @Test
  void upgrade_thatAppliedRevisions_leavesTheCheckPassedForTheNextNoOp() {
    upgrade(source(TestChangelogs.w(2), "f1")); // applies both, then checks the state it left

    // the next run under the same fingerprint trusts that verdict: a graph that differs passes unchecked
    assertThat(upgrade(source(firstEdited(), "f1")).size()).isZero();
  }

  @Test
  void upgrade_changelogChangedSinceAPassedCheck_isCheckedAndRefused() {
    upgrade(source(TestChangelogs.w(2), "f1"));
    upgrade(source(TestChangelogs.w(2), "f1"));

    MigrateException failure = catchThrowableOfType(MigrateException.class,
        () -> upgrade(source(firstEdited(), "f2")));

    assertThat(failure.code()).isEqualTo("checksum-mismatch");
  }

  @Test
  void upgrade_historyChangedOnTheServerSinceAPassedCheck_isCheckedAndRefused() {
    upgrade(source(TestChangelogs.w(2), "f1"));
    upgrade(source(TestChangelogs.w(2), "f1"));
    db.execute("UPDATE migrate_history SET checksum = 'recorded by hand' WHERE revision = 'w0001'");

    MigrateException failure = catchThrowableOfType(MigrateException.class,
        () -> upgrade(source(TestChangelogs.w(2), "f1")));

    assertThat(failure.code()).isEqualTo("checksum-mismatch");
    assertThat(failure.getMessage()).contains("checksum then recorded by hand");
  }

  @Test
  void upgrade_parentsRecordedDifferentlySinceAPassedCheck_isCheckedAndRefused() {
    upgrade(source(TestChangelogs.w(2), "f1"));
    upgrade(source(TestChangelogs.w(2), "f1"));
    db.execute("UPDATE migrate_history SET parents = 'down-revision: elsewhere' WHERE revision = 'w0002'");

    MigrateException failure = catchThrowableOfType(MigrateException.class,
        () -> upgrade(source(TestChangelogs.w(2), "f1")));

    assertThat(failure.code()).isEqualTo("parents-changed");
  }
}
