package dev.migrate.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.changelog.Changelog;
import dev.migrate.graph.RevisionGraph;
import dev.migrate.load.ChangelogLoader;
import dev.migrate.load.Diagnostic;
import dev.migrate.schema.Replay;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetCheckTest {

  @TempDir
  Path dir;

  private List<Diagnostic> refusals(int major) throws IOException {
    Files.writeString(dir.resolve("r1.yaml"), """
        revision: "r1"
        message: keys
        upgrade:
          - create-table:
              name: accounts
              columns: [ { name: id, type: bigint }, { name: email, type: text } ]
          - add-unique-constraint: { table: accounts, name: accounts_email_uq, columns: [email],
              nulls-not-distinct: true }
        """);
    Changelog changelog = new ChangelogLoader(Map.of(), null).load(dir);
    return TargetCheck.refusals(changelog, Replay.of(changelog, RevisionGraph.of(changelog.revisions())),
        new PostgresRenderer(major));
  }

  @Test
  void refusals_nullsNotDistinctBefore15_isAnErrorAtTheOperation() throws IOException {
    assertThat(refusals(14)).singleElement().satisfies(d -> {
      assertThat(d.code()).isEqualTo("unsupported-by-version");
      assertThat(d.severity()).isEqualTo(Diagnostic.Severity.ERROR);
      assertThat(d.at().file()).isEqualTo(dir.resolve("r1.yaml"));
      assertThat(d.at().line()).isEqualTo(7);
      assertThat(d.message()).contains("PostgreSQL 15 or later", "target is PostgreSQL 14",
          "-Dmigrate.postgresVersion=15");
    });
  }

  @Test
  void refusals_nullsNotDistinctOn15_isNone() throws IOException {
    assertThat(refusals(15)).isEmpty();
  }
}
