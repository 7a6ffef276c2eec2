package dev.migrate.graph;

import dev.migrate.changelog.Revision;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The revision graph drawn for documentation ({@code migrate:history -Dmigrate.format=mermaid}
 * or {@code dot}): one node per revision, oldest at the top, labelled with its id, labels,
 * marks and message; an arrow from each down-revision to its child, a dashed one from each
 * depends-on. Heads are drawn bold, current revisions filled.
 *
 * <pre>
 * graph TD
 *   r_1975ea83b712["1975ea83b712 (branchpoint)&lt;br/&gt;create account table"]
 *   r_27c6a30d7c24["27c6a30d7c24 (head)&lt;br/&gt;add shopping cart table"]
 *   r_1975ea83b712 --&gt; r_27c6a30d7c24
 * </pre>
 */
public final class HistoryDiagram {

  private final RevisionGraph graph;
  private final Set<String> current;

  /** @param current the version table's rows, drawn filled; empty when unknown */
  public HistoryDiagram(RevisionGraph graph, Collection<String> current) {
    this.graph = graph;
    graph.applied(current); // fails early, naming a row the changelog does not have
    this.current = Set.copyOf(current);
  }

  /** A Mermaid flowchart ({@code graph TD}). Node names are prefixed, since {@code end} would end the chart. */
  public String mermaid() {
    List<Revision> order = graph.topologicalOrder();
    StringBuilder out = new StringBuilder(order.size() * 100).append("graph TD\n");
    for (Revision r : order) {
      out.append("  r_").append(r.id()).append("[\"").append(mermaidText(title(r))).append("<br/>")
          .append(mermaidText(r.message())).append("\"]\n");
    }
    for (Revision r : order) {
      for (String parent : r.downRevisions()) {
        out.append("  r_").append(parent).append(" --> r_").append(r.id()).append('\n');
      }
      for (String dependency : r.dependsOn()) {
        out.append("  r_").append(dependency).append(" -.-> r_").append(r.id()).append('\n');
      }
    }
    out.append("  classDef head stroke-width:3px\n");
    out.append("  classDef current fill:#d4edda\n");
    for (String head : graph.heads()) {
      out.append("  class r_").append(head).append(" head\n");
    }
    for (Revision r : order) {
      if (current.contains(r.id())) {
        out.append("  class r_").append(r.id()).append(" current\n");
      }
    }
    return out.toString();
  }

  /** A Graphviz digraph, for {@code dot -Tsvg}. */
  public String dot() {
    List<Revision> order = graph.topologicalOrder();
    StringBuilder out = new StringBuilder(order.size() * 100).append("digraph revisions {\n")
        .append("  node [shape=box, fontname=\"monospace\"];\n");
    for (Revision r : order) {
      out.append("  \"").append(r.id()).append("\" [label=\"").append(dotText(title(r))).append("\\n")
          .append(dotText(r.message())).append('"');
      if (graph.isHead(r.id())) {
        out.append(", penwidth=2");
      }
      if (current.contains(r.id())) {
        out.append(", style=filled, fillcolor=\"#d4edda\"");
      }
      out.append("];\n");
    }
    for (Revision r : order) {
      for (String parent : r.downRevisions()) {
        out.append("  \"").append(parent).append("\" -> \"").append(r.id()).append("\";\n");
      }
      for (String dependency : r.dependsOn()) {
        out.append("  \"").append(dependency).append("\" -> \"").append(r.id()).append("\" [style=dashed];\n");
      }
    }
    return out.append("}\n").toString();
  }

  /** The id with its labels and marks, as in the text history. */
  private String title(Revision r) {
    StringBuilder title = new StringBuilder(r.id());
    HistoryFormatter.labels(title, graph, r.id());
    HistoryFormatter.marks(title, graph, current, r.id(), true);
    return title.toString();
  }

  /** Mermaid reads its entity codes inside quoted labels; a raw quote would end the label. */
  private static String mermaidText(String text) {
    return text.replace("#", "#35;").replace("\"", "#quot;").replace("<", "#lt;").replace(">", "#gt;")
        .replace('\n', ' ');
  }

  /** Inside a Graphviz string only backslash and quote are special. */
  private static String dotText(String text) {
    return text.replace("\\", "\\\\").replace("\"", "\\\"").replace('\n', ' ');
  }
}
