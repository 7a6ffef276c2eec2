package dev.migrate.graph;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** The known names nearest to a mistyped one, by edit distance, for "did you mean" in messages. */
public final class Suggestions {

  private Suggestions() {}

  /** Up to {@code limit} names within a few edits of {@code text}, nearest first, then by name. */
  public static List<String> nearest(String text, Collection<String> names, int limit) {
    int allowed = Math.max(2, text.length() / 3);
    record Scored(String name, int distance) {}
    List<Scored> scored = new ArrayList<>();
    for (String name : names) {
      int d = distance(text, name, allowed);
      if (d <= allowed) {
        scored.add(new Scored(name, d));
      }
    }
    scored.sort(Comparator.comparingInt(Scored::distance).thenComparing(Scored::name));
    return scored.stream().limit(limit).map(Scored::name).toList();
  }

  /** {@code "; did you mean a, b?"}, or {@code "."} when nothing is near: the end of a sentence either way. */
  public static String didYouMean(List<String> near) {
    return near.isEmpty() ? "." : "; did you mean " + String.join(", ", near) + "?";
  }

  /** Levenshtein distance, or {@code bound + 1} as soon as it must exceed {@code bound}. */
  private static int distance(String a, String b, int bound) {
    if (Math.abs(a.length() - b.length()) > bound) {
      return bound + 1;
    }
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      int rowMin = current[0];
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
        rowMin = Math.min(rowMin, current[j]);
      }
      if (rowMin > bound) {
        return bound + 1;
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
