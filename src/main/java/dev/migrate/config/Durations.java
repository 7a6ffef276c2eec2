package dev.migrate.config;

import dev.migrate.MigrateException;
import dev.migrate.changelog.DurationUnit;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The durations of the configuration ({@code lockWait}, {@code lockTimeout},
 * {@code statementTimeout}): a whole number with a unit, {@code 500ms}, {@code 2s},
 * {@code 10m} or {@code 1h}.
 */
public final class Durations {

  private static final Pattern SHAPE = Pattern.compile("\\s*([0-9]{1,9})\\s*(ms|s|m|h)\\s*");

  private Durations() {}

  public static Duration parse(String text) {
    return parse("a duration", text);
  }

  /**
   * @param what the parameter the text belongs to, for the message ({@code lockWait})
   * @throws MigrateException {@code invalid-duration} naming the parameter and the accepted forms
   */
  public static Duration parse(String what, String text) {
    Matcher m = text == null ? null : SHAPE.matcher(text);
    if (m == null || !m.matches()) {
      throw new MigrateException("invalid-duration", (text == null || text.isBlank() ? "no value" : "'" + text + "'")
          + " is not a valid value for " + what + "; write a whole number with a unit: 500ms, 2s, 10m or 1h");
    }
    return DurationUnit.of(Long.parseLong(m.group(1)), m.group(2));
  }
}
