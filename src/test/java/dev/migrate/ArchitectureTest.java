package dev.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Keeps the pipeline's shape: the core knows nothing of Maven, and dependencies point down. */
class ArchitectureTest {

  private static final Path SOURCES = Path.of("src/main/java/dev/migrate");

  /** The layers, top (depended on by all) to bottom; a package may import only those above it. */
  private static final List<String> LAYERS = List.of(
      "changelog", "load", "graph", "schema", "render", "execute", "introspect", "lint", "config", "maven");

  private static final Pattern IMPORT = Pattern.compile("^import (?:static )?dev\\.migrate\\.(\\w+)\\.", Pattern.MULTILINE);

  @Test
  void onlyTheMavenPackage_importsMaven() throws IOException {
    for (Map.Entry<Path, String> source : sources().entrySet()) {
      if (!source.getKey().startsWith(SOURCES.resolve("maven"))) {
        assertThat(source.getValue()).as(source.getKey().toString()).doesNotContain("import org.apache.maven.");
      }
    }
  }

  @Test
  void corePackages_importOnlyPackagesAboveThem() throws IOException {
    for (Map.Entry<Path, String> source : sources().entrySet()) {
      Path relative = SOURCES.relativize(source.getKey());
      if (relative.getNameCount() < 2) {
        continue;
      }
      String own = relative.getName(0).toString();
      int ownLayer = LAYERS.indexOf(own);
      assertThat(ownLayer).as("package %s is one of the known layers", own).isGreaterThanOrEqualTo(0);
      Matcher m = IMPORT.matcher(source.getValue());
      while (m.find()) {
        String imported = m.group(1);
        int importedLayer = LAYERS.indexOf(imported);
        assertThat(importedLayer).as("%s imports dev.migrate.%s, which must be above it", relative, imported)
            .isLessThanOrEqualTo(ownLayer);
      }
    }
  }

  private static Map<Path, String> sources() throws IOException {
    try (Stream<Path> files = Files.walk(SOURCES)) {
      return files.filter(f -> f.toString().endsWith(".java"))
          .collect(java.util.stream.Collectors.toMap(f -> f, ArchitectureTest::read));
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
