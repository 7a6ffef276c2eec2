package dev.migrate.changelog;

import java.time.Duration;

/**
 * The units durations are written in, in the changelog ({@code lock-timeout: 10min}) and in
 * the plugin's parameters ({@code lockWait=10m}). Each reader checks its own grammar; this is
 * the one place that turns a checked amount and unit into a {@link Duration}.
 */
public final class DurationUnit {

  private DurationUnit() {}

  /** {@code amount} of {@code unit}: ms, s, m or min, h. */
  public static Duration of(long amount, String unit) {
    switch (unit) {
      case "ms":
        return Duration.ofMillis(amount);
      case "s":
        return Duration.ofSeconds(amount);
      case "m":
      case "min":
        return Duration.ofMinutes(amount);
      case "h":
        return Duration.ofHours(amount);
      default:
        throw new IllegalArgumentException("unknown duration unit: " + unit);
    }
  }
}
