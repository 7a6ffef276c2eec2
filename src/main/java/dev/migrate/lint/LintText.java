package dev.migrate.lint;

import dev.migrate.changelog.SourceSpan;
import java.nio.file.Path;

/**
 * A lint report as text: one finding per line in the compilers' form, so IDEs and CI can
 * parse it, then a summary line.
 *
 * <pre>
 * src/main/migrations/b2_add.yaml:9:5: error: NOT NULL with no default ...; add it ... [not-null-without-default]
 * src/main/migrations/b2_add.yaml:12:5: warning: ...; ... [destructive-drop] acknowledged: unused since 2024
 * failed: 1 error, 0 warnings, 0 info, 1 acknowledged in 2 revisions
 * </pre>
 *
 * Files are relative to the project's base directory (forward slashes), as in SARIF.
 */
public final class LintText {

  private LintText() {}

  public static String of(LintReport report, Path base) {
    StringBuilder text = new StringBuilder();
    for (Finding f : report.findings()) {
      text.append(line(f, base)).append('\n');
    }
    return text.append(summary(report)).append('\n').toString();
  }

  /** One finding: {@code file:line:column: severity: risk; safe way [rule]}, and its acknowledgement. */
  public static String line(Finding f, Path base) {
    String line = file(f, base) + ":" + f.at().line() + ":" + f.at().column() + ": " + f.severity().word() + ": "
        + message(f) + " [" + f.rule() + "]";
    if (f.acknowledged()) {
      line += " acknowledged: " + (f.acknowledgement().isBlank() ? "(no reason given)" : f.acknowledgement());
    }
    return line;
  }

  /** {@code ok: ...} or {@code failed: ...}, with the counts; acknowledged findings counted apart. */
  public static String summary(LintReport report) {
    return (report.failed() ? "failed: " : "ok: ") + plural(report.count(Severity.ERROR), "error") + ", "
        + plural(report.count(Severity.WARNING), "warning") + ", " + report.count(Severity.INFO) + " info, "
        + report.acknowledged() + " acknowledged in " + plural(report.revisions(), "revision");
  }

  /** The risk and the safe way in one line, {@code risk; safe way}: the rules write each as a sentence. */
  static String message(Finding f) {
    return sentence(f.risk()) + "; " + continued(sentence(f.safeWay()));
  }

  /** A sentence continued after a semicolon: {@code Add it} becomes {@code add it}, {@code NOT NULL} stays. */
  private static String continued(String sentence) {
    if (sentence.length() > 1 && Character.isUpperCase(sentence.charAt(0))
        && Character.isLowerCase(sentence.charAt(1))) {
      return Character.toLowerCase(sentence.charAt(0)) + sentence.substring(1);
    }
    return sentence;
  }

  /** The file relative to {@code base} with forward slashes; as given when it lies outside. */
  public static String file(Finding f, Path base) {
    return file(f.at(), base);
  }

  /** The file of a place relative to {@code base} with forward slashes; as given when it lies outside. */
  public static String file(SourceSpan at, Path base) {
    Path file = at.file().toAbsolutePath().normalize();
    Path root = base.toAbsolutePath().normalize();
    Path shown = file.startsWith(root) ? root.relativize(file) : file;
    return shown.toString().replace('\\', '/');
  }

  private static String sentence(String text) {
    String trimmed = text.strip();
    return trimmed.endsWith(".") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
  }

  private static String plural(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
