package dev.migrate.load;

import dev.migrate.changelog.SourceSpan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;

/**
 * Where a revision file wrote one value of a top-level key, for the problems found only once
 * every file is read (an unknown {@code down-revision} is known only to the graph). The model
 * keeps no such places, so the file is read again: this happens only on the way to an error.
 *
 * <pre>
 * WrittenValue.locate(revision.at(), "down-revision", "0c9d8e7f6a5b") -> migrations/r2.yaml:2:16
 * </pre>
 */
public final class WrittenValue {

  private WrittenValue() {}

  /**
   * The place of {@code value} as written under the top-level {@code key} of the file of
   * {@code file} (a YAML scalar or list entry, or a word of an XML attribute); {@code file}
   * itself when the file cannot be read again or no longer holds the value.
   */
  public static SourceSpan locate(SourceSpan file, String key, String value) {
    Path path = file.file();
    String text;
    try {
      text = new String(ChangelogFiles.readChangelogFile(path), StandardCharsets.UTF_8);
    } catch (IOException | ChangelogFiles.Refused e) {
      return file;
    }
    boolean xml = ChangelogFiles.extension(path.getFileName().toString()).equals("xml");
    Document document = xml ? XmlReader.read(path, text, new ArrayList<>())
        : YamlReader.read(path, text, new ArrayList<>());
    if (document == null || !document.root().has(key)) {
      return file;
    }
    SourceSpan keyAt = document.at(Document.child("", key));
    int from = offset(text, keyAt);
    int at = word(text, value, from);
    return at < 0 ? keyAt : span(path, text, at);
  }

  /** The first occurrence of {@code word} at or after {@code from} that is a whole id, not part of a longer one. */
  private static int word(String text, String word, int from) {
    for (int i = text.indexOf(word, from); i >= 0; i = text.indexOf(word, i + 1)) {
      boolean startsWord = i == 0 || !idChar(text.charAt(i - 1));
      int end = i + word.length();
      if (startsWord && (end == text.length() || !idChar(text.charAt(end)))) {
        return i;
      }
    }
    return -1;
  }

  private static boolean idChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '-';
  }

  private static int offset(String text, SourceSpan span) {
    int offset = 0;
    for (int line = 1; line < span.line() && offset >= 0; line++) {
      offset = text.indexOf('\n', offset) + 1;
      if (offset == 0) {
        return text.length();
      }
    }
    return Math.min(text.length(), offset + span.column() - 1);
  }

  private static SourceSpan span(Path file, String text, int offset) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return SourceSpan.of(file, line, offset - lineStart + 1);
  }
}
