package dev.migrate.lint;

import dev.migrate.changelog.Change;
import dev.migrate.changelog.Changelog;
import dev.migrate.changelog.Downgrade;
import dev.migrate.changelog.Revision;
import dev.migrate.changelog.SourceSpan;
import dev.migrate.graph.RevisionGraph;
import dev.migrate.graph.Suggestions;
import dev.migrate.load.ChangelogException;
import dev.migrate.load.Diagnostic;
import dev.migrate.locks.LockTable;
import dev.migrate.schema.Replay;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs every rule whose severity is not {@code off} over every revision, in the graph's
 * topological order, each revision seen from the model the replay had before it.
 *
 * <pre>
 * LintReport report = new Linter(settings).lint(changelog, graph, Replay.of(changelog, graph));
 * report.failed();   // an unacknowledged error
 * </pre>
 */
public final class Linter {

  private static final Comparator<Finding> IN_FILE_ORDER =
      Comparator.comparingInt((Finding f) -> f.at().line()).thenComparingInt(f -> f.at().column());

  private final LintSettings settings;
  private final List<Rule> known;
  private final List<Rule> rules;

  public Linter(LintSettings settings) {
    this(settings, Rules.all());
  }

  Linter(LintSettings settings, List<Rule> rules) {
    this.settings = settings;
    this.known = List.copyOf(rules);
    this.rules = rules.stream().filter(r -> settings.severityOf(r) != Severity.OFF).toList();
  }

  /**
   * Lints a changelog whose replay may have found problems, as {@code migrate:lint} does. A
   * replay error whose code is a rule's id ({@code concurrently-in-transaction}) is that rule's
   * finding (the rule usually finds it itself; one it did not see, such as one in a written
   * downgrade, is added with the replay's message); any other replay error, and an
   * {@code acknowledge} naming no rule, fail as {@code validate} fails.
   *
   * @throws ChangelogException every such problem, together
   */
  public LintReport lint(Changelog changelog, RevisionGraph graph, Replay replay) {
    List<String> ids = known.stream().map(Rule::id).toList();
    List<Diagnostic> errors = new ArrayList<>(unknownAcknowledgements(changelog, ids));
    List<Diagnostic> ruleErrors = new ArrayList<>();
    for (Diagnostic d : replay.diagnostics()) {
      if (d.severity() == Diagnostic.Severity.ERROR) {
        (ids.contains(d.code()) ? ruleErrors : errors).add(d);
      }
    }
    if (!errors.isEmpty()) {
      throw new ChangelogException(errors);
    }
    LintReport report = lint(graph, replay);
    List<Finding> added = new ArrayList<>();
    for (Diagnostic d : ruleErrors) {
      Rule rule = rules.stream().filter(r -> r.id().equals(d.code())).findFirst().orElse(null);
      boolean seen = report.findings().stream().anyMatch(f -> f.rule().equals(d.code()) && f.at().equals(d.at()));
      Revision revision = revisionAt(changelog, d.at());
      if (rule != null && !seen && revision != null) {
        Draft draft = new Draft(d.at(), changeAt(revision, d.at()), d.message(), rule.help());
        added.add(new Finding(rule.id(), settings.severityOf(rule), d.at(), revision.id(), d.message(), rule.help(),
            acknowledgement(rule, draft, revision)));
      }
    }
    if (added.isEmpty()) {
      return report;
    }
    Map<String, Integer> position = new HashMap<>();
    List<Revision> order = graph.topologicalOrder();
    for (int i = 0; i < order.size(); i++) {
      position.put(order.get(i).id(), i);
    }
    List<Finding> all = new ArrayList<>(report.findings());
    all.addAll(added);
    all.sort(Comparator.comparingInt((Finding f) -> position.getOrDefault(f.revision(), 0))
        .thenComparing(IN_FILE_ORDER));
    return new LintReport(report.rules(), all, report.revisions());
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

  /** An {@code acknowledge} naming no rule is an error where its operation is written. */
  static List<Diagnostic> unknownAcknowledgements(Changelog changelog, List<String> ids) {
    List<Diagnostic> found = new ArrayList<>();
    for (Revision revision : changelog.revisions()) {
      for (Change change : changes(revision)) {
        for (String id : change.acknowledge()) {
          if (!ids.contains(id)) {
            SourceSpan at = change.at() != null ? change.at() : revision.at();
            found.add(Diagnostic.error(at, "unknown-lint-rule", "acknowledge names '" + id + "', which is not a lint"
                + " rule" + Suggestions.didYouMean(Suggestions.nearest(id, ids, 1)) + " The rules are: "
                + String.join(", ", ids)));
          }
        }
      }
    }
    return found;
  }

  /** The operations of a revision: its upgrade, and its downgrade when written. */
  private static List<Change> changes(Revision revision) {
    List<Change> changes = new ArrayList<>(revision.upgrade());
    if (revision.downgrade() instanceof Downgrade.Written written) {
      changes.addAll(written.changes());
    }
    return changes;
  }

  private static Revision revisionAt(Changelog changelog, SourceSpan at) {
    return changelog.revisions().stream().filter(r -> r.at() != null && r.at().file().equals(at.file()))
        .findFirst().orElse(null);
  }

  private static Change changeAt(Revision revision, SourceSpan at) {
    return changes(revision).stream().filter(c -> at.equals(c.at())).findFirst().orElse(null);
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
