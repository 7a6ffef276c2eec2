package dev.migrate.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Every lint rule, in the order of safety.md's table. */
public final class Rules {

  private Rules() {}

  public static List<Rule> all() {
    List<Rule> all = new ArrayList<>(ModelRules.all());
    all.addAll(LockRules.all());
    return List.copyOf(all);
  }

  public static Optional<Rule> byId(String id) {
    return all().stream().filter(r -> r.id().equals(id)).findFirst();
  }
}
