package dev.migrate.load;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrate.changelog.SourceSpan;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * One changelog file parsed into a JSON tree, whichever spelling it was written in: YAML and
 * XML files both become this, with the YAML keys, so one schema and one model reader serve
 * both.
 *
 * <p>{@code positions} maps a JSON Pointer to where it was written: for an object member the
 * start of its key ({@code /upgrade/0/create-table/columns/1/nullabel}), for a list entry the
 * start of its value, and {@code ""} for the root.
 */
public record Document(Path file, JsonNode root, Map<String, SourceSpan> positions) {

  public Document {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(root, "root");
    positions = Map.copyOf(positions);
  }

  /**
   * Where the node at {@code pointer} was written, or its nearest written ancestor, so a
   * diagnostic always has a place.
   */
  public SourceSpan at(String pointer) {
    String p = pointer;
    while (true) {
      SourceSpan span = positions.get(p);
      if (span != null) {
        return span;
      }
      if (p.isEmpty()) {
        return SourceSpan.startOf(file);
      }
      p = p.substring(0, p.lastIndexOf('/'));
    }
  }

  /** The pointer of a member {@code key} of the object at {@code parent}, escaped as RFC 6901 says. */
  public static String child(String parent, String key) {
    if (key.indexOf('~') < 0 && key.indexOf('/') < 0) {
      return parent + "/" + key;
    }
    return parent + "/" + key.replace("~", "~0").replace("/", "~1");
  }

  /** The pointer of entry {@code index} of the list at {@code parent}. */
  public static String child(String parent, int index) {
    return parent + "/" + index;
  }
}
