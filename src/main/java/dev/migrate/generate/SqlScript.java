package dev.migrate.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SQL file (a {@code pg_dump --schema-only}, a project's {@code schema.sql}) split into the
 * statements to run one by one, each with the line it starts on. It knows what a plain split on
 * {@code ;} does not: quoted strings and identifiers, {@code E'...'} escapes, {@code --} and
 * nested block comments, dollar quoting ({@code $$ ... $$}, {@code $body$ ... $body$}) of
 * function bodies, the data lines of {@code COPY ... FROM stdin} up to {@code \.} (skipped:
 * a schema has no rows), and psql's backslash meta-commands such as {@code \restrict} and
 * {@code \connect}, which are psql's, not the server's, and are skipped with the line they
 * stand on.
 *
 * <pre>
 * SqlScript.split("create table t (id int);\n\\restrict abc\ncreate function f() returns int as $$ select 1; $$ language sql;")
 *   -> [Statement("create table t (id int)", 1), Statement("create function f() ... language sql", 3)]
 * </pre>
 */
public final class SqlScript {

  /** One statement, without its closing semicolon, and the 1-based line it starts on. */
  public record Statement(String sql, int line) {}

  private static final Pattern COPY_FROM_STDIN =
      Pattern.compile("(?is)^\\s*copy\\s.*\\sfrom\\s+stdin\\b.*");
  private static final Pattern DOLLAR_TAG = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)?\\$");

  private SqlScript() {}

  public static List<Statement> split(String text) {
    List<Statement> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int line = 1;
    int startLine = -1;
    int i = 0;
    int n = text.length();
    boolean lineStart = true;
    while (i < n) {
      char c = text.charAt(i);
      // a psql meta-command: a backslash first on its line, outside any statement
      if (lineStart && c == '\\' && current.toString().isBlank()) {
        int end = text.indexOf('\n', i);
        i = end < 0 ? n : end;
        continue;
      }
      lineStart = false;
      if (c == '\n') {
        line++;
        lineStart = true;
        current.append(c);
        i++;
        continue;
      }
      if (Character.isWhitespace(c)) {
        current.append(c);
        i++;
        continue;
      }
      if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
        int end = text.indexOf('\n', i);
        i = end < 0 ? n : end;
        continue;
      }
      if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
        int depth = 0;
        while (i < n) {
          if (text.startsWith("/*", i)) {
            depth++;
            i += 2;
          } else if (text.startsWith("*/", i)) {
            depth--;
            i += 2;
            if (depth == 0) {
              break;
            }
          } else {
            if (text.charAt(i) == '\n') {
              line++;
            }
            i++;
          }
        }
        current.append(' ');
        continue;
      }
      if (startLine < 0) {
        startLine = line;
      }
      if (c == ';') {
        String sql = current.toString().strip();
        if (!sql.isEmpty()) {
          out.add(new Statement(sql, startLine));
        }
        current.setLength(0);
        startLine = -1;
        i++;
        if (COPY_FROM_STDIN.matcher(sql).matches()) {
          // the data rows follow, up to a line that is only \.
          int end = text.indexOf("\n\\.", i);
          int stop = end < 0 ? n : text.indexOf('\n', end + 1);
          stop = stop < 0 ? n : stop;
          line += count(text, i, stop);
          i = stop;
          out.remove(out.size() - 1); // a schema has no rows: the copy itself is not run either
        }
        continue;
      }
      int end;
      if (c == '\'') {
        boolean escapes = i > 0 && (text.charAt(i - 1) == 'E' || text.charAt(i - 1) == 'e')
            && (i < 2 || !Character.isLetterOrDigit(text.charAt(i - 2)));
        end = closing(text, i, '\'', escapes);
      } else if (c == '"') {
        end = closing(text, i, '"', false);
      } else if (c == '$' && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)) && text.charAt(i - 1) != '_')) {
        Matcher m = DOLLAR_TAG.matcher(text).region(i, n);
        if (m.lookingAt()) {
          String tag = m.group();
          int close = text.indexOf(tag, i + tag.length());
          end = close < 0 ? n : close + tag.length();
        } else {
          end = i + 1;
        }
      } else {
        end = i + 1;
      }
      line += count(text, i, end);
      current.append(text, i, end);
      i = end;
    }
    String rest = current.toString().strip();
    if (!rest.isEmpty()) {
      out.add(new Statement(rest, startLine < 0 ? line : startLine));
    }
    return out.stream().filter(s -> !isTransactionControl(s.sql())).toList();
  }

  /**
   * BEGIN and COMMIT of a script that wraps itself in a transaction (Quartz's does): each
   * statement runs on its own here, so they would only warn or fail.
   */
  private static boolean isTransactionControl(String sql) {
    String word = sql.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    return word.equals("begin") || word.equals("commit") || word.equals("start transaction")
        || word.equals("begin transaction") || word.equals("end");
  }

  /** The index after the quote that closes the one at {@code start} (a doubled quote is one character). */
  private static int closing(String text, int start, char quote, boolean backslashEscapes) {
    int i = start + 1;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (backslashEscapes && c == '\\') {
        i += 2;
        continue;
      }
      if (c == quote) {
        if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return text.length();
  }

  private static int count(String text, int from, int to) {
    int lines = 0;
    for (int i = from; i < Math.min(to, text.length()); i++) {
      if (text.charAt(i) == '\n') {
        lines++;
      }
    }
    return lines;
  }
}
