package dev.migrate.graph;

/** Where a run should go: head, heads, base, a revision, label@head, +N, -N, rev+N. (Skeleton.) */
public sealed interface Target {

  record Head() implements Target {}

  static Target parse(String text) {
    throw new UnsupportedOperationException("Target.parse: not built yet: " + text);
  }
}
