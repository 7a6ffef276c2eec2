package dev.migrate.lint;

import dev.migrate.changelog.Change;
import dev.migrate.changelog.Operation;
import dev.migrate.changelog.QualifiedName;
import dev.migrate.changelog.Revision;
import dev.migrate.changelog.SourceSpan;
import dev.migrate.locks.LockTable;
import dev.migrate.schema.Replay;
import dev.migrate.schema.SchemaModel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a {@link Rule} sees of one revision: its operations in order, each with the model just
 * before and just after it, the tables the revision created itself (they hold no rows anyone
 * waits on, so lock rules leave them alone), the target major's measured lock table and the
 * build's settings.
 */
public final class RevisionScope {

  /**
   * One operation of the revision.
   *
   * @param index its position in the upgrade, from 0
   * @param before the model just before it (earlier operations of the revision applied)
   * @param after the model just after it
   * @param created tables created earlier in this revision, qualified, under their current names
   */
  public record Step(int index, Change change, SchemaModel before, SchemaModel after, Set<QualifiedName> created) {

    public Operation operation() {
      return change.operation();
    }

    public SourceSpan at() {
      return change.at();
    }

    /**
     * Whether a table existed before this revision and still does just before this step:
     * present in the model, and not created by an earlier operation of the same revision.
     */
    public boolean existing(QualifiedName table) {
      QualifiedName qualified = before.qualify(table);
      return before.table(qualified).isPresent() && !created.contains(qualified);
    }
  }

  private final Revision revision;
  private final SchemaModel start;
  private final List<Step> steps;
  private final LockTable locks;
  private final LintSettings settings;

  public RevisionScope(Revision revision, SchemaModel start, LockTable locks, LintSettings settings) {
    this.revision = revision;
    this.start = start;
    this.locks = locks;
    this.settings = settings;
    List<Step> walked = new ArrayList<>();
    Set<QualifiedName> created = new HashSet<>();
    SchemaModel model = start;
    for (Change change : revision.upgrade()) {
      SchemaModel next = Replay.apply(model, change, revision.transactional());
      walked.add(new Step(walked.size(), change, model, next, Set.copyOf(created)));
      track(change.operation(), model, created);
      model = next;
    }
    this.steps = List.copyOf(walked);
  }

  /** Follows the tables this revision made through renames and drops. */
  private static void track(Operation operation, SchemaModel before, Set<QualifiedName> created) {
    if (operation instanceof Operation.CreateTable op) {
      created.add(before.qualify(op.name()));
    } else if (operation instanceof Operation.RenameTable op && created.remove(before.qualify(op.from()))) {
      created.add(before.qualify(op.from()).withName(op.to()));
    } else if (operation instanceof Operation.DropTable op) {
      created.remove(before.qualify(op.name()));
    }
  }

  public Revision revision() {
    return revision;
  }

  /** The model before the revision's first operation. */
  public SchemaModel start() {
    return start;
  }

  public List<Step> steps() {
    return steps;
  }

  /** The measured lock table of the target major. */
  public LockTable locks() {
    return locks;
  }

  public LintSettings settings() {
    return settings;
  }

  /** Where the revision itself was written, for a finding about the whole revision. */
  public SourceSpan at() {
    return revision.at();
  }
}
