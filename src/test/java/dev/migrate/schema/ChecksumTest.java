package dev.migrate.schema;

import dev.migrate.changelog.Change;
import dev.migrate.changelog.Checksum;
import dev.migrate.changelog.Column;
import dev.migrate.changelog.Downgrade;
import dev.migrate.changelog.Operation;
import dev.migrate.changelog.Precondition;
import dev.migrate.changelog.Preconditions;
import dev.migrate.changelog.Revision;
import dev.migrate.changelog.SourceSpan;
import dev.migrate.changelog.Value;
import dev.migrate.load.ChangelogLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import static dev.migrate.schema.Revisions.column;
import static dev.migrate.schema.Revisions.createTable;
import static dev.migrate.schema.Revisions.id;
import static dev.migrate.schema.Revisions.name;
import static dev.migrate.schema.Revisions.revision;
import static org.assertj.core.api.Assertions.assertThat;

class ChecksumTest {

  private static final Operation TABLE = createTable("users", id("id"), column("email", "text"));

  private static Revision withUpgrade(Revision base, boolean transactional, Preconditions preconditions,
      List<Change> upgrade) {
    return new Revision(base.id(), base.downRevisions(), base.branchLabels(), base.dependsOn(), base.message(),
        transactional, preconditions, upgrade, base.downgrade(), base.lockTimeout(), base.statementTimeout(), base.at());
  }

  private static String checksum(Operation... ops) {
    return Checksum.of(revision("r", ops));
  }

  @Test
  void checksum_isVersionedSha256Hex() {
    assertThat(checksum(TABLE)).matches("1:[0-9a-f]{64}");
    assertThat(checksum(TABLE)).isEqualTo(checksum(createTable("users", id("id"), column("email", "text"))));
  }

  @Test
  void checksum_ignoresMessageDowngradePlacesAcknowledgementsAndTimeouts() {
    Revision plain = revision("r", TABLE);
    Revision other = new Revision("r", List.of("p"), List.of("label"), List.of("d"), "another message", true,
        null, List.of(new Change(TABLE, SourceSpan.of(Path.of("elsewhere.xml"), 99, 3), List.of("destructive-drop"),
            "because")),
        new Downgrade.Written(List.of(Change.of(new Operation.DropTable(name("users"), false, false), null))),
        Duration.ofSeconds(5), Duration.ofMinutes(1), SourceSpan.startOf(Path.of("elsewhere.xml")));

    assertThat(Checksum.of(other)).isEqualTo(Checksum.of(plain));
  }

  @ParameterizedTest
  @ValueSource(strings = {"spec-example", "constraints-and-data"})
  void checksum_isTheSameForTheYamlAndXmlSpelling(String name, @TempDir Path dir) throws Exception {
    Path source = Path.of(ChecksumTest.class.getResource("/parity/" + name).toURI());
    List<Revision> yaml = load(source, dir, "yaml");
    List<Revision> xml = load(source, dir, "xml");

    assertThat(xml).isNotEmpty().hasSameSizeAs(yaml);
    for (int i = 0; i < yaml.size(); i++) {
      assertThat(Checksum.of(xml.get(i))).isEqualTo(Checksum.of(yaml.get(i)));
    }
  }

  private static List<Revision> load(Path source, Path dir, String extension) throws Exception {
    Path target = Files.createDirectories(dir.resolve(extension));
    try (Stream<Path> files = Files.list(source)) {
      for (Path file : files.filter(f -> f.toString().endsWith("." + extension)).toList()) {
        Files.copy(file, target.resolve(file.getFileName()));
      }
    }
    return new ChangelogLoader(Map.of(), null).load(target).revisions();
  }

  @Test
  void checksum_ignoresKeyOrderOfMaps() {
    Map<String, Value> ab = new LinkedHashMap<>();
    ab.put("id", Value.Number.of("1"));
    ab.put("email", Value.text("a@x"));
    Map<String, Value> ba = new LinkedHashMap<>();
    ba.put("email", Value.text("a@x"));
    ba.put("id", Value.Number.of("1"));

    assertThat(checksum(new Operation.Insert(name("users"), List.of(ab))))
        .isEqualTo(checksum(new Operation.Insert(name("users"), List.of(ba))));
  }

