package dev.migrate.lint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LintJsonTest {

  @TempDir
  Path project;

  @Test
  void of_findings_listsEachWithItsPlaceRuleAndSafeWayAndAcknowledgement() throws Exception {
    JsonNode doc = new ObjectMapper().readTree(LintJson.of(LintTextTest.report(project, Map.of()), project));

    assertThat(doc.path("status").asText()).isEqualTo("ok");
    assertThat(doc.path("revisions").asInt()).isEqualTo(2);
    assertThat(doc.path("summary").toString()).isEqualTo("{\"errors\":0,\"warnings\":1,\"info\":0,\"acknowledged\":1}");
    assertThat(doc.path("findings")).hasSize(2);
    JsonNode acknowledged = doc.path("findings").get(0);
    assertThat(acknowledged.toString()).isEqualTo("{\"rule\":\"drop-it\",\"severity\":\"error\","
        + "\"file\":\"src/main/migrations/r2.yaml\",\"line\":5,\"column\":5,\"revision\":\"r2\","
        + "\"message\":\"The drop-column is risky; do the safe thing\",\"risk\":\"The drop-column is risky.\","
        + "\"safeWay\":\"Do the safe thing.\",\"acknowledged\":true,\"reason\":\"unused since 2024\"}");
    JsonNode open = doc.path("findings").get(1);
    assertThat(open.path("rule").asText()).isEqualTo("drop-table-too");
    assertThat(open.path("acknowledged").asBoolean()).isFalse();
    assertThat(open.path("reason").isNull()).isTrue();
  }

  @Test
  void of_anUnacknowledgedError_hasStatusFindings() throws Exception {
    JsonNode doc = new ObjectMapper().readTree(
        LintJson.of(LintTextTest.report(project, Map.of("drop-table-too", Severity.ERROR)), project));

    assertThat(doc.path("status").asText()).isEqualTo("findings");
    assertThat(doc.path("summary").path("errors").asInt()).isEqualTo(1);
  }
}
