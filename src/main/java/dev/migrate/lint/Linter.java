package dev.migrate.lint;

import dev.migrate.changelog.Change;
import dev.migrate.changelog.Revision;
import dev.migrate.graph.RevisionGraph;
import dev.migrate.locks.LockTable;
import dev.migrate.schema.Replay;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Runs every rule whose severity is not {@code off} over every revision, in the graph's
 * topological order, each revision seen from the model the replay had before it.
 *
 * <pre>
 * LintReport report = new Linter(settings).lint(graph, replay);
 * report.failed();   // an unacknowledged error
 * </pre>
 */
public final class Linter {

  private static final Comparator<Finding> IN_FILE_ORDER =
      Comparator.comparingInt((Finding f) -> f.at().line()).thenComparingInt(f -> f.at().column());

  private final LintSettings settings;
  private final List<Rule> rules;

  public Linter(LintSettings settings) {
    this(settings, Rules.all());
  }

  Linter(LintSettings settings, List<Rule> rules) {
    this.settings = settings;
    this.rules = rules.stream().filter(r -> settings.severityOf(r) != Severity.OFF).toList();
  }

  public LintReport lint(RevisionGraph graph, Replay replay) {
    LockTable locks = LockTable.load(settings.postgresMajor());
    List<Finding> findings = new ArrayList<>();
    List<Revision> order = graph.topologicalOrder();
    for (Revision revision : order) {
      RevisionScope scope = new RevisionScope(revision, replay.modelBefore(revision.id()), locks, settings);
      List<Finding> found = new ArrayList<>();
      for (Rule rule : rules) {
        for (Draft draft : rule.check(scope)) {
          found.add(new Finding(rule.id(), settings.severityOf(rule), draft.at(), revision.id(), draft.risk(),
              draft.safeWay(), acknowledgement(rule, draft, revision)));
        }
      }
      found.sort(IN_FILE_ORDER); // stable: one operation's findings keep the rules' order
      findings.addAll(found);
    }
    return new LintReport(rules, findings, order.size());
  }

  /** The reason of the operation acknowledging this rule (for a revision-wide finding, of any of its operations). */
  private static String acknowledgement(Rule rule, Draft draft, Revision revision) {
    List<Change> candidates = draft.change() != null ? List.of(draft.change()) : revision.upgrade();
    for (Change change : candidates) {
      if (change.acknowledge().contains(rule.id())) {
        return change.reason() != null ? change.reason() : "";
      }
    }
    return null;
  }
}
