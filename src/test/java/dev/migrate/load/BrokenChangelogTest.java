package dev.migrate.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of broken changelogs under {@code src/test/resources/broken/<case>/}: each case
 * is a changelog directory and an {@code expected.txt} listing every diagnostic it must give,
 * one a line: {@code <file>:<line>:<column> <code> <words of the message that say how to fix it>}.
 * The list is exact, so a case that starts reporting noise besides its one clear message fails.
 */
class BrokenChangelogTest {

  private static final Map<String, String> PLACEHOLDERS =
      Map.of("support_email", "help@example.com", "schema_owner", "app");

  static Stream<String> cases() throws IOException, URISyntaxException {
    try (Stream<Path> dirs = Files.list(corpus())) {
      return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
    }
  }

  private static Path corpus() throws URISyntaxException {
    return Path.of(BrokenChangelogTest.class.getResource("/broken").toURI());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void load_brokenChangelog_reportsWhereAndHowToFix(String name) throws Exception {
    Path dir = corpus().resolve(name);
    List<String> expected = Files.readAllLines(dir.resolve("expected.txt")).stream().filter(l -> !l.isBlank()).toList();

    ChangelogException thrown = catchThrowableOfType(ChangelogException.class,
        () -> new ChangelogLoader(PLACEHOLDERS, null).load(dir));

    assertThat(thrown).as("loading %s must fail", name).isNotNull();
    List<Diagnostic> diagnostics = thrown.diagnostics();
    assertThat(diagnostics).as(thrown.getMessage()).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      String[] parts = expected.get(i).split(" ", 3);
      Diagnostic actual = diagnostics.get(i);
      String place = dir.relativize(actual.at().file()) + ":" + actual.at().line() + ":" + actual.at().column();
      assertThat(place + " " + actual.code()).as(actual.toString()).isEqualTo(parts[0] + " " + parts[1]);
      assertThat(actual.message()).as(actual.toString()).contains(parts[2]);
      assertThat(actual.toString()).as("printed as compilers print").startsWith(dir.resolve(parts[0].split(":")[0])
          + ":" + actual.at().line() + ":" + actual.at().column() + ": error: ");
    }
  }
}
