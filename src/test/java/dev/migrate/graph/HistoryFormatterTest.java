package dev.migrate.graph;

import static dev.migrate.graph.TestRevisions.change;
import static dev.migrate.graph.TestRevisions.rev;
import static dev.migrate.graph.TestRevisions.revision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrate.changelog.Operation;
import dev.migrate.changelog.Revision;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * One graph with every mark: a branch point (1975), a labelled branch (27c6, shoppingcart), a
 * merge point (8b1c), a head that depends on another base (3f2a on 5e6f), which is therefore
 * an effective head. The database is at 3f2a.
 */
class HistoryFormatterTest {

  static final List<Revision> REVISIONS = List.of(
      revision("1975ea83b712", List.of(), List.of(), List.of(), "create account table",
          List.of(change(new Operation.CreateSchema("accounts", false), "1975ea83b712", 4))),
      revision("27c6a30d7c24", List.of("1975ea83b712"), List.of("shoppingcart"), List.of(), "add shopping cart table",
          List.of(change(new Operation.Sql("select 1", null, null), "27c6a30d7c24", 6))),
      revision("ae1027a6acf0", List.of("1975ea83b712"), List.of(), List.of(), "add a column", List.of()),
      revision("8b1c0d2e4f6a", List.of("27c6a30d7c24", "ae1027a6acf0"), List.of(), List.of(), "merge heads",
          List.of()),
      revision("3f2a9c1e7b4d", List.of("8b1c0d2e4f6a"), List.of(), List.of("5e6f7a8b9c0d"), "add csat surveys",
          List.of(change(new Operation.CreateSchema("csat", false), "3f2a9c1e7b4d", 5),
              change(new Operation.Sql("select 2", null, null), "3f2a9c1e7b4d", 9))),
      revision("5e6f7a8b9c0d", List.of(), List.of(), List.of(), "create audit schema", List.of()));

  static final RevisionGraph GRAPH = RevisionGraph.of(REVISIONS);
  static final List<String> CURRENT = List.of("3f2a9c1e7b4d");

  @Nested
  class Text {
    final HistoryFormatter formatter = new HistoryFormatter(GRAPH, CURRENT);

    @Test
    void history_newestFirstWithAlembicsMarks() {
      assertThat(formatter.history(false)).isEqualTo("""
          8b1c0d2e4f6a (5e6f7a8b9c0d) -> 3f2a9c1e7b4d (shoppingcart) (head) (current), add csat surveys
          27c6a30d7c24, ae1027a6acf0 -> 8b1c0d2e4f6a (shoppingcart) (mergepoint), merge heads
          1975ea83b712 -> ae1027a6acf0, add a column
          <base> -> 5e6f7a8b9c0d (effective head), create audit schema
          1975ea83b712 -> 27c6a30d7c24 (shoppingcart), add shopping cart table
          <base> -> 1975ea83b712 (branchpoint), create account table
          """);
    }

    @Test
    void history_withoutCurrent_marksNoneCurrent() {
      assertThat(new HistoryFormatter(GRAPH, List.of()).history(false)).doesNotContain("(current)")
          .startsWith("8b1c0d2e4f6a (5e6f7a8b9c0d) -> 3f2a9c1e7b4d (shoppingcart) (head), add csat surveys\n");
    }

    @Test
    void history_verbose_entriesWithFileAndOperations() {
      String text = formatter.history(true);
      assertThat(text).startsWith("""
          Rev: 3f2a9c1e7b4d (head) (current)
          Parent: 8b1c0d2e4f6a
          Also depends on: 5e6f7a8b9c0d
          Branch names: shoppingcart
          Path: src/main/migrations/3f2a9c1e7b4d.yaml
          Operations: create-schema, sql

              add csat surveys

          Rev: 8b1c0d2e4f6a (mergepoint)
          Merges: 27c6a30d7c24, ae1027a6acf0
          """);
      assertThat(text).contains("""
          Rev: 1975ea83b712 (branchpoint)
          Parent: <base>
          Branches into: 27c6a30d7c24, ae1027a6acf0
          Path: src/main/migrations/1975ea83b712.yaml
          Operations: create-schema

              create account table
          """);
    }

    @Test
    void heads_idLabelsMarkAndMessage() {
      assertThat(formatter.heads(false)).isEqualTo("3f2a9c1e7b4d (shoppingcart) (head) (current), add csat surveys\n");
    }

    @Test
    void branches_eachBranchPointWithItsChildren() {
      assertThat(formatter.branches(false)).isEqualTo("""
          1975ea83b712 (branchpoint), create account table
                       -> 27c6a30d7c24 (shoppingcart), add shopping cart table
                       -> ae1027a6acf0, add a column
          """);
    }

