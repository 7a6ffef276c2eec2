package dev.migrate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrate.MigrateException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @Test
  void parse_eachUnit() {
    assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("2s")).isEqualTo(Duration.ofSeconds(2));
    assertThat(Durations.parse("10m")).isEqualTo(Duration.ofMinutes(10));
    assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(Durations.parse(" 0s ")).isEqualTo(Duration.ZERO);
  }

  @ParameterizedTest
  @ValueSource(strings = {"10", "1.5s", "2 sec", "-1s", "1d", "ms", ""})
  void parse_withoutAKnownUnit_failsNamingParameterAndForms(String text) {
    assertThatThrownBy(() -> Durations.parse("lockWait", text))
        .isInstanceOfSatisfying(MigrateException.class, e -> assertThat(e.code()).isEqualTo("invalid-duration"))
        .hasMessageContaining("for lockWait; write a whole number with a unit: 500ms, 2s, 10m or 1h");
  }

  @Test
  void parse_null_saysNoValue() {
    assertThatThrownBy(() -> Durations.parse("lockTimeout", null))
        .hasMessage("no value is not a valid value for lockTimeout; write a whole number with a unit: 500ms, 2s, 10m or 1h");
  }
}
