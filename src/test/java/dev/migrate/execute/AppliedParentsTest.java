package dev.migrate.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.migrate.MigrateException;
import dev.migrate.changelog.Change;
import dev.migrate.changelog.Column;
import dev.migrate.changelog.ColumnType;
import dev.migrate.changelog.Operation;
import dev.migrate.changelog.Revision;
import dev.migrate.changelog.SourceSpan;
import dev.migrate.execute.MigratorTest.Project;
import dev.migrate.graph.Target;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * An applied revision's parents are verified like its checksum (decisions.md, Running): a changed
 * down-revision or depends-on is refused by upgrade, downgrade and stamp, warned by current, and
 * accepted by repair.
 */
class AppliedParentsTest {

  private final List<Event> events = Collections.synchronizedList(new ArrayList<>());

  private <T> T with(TestDatabase db, Function<Migrator, T> work) {
    try (Connection connection = db.connect()) {
      return work.apply(new Migrator(connection, RunSettings.defaults("0.1.0"), events::add));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private Plan upgrade(TestDatabase db, Project project, String target) {
    return with(db, m -> m.upgrade(RunSource.of(project.graph(), project::replay), Target.parse(target)));
  }

  private List<String> warnings() {
    return events.stream().filter(Event.Warning.class::isInstance).map(Event::line).toList();
  }

  /** W(3) with w0003 moved from w0002 onto w0001, as an edit of its down-revision would. */
  private static Project movedThird() {
    List<Revision> revisions = new ArrayList<>(TestChangelogs.w(3).revisions());
    Revision third = revisions.get(2);
    revisions.set(2, new Revision(third.id(), List.of("w0001"), List.of(), List.of(), third.message(), true, null,
        third.upgrade(), null, null, null, third.at()));
    return Project.of(revisions);
  }

  @Test
  void upgrade_downRevisionOfAppliedRevisionEdited_isRefusedNamingOldAndNewParents() {
    TestDatabase db = TestDatabase.fresh();
    upgrade(db, Project.of(TestChangelogs.w(3)), "head");
    Project moved = movedThird();

    MigrateException failure = catchThrowableOfType(MigrateException.class, () -> upgrade(db, moved, "heads"));

    assertThat(failure.code()).isEqualTo("parents-changed");
    assertThat(failure.getMessage())
        .startsWith("src/main/migrations/w0003_create_t_3.yaml:1:1: revision w0003 (create t_3) was changed after it"
            + " was applied (recorded as up at ")
        .contains("; parents then 'down-revision: w0002', now 'down-revision: w0001')")
        .contains("Restore its down-revision and depends-on as they were")
        .contains("accept it with mvn migrate:repair").endsWith("Nothing was run.")
        .doesNotContain("checksum then");
    assertThat(db.rows("SELECT version_num FROM migrate_version")).containsExactly("w0003");
    assertThat(db.rows("SELECT count(*) FROM migrate_history")).containsExactly("3");

    MigrateException down = catchThrowableOfType(MigrateException.class,
        () -> with(db, m -> m.downgrade(RunSource.of(moved.graph(), moved::replay), Target.parse("base"))));
    assertThat(down.code()).isEqualTo("parents-changed");
    assertThat(db.tables()).containsExactly("t_1", "t_2", "t_3");
  }

  @Test
  void upgrade_dependsOnOfAppliedRevisionEdited_isRefused() {
    TestDatabase db = TestDatabase.fresh();
    upgrade(db, Project.of(TestChangelogs.w(3)), "head");
    List<Revision> revisions = new ArrayList<>(TestChangelogs.w(3).revisions());
    Revision third = revisions.get(2);
    revisions.set(2, new Revision(third.id(), third.downRevisions(), List.of(), List.of("w0001"), third.message(),
        true, null, third.upgrade(), null, null, null, third.at()));

    MigrateException failure = catchThrowableOfType(MigrateException.class,
        () -> upgrade(db, Project.of(revisions), "head"));

    assertThat(failure.code()).isEqualTo("parents-changed");
    assertThat(failure.getMessage())
        .contains("parents then 'down-revision: w0002', now 'down-revision: w0002; depends-on: w0001'");
  }

  @Test
  void repair_movedAppliedRevision_acceptsItsNewParents() {
    TestDatabase db = TestDatabase.fresh();
    upgrade(db, Project.of(TestChangelogs.w(3)), "head");
    Project moved = movedThird();

    List<Repair> repairs = with(db, m -> m.repair(moved.graph()));

    assertThat(repairs).extracting(Repair::revision, Repair::kind)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("w0003", Repair.Kind.PARENTS));
    assertThat(db.rows("SELECT direction, parents, message FROM migrate_history WHERE direction = 'repair'"))
        .containsExactly("repair|down-revision: w0001|accepted the parents 'down-revision: w0001' (were"
            + " 'down-revision: w0002')");
    // w0002 was applied but is no longer below the version table's head w0003: the warning says how to record it
    assertThat(warnings()).containsExactly("revision w0002 (create t_2) is recorded as applied, but with the new"
        + " parents no head of the version table is above it, so the next upgrade would run it again; if it is in the"
        + " database, record it: mvn migrate:stamp -Dmigrate.target=w0002");
    with(db, m -> m.stamp(moved.graph(), Target.parse("w0002"), false));
    assertThat(upgrade(db, moved, "heads").isEmpty()).isTrue();
    assertThat(db.rows("SELECT version_num FROM migrate_version")).containsExactlyInAnyOrder("w0002", "w0003");
    events.clear();
    with(db, m -> m.current(moved.graph()));
    assertThat(warnings()).isEmpty();
  }

  @Test
  void stamp_appliedRevisionEdited_isRefusedAndLeavesTheVersionTable() {
    TestDatabase db = TestDatabase.fresh();
    upgrade(db, Project.of(TestChangelogs.w(3)), "w0002");
    Project moved = movedThird();
    List<Revision> revisions = new ArrayList<>(moved.changelog().revisions());
    Revision first = revisions.get(0);
    List<Change> changes = new ArrayList<>(first.upgrade());
    changes.add(Change.of(new Operation.AddColumn(TestChangelogs.table("t_1"),
        List.of(Column.of("sneaky", ColumnType.parse("int"))), false), SourceSpan.of(first.at().file(), 30, 5)));
    revisions.set(0, new Revision(first.id(), first.downRevisions(), List.of(), List.of(), first.message(), true,
        null, changes, null, null, null, first.at()));
    Project edited = Project.of(revisions);

    MigrateException failure = catchThrowableOfType(MigrateException.class,
        () -> with(db, m -> m.stamp(edited.graph(), Target.parse("w0003"), false)));

    assertThat(failure.code()).isEqualTo("checksum-mismatch");
    assertThat(failure.getMessage()).contains("revision w0001 (create t_1) was changed after it was applied")
        .contains("mvn migrate:repair").endsWith("The version table was not changed.");
    assertThat(db.rows("SELECT version_num FROM migrate_version")).containsExactly("w0002");
  }

  @Test
  void current_appliedRevisionEdited_warnsNamingTheChange() {
    TestDatabase db = TestDatabase.fresh();
    upgrade(db, Project.of(TestChangelogs.w(3)), "head");
    events.clear();

    List<AppliedHead> current = with(db, m -> m.current(movedThird().graph()));

    assertThat(current).extracting(AppliedHead::revision).containsExactly("w0003");
    assertThat(warnings()).singleElement().asString()
        .startsWith("src/main/migrations/w0003_create_t_3.yaml:1:1: revision w0003 (create t_3) was changed after it"
            + " was applied")
        .contains("parents then 'down-revision: w0002', now 'down-revision: w0001'")
        .endsWith("upgrade, downgrade and stamp refuse to run until the file is restored or the change is accepted"
            + " with mvn migrate:repair");
  }

  @Test
  void upgrade_historyFromAnEarlierBuildWithoutParents_addsTheColumnAndFlagsNoOldRow() {
    TestDatabase db = TestDatabase.fresh();
    upgrade(db, Project.of(TestChangelogs.w(2)), "head");
    db.execute("ALTER TABLE migrate_history DROP COLUMN parents");
    events.clear();

    with(db, m -> m.current(movedThird().graph()));
    upgrade(db, Project.of(TestChangelogs.w(3)), "head");

    assertThat(warnings()).isEmpty();
    assertThat(db.rows("SELECT revision, parents FROM migrate_history ORDER BY id"))
        .containsExactly("w0001|null", "w0002|null", "w0003|down-revision: w0002");
  }
}
