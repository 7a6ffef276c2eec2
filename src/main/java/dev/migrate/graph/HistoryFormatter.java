package dev.migrate.graph;

import dev.migrate.changelog.Change;
import dev.migrate.changelog.Revision;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The text of {@code migrate:history}, {@code heads}, {@code branches}, {@code show} and
 * {@code current}, in Alembic's words so a team that knows {@code alembic history} reads it at
 * once. One line per revision, newest first:
 *
 * <pre>
 * 8b1c0d2e4f6a -&gt; 3f2a9c1e7b4d (billing) (head) (current), add csat surveys
 * 1975ea83b712, 27c6a30d7c24 -&gt; 8b1c0d2e4f6a (mergepoint), merge heads
 * 1975ea83b712 (5e6f7a8b9c0d) -&gt; 27c6a30d7c24, add invoices         (depends-on in parentheses)
 * &lt;base&gt; -&gt; 1975ea83b712 (branchpoint), create account table
 * </pre>
 *
 * Labels are those in effect (declared here or on an ancestor); {@code (current)} marks the
 * rows of the version table given to the constructor; a head that another revision depends on
 * is an {@code (effective head)}. Lines end with {@code \n}; the output is a function of the
 * graph and the current heads only.
 */
public final class HistoryFormatter {

  private final RevisionGraph graph;
  private final Set<String> current;

  /**
   * @param current the version table's rows, for {@code (current)}; empty when not asked for
   *     (no {@code -Dmigrate.indicateCurrent}) or nothing is applied
   */
  public HistoryFormatter(RevisionGraph graph, Collection<String> current) {
    this.graph = graph;
    graph.applied(current); // fails early, naming a row the changelog does not have
    this.current = Set.copyOf(current);
  }

  /** {@code migrate:history}: one line per revision newest first, or with {@code verbose} one entry each. */
  public String history(boolean verbose) {
    List<Revision> order = graph.topologicalOrder();
    StringBuilder out = new StringBuilder(order.size() * 80);
    for (int i = order.size() - 1; i >= 0; i--) {
      Revision r = order.get(i);
      if (verbose) {
        entry(out, r, false);
        out.append('\n');
      } else {
        line(out, r, true, true, true);
      }
    }
    return out.toString();
  }

  /** {@code migrate:heads}: {@code id (labels) (head), message} per head, or verbose entries. */
  public String heads(boolean verbose) {
    StringBuilder out = new StringBuilder();
    for (String id : graph.heads()) {
      if (verbose) {
        entry(out, graph.revision(id), false);
        out.append('\n');
      } else {
        line(out, graph.revision(id), false, true, true);
      }
    }
    return out.toString();
  }

  /**
   * {@code migrate:branches}: each branch point, newest first, with the revisions it branches
   * into below it, as Alembic prints them; {@code verbose} prints the branch point's entry.
   */
  public String branches(boolean verbose) {
    List<Revision> order = graph.topologicalOrder();
    StringBuilder out = new StringBuilder();
    for (int i = order.size() - 1; i >= 0; i--) {
      Revision r = order.get(i);
      if (!graph.isBranchPoint(r.id())) {
        continue;
      }
      if (verbose) {
        entry(out, r, false);
      } else {
        line(out, r, false, true, true);
      }
      String indent = " ".repeat(r.id().length());
      for (String child : graph.children(r.id())) {
        out.append(indent).append(" -> ");
        line(out, graph.revision(child), false, true, true);
      }
    }
    return out.toString();
  }

  /**
   * {@code migrate:show}: one revision (an id, a unique prefix, {@code head} or
   * {@code <label>@head}) with its parents, children, labels, file, message and operations.
   */
  public String show(String revision) {
    StringBuilder out = new StringBuilder();
    entry(out, graph.revision(graph.resolve(revision)), true);
    return out.toString();
  }

  /** {@code migrate:current}: the version table's rows, {@code id (labels) (head)}, or verbose entries. */
  public String current(boolean verbose) {
    StringBuilder out = new StringBuilder();
    for (String id : new TreeSet<>(current)) {
      Revision r = graph.revision(id);
      if (verbose) {
        entry(out, r, false);
        out.append('\n');
      } else {
        out.append(id);
        labels(out, id);
        marks(out, graph, Set.of(), id, false); // every line here is current: no need to say so
        out.append('\n');
      }
    }
    return out.toString();
  }

