package dev.migrate.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.changelog.Changelog;
import dev.migrate.graph.RevisionGraph;
import dev.migrate.load.ChangelogLoader;
import dev.migrate.locks.LockTable;
import dev.migrate.schema.Replay;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model rules cost little on quality.md's W(1000): each looks at a revision's own operations
 * and a few lookups in the model, never at every table or every earlier revision.
 */
class ModelRulesSpeedTest {

  @TempDir
  Path dir;

  /**
   * quality.md's W(N): table t_i with an identity key, a not-null name, a timestamp and a key to
   * t_{i-1}, an index on it, and a note column added to t_{i-1}.
   */
  private static void writeW(Path dir, int n) throws IOException {
    for (int i = 1; i <= n; i++) {
      StringBuilder yaml = new StringBuilder()
          .append("revision: \"").append(LintFixture.id(i)).append("\"\n")
          .append("down-revision: ").append(i == 1 ? "null" : "\"" + LintFixture.id(i - 1) + "\"").append('\n')
          .append("message: create t_").append(i).append('\n')
          .append("upgrade:\n")
          .append("  - create-table:\n")
          .append("      name: t_").append(i).append('\n')
          .append("      columns:\n")
          .append("        - { name: id, type: bigint, identity: always, primary-key: true }\n")
          .append("        - { name: name, type: text, nullable: false }\n")
          .append("        - { name: created_at, type: timestamptz, nullable: false, default: { sql: \"now()\" } }\n");
      if (i > 1) {
        yaml.append("        - { name: parent_id, type: bigint, references: { table: t_").append(i - 1)
            .append(", column: id } }\n");
      }
      yaml.append("  - create-index: { name: ix_t_").append(i).append("_name, table: t_").append(i)
          .append(", columns: [name] }\n");
      if (i > 1) {
        yaml.append("  - add-column: { table: t_").append(i - 1).append(", column: { name: note_").append(i)
            .append(", type: text } }\n");
      }
      Files.writeString(dir.resolve(LintFixture.id(i) + ".yaml"), yaml.toString());
    }
  }

  @Test
  void check_w1000_theModelRulesTakeWellUnderASecond() throws IOException {
    writeW(dir, 1000);
    Changelog changelog = new ChangelogLoader(Map.of(), null).load(dir);
    RevisionGraph graph = RevisionGraph.of(changelog.revisions());
    Replay replay = Replay.of(changelog, graph);
    LintSettings settings = new LintSettings(18, Map.of(), true);
    LockTable locks = LockTable.load(18);
    // the walk (each operation with its models) is the Linter's, shared by every rule: timed apart
    List<RevisionScope> scopes = graph.topologicalOrder().stream()
        .map(r -> new RevisionScope(r, replay.modelBefore(r.id()), locks, settings)).toList();
    List<Rule> rules = ModelRules.all();
    int[] findings = new int[1];

    long rulesMs = best(() -> {
      findings[0] = 0;
      for (RevisionScope scope : scopes) {
        for (Rule rule : rules) {
          findings[0] += rule.check(scope).size();
        }
      }
    });

    System.out.printf("model rules on W(1000): %d ms%n", rulesMs);
    assertThat(findings[0]).as("W(1000) is written the safe way").isZero();
    assertThat(rulesMs).as("ms the model rules take on W(1000)").isLessThan(500);
  }

  /** The best of five runs, in milliseconds: the machine is shared, and the first runs warm the JIT. */
  private static long best(Runnable work) {
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      long start = System.nanoTime();
      work.run();
      best = Math.min(best, (System.nanoTime() - start) / 1_000_000);
    }
    return best;
  }
}
