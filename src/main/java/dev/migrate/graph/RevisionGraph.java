package dev.migrate.graph;

import dev.migrate.changelog.Revision;
import dev.migrate.changelog.SourceSpan;
import dev.migrate.load.ChangelogException;
import dev.migrate.load.Diagnostic;
import dev.migrate.load.WrittenValue;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The immutable graph of revisions, with Alembic's words and semantics: a <em>base</em> has no
 * down-revision, a <em>head</em> no revision naming it as down-revision, a <em>branch point</em>
 * has several children, a <em>merge point</em> several down-revisions. {@code depends-on}
 * orders revisions like a parent does without being one: it never makes a merge. A revision
 * without children that another revision depends on is not a head but an "effective head"
 * (Alembic's word): upgrading to the heads applies it anyway, so {@code head} ignores it.
 *
 * <p>The version table holds one row per applied head, as {@code alembic_version} does: the
 * applied revisions that no other applied revision names as down-revision or depends-on.
 * {@link #upgrade} and {@link #downgrade} return the steps with the exact rows each removes
 * and adds.
 *
 * <p>Order: {@link #topologicalOrder()} puts down-revisions and depends-on first. Among the
 * revisions that are ready, it continues with a child of the revision it just placed (so one
 * branch stays together), and otherwise takes the smallest id. The order depends only on the
 * graph, never on the order of files.
 *
 * <pre>{@code
 * RevisionGraph graph = RevisionGraph.of(changelog.revisions());
 * MigrationPath path = graph.upgrade(List.of("8b1c0d2e4f6a"), Target.parse("head"));
 * }</pre>
 */
public final class RevisionGraph {

  private static final int BASE = -1;

  /** Revisions in topological order; every index below is a position in this list. */
  private final List<Revision> order;
  private final Map<String, Integer> position;
  /** Down-revisions, as declared. */
  private final int[][] parents;
  /** Down-revisions then depends-on: everything that must be applied first. */
  private final int[][] requires;
  /** Revisions naming this one as down-revision, in topological order. */
  private final int[][] children;
  /** Revisions naming this one as down-revision or depends-on, in topological order. */
  private final int[][] requiredBy;
  private final String[] sortedIds;
  /** Branch label to the revision that declares it. */
  private final Map<String, String> labels;
  /** Labels in effect at each revision: its own and those of its ancestors. */
  private final List<List<String>> effectiveLabels;
  private final List<String> heads;
  private final List<String> bases;

  private RevisionGraph(List<Revision> order, Map<String, Integer> position, int[][] parents, int[][] requires,
      Map<String, String> labels) {
    this.order = order;
    this.position = position;
    this.parents = parents;
    this.requires = requires;
    this.children = invert(parents);
    this.requiredBy = invert(requires);
    this.sortedIds = position.keySet().stream().sorted().toArray(String[]::new);
    this.labels = Collections.unmodifiableMap(new TreeMap<>(labels));
    this.effectiveLabels = effectiveLabels();
    List<String> h = new ArrayList<>();
    List<String> b = new ArrayList<>();
    for (int i = 0; i < order.size(); i++) {
      if (requiredBy[i].length == 0) {
        h.add(order.get(i).id());
      }
      if (parents[i].length == 0) {
        b.add(order.get(i).id());
      }
    }
    this.heads = sorted(h);
    this.bases = sorted(b);
  }

  /**
   * Builds the graph, or throws one {@link ChangelogException} listing every problem, each at
   * its revision's file: a duplicate id (naming both files), an unknown down-revision or
   * depends-on, a cycle (naming it), a duplicate or malformed branch label, a reserved or
   * malformed id.
   */
  public static RevisionGraph of(List<Revision> revisions) {
    List<Diagnostic> problems = new ArrayList<>();
    Map<String, Revision> byId = new LinkedHashMap<>();
    Map<String, Revision> labelOwners = new LinkedHashMap<>();
    for (Revision r : revisions) {
      checkId(r, problems);
      Revision first = byId.putIfAbsent(r.id(), r);
      if (first != null) {
        problems.add(Diagnostic.error(where(r, "revision", r.id()), "duplicate-revision",
            "revision '" + r.id() + "' is defined twice: in " + file(first) + " and in " + file(r)
                + "; give one of them a new id and point its children's down-revision at it"));
        continue;
      }
      for (String label : r.branchLabels().isEmpty() ? List.<String>of() : new LinkedHashSet<>(r.branchLabels())) {
        checkLabel(r, label, labelOwners, problems);
      }
    }
    for (Revision r : byId.values()) {
      checkReferences(r, r.downRevisions(), "down-revision", "unknown-down-revision", byId, problems);
      checkReferences(r, r.dependsOn(), "depends-on", "unknown-depends-on", byId, problems);
    }
    List<String> ids = new ArrayList<>(byId.keySet());
    Collections.sort(ids);
    Map<String, Integer> idIndex = new HashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      idIndex.put(ids.get(i), i);
    }
    int n = ids.size();
    int[][] requiresById = new int[n][];
    for (int i = 0; i < n; i++) {
      Revision r = byId.get(ids.get(i));
      requiresById[i] = indices(r.downRevisions(), r.dependsOn(), idIndex);
    }
    int[] sequence = sort(requiresById);
    if (sequence.length < n) {
      reportCycles(requiresById, sequence, ids, byId, problems);
    }
    if (!problems.isEmpty()) {
      throw new ChangelogException(problems);
    }
    List<Revision> order = new ArrayList<>(n);
    Map<String, Integer> position = new HashMap<>();
    for (int id : sequence) {
      Revision r = byId.get(ids.get(id));
      position.put(r.id(), order.size());
      order.add(r);
    }
    int[][] parents = new int[n][];
    int[][] requires = new int[n][];
    for (int i = 0; i < n; i++) {
      Revision r = order.get(i);
      parents[i] = indices(r.downRevisions(), List.of(), position);
      requires[i] = indices(r.downRevisions(), r.dependsOn(), position);
    }
    Map<String, String> labels = new LinkedHashMap<>();
    labelOwners.forEach((label, r) -> labels.put(label, r.id()));
    return new RevisionGraph(List.copyOf(order), position, parents, requires, labels);
  }

  // ---------------------------------------------------------------- queries

  /** Every revision, down-revisions and depends-on first (see the class comment for ties). */
  public List<Revision> topologicalOrder() {
    return order;
  }

  public int size() {
    return order.size();
  }

  public boolean contains(String id) {
    return position.containsKey(id);
  }

  /** The revision with exactly this id; {@code unknown-revision} naming the nearest ids otherwise. */
  public Revision revision(String id) {
    Integer i = position.get(id);
    if (i == null) {
      throw unknownRevision(id);
    }
    return order.get(i);
  }

  /** Revisions no other revision names as down-revision or depends-on, by id. */
  public List<String> heads() {
    return heads;
  }

  /** Revisions without a down-revision, by id. */
  public List<String> bases() {
    return bases;
  }

  /** Revisions naming this one as down-revision, by id. */
  public List<String> children(String id) {
    return sorted(ids(children[index(id)]));
  }

  /** Revisions naming this one in depends-on, by id. */
  public List<String> dependents(String id) {
    int i = index(id);
    List<String> result = new ArrayList<>();
    for (int d : requiredBy[i]) {
      if (Arrays.stream(parents[d]).noneMatch(p -> p == i)) {
        result.add(order.get(d).id());
      }
    }
    return sorted(result);
  }

  /** Nothing names it as down-revision or depends-on. */
  public boolean isHead(String id) {
    return requiredBy[index(id)].length == 0;
  }

  public boolean isBase(String id) {
    return parents[index(id)].length == 0;
  }

  public boolean isBranchPoint(String id) {
    return children[index(id)].length > 1;
  }

  public boolean isMergePoint(String id) {
    return parents[index(id)].length > 1;
  }

  /**
   * No revision follows it, but another depends on it: Alembic's "effective head". Not in
   * {@link #heads()}: applying its dependents applies it and folds its version-table row.
   */
  public boolean isEffectiveHead(String id) {
    int i = index(id);
    return children[i].length == 0 && requiredBy[i].length > 0;
  }

  /** Each branch label and the revision that declares it (where the branch starts), by label. */
  public Map<String, String> branchLabels() {
    return labels;
  }

  /**
   * The branch labels in effect at a revision: its own and those of every ancestor, as Alembic
   * carries a label down its branch. Sorted.
   */
  public List<String> branchLabelsOf(String id) {
    return effectiveLabels.get(index(id));
  }

  /** The head of the branch named {@code label}; an error when the branch has several heads. */
  public String branchHead(String label) {
    return order.get(branchHeadIndex(label)).id();
  }

  /**
   * The applied revisions, given the version table's rows: the rows and everything they
   * require, in topological order.
   */
  public List<Revision> applied(Collection<String> appliedHeads) {
    BitSet applied = state(appliedHeads).applied;
    List<Revision> result = new ArrayList<>(applied.cardinality());
    for (int i = applied.nextSetBit(0); i >= 0; i = applied.nextSetBit(i + 1)) {
      result.add(order.get(i));
    }
    return result;
  }

  /**
   * One revision, as a user names it: a full id, a unique prefix, {@code head} (the single
   * head), {@code <label>@head} or {@code <rev>+N}/{@code <rev>-N}. Errors:
   * {@code unknown-revision} with the nearest ids, {@code ambiguous-revision} with the
   * candidates, {@code multiple-heads}, {@code invalid-target} for forms naming no single
   * revision ({@code heads}, {@code base}, {@code +N}).
   */
  public String resolve(String text) {
    Target target = Target.parse(text);
    int[] found = target instanceof Target.Heads ? null : target.accept(new Destinations(null, 0));
    if (found == null || found.length != 1) {
      throw new GraphException("invalid-target", "'" + text + "' does not name one revision; give a revision id,"
          + " a unique prefix of one, head or <label>@head");
    }
    return order.get(found[0]).id();
  }

  // ---------------------------------------------------------------- paths

  /**
   * The steps that bring a database whose version table holds {@code appliedHeads} up to
   * {@code target}, in execution order (down-revisions and depends-on first), each with the
   * rows it removes from and adds to the version table. Empty when the target is reached.
   * A target already applied with applied revisions above it is {@code target-below-current}.
   */
  public MigrationPath upgrade(Collection<String> appliedHeads, Target target) {
    if (target instanceof Target.Relative relative && relative.steps() < 0) {
      throw new GraphException("invalid-target", "'" + target + "' moves down: migrate:upgrade takes +N;"
          + " use migrate:downgrade -Dmigrate.target=" + target);
    }
    State state = state(appliedHeads);
    int[] targets = target.accept(new Destinations(state, 1));
    if (targets == null) {
      targets = new int[0];
    }
    for (int t : targets) {
      if (state.applied.get(t) && Arrays.stream(children[t]).anyMatch(state.applied::get)) {
        throw new GraphException("target-below-current", "cannot upgrade to " + describe(target, t)
            + ": it is already applied and the database is past it (current: " + String.join(", ", state.rows)
            + "); to go back, run migrate:downgrade -Dmigrate.target=" + order.get(t).id(),
            List.of(order.get(t).id()));
      }
    }
    BitSet wanted = closure(targets, requires);
    wanted.andNot(state.applied);
    List<Step> steps = new ArrayList<>(wanted.cardinality());
    for (int i = wanted.nextSetBit(0); i >= 0; i = wanted.nextSetBit(i + 1)) {
      String id = order.get(i).id();
      List<String> removed = new ArrayList<>(1);
      for (int p : requires[i]) {
        if (state.rows.remove(order.get(p).id())) {
          removed.add(order.get(p).id());
        }
      }
      state.rows.add(id);
      state.applied.set(i);
      steps.add(new Step(order.get(i), Direction.UP, removed, List.of(id)));
    }
    return new MigrationPath(steps, List.copyOf(state.rows));
  }

  /**
   * The steps that bring a database whose version table holds {@code appliedHeads} down to
   * {@code target}: every applied revision that requires the target (through down-revisions
   * or depends-on) is undone, newest first; other branches stay. {@code base} undoes all.
   * A target that is not applied is {@code target-above-current}.
   */
  public MigrationPath downgrade(Collection<String> appliedHeads, Target target) {
    if (target instanceof Target.Relative relative && relative.steps() > 0) {
      throw new GraphException("invalid-target", "'" + target + "' moves up: migrate:downgrade takes -N;"
          + " use migrate:upgrade -Dmigrate.target=" + target);
    }
    State state = state(appliedHeads);
    int[] targets = target.accept(new Destinations(state, -1));
    int[] walkedFrom = walkStart(target, state);
    BitSet undo;
    if (targets == null && walkedFrom == null) {
      undo = (BitSet) state.applied.clone();
    } else {
      targets = targets == null ? new int[0] : targets;
      for (int t : targets) {
        if (!state.applied.get(t)) {
          throw new GraphException("target-above-current", "cannot downgrade to " + describe(target, t)
              + ": it is not applied (current: " + (state.rows.isEmpty() ? "base" : String.join(", ", state.rows))
              + "); to go forward, run migrate:upgrade -Dmigrate.target=" + order.get(t).id(),
              List.of(order.get(t).id()));
        }
      }
      BitSet above = closure(targets, requiredBy);
      if (walkedFrom != null) {
        // <rev>-N undoes the N revisions walked down from rev (and what was applied on top of
        // them), not every revision above the one it reaches: b1-1 next to a sibling branch c1
        // undoes b1 only, though both branches leave the revision one below b1
        BitSet walked = closure(walkedFrom, requires);
        if (targets.length > 0) {
          walked.and(above);
        }
        for (int t : targets) {
          walked.clear(t);
        }
        above = closure(walked.stream().toArray(), requiredBy);
      }
      undo = above;
      for (int t : targets) {
        undo.clear(t);
      }
      undo.and(state.applied);
    }
    List<Step> steps = new ArrayList<>(undo.cardinality());
    for (int i = undo.previousSetBit(order.size() - 1); i >= 0; i = undo.previousSetBit(i - 1)) {
      String id = order.get(i).id();
      state.rows.remove(id);
      state.applied.clear(i);
      List<String> added = new ArrayList<>(1);
      for (int p : requires[i]) {
        String parent = order.get(p).id();
        if (state.applied.get(p) && Arrays.stream(requiredBy[p]).noneMatch(state.applied::get)
            && state.rows.add(parent)) {
          added.add(parent);
        }
      }
      steps.add(new Step(order.get(i), Direction.DOWN, List.of(id), added));
    }
    return new MigrationPath(steps, List.copyOf(state.rows));
  }

  /**
   * The rows the version table should hold after {@code migrate:stamp target}, as Alembic
   * stamps: the target's revisions replace the applied heads on their lineage (ancestors or
   * descendants); applied heads of unrelated branches stay. {@code base} empties the table.
   * For {@code -Dmigrate.purge}, pass no applied heads. Sorted by id.
   */
  public List<String> headsFor(Target target, Collection<String> appliedHeads) {
    State state = state(appliedHeads);
    int direction = target instanceof Target.Relative relative ? Integer.signum(relative.steps()) : 1;
    int[] targets = target.accept(new Destinations(state, direction));
    if (targets == null) {
      return List.of();
    }
    BitSet lineage = closure(targets, requires);
    lineage.or(closure(targets, requiredBy));
    List<Integer> kept = new ArrayList<>();
    for (String row : state.rows) {
      int i = position.get(row);
      if (!lineage.get(i)) {
        kept.add(i);
      }
    }
    for (int t : targets) {
      kept.add(t);
    }
    int[] candidates = kept.stream().mapToInt(Integer::intValue).toArray();
    // a candidate that another candidate requires is applied but not a row
    BitSet below = closure(kept.stream().flatMapToInt(c -> Arrays.stream(requires[c])).toArray(), requires);
    TreeSet<String> result = new TreeSet<>();
    for (int c : candidates) {
      if (!below.get(c)) {
        result.add(order.get(c).id());
      }
    }
    return List.copyOf(result);
  }

  // ---------------------------------------------------------------- target resolution

  /** The version table's rows and the applied revisions they imply. */
  private static final class State {
    final TreeSet<String> rows;
    final BitSet applied;

    State(TreeSet<String> rows, BitSet applied) {
      this.rows = rows;
      this.applied = applied;
    }
  }

  private State state(Collection<String> appliedHeads) {
    TreeSet<String> rows = new TreeSet<>();
    int[] starts = new int[appliedHeads.size()];
    int k = 0;
    for (String head : appliedHeads) {
      Integer i = position.get(head);
      if (i == null) {
        List<String> near = Suggestions.nearest(head, position.keySet(), 3);
        throw new GraphException("unknown-applied-revision", "the version table names revision '" + head
            + "', which the changelog does not have" + (near.isEmpty() ? "" : " (nearest: " + String.join(", ", near)
            + ")") + ". Check out the branch that has it, run mvn clean if this is the embedded database, or set"
            + " the version table with migrate:stamp", near);
      }
      rows.add(head);
      starts[k++] = i;
    }
    return new State(rows, closure(starts, requires));
  }

  /**
   * Resolves a target to revision positions; {@code null} means base. {@code state} is null
   * when no current revision is known (then relative targets have nothing to start from);
   * {@code direction} says which way a bare {@code +N}/{@code -N} walks.
   */
  private final class Destinations implements Target.Visitor<int[]> {
    private final State state;
    private final int direction;

    Destinations(State state, int direction) {
      this.state = state;
      this.direction = direction;
    }

    @Override
    public int[] visit(Target.Head target) {
      if (heads.isEmpty()) {
        return null;
      }
      if (heads.size() > 1) {
        throw multipleHeads("the changelog has " + heads.size() + " heads", heads);
      }
      return new int[] {position.get(heads.get(0))};
    }

    @Override
    public int[] visit(Target.Heads target) {
      return heads.stream().mapToInt(position::get).toArray();
    }

    @Override
    public int[] visit(Target.Base target) {
      return null;
    }

    @Override
    public int[] visit(Target.Id target) {
      return new int[] {resolveId(target.text(), direction)};
    }

    @Override
    public int[] visit(Target.BranchHead target) {
      return new int[] {branchHeadIndex(target.label())};
    }

    @Override
    public int[] visit(Target.Relative target) {
      if (state == null) {
        return null;
      }
      int steps = target.steps();
      if (state.rows.isEmpty()) {
        return wrap(walk(BASE, steps, target));
      }
      if (state.rows.size() > 1 && steps < 0) {
        throw new GraphException("ambiguous-relative", "'" + target + "' is ambiguous: the database has "
            + state.rows.size() + " current heads (" + String.join(", ", state.rows) + "); name the revision to go"
            + " down to, such as -Dmigrate.target=" + state.rows.first() + "-" + (-steps), List.copyOf(state.rows));
      }
      int[] reached = null;
      for (String row : state.rows) {
        int[] end = walk(position.get(row), steps, target);
        if (reached != null && !Arrays.equals(reached, end)) {
          throw new GraphException("ambiguous-relative", "'" + target + "' is ambiguous: from the current heads "
              + String.join(", ", state.rows) + " it leads to different revisions; name the target, such as"
              + " <label>@head or a revision id", List.copyOf(state.rows));
        }
        reached = end;
      }
      return wrap(reached);
    }

    @Override
    public int[] visit(Target.RelativeTo target) {
      int start = resolveId(target.revision(), 0);
      return wrap(walk(start, target.steps(), target));
    }

    private int[] wrap(int[] reached) {
      if (reached[0] == BASE) {
        if (direction > 0) {
          throw new GraphException("relative-out-of-range", "the target is below base; nothing to upgrade to");
        }
        return null;
      }
      return reached;
    }
  }

  /**
   * Where a downward walk starts ({@code <rev>-N}: rev; {@code -N}: the single current head);
   * null for any other target, {@code <rev>+N} included: it names a revision to go down to.
   */
  private int[] walkStart(Target target, State state) {
    if (target instanceof Target.RelativeTo relativeTo && relativeTo.steps() < 0) {
      return new int[] {resolveId(relativeTo.revision(), 0)};
    }
    if (target instanceof Target.Relative && state.rows.size() == 1) {
      return new int[] {position.get(state.rows.first())};
    }
    return null;
  }

  /**
   * Walks {@code steps} revisions up (children) or down (down-revisions) from {@code start}
   * ({@link #BASE} is below every base), as Alembic's relative targets do: a fork on the way is
   * {@code ambiguous-relative}, running off the graph {@code relative-out-of-range}. Unlike
   * Alembic, the last step down from a merge point is not a fork: it reaches all its parents.
   */
  private int[] walk(int start, int steps, Target target) {
    int at = start;
    for (int taken = 0; taken < Math.abs(steps); taken++) {
      if (steps < 0 && taken == -steps - 1 && at != BASE && parents[at].length > 1) {
        return parents[at]; // one step down from a merge point: undo the merge, back to all its parents
      }
      int[] next;
      if (steps > 0) {
        next = at == BASE ? bases.stream().mapToInt(position::get).toArray() : children[at];
      } else {
        if (at == BASE) {
          throw new GraphException("relative-out-of-range", "'" + target + "' goes below base: only " + taken
              + " revision" + (taken == 1 ? "" : "s") + " below the start");
        }
        next = parents[at].length == 0 ? new int[] {BASE} : parents[at];
      }
      String from = at == BASE ? "base" : order.get(at).id();
      if (next.length == 0) {
        throw new GraphException("relative-out-of-range", "'" + target + "' goes past the head " + from + ": only "
            + taken + " revision" + (taken == 1 ? "" : "s") + " above the start", List.of(from));
      }
      if (next.length > 1 && steps < 0) {
        // the way down forks at a merge: undo the merge first, then the branch the user means
        List<String> options = sorted(ids(next));
        int remaining = -steps - taken - 1;
        throw new GraphException("ambiguous-relative", "'" + target + "' is ambiguous: " + from + " is a merge of "
            + String.join(", ", options) + "; go down in two runs: -Dmigrate.target=" + from + "-1 (undoes " + from
            + (taken > 0 ? " and what is above it" : "") + "), then one of " + options.stream()
            .map(o -> "-Dmigrate.target=" + o + "-" + remaining).collect(Collectors.joining(", ")), options);
      }
      if (next.length > 1) {
        List<String> options = sorted(ids(next));
        String fork = steps > 0 ? from + " branches into " : from + " is a merge of ";
        throw new GraphException("ambiguous-relative", "'" + target + "' is ambiguous: " + fork
            + String.join(", ", options) + "; name the target, such as <label>@head or a revision id", options);
      }
      at = next[0];
    }
    return new int[] {at};
  }

  /** {@code direction}: which relative form a bare number was probably meant as (+1, -1; 0 for none). */
  private int resolveId(String text, int direction) {
    Integer exact = position.get(text);
    if (exact != null) {
      return exact;
    }
    int from = Arrays.binarySearch(sortedIds, text);
    from = from < 0 ? -from - 1 : from;
    List<String> matches = new ArrayList<>();
    for (int i = from; i < sortedIds.length && sortedIds[i].startsWith(text); i++) {
      matches.add(sortedIds[i]);
    }
    if (matches.size() == 1) {
      return position.get(matches.get(0));
    }
    if (matches.isEmpty()) {
      throw unknownTarget(text, direction);
    }
    List<String> shown = matches.subList(0, Math.min(10, matches.size()));
    throw new GraphException("ambiguous-revision", "'" + text + "' is the start of " + matches.size()
        + " revision ids: " + String.join(", ", shown) + (matches.size() > shown.size() ? ", ..." : "")
        + "; give more characters of the id", shown);
  }

  /** As {@link #unknownRevision}, with the target words it is near: {@code hed} is {@code head}, {@code 1} is {@code +1}. */
  private GraphException unknownTarget(String text, int direction) {
    List<String> near = Suggestions.nearest(text, position.keySet(), 3);
    List<String> shown = new ArrayList<>(Target.nearestWords(text, direction));
    shown.addAll(near);
    return new GraphException("unknown-revision", "no revision '" + text + "' in the changelog"
        + Suggestions.didYouMean(shown.stream().map(s -> "'" + s + "'").toList())
        + " Run mvn migrate:history to list the revisions.", near);
  }

  private GraphException unknownRevision(String text) {
    List<String> near = Suggestions.nearest(text, position.keySet(), 3);
    return new GraphException("unknown-revision", "no revision '" + text + "' in the changelog"
        + Suggestions.didYouMean(near.stream().map(s -> "'" + s + "'").toList())
        + " Run mvn migrate:history to list the revisions.", near);
  }

  private int branchHeadIndex(String label) {
    String start = labels.get(label);
    if (start == null) {
      List<String> near = Suggestions.nearest(label, labels.keySet(), 3);
      throw new GraphException("unknown-branch-label", "no branch label '" + label + "' in the changelog"
          + Suggestions.didYouMean(near) + (labels.isEmpty() ? " It declares none: add branch-labels to the"
          + " revision where the branch starts." : " Known labels: " + String.join(", ", labels.keySet()) + "."),
          near);
    }
    BitSet branch = closure(new int[] {position.get(start)}, children);
    List<String> branchHeads = new ArrayList<>();
    List<String> effectiveHeads = new ArrayList<>();
    for (int i = branch.nextSetBit(0); i >= 0; i = branch.nextSetBit(i + 1)) {
      if (children[i].length == 0) {
        (requiredBy[i].length == 0 ? branchHeads : effectiveHeads).add(order.get(i).id());
      }
    }
    if (branchHeads.isEmpty()) {
      branchHeads = effectiveHeads; // the branch ends where another branch depends on it
    }
    if (branchHeads.size() > 1) {
      throw multipleHeads("branch '" + label + "' has " + branchHeads.size() + " heads", sorted(branchHeads));
    }
    return position.get(branchHeads.get(0));
  }

  private GraphException multipleHeads(String what, List<String> found) {
    String named = found.stream().map(h -> {
      List<String> l = effectiveLabels.get(position.get(h));
      return l.isEmpty() ? h : h + " (" + String.join(", ", l) + ")";
    }).collect(Collectors.joining(", "));
    return new GraphException("multiple-heads", what + ": " + named + "; 'head' needs exactly one. Use the target"
        + " 'heads' for all of them, <label>@head or a revision id for one, or join them with migrate:merge.",
        found);
  }

  private String describe(Target target, int resolved) {
    String id = order.get(resolved).id();
    return target.toString().equals(id) ? id : target + " (" + id + ")";
  }

  private int index(String id) {
    Integer i = position.get(id);
    if (i == null) {
      throw unknownRevision(id);
    }
    return i;
  }

  // ---------------------------------------------------------------- construction

  /** Everything reachable from {@code starts} along {@code edges}, the starts included. */
  private BitSet closure(int[] starts, int[][] edges) {
    BitSet seen = new BitSet(order.size());
    ArrayDeque<Integer> todo = new ArrayDeque<>();
    for (int s : starts) {
      if (!seen.get(s)) {
        seen.set(s);
        todo.push(s);
      }
    }
    while (!todo.isEmpty()) {
      for (int next : edges[todo.pop()]) {
        if (!seen.get(next)) {
          seen.set(next);
          todo.push(next);
        }
      }
    }
    return seen;
  }

  private List<List<String>> effectiveLabels() {
    List<List<String>> result = new ArrayList<>(order.size());
    for (int i = 0; i < order.size(); i++) {
      List<String> own = order.get(i).branchLabels();
      if (own.isEmpty() && parents[i].length == 1) {
        result.add(result.get(parents[i][0])); // shared: a chain carries one list, not a copy per revision
        continue;
      }
      TreeSet<String> all = new TreeSet<>(own);
      for (int p : parents[i]) {
        all.addAll(result.get(p));
      }
      result.add(List.copyOf(all));
    }
    return List.copyOf(result);
  }

  private List<String> ids(int[] indices) {
    List<String> result = new ArrayList<>(indices.length);
    for (int i : indices) {
      result.add(order.get(i).id());
    }
    return result;
  }

  private static List<String> sorted(List<String> ids) {
    List<String> copy = new ArrayList<>(ids);
    Collections.sort(copy);
    return List.copyOf(copy);
  }

  private static int[][] invert(int[][] edges) {
    int[] counts = new int[edges.length];
    for (int[] targets : edges) {
      for (int t : targets) {
        counts[t]++;
      }
    }
    int[][] inverted = new int[edges.length][];
    for (int i = 0; i < edges.length; i++) {
      inverted[i] = new int[counts[i]];
      counts[i] = 0;
    }
    for (int from = 0; from < edges.length; from++) {
      for (int to : edges[from]) {
        inverted[to][counts[to]++] = from;
      }
    }
    return inverted;
  }

  /** Positions of the known ids among {@code first} then {@code second}, each once, in the order written. */
  private static int[] indices(List<String> first, List<String> second, Map<String, Integer> index) {
    int[] found = new int[first.size() + second.size()];
    int count = 0;
    for (int k = 0; k < found.length; k++) {
      Integer i = index.get(k < first.size() ? first.get(k) : second.get(k - first.size()));
      if (i != null && !contains(found, count, i)) {
        found[count++] = i;
      }
    }
    return count == found.length ? found : Arrays.copyOf(found, count);
  }

  private static boolean contains(int[] values, int count, int value) {
    for (int k = 0; k < count; k++) {
      if (values[k] == value) {
        return true;
      }
    }
    return false;
  }

  /**
   * Kahn's algorithm over revisions numbered in id order: requirements first; among ready
   * revisions, a newly ready one that requires the revision just placed comes next (a branch
   * stays together), else the smallest id. Returns fewer than all when there is a cycle.
   */
  private static int[] sort(int[][] requires) {
    int n = requires.length;
    int[][] requiredBy = invert(requires);
    int[] waiting = new int[n];
    PriorityQueue<Integer> ready = new PriorityQueue<>();
    for (int i = 0; i < n; i++) {
      waiting[i] = requires[i].length;
      if (waiting[i] == 0) {
        ready.add(i);
      }
    }
    int[] sequence = new int[n];
    int placed = 0;
    int next = ready.isEmpty() ? -1 : ready.poll();
    while (next >= 0) {
      sequence[placed++] = next;
      int following = -1;
      for (int dependent : requiredBy[next]) { // ascending: invert() fills in index order
        if (--waiting[dependent] == 0) {
          if (following < 0) {
            following = dependent;
          } else {
            ready.add(dependent);
          }
        }
      }
      next = following >= 0 ? following : ready.isEmpty() ? -1 : ready.poll();
    }
    return Arrays.copyOf(sequence, placed);
  }

  /** Names each cycle among the revisions the sort could not place, at its smallest revision's file. */
  private static void reportCycles(int[][] requires, int[] sequence, List<String> ids, Map<String, Revision> byId,
      List<Diagnostic> problems) {
    BitSet left = new BitSet(requires.length);
    left.set(0, requires.length);
    for (int i : sequence) {
      left.clear(i);
    }
    BitSet done = new BitSet(requires.length);
    for (int start = left.nextSetBit(0); start >= 0; start = left.nextSetBit(start + 1)) {
      if (done.get(start)) {
        continue;
      }
      // every unplaced revision requires an unplaced one, so following them must come back round
      List<Integer> path = new ArrayList<>();
      Map<Integer, Integer> onPath = new HashMap<>();
      int at = start;
      while (!done.get(at) && !onPath.containsKey(at)) {
        onPath.put(at, path.size());
        path.add(at);
        int step = -1;
        for (int r : requires[at]) {
          if (left.get(r) && (step < 0 || r < step)) {
            step = r;
          }
        }
        at = step;
      }
      path.forEach(done::set);
      if (!onPath.containsKey(at)) {
        continue; // led into a cycle already named
      }
      List<Integer> cycle = new ArrayList<>(path.subList(onPath.get(at), path.size()));
      int smallest = cycle.indexOf(Collections.min(cycle));
      Collections.rotate(cycle, -smallest);
      List<String> names = cycle.stream().map(ids::get).collect(Collectors.toList());
      names.add(names.get(0));
      Revision first = byId.get(names.get(0));
      problems.add(Diagnostic.error(where(first), "revision-cycle", "revisions form a cycle: "
          + String.join(" -> ", names) + " (each names the next as down-revision or depends-on); point one"
          + " of them at an older revision"));
    }
  }

  private static void checkId(Revision r, List<Diagnostic> problems) {
    if (Revision.RESERVED_IDS.contains(r.id())) {
      problems.add(Diagnostic.error(where(r), "reserved-revision-id", "'" + r.id() + "' cannot be a revision id:"
          + " head, heads and base name targets; choose another id (migrate:revision makes 12 hex digits)"));
    } else if (!Revision.isValidId(r.id())) {
      problems.add(Diagnostic.error(where(r), "invalid-revision-id", "'" + r.id() + "' is not a valid revision"
          + " id: use 1 to 64 lowercase letters, digits and underscores"));
    }
  }

  private static void checkLabel(Revision r, String label, Map<String, Revision> owners, List<Diagnostic> problems) {
    if (label.isBlank() || label.contains("@")) {
      problems.add(Diagnostic.error(where(r, "branch-labels", label), "invalid-branch-label", "branch label '"
          + label + "' of revision '" + r.id() + "' cannot be used in <label>@head; use letters, digits, '_' and '-' without '@'"));
      return;
    }
    Revision owner = owners.putIfAbsent(label, r);
    if (owner != null) {
      problems.add(Diagnostic.error(where(r, "branch-labels", label), "duplicate-branch-label", "branch label '" + label
          + "' is declared by revision '" + owner.id() + "' (" + file(owner) + ") and by revision '" + r.id()
          + "' (" + file(r) + "); a label names one branch, so rename one of them"));
    }
  }

  private static void checkReferences(Revision r, List<String> references, String key, String code,
      Map<String, Revision> byId, List<Diagnostic> problems) {
    for (int k = 0; k < references.size(); k++) {
      String ref = references.get(k);
      if (!byId.containsKey(ref) && references.indexOf(ref) == k) {
        List<String> near = Suggestions.nearest(ref, byId.keySet(), 3);
        problems.add(Diagnostic.error(where(r, key, ref), code, key + " '" + ref + "' of revision '" + r.id()
            + "' is not a revision in the changelog" + Suggestions.didYouMean(near) + (key.equals("down-revision")
            ? " Fix the id, or remove it to make '" + r.id() + "' a base." : " Fix the id or remove it.")));
      }
    }
  }

  /**
   * Where {@code r}'s file wrote {@code value} under {@code key}; the revision does not keep
   * such places, so its file is read again (only ever on the way to an error).
   */
  private static SourceSpan where(Revision r, String key, String value) {
    return r.at() != null ? WrittenValue.locate(r.at(), key, value) : where(r);
  }

  private static SourceSpan where(Revision r) {
    return r.at() != null ? r.at() : SourceSpan.startOf(Path.of("revision " + r.id()));
  }

  private static String file(Revision r) {
    return r.at() != null ? String.valueOf(r.at().file()) : "revision " + r.id();
  }
}