  @Test
  void checksum_seesTypeNormalization_notSpelling() {
    assertThat(checksum(createTable("t", column("a", "int4"), column("b", "timestamptz"))))
        .isEqualTo(checksum(createTable("t", column("a", "integer"), column("b", "timestamp with time zone"))));
  }

  @Test
  void checksum_changesWithAnyArgument() {
    String base = checksum(TABLE);
    List<Operation> changed = List.of(
        createTable("users", id("id"), column("email", "varchar")),
        createTable("users", id("id"), new Column("email", Revisions.type("text"), false, null, null, false, false,
            null, null, null)),
        createTable("users", id("id"), Revisions.withDefault("email", "text", Value.text("x"))),
        createTable("users", id("id"), column("mail", "text")),
        createTable("people", id("id"), column("email", "text")),
        createTable("users", column("email", "text"), id("id")),
        new Operation.CreateTable(name("users"), List.of(id("id"), column("email", "text")), null, List.of(),
            List.of(), List.of(), true, null, Map.of()),
        new Operation.CreateTable(name("users"), List.of(id("id"), column("email", "text")), null, List.of(),
            List.of(), List.of(), false, "a comment", Map.of()));
    for (Operation op : changed) {
      assertThat(checksum(op)).as(op.toString()).isNotEqualTo(base);
    }
    assertThat(checksum(TABLE, TABLE)).isNotEqualTo(base);
    assertThat(checksum(new Operation.Sql("select 1", null, null)))
        .isNotEqualTo(checksum(new Operation.Sql("select 2", null, null)))
        .isNotEqualTo(checksum(new Operation.Sql("select 1", "select 0", null)))
        .isEqualTo(checksum(new Operation.Sql("select 1", null, "a.sql")));
  }

  @Test
  void checksum_changesWithTransactionalAndPreconditions() {
    Revision base = revision("r", TABLE);
    Preconditions checks = new Preconditions(Preconditions.OnFail.SKIP,
        List.of(new Precondition.TableExists(name("users"))));

    assertThat(Checksum.of(withUpgrade(base, false, null, base.upgrade()))).isNotEqualTo(Checksum.of(base));
    assertThat(Checksum.of(withUpgrade(base, true, checks, base.upgrade()))).isNotEqualTo(Checksum.of(base));
    assertThat(Checksum.of(withUpgrade(base, true, new Preconditions(Preconditions.OnFail.FAIL, checks.checks()),
        base.upgrade()))).isNotEqualTo(Checksum.of(withUpgrade(base, true, checks, base.upgrade())));
  }

  @Test
  void checksum_functionBodyAndTriggerCondition_changeIt_butTheBodysBlankEdgesDoNot() {
    Operation function = Revisions.createFunction(Revisions.setUpdatedAt("BEGIN NEW.updated_at = now(); RETURN NEW; END;"));
    Operation trigger = new Operation.CreateTrigger(Revisions.updatedAtTrigger("users"));

    assertThat(checksum(function, trigger)).isEqualTo(checksum(
        Revisions.createFunction(Revisions.setUpdatedAt("\n  BEGIN NEW.updated_at = now(); RETURN NEW; END;\n\n")),
        new Operation.CreateTrigger(Revisions.updatedAtTrigger("users"))));
    assertThat(checksum(function, trigger)).isNotEqualTo(checksum(
        Revisions.createFunction(Revisions.setUpdatedAt("BEGIN NEW.updated_at = clock_timestamp(); RETURN NEW; END;")),
        trigger));
    assertThat(checksum(function, trigger)).isNotEqualTo(checksum(function,
        new Operation.CreateTrigger(Revisions.updatedAtTrigger("users").withWhen("OLD.* IS DISTINCT FROM NEW.*"))));
  }
}
