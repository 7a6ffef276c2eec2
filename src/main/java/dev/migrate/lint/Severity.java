package dev.migrate.lint;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How much a rule's finding matters; {@code error} fails the build, {@code off} drops the rule. */
public enum Severity {
  OFF, INFO, WARNING, ERROR;

  /** The configured spelling: {@code off}, {@code info}, {@code warning}, {@code error}. */
  public static Severity parse(String text) {
    for (Severity severity : values()) {
      if (severity.word().equals(text == null ? null : text.trim().toLowerCase(Locale.ROOT))) {
        return severity;
      }
    }
    throw new IllegalArgumentException("'" + text + "' is not a lint severity; use one of "
        + Arrays.stream(values()).map(Severity::word).collect(Collectors.joining(", ")));
  }

  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** SARIF 2.1.0's {@code level}: none, note, warning, error. */
  public String sarifLevel() {
    return switch (this) {
      case OFF -> "none";
      case INFO -> "note";
      case WARNING -> "warning";
      case ERROR -> "error";
    };
  }
}