    @Test
    void show_oneRevisionByPrefix_withChildrenAndOperationLines() {
      assertThat(formatter.show("3f2a")).isEqualTo("""
          Rev: 3f2a9c1e7b4d (head) (current)
          Parent: 8b1c0d2e4f6a
          Also depends on: 5e6f7a8b9c0d
          Children: none
          Branch names: shoppingcart
          Path: src/main/migrations/3f2a9c1e7b4d.yaml

              add csat surveys

          Operations:
              create-schema (line 5)
              sql (line 9)
          """);
      assertThat(formatter.show("1975ea83b712")).contains("Children: 27c6a30d7c24, ae1027a6acf0\n",
          "Operations:\n    create-schema (line 4)\n");
      assertThat(formatter.show("ae10")).contains("Operations: none\n");
    }

    @Test
    void show_unknownRevision_failsWithNearest() {
      GraphException e = catchThrowableOfType(GraphException.class, () -> formatter.show("3f2b"));
      assertThat(e.code()).isEqualTo("unknown-revision");
      assertThat(e.getMessage()).contains("'3f2b'");
    }

    @Test
    void current_listsTheRows() {
      assertThat(formatter.current(false)).isEqualTo("3f2a9c1e7b4d (shoppingcart) (head)\n");
      assertThat(formatter.current(true)).startsWith("Rev: 3f2a9c1e7b4d (head) (current)\n");
      assertThat(new HistoryFormatter(GRAPH, List.of()).current(false)).isEmpty();
    }

    @Test
    void constructor_unknownCurrentRevision_fails() {
      GraphException e = catchThrowableOfType(GraphException.class, () -> new HistoryFormatter(GRAPH, List.of("zz")));
      assertThat(e.code()).isEqualTo("unknown-applied-revision");
    }
  }

  @Nested
  class Json {
    final ObjectMapper mapper = new ObjectMapper();

    @Test
    void history_oneDocumentWithEveryRevisionNewestFirst() throws Exception {
      JsonNode doc = mapper.readTree(new HistoryJson(GRAPH, CURRENT).history());
      assertThat(doc.get("status").asText()).isEqualTo("ok");
      assertThat(doc.get("heads")).hasSize(1);
      assertThat(doc.get("heads").get(0).asText()).isEqualTo("3f2a9c1e7b4d");
      JsonNode revisions = doc.get("revisions");
      assertThat(revisions).hasSize(6);
      List<String> ids = new ArrayList<>();
      revisions.forEach(r -> ids.add(r.get("id").asText()));
      assertThat(ids).containsExactly("3f2a9c1e7b4d", "8b1c0d2e4f6a", "ae1027a6acf0", "5e6f7a8b9c0d", "27c6a30d7c24",
          "1975ea83b712");

      JsonNode head = revisions.get(0);
      assertThat(mapper.writeValueAsString(head)).isEqualTo("{\"id\":\"3f2a9c1e7b4d\","
          + "\"downRevisions\":[\"8b1c0d2e4f6a\"],\"branchLabels\":[],\"branches\":[\"shoppingcart\"],"
          + "\"dependsOn\":[\"5e6f7a8b9c0d\"],\"message\":\"add csat surveys\",\"head\":true,\"base\":false,"
          + "\"branchPoint\":false,\"mergePoint\":false,\"current\":true,"
          + "\"file\":\"src/main/migrations/3f2a9c1e7b4d.yaml\",\"operations\":[\"create-schema\",\"sql\"]}");
      JsonNode merge = revisions.get(1);
      assertThat(merge.get("mergePoint").asBoolean()).isTrue();
      assertThat(merge.get("downRevisions")).hasSize(2);
      JsonNode base = revisions.get(5);
      assertThat(base.get("base").asBoolean()).isTrue();
      assertThat(base.get("branchPoint").asBoolean()).isTrue();
      assertThat(base.get("current").asBoolean()).isFalse();
      assertThat(revisions.get(4).get("branchLabels").get(0).asText()).isEqualTo("shoppingcart");
    }

    @Test
    void headsAndCurrent_documentsOfTheirRevisions() throws Exception {
      HistoryJson json = new HistoryJson(GRAPH, List.of("27c6a30d7c24", "5e6f7a8b9c0d"));
      JsonNode heads = mapper.readTree(json.heads());
      assertThat(heads.get("status").asText()).isEqualTo("ok");
      assertThat(heads.get("revisions")).hasSize(1);
      JsonNode current = mapper.readTree(json.current());
      assertThat(current.get("revisions")).hasSize(2);
      assertThat(current.get("revisions").get(0).get("id").asText()).isEqualTo("27c6a30d7c24");
      assertThat(current.get("revisions").get(0).get("current").asBoolean()).isTrue();
    }

    @Test
    void history_messageWithQuotesAndNewlines_staysValidJson() throws Exception {
      RevisionGraph graph = RevisionGraph.of(List.of(revision("a1", List.of(), List.of(), List.of(),
          "say \"hi\" \\ now", List.of())));
      JsonNode doc = mapper.readTree(new HistoryJson(graph, List.of()).history());
      assertThat(doc.get("revisions").get(0).get("message").asText()).isEqualTo("say \"hi\" \\ now");
    }

