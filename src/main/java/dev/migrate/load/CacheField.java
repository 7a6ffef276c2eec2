package dev.migrate.load;

/**
 * One field of a line in the plugin's cache files under {@code target/migrate}: tabs, line
 * breaks, commas and backslashes escaped, so fields split on tab and lists on comma.
 */
public final class CacheField {

  private CacheField() {}

  public static String escape(String text) {
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
        .replace(",", "\\c");
  }

  public static String unescape(String text) {
    if (text.indexOf('\\') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '\\' || i + 1 == text.length()) {
        out.append(c);
        continue;
      }
      char next = text.charAt(++i);
      out.append(switch (next) {
        case 't' -> '\t';
        case 'n' -> '\n';
        case 'r' -> '\r';
        case 'c' -> ',';
        default -> next;
      });
    }
    return out.toString();
  }
}