  /** {@code parents -> id (labels) (head) (current) (branchpoint) (mergepoint), message}, as Alembic's history. */
  private void line(StringBuilder out, Revision r, boolean withParents, boolean withMarks, boolean withMessage) {
    if (withParents) {
      out.append(parents(r));
      if (!r.dependsOn().isEmpty()) {
        out.append(" (").append(String.join(", ", r.dependsOn())).append(')');
      }
      out.append(" -> ");
    }
    out.append(r.id());
    labels(out, r.id());
    if (withMarks) {
      marks(out, r.id(), true);
    }
    if (withMessage) {
      out.append(", ").append(r.message());
    }
    out.append('\n');
  }

  /** Alembic's verbose entry ({@code Rev:}, {@code Parent:}, ..., {@code Path:}, then the message), plus operations. */
  private void entry(StringBuilder out, Revision r, boolean full) {
    String id = r.id();
    out.append("Rev: ").append(id);
    marks(out, id, true);
    out.append('\n');
    out.append(graph.isMergePoint(id) ? "Merges: " : "Parent: ").append(parents(r)).append('\n');
    if (!r.dependsOn().isEmpty()) {
      out.append("Also depends on: ").append(String.join(", ", r.dependsOn())).append('\n');
    }
    List<String> children = graph.children(id);
    if (full) {
      out.append("Children: ").append(children.isEmpty() ? "none" : String.join(", ", children)).append('\n');
    } else if (graph.isBranchPoint(id)) {
      out.append("Branches into: ").append(String.join(", ", children)).append('\n');
    }
    List<String> labels = graph.branchLabelsOf(id);
    if (!labels.isEmpty()) {
      out.append("Branch names: ").append(String.join(", ", labels)).append('\n');
    }
    out.append("Path: ").append(file(r)).append('\n');
    if (!full) {
      out.append("Operations: ").append(operationKeys(r)).append('\n');
    }
    out.append('\n').append("    ").append(r.message()).append('\n');
    if (full) {
      out.append('\n').append("Operations:").append(r.upgrade().isEmpty() ? " none" : "").append('\n');
      for (Change change : r.upgrade()) {
        out.append("    ").append(change.operation().kind().key());
        if (change.at() != null) {
          out.append(" (line ").append(change.at().line()).append(')');
        }
        out.append('\n');
      }
    }
  }

  private void labels(StringBuilder out, String id) {
    labels(out, graph, id);
  }

  private void marks(StringBuilder out, String id, boolean tree) {
    marks(out, graph, current, id, tree);
  }

  /** {@code  (billing, core)}: the labels in effect at a revision. */
  static void labels(StringBuilder out, RevisionGraph graph, String id) {
    List<String> labels = graph.branchLabelsOf(id);
    if (!labels.isEmpty()) {
      out.append(" (").append(String.join(", ", labels)).append(')');
    }
  }

  /** {@code  (head) (current) (branchpoint) (mergepoint)}, Alembic's marks; the last two only with {@code tree}. */
  static void marks(StringBuilder out, RevisionGraph graph, Set<String> current, String id, boolean tree) {
    if (graph.isHead(id)) {
      out.append(" (head)");
    } else if (graph.isEffectiveHead(id)) {
      out.append(" (effective head)");
    }
    if (current.contains(id)) {
      out.append(" (current)");
    }
    if (tree && graph.isBranchPoint(id)) {
      out.append(" (branchpoint)");
    }
    if (tree && graph.isMergePoint(id)) {
      out.append(" (mergepoint)");
    }
  }

  static String parents(Revision r) {
    return r.downRevisions().isEmpty() ? "<base>" : String.join(", ", r.downRevisions());
  }

  static String operationKeys(Revision r) {
    return r.upgrade().isEmpty() ? "none"
        : r.upgrade().stream().map(c -> c.operation().kind().key()).collect(Collectors.joining(", "));
  }

  static String file(Revision r) {
    return r.at() == null ? "" : r.at().file().toString().replace('\\', '/');
  }
}