    @Test
    void history_sameGraphInAnyFileOrder_sameBytes() {
      List<Revision> reversed = new ArrayList<>(REVISIONS);
      java.util.Collections.reverse(reversed);
      assertThat(new HistoryJson(GRAPH, CURRENT).history())
          .isEqualTo(new HistoryJson(RevisionGraph.of(reversed), CURRENT).history())
          .startsWith("{\n  \"status\": \"ok\",\n").endsWith("}\n");
    }
  }

  @Nested
  class Diagrams {
    final HistoryDiagram diagram = new HistoryDiagram(GRAPH, CURRENT);

    @Test
    void mermaid_nodesOldestFirstThenEdgesThenClasses() {
      assertThat(diagram.mermaid()).isEqualTo("""
          graph TD
            r_1975ea83b712["1975ea83b712 (branchpoint)<br/>create account table"]
            r_27c6a30d7c24["27c6a30d7c24 (shoppingcart)<br/>add shopping cart table"]
            r_5e6f7a8b9c0d["5e6f7a8b9c0d (effective head)<br/>create audit schema"]
            r_ae1027a6acf0["ae1027a6acf0<br/>add a column"]
            r_8b1c0d2e4f6a["8b1c0d2e4f6a (shoppingcart) (mergepoint)<br/>merge heads"]
            r_3f2a9c1e7b4d["3f2a9c1e7b4d (shoppingcart) (head) (current)<br/>add csat surveys"]
            r_1975ea83b712 --> r_27c6a30d7c24
            r_1975ea83b712 --> r_ae1027a6acf0
            r_27c6a30d7c24 --> r_8b1c0d2e4f6a
            r_ae1027a6acf0 --> r_8b1c0d2e4f6a
            r_8b1c0d2e4f6a --> r_3f2a9c1e7b4d
            r_5e6f7a8b9c0d -.-> r_3f2a9c1e7b4d
            classDef head stroke-width:3px
            classDef current fill:#d4edda
            class r_3f2a9c1e7b4d head
            class r_3f2a9c1e7b4d current
          """);
    }

    @Test
    void mermaid_escapesWhatWouldEndALabel() {
      RevisionGraph graph = RevisionGraph.of(List.of(revision("end", List.of(), List.of(), List.of(),
          "say \"hi\" <b> #1", List.of())));
      assertThat(new HistoryDiagram(graph, List.of()).mermaid())
          .contains("  r_end[\"end (head)<br/>say #quot;hi#quot; #lt;b#gt; #35;1\"]\n");
    }

    @Test
    void dot_digraphWithHeadsBoldAndCurrentFilled() {
      assertThat(diagram.dot()).isEqualTo("""
          digraph revisions {
            node [shape=box, fontname="monospace"];
            "1975ea83b712" [label="1975ea83b712 (branchpoint)\\ncreate account table"];
            "27c6a30d7c24" [label="27c6a30d7c24 (shoppingcart)\\nadd shopping cart table"];
            "5e6f7a8b9c0d" [label="5e6f7a8b9c0d (effective head)\\ncreate audit schema"];
            "ae1027a6acf0" [label="ae1027a6acf0\\nadd a column"];
            "8b1c0d2e4f6a" [label="8b1c0d2e4f6a (shoppingcart) (mergepoint)\\nmerge heads"];
            "3f2a9c1e7b4d" [label="3f2a9c1e7b4d (shoppingcart) (head) (current)\\nadd csat surveys", penwidth=2, \
          style=filled, fillcolor="#d4edda"];
            "1975ea83b712" -> "27c6a30d7c24";
            "1975ea83b712" -> "ae1027a6acf0";
            "27c6a30d7c24" -> "8b1c0d2e4f6a";
            "ae1027a6acf0" -> "8b1c0d2e4f6a";
            "8b1c0d2e4f6a" -> "3f2a9c1e7b4d";
            "5e6f7a8b9c0d" -> "3f2a9c1e7b4d" [style=dashed];
          }
          """);
    }

    @Test
    void dot_escapesQuotesAndBackslashes() {
      RevisionGraph graph = RevisionGraph.of(List.of(revision("a1", List.of(), List.of(), List.of(),
          "say \"hi\" \\ now", List.of())));
      assertThat(new HistoryDiagram(graph, List.of()).dot())
          .contains("\"a1\" [label=\"a1 (head)\\nsay \\\"hi\\\" \\\\ now\", penwidth=2];");
    }
  }

  @Test
  void longChain_historyHasOneLinePerRevision() {
    List<Revision> chain = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      chain.add(i == 0 ? rev("r00000") : rev(String.format("r%05d", i), String.format("r%05d", i - 1)));
    }
    RevisionGraph graph = RevisionGraph.of(chain);
    String text = new HistoryFormatter(graph, List.of("r09999")).history(false);
    assertThat(text.lines()).hasSize(10_000).first().isEqualTo("r09998 -> r09999 (head) (current), message of r09999");
    assertThat(new HistoryJson(graph, List.of()).history()).contains("\"id\": \"r00000\"");
  }
}
