package dev.migrate.config;

import dev.migrate.MigrateException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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

  /** A {@code .env} holds a few variables; anything larger is not one, and is not read whole. */
  static final int MAX_BYTES = 1 << 20;

  /**
   * The variables of {@code file}, empty when there is no such file. Only a regular file (or a
   * link to one) is read: a FIFO would block the build until something writes to it, a device
   * may never end, and skipping either silently would fall back to the embedded database.
   */
  static Map<String, String> read(Path file) {
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      return Map.of();
    }
    if (!Files.isRegularFile(file)) {
      throw new MigrateException("env-file", file + " is not a regular file (a FIFO, a device, a directory or a"
          + " broken link), so it is not read; make it a file of KEY=VALUE lines, or remove it and set the URL"
          + " another way (-Dmigrate.url, MIGRATE_URL or DATABASE_URL)");
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(MAX_BYTES + 1); // bounded: the file may grow after it was looked at
      if (bytes.length > MAX_BYTES) {
        throw new MigrateException("env-file", file + " is larger than the limit of " + MAX_BYTES + " bytes (1 MiB)"
            + " for a .env file, so it is not read; keep only KEY=VALUE lines in it");
      }
      return parse(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString().lines().toList());
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
