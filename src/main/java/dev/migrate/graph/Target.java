package dev.migrate.graph;

import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a run should go, as written after {@code -Dmigrate.target=}: {@code head}, {@code heads},
 * {@code base}, a revision id or a unique prefix of one, {@code <label>@head}, {@code +N} /
 * {@code -N} (relative to the current revision) and {@code <rev>+N} / {@code <rev>-N}
 * (relative to a given revision). {@link RevisionGraph} resolves a target against the graph
 * and the applied heads; {@link #toString()} gives the text back.
 */
public sealed interface Target {

  <R> R accept(Visitor<R> visitor);

  /** One method per form, so a new form fails to compile until every resolver handles it. */
  interface Visitor<R> {
    R visit(Head target);

    R visit(Heads target);

    R visit(Base target);

    R visit(Id target);

    R visit(BranchHead target);

    R visit(Relative target);

    R visit(RelativeTo target);
  }

  /** {@code head}: the single head; an error naming them all when there are several. */
  record Head() implements Target {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visit(this);
    }

    @Override
    public String toString() {
      return "head";
    }
  }

  /** {@code heads}: every head. */
  record Heads() implements Target {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visit(this);
    }

    @Override
    public String toString() {
      return "heads";
    }
  }

  /** {@code base}: before the first revision. */
  record Base() implements Target {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visit(this);
    }

    @Override
    public String toString() {
      return "base";
    }
  }

  /** A full revision id or a unique prefix of one. */
  record Id(String text) implements Target {
    public Id {
      Objects.requireNonNull(text, "text");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visit(this);
    }

    @Override
    public String toString() {
      return text;
    }
  }

  /** {@code <label>@head}: the head of the branch that starts at the revision with this label. */
  record BranchHead(String label) implements Target {
    public BranchHead {
      Objects.requireNonNull(label, "label");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visit(this);
    }

    @Override
    public String toString() {
      return label + "@head";
    }
  }

  /** {@code +N} or {@code -N}: N revisions up or down from the current revision. */
  record Relative(int steps) implements Target {
    public Relative {
      if (steps == 0) {
        throw new IllegalArgumentException("a relative target moves at least one revision");
      }
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visit(this);
    }

    @Override
    public String toString() {
      return (steps > 0 ? "+" : "") + steps;
    }
  }

  /** {@code <rev>+N} or {@code <rev>-N}: N revisions up or down from a given revision (id or prefix). */
  record RelativeTo(String revision, int steps) implements Target {
    public RelativeTo {
      Objects.requireNonNull(revision, "revision");
      if (steps == 0) {
        throw new IllegalArgumentException("a relative target moves at least one revision");
      }
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visit(this);
    }

    @Override
    public String toString() {
      return revision + (steps > 0 ? "+" : "") + steps;
    }
  }

  /** The forms a user may write, for messages. */
  String FORMS = "head, heads, base, a revision id or a unique prefix of one, <label>@head, +N, -N, <rev>+N, <rev>-N";

  /**
   * The target words a text that names no revision was probably meant as: a word near
   * {@code head}, {@code heads} or {@code base} ({@code hed} is {@code head}), and for a bare
   * number the relative form of the run's {@code direction} ({@code 1} is {@code +1} for an
   * upgrade, {@code -1} for a downgrade; none where no relative form fits, direction 0).
   */
  static List<String> nearestWords(String text, int direction) {
    if (text.matches("[0-9]+")) {
      return direction == 0 || text.matches("0+") ? List.of() : List.of((direction > 0 ? "+" : "-") + text);
    }
    return Suggestions.nearest(text, List.of("head", "heads", "base"), 1);
  }

  /**
   * Reads a target as a user writes it. Throws {@link GraphException} {@code invalid-target}
   * for anything else, listing the forms.
   */
  static Target parse(String text) {
    if (text == null || text.isBlank()) {
      throw invalid(text, "the target is empty");
    }
    String t = text.strip();
    switch (t) {
      case "head":
        return new Head();
      case "heads":
        return new Heads();
      case "base":
        return new Base();
      default:
        break;
    }
    Matcher relative = Pattern.compile("([0-9a-z_]*)([+-])([0-9]+)").matcher(t);
    if (relative.matches()) {
      int steps = steps(t, relative.group(2), relative.group(3));
      String revision = relative.group(1);
      return revision.isEmpty() ? new Relative(steps) : new RelativeTo(revision, steps);
    }
    int at = t.indexOf('@');
    if (at >= 0) {
      String label = t.substring(0, at);
      String rest = t.substring(at + 1);
      if (label.isEmpty() || !rest.equals("head")) {
        throw invalid(t, "a branch target is written <label>@head");
      }
      return new BranchHead(label);
    }
    if (t.matches("[0-9a-z_]+")) {
      return new Id(t);
    }
    throw invalid(t, "it is not a revision id (lowercase letters, digits and underscores)");
  }

  private static int steps(String text, String sign, String digits) {
    int n;
    try {
      n = Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      throw invalid(text, "the number of steps is too large");
    }
    if (n == 0) {
      throw invalid(text, "a relative target moves at least one revision (+1 or -1)");
    }
    return sign.equals("-") ? -n : n;
  }

  private static GraphException invalid(String text, String why) {
    return new GraphException("invalid-target",
        "cannot read the target '" + text + "': " + why + ". Write one of: " + FORMS + ".");
  }
}
