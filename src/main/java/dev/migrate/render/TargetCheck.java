package dev.migrate.render;

import dev.migrate.MigrateException;
import dev.migrate.changelog.Change;
import dev.migrate.changelog.Changelog;
import dev.migrate.changelog.Revision;
import dev.migrate.changelog.SourceSpan;
import dev.migrate.load.Diagnostic;
import dev.migrate.schema.Replay;
import dev.migrate.schema.Reversal;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders every operation of a changelog, upgrades and downgrades, for one target PostgreSQL
 * major, so that whatever the renderer would refuse in an upgrade ({@code nulls-not-distinct}
 * before 15, an unknown storage parameter, ...) is reported by {@code validate}, at the
 * operation's place, before any database is touched. The same renderer does the check that
 * the run would do, so the two cannot disagree.
 *
 * <pre>
 * List&lt;Diagnostic&gt; refused = TargetCheck.refusals(changelog, replay, new PostgresRenderer(14));
 * </pre>
 */
public final class TargetCheck {

  private TargetCheck() {}

  /** One error per operation the renderer refuses, in changelog order. */
  public static List<Diagnostic> refusals(Changelog changelog, Replay replay, PostgresRenderer renderer) {
    List<Diagnostic> out = new ArrayList<>();
    for (Revision revision : changelog.revisions()) {
      check(revision.upgrade(), revision, renderer, out);
      if (replay.downgradeOf(revision.id()) instanceof Reversal.Operations downgrade) {
        check(downgrade.changes(), revision, renderer, out);
      }
    }
    return out;
  }

  private static void check(List<Change> changes, Revision revision, PostgresRenderer renderer,
      List<Diagnostic> out) {
    for (Change change : changes) {
      SourceSpan at = change.at() != null ? change.at() : revision.at();
      try {
        renderer.render(change.operation());
      } catch (MigrateException e) {
        out.add(Diagnostic.error(at, e.code(), e.getMessage()));
      } catch (IllegalArgumentException e) {
        out.add(Diagnostic.error(at, "unrenderable", e.getMessage()));
      }
    }
  }
}
