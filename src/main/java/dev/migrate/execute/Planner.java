package dev.migrate.execute;

import dev.migrate.MigrateException;
import dev.migrate.changelog.Change;
import dev.migrate.changelog.Revision;
import dev.migrate.graph.Direction;
import dev.migrate.graph.MigrationPath;
import dev.migrate.graph.Step;
import dev.migrate.locks.LockNotes;
import dev.migrate.locks.LockTable;
import dev.migrate.render.PostgresRenderer;
import dev.migrate.schema.Replay;
import dev.migrate.schema.Reversal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Turns a path through the revision graph into a {@link Plan}: an upgrade step renders the
 * revision's {@code upgrade}, a downgrade step renders its reversal. An irreversible revision on
 * a downgrade path fails the whole plan, so nothing runs.
 *
 * <pre>
 * Plan plan = Planner.plan(graph.upgrade(applied, Target.parse("head")), () -> replay,
 *     new PostgresRenderer(17), new Timeouts(Duration.ofSeconds(5), null));
 * </pre>
 */
public final class Planner {

  private Planner() {}

  /** @param replay asked for only by a downgrade step, whose reversal it derives */
  public static Plan plan(MigrationPath path, Supplier<Replay> replay, PostgresRenderer renderer, Timeouts defaults) {
    return plan(path, replay, renderer, defaults, null);
  }

  /**
   * A plan whose statements carry what they lock on the tables that existed before their
   * revision, for the script of {@code migrate:sql}.
   *
   * @param locks the measured table of the target major, or null for no lock notes (a live run)
   */
  public static Plan plan(MigrationPath path, Supplier<Replay> replay, PostgresRenderer renderer, Timeouts defaults,
      LockTable locks) {
    Direction direction = path.steps().isEmpty() ? Direction.UP : path.steps().get(0).direction();
    List<PlannedRevision> revisions = new ArrayList<>(path.steps().size());
    for (Step step : path.steps()) {
      Revision revision = step.revision();
      List<Change> changes = step.direction() == Direction.UP ? revision.upgrade() : reversal(replay.get(), revision);
      LockNotes notes = locks == null ? null : new LockNotes(locks, step.direction() == Direction.UP
          ? replay.get().modelBefore(revision.id()) : replay.get().modelAfter(revision.id()));
      List<PlannedStatement> statements = new ArrayList<>();
      for (Change change : changes) {
        String note = notes == null ? null : notes.note(change.operation()).orElse(null);
        for (String sql : renderer.render(change)) {
          statements.add(new PlannedStatement(sql, change.at(), note));
        }
      }
      revisions.add(new PlannedRevision(step, statements, revision.transactional(), defaults.overriddenBy(revision),
          revision.checksum(), revision.message()));
    }
    return new Plan(direction, revisions, path.headsAfter());
  }

  private static List<Change> reversal(Replay replay, Revision revision) {
    Reversal reversal = replay.downgradeOf(revision.id());
    if (reversal instanceof Reversal.Operations operations) {
      return operations.changes();
    }
    Reversal.Irreversible irreversible = (Reversal.Irreversible) reversal;
    Object at = irreversible.at() != null ? irreversible.at() : revision.at();
    throw new MigrateException("irreversible", at + ": cannot downgrade past revision " + revision.id() + " ("
        + revision.message() + "): " + irreversible.reason() + ". Nothing was run. Downgrade to a revision above "
        + revision.id() + ", or write its downgrade in the revision file.");
  }
}
