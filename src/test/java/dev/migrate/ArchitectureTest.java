package dev.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the pipeline's shape: the core knows nothing of Maven, and dependencies point down.
 * References are found in the code with its comments and string literals blanked out, so an
 * import and a name written out in full ({@code org.apache.maven.x.Y} inline) count alike.
 */
class ArchitectureTest {

  private static final Path SOURCES = Path.of("src/main/java/dev/migrate");

  /** The layers, top (depended on by all) to bottom; a package may use only those above it. */
  private static final List<String> LAYERS = List.of(
      "changelog", "load", "graph", "schema", "locks", "render", "execute", "introspect", "lint", "config", "generate", "entities", "maven");

  /** Maven's packages, however the name is spaced or broken across lines. */
  private static final Pattern MAVEN = Pattern.compile("\\borg\\s*\\.\\s*apache\\s*\\.\\s*maven\\b");

  /** A reference into one of this project's packages: an import or a qualified name. */
  private static final Pattern PROJECT = Pattern.compile("\\bdev\\s*\\.\\s*migrate\\s*\\.\\s*(\\w+)\\s*\\.");

  @Test
  void onlyTheMavenPackage_referencesMaven() throws IOException {
    for (Map.Entry<Path, String> source : sources().entrySet()) {
      if (!source.getKey().startsWith(SOURCES.resolve("maven"))) {
        assertThat(mavenReferences(source.getValue())).as(source.getKey().toString()).isEmpty();
      }
    }
  }

  @Test
  void corePackages_referenceOnlyPackagesAboveThem() throws IOException {
    for (Map.Entry<Path, String> source : sources().entrySet()) {
      Path relative = SOURCES.relativize(source.getKey());
      if (relative.getNameCount() < 2) {
        continue;
      }
      String own = relative.getName(0).toString();
      int ownLayer = LAYERS.indexOf(own);
      assertThat(ownLayer).as("package %s is one of the known layers", own).isGreaterThanOrEqualTo(0);
      for (String used : projectReferences(source.getValue())) {
        assertThat(LAYERS.indexOf(used)).as("%s uses dev.migrate.%s, which must be above it", relative, used)
            .isLessThanOrEqualTo(ownLayer);
      }
    }
  }

  /** The checks themselves: a planted inline reference is caught, one in a comment or a string is not. */
  @Test
  void references_writtenInFullInline_areFound() {
    String source = """
        package dev.migrate.execute;
        // org.apache.maven.plugin.Mojo in a comment
        /* dev.migrate.maven.Workspace in a block comment */
        final class Planted {
          String text = "org.apache.maven.project.MavenProject and dev.migrate.maven.X in a string";
          void run(org.apache.maven.plugin.logging.Log log) {
            dev.migrate.maven
                .Workspace w = null;
            org.apache
                .maven.project.MavenProject p = null;
          }
        }
        """;

    assertThat(mavenReferences(source)).hasSize(2);
    assertThat(projectReferences(source)).containsExactly("maven");
  }

  private static List<String> mavenReferences(String source) {
    List<String> found = new ArrayList<>();
    Matcher m = MAVEN.matcher(code(source));
    while (m.find()) {
      found.add(m.group());
    }
    return found;
  }

  private static List<String> projectReferences(String source) {
    List<String> found = new ArrayList<>();
    Matcher m = PROJECT.matcher(code(source));
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  /** The source with comments, string and char literals (text blocks too) replaced by spaces. */
  static String code(String source) {
    StringBuilder out = new StringBuilder(source.length());
    int i = 0;
    int n = source.length();
    while (i < n) {
      int end;
      if (source.startsWith("//", i)) {
        end = source.indexOf('\n', i);
        end = end < 0 ? n : end;
      } else if (source.startsWith("/*", i)) {
        end = source.indexOf("*/", i + 2);
        end = end < 0 ? n : end + 2;
      } else if (source.startsWith("\"\"\"", i)) {
        end = closing(source, i + 3, "\"\"\"");
      } else if (source.charAt(i) == '"' || source.charAt(i) == '\'') {
        end = closing(source, i + 1, String.valueOf(source.charAt(i)));
      } else {
        out.append(source.charAt(i++));
        continue;
      }
      for (int k = i; k < end; k++) {
        out.append(source.charAt(k) == '\n' ? '\n' : ' ');
      }
      i = end;
    }
    return out.toString();
  }

  /** The index after the {@code quote} that closes a literal starting at {@code from}, skipping escapes. */
  private static int closing(String source, int from, String quote) {
    int i = from;
    while (i < source.length()) {
      if (source.charAt(i) == '\\') {
        i += 2;
      } else if (source.startsWith(quote, i)) {
        return i + quote.length();
      } else {
        i++;
      }
    }
    return source.length();
  }

  private static Map<Path, String> sources() throws IOException {
    try (Stream<Path> files = Files.walk(SOURCES)) {
      return files.filter(f -> f.toString().endsWith(".java")).collect(Collectors.toMap(f -> f, ArchitectureTest::read));
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
