package dev.migrate.config;

import dev.migrate.MigrateException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code .env} file as docker compose and python-dotenv read it: {@code KEY=VALUE} lines,
 * an optional {@code export}, {@code #} comments, single quotes (taken literally) and double
 * quotes (with {@code \n}, {@code \"} and {@code \\} escapes). Lines of another shape are
 * skipped: the file belongs to other tools as well.
 */
final class DotEnv {

  private DotEnv() {}

  /** The variables of {@code file}, empty when there is no such file. */
  static Map<String, String> read(Path file) {
    if (!Files.isRegularFile(file)) {
      return Map.of();
    }
    try {
      return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new MigrateException("env-file", "cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  static Map<String, String> parse(List<String> lines) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String raw : lines) {
      String line = raw.strip();
      if (line.startsWith("export ")) {
        line = line.substring("export ".length()).strip();
      }
      int eq = line.indexOf('=');
      if (line.isEmpty() || line.startsWith("#") || eq <= 0) {
        continue;
      }
      String key = line.substring(0, eq).strip();
      if (!key.matches("[A-Za-z_][A-Za-z0-9_.]*")) {
        continue;
      }
      values.put(key, value(line.substring(eq + 1).strip()));
    }
    return values;
  }

  private static String value(String text) {
    if (text.length() >= 2 && text.charAt(0) == '\'' ) {
      int close = text.indexOf('\'', 1);
      return close > 0 ? text.substring(1, close) : text.substring(1);
    }
    if (!text.isEmpty() && text.charAt(0) == '"') {
      StringBuilder out = new StringBuilder();
      for (int i = 1; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '"') {
          break;
        }
        if (c == '\\' && i + 1 < text.length()) {
          char next = text.charAt(++i);
          out.append(next == 'n' ? '\n' : next == 't' ? '\t' : next);
        } else {
          out.append(c);
        }
      }
      return out.toString();
    }
    // an unquoted value ends at a comment that follows whitespace (a '#' inside a URL stays)
    int comment = text.indexOf(" #");
    int tab = text.indexOf("\t#");
    int end = comment < 0 ? tab : tab < 0 ? comment : Math.min(comment, tab);
    return (end < 0 ? text : text.substring(0, end)).strip();
  }
}
