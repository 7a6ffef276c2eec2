package dev.migrate.load;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The YAML of a new revision file, as {@code migrate:revision} and {@code migrate:merge}
 * write it: ids quoted (an all-digit id keeps its leading zeros), the schema line for IDEs.
 *
 * <pre>
 * RevisionTemplate.yaml("3f2a9c1e7b4d", List.of("8b1c0d2e4f6a"), List.of(), List.of(), "add csat surveys")
 * </pre>
 */
public final class RevisionTemplate {

  private static final SecureRandom RANDOM = new SecureRandom();

  private RevisionTemplate() {}

  /** A new 12-hex id, as Alembic makes them, that {@code taken} does not already hold. */
  public static String newId(Predicate<String> taken) {
    byte[] bytes = new byte[6];
    String id;
    do {
      RANDOM.nextBytes(bytes);
      id = HexFormat.of().formatHex(bytes);
    } while (taken.test(id));
    return id;
  }

  /** {@code <revision>_<slug>.yaml}: the slug is the message in lowercase words joined by underscores. */
  public static String fileName(String id, String message) {
    String slug = message.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
    if (slug.length() > 40) {
      slug = slug.substring(0, 40).replaceAll("_+$", "");
    }
    return slug.isEmpty() ? id + ".yaml" : id + "_" + slug + ".yaml";
  }

  /** The file's text: a revision with an empty upgrade, ready for the author to fill in. */
  public static String yaml(String id, List<String> downRevisions, List<String> branchLabels,
      List<String> dependsOn, String message) {
    StringBuilder out = new StringBuilder();
    out.append("# yaml-language-server: $schema=https://migrate.dev/changelog-schema/changelog.schema.json\n");
    out.append("revision: ").append(quote(id)).append('\n');
    if (downRevisions.isEmpty()) {
      out.append("down-revision: null\n");
    } else if (downRevisions.size() == 1) {
      out.append("down-revision: ").append(quote(downRevisions.get(0))).append('\n');
    } else {
      out.append("down-revision: ").append(list(downRevisions)).append('\n');
    }
    if (!branchLabels.isEmpty()) {
      out.append("branch-labels: ").append(list(branchLabels)).append('\n');
    }
    if (!dependsOn.isEmpty()) {
      out.append("depends-on: ").append(list(dependsOn)).append('\n');
    }
    out.append("message: ").append(quote(message)).append('\n');
    out.append("upgrade: []\n");
    out.append("# downgrade: derived from the upgrade unless written here, or `downgrade: irreversible`\n");
    return out.toString();
  }

  private static String list(List<String> values) {
    return values.stream().map(RevisionTemplate::quote).collect(Collectors.joining(", ", "[", "]"));
  }

  /** A YAML double-quoted scalar, escaping what YAML must not see raw. */
  public static String quote(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\x%02x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
