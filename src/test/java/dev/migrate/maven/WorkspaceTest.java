package dev.migrate.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrate.changelog.Changelog;
import dev.migrate.graph.RevisionGraph;
import dev.migrate.load.ChangelogException;
import dev.migrate.load.ChangelogLoader;
import dev.migrate.schema.PassedReplays;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceTest {

  @TempDir
  Path dir;

  private final List<String> warnings = new ArrayList<>();

  private Workspace load() {
    Changelog changelog = new ChangelogLoader(Map.of(), dir.resolve("target")).load(dir.resolve("migrations"));
    return new Workspace(changelog, RevisionGraph.of(changelog.revisions()), new PassedReplays(dir.resolve("target")),
        warnings::add);
  }

  private void write(String name, String text) throws IOException {
    Files.createDirectories(dir.resolve("migrations"));
    Files.writeString(dir.resolve("migrations").resolve(name), text);
  }

  @Test
  void checked_sameFilesAgain_takesTheEarlierVerdictAndRepeatsItsWarnings() throws IOException {
    write("a.yaml", "revision: \"a1\"\nmessage: t\nupgrade:\n  - sql: { up: \"CREATE TABLE x (id int)\", down: \"DROP TABLE x\" }\n"
        + "  - drop-table: { name: x }\n");
    load().checked();
    List<String> first = List.copyOf(warnings);
    assertThat(first).as("a table the model cannot see draws a warning").isNotEmpty();
    warnings.clear();
    List<Path> stored = storedVerdicts();
    assertThat(stored).as("the verdict is stored under target/").hasSize(1);

    Workspace again = load().checked();

    assertThat(warnings).isEqualTo(first);
    // the stored verdict, not a replay, gave these warnings: change what it says and the run repeats that
    Files.writeString(stored.get(0), "from the stored verdict");
    warnings.clear();
    load().checked();
    assertThat(warnings).containsExactly("from the stored verdict");

    assertThat(again.replay().finalModel().opaque()).isTrue();
    assertThat(warnings).as("a replay after the verdict does not warn twice").containsExactly("from the stored verdict");
  }

  private List<Path> storedVerdicts() throws IOException {
    try (var files = Files.list(dir.resolve("target"))) {
      return files.filter(f -> f.getFileName().toString().startsWith("replay-passed-")).toList();
    }
  }

  @Test
  void checked_afterAnEdit_replaysAgainAndFindsTheError() throws IOException {
    write("a.yaml", "revision: \"a1\"\nmessage: t\nupgrade:\n  - create-table: { name: t, columns: [ { name: id, type: int } ] }\n");
    load().checked();

    write("b.yaml", "revision: \"b1\"\ndown-revision: \"a1\"\nmessage: u\nupgrade:\n  - drop-table: { name: nope }\n");

    assertThatThrownBy(() -> load().checked()).isInstanceOf(ChangelogException.class).hasMessageContaining("nope");
    assertThatThrownBy(() -> load().checked()).as("a failed replay is never remembered")
        .isInstanceOf(ChangelogException.class);
  }
}
