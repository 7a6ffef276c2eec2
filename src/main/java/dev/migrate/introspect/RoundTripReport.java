package dev.migrate.introspect;

import java.util.List;
import java.util.Locale;

/**
 * What {@code migrate:verify} found: one step per revision, in topological order, then the
 * final downgrade and upgrade.
 */
public record RoundTripReport(List<Step> steps) {

  public RoundTripReport {
    steps = List.copyOf(steps);
  }

  public enum Result {
    OK,
    IRREVERSIBLE,
    FAILED;

    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * @param subject a revision id, or the final {@code downgrade to base} / {@code upgrade to heads}
   * @param message what happened ({@code after its downgrade, the database differs from before its upgrade})
   * @param differences for a failed comparison, every failing difference
   */
  public record Step(String subject, Result result, String message, List<Difference> differences) {

    public Step {
      differences = List.copyOf(differences);
    }

    static Step failed(String subject, String message, List<Difference> differences) {
      return new Step(subject, Result.FAILED, message, differences);
    }

    /** {@code 3f2a9c1e7b4d: failed: after its downgrade, ... : extra column public.users.nickname}. */
    @Override
    public String toString() {
      StringBuilder line = new StringBuilder(subject).append(": ");
      if (result == Result.FAILED) {
        line.append("failed: ");
      }
      line.append(message);
      differences.forEach(d -> line.append("\n  ").append(subject).append(": ").append(d.description()));
      return line.toString();
    }
  }

  public List<Step> failures() {
    return steps.stream().filter(s -> s.result() == Result.FAILED).toList();
  }

  public boolean failed() {
    return !failures().isEmpty();
  }
}
