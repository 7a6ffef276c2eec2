package dev.migrate.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.changelog.Change;
import dev.migrate.changelog.Changelog;
import dev.migrate.changelog.Revision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same revision written in YAML and in XML ({@code src/test/resources/parity/<case>/})
 * loads to equal model objects: every field, the operations with their acknowledgements and
 * reasons, the downgrade and the declared types.
 */
class YamlXmlParityTest {

  @TempDir
  Path dir;

  private Changelog loadOnly(Path source, String extension) throws Exception {
    Path target = Files.createDirectories(dir.resolve(extension));
    try (Stream<Path> files = Files.list(source)) {
      for (Path file : files.filter(f -> f.toString().endsWith("." + extension)).toList()) {
        Files.copy(file, target.resolve(file.getFileName()));
      }
    }
    return new ChangelogLoader(Map.of(), null).load(target);
  }

  @ParameterizedTest
  @ValueSource(strings = {"spec-example", "constraints-and-data", "existing-types", "updated-at"})
  void load_sameRevisionInBothSpellings_equalModels(String name) throws Exception {
    Path source = Path.of(YamlXmlParityTest.class.getResource("/parity/" + name).toURI());

    Changelog yaml = loadOnly(source, "yaml");
    Changelog xml = loadOnly(source, "xml");

    assertThat(xml.existingTypes()).extracting(t -> t.name(), t -> t.values())
        .isEqualTo(yaml.existingTypes().stream().map(t -> org.assertj.core.groups.Tuple.tuple(t.name(), t.values())).toList());
    assertThat(xml.revisions()).hasSameSizeAs(yaml.revisions());
    for (int i = 0; i < yaml.revisions().size(); i++) {
      Revision y = yaml.revisions().get(i);
      Revision x = xml.revisions().get(i);
      // Positions differ between the spellings; everything else must not.
      assertThat(withoutPlaces(x)).isEqualTo(withoutPlaces(y));
      assertThat(x.upgrade()).extracting(Change::acknowledge, Change::reason)
          .isEqualTo(y.upgrade().stream().map(c -> org.assertj.core.groups.Tuple.tuple(c.acknowledge(), c.reason())).toList());
    }
  }

  private static Revision withoutPlaces(Revision r) {
    return new Revision(r.id(), r.downRevisions(), r.branchLabels(), r.dependsOn(), r.message(), r.transactional(),
        r.preconditions(), r.upgrade(), r.downgrade(), r.lockTimeout(), r.statementTimeout(), null);
  }
}
