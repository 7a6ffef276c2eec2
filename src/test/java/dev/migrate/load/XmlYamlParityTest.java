package dev.migrate.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.changelog.Change;
import dev.migrate.changelog.Changelog;
import dev.migrate.changelog.ExistingType;
import dev.migrate.changelog.OperationKind;
import dev.migrate.changelog.Revision;
import dev.migrate.changelog.SourceSpan;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The same revisions written in YAML (parity/yaml) and in XML (parity/xml) load to equal
 * model objects: every operation kind, every revision argument, existing types.
 */
class XmlYamlParityTest {

  private final Changelog yaml = load("parity/yaml");
  private final Changelog xml = load("parity/xml");

  private static Changelog load(String directory) {
    return new ChangelogLoader(Map.of(), null).load(XmlReaderTest.resource(directory));
  }

  @Test
  void load_sameRevisionsInYamlAndXml_giveEqualModels() {
    assertThat(xml.revisions()).hasSize(4);
    assertThat(xml.revisions().stream().map(XmlYamlParityTest::withoutPlace).toList())
        .isEqualTo(yaml.revisions().stream().map(XmlYamlParityTest::withoutPlace).toList());
  }

  @Test
  void load_sameRevisionsInYamlAndXml_acknowledgeTheSameFindings() {
    assertThat(acknowledgements(xml)).isEqualTo(acknowledgements(yaml)).isNotEmpty();
  }

  @Test
  void load_existingTypesInYamlAndXml_areEqual() {
    assertThat(xml.existingTypes()).hasSize(2);
    assertThat(xml.existingTypes().stream().map(t -> new ExistingType(t.name(), t.values(), null)).toList())
        .isEqualTo(yaml.existingTypes().stream().map(t -> new ExistingType(t.name(), t.values(), null)).toList());
  }

  @Test
  void load_parityFixtures_useEveryOperationKind() {
    List<OperationKind> used = xml.revisions().stream()
        .flatMap(r -> r.upgrade().stream())
        .map(c -> c.operation().kind())
        .distinct()
        .toList();

    assertThat(used).containsExactlyInAnyOrder(OperationKind.values());
  }

  @Test
  void load_xmlRevision_placesEachChangeAtItsElement() {
    Path file = XmlReaderTest.resource("parity/xml/0001_base.xml");
    Revision base = xml.revision("b0001").orElseThrow();

    assertThat(base.upgrade().get(0).at()).isEqualTo(SourceSpan.of(file, 5, 5));
    assertThat(base.upgrade().get(3).at()).isEqualTo(SourceSpan.of(file, 10, 5));
  }

  private static Revision withoutPlace(Revision r) {
    return new Revision(r.id(), r.downRevisions(), r.branchLabels(), r.dependsOn(), r.message(), r.transactional(),
        r.preconditions(), r.upgrade(), r.downgrade(), r.lockTimeout(), r.statementTimeout(), null);
  }

  private static List<String> acknowledgements(Changelog changelog) {
    return changelog.revisions().stream()
        .flatMap(r -> r.upgrade().stream())
        .filter(c -> !c.acknowledge().isEmpty() || c.reason() != null)
        .map(XmlYamlParityTest::acknowledgement)
        .collect(Collectors.toList());
  }

  private static String acknowledgement(Change change) {
    return change.operation().kind().key() + " " + change.acknowledge() + " " + change.reason();
  }
}
