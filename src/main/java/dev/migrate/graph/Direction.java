package dev.migrate.graph;

/** Which way a step crosses a revision. */
public enum Direction {
  UP, DOWN
}
