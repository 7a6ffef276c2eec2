package dev.migrate.load;

import dev.migrate.MigrateException;
import java.util.List;
import java.util.stream.Collectors;

/** Every problem found in a changelog in one run, reported together. */
public class ChangelogException extends MigrateException {

  private static final long serialVersionUID = 1L;

  private final transient List<Diagnostic> diagnostics;

  public ChangelogException(List<Diagnostic> diagnostics) {
    super(diagnostics.isEmpty() ? "changelog" : diagnostics.get(0).code(), format(diagnostics));
    this.diagnostics = List.copyOf(diagnostics);
  }

  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  private static String format(List<Diagnostic> diagnostics) {
    String lines = diagnostics.stream().map(Diagnostic::toString).collect(Collectors.joining("\n"));
    int n = diagnostics.size();
    return (n == 1 ? "1 problem" : n + " problems") + " in the changelog:\n" + lines;
  }
}
