package dev.migrate.graph;

import dev.migrate.MigrateException;
import java.util.List;

/**
 * A run-time problem with the revision graph or a target: several heads where {@code head}
 * needs one, an unknown or ambiguous revision, a target on the wrong side of the current
 * revision. {@link #candidates()} holds the revision ids the message names (the heads, the
 * nearest ids, the ambiguous matches), so a caller can show them differently.
 *
 * <p>Codes: {@code multiple-heads}, {@code unknown-revision}, {@code ambiguous-revision},
 * {@code unknown-branch-label}, {@code unknown-applied-revision}, {@code invalid-target},
 * {@code target-below-current}, {@code target-above-current}, {@code ambiguous-relative},
 * {@code relative-out-of-range}.
 */
public class GraphException extends MigrateException {

  private static final long serialVersionUID = 1L;

  private final List<String> candidates;

  public GraphException(String code, String message, List<String> candidates) {
    super(code, message);
    this.candidates = List.copyOf(candidates);
  }

  public GraphException(String code, String message) {
    this(code, message, List.of());
  }

  public List<String> candidates() {
    return candidates;
  }
}
