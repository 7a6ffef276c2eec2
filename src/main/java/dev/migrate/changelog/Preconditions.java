package dev.migrate.changelog;

import java.util.List;

/** A revision's {@code preconditions}: checks, and what to do when one fails. */
public record Preconditions(OnFail onFail, List<Precondition> checks) {

  public enum OnFail {
    /** Stop the run with an error (the default). */
    FAIL,
    /** Record the revision as applied and run nothing. */
    SKIP
  }

  public Preconditions {
    onFail = onFail == null ? OnFail.FAIL : onFail;
    checks = List.copyOf(checks);
  }

  public static Preconditions none() {
    return new Preconditions(OnFail.FAIL, List.of());
  }

  public boolean isEmpty() {
    return checks.isEmpty();
  }
}
