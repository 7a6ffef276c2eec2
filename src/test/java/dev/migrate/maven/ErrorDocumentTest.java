package dev.migrate.maven;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrate.MigrateException;
import dev.migrate.changelog.SourceSpan;
import dev.migrate.load.ChangelogException;
import dev.migrate.load.Diagnostic;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorDocumentTest {

  private static JsonNode parse(String json) throws Exception {
    return new ObjectMapper().readTree(json);
  }

  @Test
  void of_changelogProblems_givesTheFirstWithItsPlaceAndEveryOne() throws Exception {
    Path file = Path.of("src/main/migrations/a1_add.yaml");
    ChangelogException e = new ChangelogException(List.of(
        Diagnostic.error(SourceSpan.of(file, 12, 7), "unknown-key", "unknown key 'nullabel'; did you mean 'nullable'?"),
        Diagnostic.error(SourceSpan.of(file, 20, 3), "unknown-table", "no table 'userz'")));

    JsonNode doc = parse(ErrorDocument.of(e));

    assertThat(doc.get("status").asText()).isEqualTo("error");
    assertThat(doc.get("error").get("code").asText()).isEqualTo("unknown-key");
    assertThat(doc.get("error").get("message").asText()).isEqualTo("unknown key 'nullabel'; did you mean 'nullable'?");
    assertThat(doc.get("error").get("file").asText()).isEqualTo(file.toString());
    assertThat(doc.get("error").get("line").asInt()).isEqualTo(12);
    assertThat(doc.get("error").get("column").asInt()).isEqualTo(7);
    assertThat(doc.get("errors")).hasSize(2);
    assertThat(doc.get("errors").get(1).get("line").asInt()).isEqualTo(20);
  }

  @Test
  void of_failureWithoutPlace_hasCodeAndMessageOnly() throws Exception {
    JsonNode doc = parse(ErrorDocument.of(new MigrateException("unknown-format", "no format 'x'")));

    assertThat(doc.get("error").get("code").asText()).isEqualTo("unknown-format");
    assertThat(doc.get("error").has("file")).isFalse();
    assertThat(doc.has("errors")).isFalse();
  }

  @Test
  void of_anyFailure_isOneDocumentEndingInANewline() {
    assertThat(ErrorDocument.of(new MigrateException("x", "y"))).endsWith("}\n").doesNotContain("\r");
  }
}
