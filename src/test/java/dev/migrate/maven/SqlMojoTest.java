package dev.migrate.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.migrate.MigrateException;
import dev.migrate.changelog.Revision;
import dev.migrate.changelog.SourceSpan;
import dev.migrate.graph.Direction;
import dev.migrate.graph.MigrationPath;
import dev.migrate.graph.RevisionGraph;
import dev.migrate.graph.Target;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SqlMojoTest {

  private static Revision rev(String id, String... parents) {
    return new Revision(id, List.of(parents), List.of(), List.of(), "m", true, null, List.of(), null, null, null,
        SourceSpan.startOf(Path.of(id + ".yaml")));
  }

  private final RevisionGraph graph = RevisionGraph.of(List.of(rev("a1"), rev("b2", "a1"), rev("c3", "b2")));

  /** Offline there is no current revision: -1 needs -Dmigrate.from, and the hint, followed, gives the script. */
  @Test
  void path_minusOneWithoutFrom_failsNamingFromAndTheHintWorks() {
    MigrateException e = catchThrowableOfType(MigrateException.class,
        () -> SqlMojo.path(graph, List.of(), Target.parse("-1")));

    assertThat(e.code()).isEqualTo("missing-from");
    assertThat(e.getMessage()).contains("-Dmigrate.from, which is not set", "-Dmigrate.from=c3 -Dmigrate.target=-1");
    MigrationPath followed = SqlMojo.path(graph, List.of(hinted("from", e.getMessage())),
        Target.parse(hinted("target", e.getMessage())));
    assertThat(followed.steps()).extracting(s -> s.revision().id() + " " + s.direction()).containsExactly("c3 DOWN");
    assertThat(followed.steps().get(0).direction()).isEqualTo(Direction.DOWN);
  }

  private static String hinted(String property, String message) {
    return Pattern.compile("-Dmigrate\\." + property + "=([^\\s,;)]+)").matcher(message).results()
        .map(m -> m.group(1)).reduce((a, b) -> b).orElseThrow();
  }

  @Test
  void path_plusOneWithoutFrom_startsAtBase() {
    assertThat(SqlMojo.path(graph, List.of(), Target.parse("+1")).steps()).extracting(s -> s.revision().id())
        .containsExactly("a1");
  }
}
