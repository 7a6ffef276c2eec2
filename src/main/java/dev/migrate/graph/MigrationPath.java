package dev.migrate.graph;

import java.util.List;

/** An ordered list of steps from the applied heads to a target, and the heads it leaves. */
public record MigrationPath(List<Step> steps, List<String> headsAfter) {

  public MigrationPath {
    steps = List.copyOf(steps);
    headsAfter = List.copyOf(headsAfter);
  }

  public boolean isEmpty() {
    return steps.isEmpty();
  }
}
