package dev.migrate.load;

import dev.migrate.changelog.SourceSpan;
import java.util.Objects;

/**
 * One problem in a changelog, printed as compilers print them so IDEs and CI can parse it:
 * {@code src/main/migrations/3f2a_add.yaml:12:7: error: unknown key 'nullabel'; did you mean 'nullable'? [unknown-key]}
 *
 * @param code a stable id of the kind of problem ({@code unknown-key}, {@code duplicate-revision})
 * @param message one plain sentence: what is wrong, and how to fix it
 */
public record Diagnostic(SourceSpan at, Severity severity, String code, String message) {

  public enum Severity {
    ERROR, WARNING;

    @Override
    public String toString() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public Diagnostic {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }

  public static Diagnostic error(SourceSpan at, String code, String message) {
    return new Diagnostic(at, Severity.ERROR, code, message);
  }

  @Override
  public String toString() {
    return at + ": " + severity + ": " + message + " [" + code + "]";
  }
}
