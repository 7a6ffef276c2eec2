package dev.migrate.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrate.MigrateException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LintSettingsTest {

  private static final List<Rule> KNOWN = List.of(new KeyRule("destructive-drop", Severity.ERROR, "drop-table"),
      new KeyRule("prefer-text", Severity.INFO, "add-column"));

  @Test
  void configured_ruleAndSeverityWords_setThatRulesSeverityAndLeaveTheOthersDefault() {
    LintSettings settings = LintSettings.configured(16, Map.of("destructive-drop", " Warning "), false, KNOWN);

    assertThat(settings.severityOf(KNOWN.get(0))).isEqualTo(Severity.WARNING);
    assertThat(settings.severityOf(KNOWN.get(1))).isEqualTo(Severity.INFO);
    assertThat(settings.postgresMajor()).isEqualTo(16);
    assertThat(settings.lockTimeoutConfigured()).isFalse();
  }

  @Test
  void configured_unknownRuleAndUnknownSeverity_failTogetherNamingTheNearestAndTheKnownOnes() {
    assertThatThrownBy(() -> LintSettings.configured(18,
        Map.of("destructiv-drop", "warning", "prefer-text", "fatal"), true, KNOWN))
        .isInstanceOf(MigrateException.class)
        .satisfies(e -> assertThat(((MigrateException) e).code()).isEqualTo("invalid-lint-configuration"))
        .hasMessage("<lint><rules> in the plugin's configuration: 'destructiv-drop' is not a lint rule; did you mean"
            + " destructive-drop? <prefer-text>: 'fatal' is not a lint severity; use one of off, info, warning, error."
            + " The rules are: destructive-drop, prefer-text.");
  }

  @Test
  void configured_majorWithoutALockTable_failsNamingTheSupportedOnes() {
    assertThatThrownBy(() -> LintSettings.configured(13, Map.of(), true, KNOWN))
        .isInstanceOf(MigrateException.class)
        .hasMessageContaining("PostgreSQL 13").hasMessageContaining("14 to 18");
  }
}
