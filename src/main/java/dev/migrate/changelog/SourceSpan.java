package dev.migrate.changelog;

import java.nio.file.Path;

/**
 * A place in a changelog file, 1-based, as compilers print it: {@code path:line:column}.
 * Positions are not part of a model's equality: a {@link Change} compares its operation only.
 */
public record SourceSpan(Path file, int line, int column) {

  public static SourceSpan of(Path file, int line, int column) {
    return new SourceSpan(file, line, column);
  }

  /** The start of a file, for problems that belong to the whole file. */
  public static SourceSpan startOf(Path file) {
    return new SourceSpan(file, 1, 1);
  }

  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
