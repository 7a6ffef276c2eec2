package dev.migrate.schema;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Predicate;

/**
 * The names PostgreSQL gives constraints and indexes the author did not name, made as
 * PostgreSQL's {@code makeObjectName} and {@code ChooseConstraintName} make them, so the
 * model's names are the database's: {@code users_pkey}, {@code users_email_key},
 * {@code orders_user_id_fkey}, {@code orders_total_check}; on a clash a number goes after the
 * label ({@code users_email_key1}); a name longer than 63 bytes loses bytes from the longer of
 * its two parts first.
 */
public final class ObjectNames {

  /** PostgreSQL's NAMEDATALEN - 1: the longest identifier, in bytes. */
  public static final int MAX_BYTES = 63;

  private ObjectNames() {}

  /**
   * {@code name1_name2_label}, truncated to 63 bytes as PostgreSQL truncates it.
   *
   * @param name2 null for none ({@code users_pkey})
   */
  public static String make(String name1, String name2, String label) {
    byte[] first = name1.getBytes(StandardCharsets.UTF_8);
    byte[] second = name2 == null ? new byte[0] : name2.getBytes(StandardCharsets.UTF_8);
    int overhead = (name2 == null ? 0 : 1) + (label == null ? 0 : label.getBytes(StandardCharsets.UTF_8).length + 1);
    int available = MAX_BYTES - overhead;
    int n1 = first.length;
    int n2 = second.length;
    // truncate the longer name first, as makeObjectName does
    while (n1 + n2 > available) {
      if (n1 > n2) {
        n1--;
      } else {
        n2--;
      }
    }
    StringBuilder out = new StringBuilder(clip(name1, n1));
    if (name2 != null) {
      out.append('_').append(clip(name2, n2));
    }
    if (label != null) {
      out.append('_').append(label);
    }
    return out.toString();
  }

  /**
   * The first of {@code name1_name2_label}, {@code name1_name2_label1}, {@code ..._label2} that
   * is not {@code taken}, as ChooseConstraintName and ChooseRelationName pick one.
   */
  public static String choose(String name1, String name2, String label, Predicate<String> taken) {
    String name = make(name1, name2, label);
    for (int pass = 1; taken.test(name); pass++) {
      name = make(name1, name2, label + pass);
    }
    return name;
  }

  /**
   * The column part of a generated name: column names joined by {@code _}, stopping once it
   * reaches 63 bytes (ChooseIndexNameAddition, ChooseForeignKeyConstraintNameAddition).
   */
  public static String columnsPart(List<String> columns) {
    StringBuilder out = new StringBuilder();
    for (String column : columns) {
      if (out.length() > 0) {
        out.append('_');
      }
      out.append(column);
      if (out.toString().getBytes(StandardCharsets.UTF_8).length >= MAX_BYTES + 1) {
        break;
      }
    }
    return out.toString();
  }

  /** An identifier as PostgreSQL stores it: at most 63 bytes, cut at a character boundary. */
  public static String truncate(String identifier) {
    // a UTF-16 char is at most 3 UTF-8 bytes, so 21 chars always fit
    return identifier == null || identifier.length() <= MAX_BYTES / 3 ? identifier : clip(identifier, MAX_BYTES);
  }

  /** Every name of the list as PostgreSQL stores it. */
  public static java.util.List<String> truncate(java.util.List<String> identifiers) {
    for (String identifier : identifiers) {
      if (!truncate(identifier).equals(identifier)) {
        return identifiers.stream().map(ObjectNames::truncate).toList();
      }
    }
    return java.util.List.copyOf(identifiers);
  }

  /** The longest prefix of {@code text} of at most {@code maxBytes} UTF-8 bytes that ends on a character. */
  private static String clip(String text, int maxBytes) {
    int bytes = 0;
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (bytes + len > maxBytes) {
        break;
      }
      bytes += len;
      i += Character.charCount(cp);
    }
    return text.substring(0, i);
  }
}
