package dev.migrate.load;

import dev.migrate.changelog.SourceSpan;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The text of one file with its line starts, to move between the parser's line:column and
 * offsets. The SAX locator reports where an event ends (just after a start tag's {@code >}); a
 * diagnostic should point where the tag or attribute begins, so this finds those by looking
 * back and forth in the text.
 */
final class SourceText {

  private final Path file;
  private final String text;
  private final int[] lineStarts;

  SourceText(Path file, String text) {
    this.file = file;
    this.text = text;
    int[] starts = new int[16];
    int lines = 1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      // CR LF, LF and a lone CR each end a line, as the XML parser counts them.
      if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
        if (lines == starts.length) {
          starts = Arrays.copyOf(starts, lines * 2);
        }
        starts[lines++] = i + 1;
      }
    }
    this.lineStarts = Arrays.copyOf(starts, lines);
  }

  String text() {
    return text;
  }

  /** The offset of a 1-based line and column, clamped into the text. */
  int offset(int line, int column) {
    if (line < 1) {
      return 0;
    }
    if (line > lineStarts.length) {
      return text.length();
    }
    return Math.max(0, Math.min(text.length(), lineStarts[line - 1] + Math.max(column, 1) - 1));
  }

  SourceSpan span(int offset) {
    int clamped = Math.max(0, Math.min(offset, text.length()));
    int index = Arrays.binarySearch(lineStarts, clamped);
    int line = index >= 0 ? index : -index - 2;
    return SourceSpan.of(file, line + 1, clamped - lineStarts[line] + 1);
  }

  /** The {@code <} that opens the tag ending before {@code end}; '<' cannot occur inside a tag. */
  int tagStart(int end) {
    int i = Math.min(end, text.length()) - 1;
    while (i > 0 && text.charAt(i) != '<') {
      i--;
    }
    return Math.max(i, 0);
  }

  /** Where attribute {@code name} is written in the tag between {@code start} and {@code end}, or the tag's start. */
  int attribute(int start, int end, String name) {
    int limit = Math.min(end, text.length());
    for (int at = text.indexOf(name, start); at >= 0 && at + name.length() <= limit; at = text.indexOf(name, at + 1)) {
      if (at > start && Character.isWhitespace(text.charAt(at - 1)) && isFollowedByEquals(at + name.length(), limit)) {
        return at;
      }
    }
    return start;
  }

  private boolean isFollowedByEquals(int from, int limit) {
    int i = from;
    while (i < limit && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i < limit && text.charAt(i) == '=';
  }
}
