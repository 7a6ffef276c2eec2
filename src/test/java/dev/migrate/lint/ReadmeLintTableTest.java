package dev.migrate.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's table of lint rules lists every rule with its default severity and summary, in the rules' order. */
class ReadmeLintTableTest {

  private static final Pattern ROW = Pattern.compile("(?m)^\\| `[a-z-]+` \\| (off|info|warning|error) \\| .*$");

  @Test
  void readme_lintRulesTable_listsEveryRuleWithItsDefaultAndSummary() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    String section =
        readme.substring(readme.indexOf("## Lint: migrate:lint"), readme.indexOf("**Acknowledging a finding.**"));
    Matcher row = ROW.matcher(section);
    StringBuilder listed = new StringBuilder();
    while (row.find()) {
      listed.append(row.group()).append('\n');
    }
    List<String> rules = Rules.all().stream()
        .map(r -> "| `" + r.id() + "` | " + r.defaultSeverity().word() + " | " + r.summary() + " |\n").toList();

    assertThat(listed.toString()).isEqualTo(String.join("", rules));
  }
}
