package dev.migrate.schema;

import dev.migrate.changelog.Change;
import dev.migrate.changelog.Changelog;
import dev.migrate.changelog.Downgrade;
import dev.migrate.changelog.ExistingType;
import dev.migrate.changelog.Operation;
import dev.migrate.changelog.QualifiedName;
import dev.migrate.changelog.Revision;
import dev.migrate.changelog.SourceSpan;
import dev.migrate.graph.RevisionGraph;
import dev.migrate.load.Diagnostic;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The changelog replayed over the {@link SchemaModel}, revision by revision in the graph's
 * topological order, starting from the types declared in {@code existing-types}. It gives the
 * model before and after each revision (sharing structure, so 10,000 revisions cost little),
 * every problem the model can see (a column added twice, a foreign key to a missing table,
 * {@code concurrently} in a transaction, an operation a derived downgrade cannot undo, ...),
 * and each revision's downgrade.
 *
 * <p>With branches, revisions are replayed in one fixed topological order, so the model after
 * a revision also holds what sibling branches earlier in that order made. After an opaque
 * {@code sql} operation the model may be incomplete ({@link SchemaModel#opaque()}): a reference
 * to an object it does not know is then a warning when the SQL mentions that name, and still an
 * error otherwise.
 *
 * <pre>
 * Replay replay = Replay.of(changelog, graph);
 * replay.diagnostics();                 // every problem, in replay order
 * replay.modelAfter("3f2a9c1e7b4d");    // the schema once that revision is applied
 * replay.downgradeOf("3f2a9c1e7b4d");   // Reversal.Operations or Reversal.Irreversible
 * </pre>
 */
public final class Replay {

  /** The schema unqualified names live in, unless the caller gives another. */
  public static final String DEFAULT_SCHEMA = "public";

  private final SchemaModel initial;
  private final List<Diagnostic> diagnostics;
  private final Map<String, SchemaModel> before;
  private final Map<String, SchemaModel> after;
  private final Map<String, Reversal> reversals;
  private final SchemaModel last;

  private Replay(SchemaModel initial, List<Diagnostic> diagnostics, Map<String, SchemaModel> before,
      Map<String, SchemaModel> after, Map<String, Reversal> reversals, SchemaModel last) {
    this.initial = initial;
    this.diagnostics = List.copyOf(diagnostics);
    this.before = before;
    this.after = after;
    this.reversals = reversals;
    this.last = last;
  }

  /** Replays every revision of the graph in its topological order, names in schema {@code public}. */
  public static Replay of(Changelog changelog, RevisionGraph graph) {
    return of(changelog, graph.topologicalOrder(), DEFAULT_SCHEMA);
  }

  /** Replays the given revisions in the given order (parents first), names in schema {@code public}. */
  public static Replay of(Changelog changelog, List<Revision> order) {
    return of(changelog, order, DEFAULT_SCHEMA);
  }

  /** Replays the given revisions in the given order, unqualified names in {@code defaultSchema}. */
  public static Replay of(Changelog changelog, List<Revision> order, String defaultSchema) {
    SchemaModel model = SchemaModel.empty(defaultSchema);
    for (ExistingType type : changelog.existingTypes()) {
      QualifiedName name = model.qualify(type.name());
      // a declared type lives in the database already, and so does its schema
      model = model.withSchema(name.schema()).withEnum(new EnumType(name, type.values()));
    }
    SchemaModel initial = model;
    List<Diagnostic> diagnostics = new ArrayList<>();
    Map<String, SchemaModel> before = new HashMap<>();
    Map<String, SchemaModel> after = new HashMap<>();
    Map<String, Reversal> reversals = new HashMap<>();
    for (Revision revision : order) {
      before.put(revision.id(), model);
      model = replay(revision, model, diagnostics, reversals);
      after.put(revision.id(), model);
    }
    return new Replay(initial, diagnostics, before, after, reversals, model);
  }

  private static SchemaModel replay(Revision revision, SchemaModel start, List<Diagnostic> diagnostics,
      Map<String, Reversal> reversals) {
    SourceSpan fallback = revision.at() != null ? revision.at() : SourceSpan.startOf(Path.of(revision.id()));
    boolean derived = revision.downgrade() instanceof Downgrade.Derived;
    List<List<Change>> undos = new ArrayList<>();
    Reversal.Irreversible irreversible = null;
    SchemaModel model = start;
    for (Change change : revision.upgrade()) {
      SourceSpan at = change.at() != null ? change.at() : fallback;
      SchemaModel next = ModelReplay.apply(model, change, fallback, revision.transactional(), diagnostics);
      if (derived) {
        Inverse.Undo undo = Inverse.of(change.operation(), model, next);
        if (undo.reversible()) {
          undos.add(undo.operations().stream().map(op -> new Change(op, at, List.of(), null)).toList());
        } else {
          diagnostics.add(Diagnostic.error(at, "irreversible-operation", undo.reason() + "; write a downgrade for"
              + " revision " + revision.id() + ", or say downgrade: irreversible"));
          if (irreversible == null) {
            irreversible = new Reversal.Irreversible("revision " + revision.id() + " cannot be downgraded: "
                + undo.reason() + " (" + at + ")", at);
          }
        }
      }
      model = next;
    }
    if (revision.downgrade() instanceof Downgrade.Written written) {
      // a written downgrade runs on the schema this revision leaves: check it there (a typo in a
      // downgrade is otherwise found only by the first downgrade that needs it)
      SchemaModel down = model;
      for (Change change : written.changes()) {
        down = ModelReplay.apply(down, change, fallback, revision.transactional(), diagnostics);
      }
    }
    reversals.put(revision.id(), reversal(revision, fallback, undos, irreversible));
    return model;
  }

  private static Reversal reversal(Revision revision, SourceSpan fallback, List<List<Change>> undos,
      Reversal.Irreversible irreversible) {
    if (revision.downgrade() instanceof Downgrade.Written written) {
      return new Reversal.Operations(written.changes());
    }
    if (revision.downgrade() instanceof Downgrade.Irreversible) {
      return new Reversal.Irreversible("revision " + revision.id() + " says downgrade: irreversible", fallback);
    }
    if (irreversible != null) {
      return irreversible;
    }
    List<Change> out = new ArrayList<>();
    for (int i = undos.size() - 1; i >= 0; i--) {
      out.addAll(undos.get(i));
    }
    return new Reversal.Operations(out);
  }

  /**
   * The model after one change, its problems not reported (the replay of the changelog already
   * reported them): for code that walks a revision operation by operation, such as lint.
   */
  public static SchemaModel apply(SchemaModel model, Change change, boolean transactional) {
    SourceSpan at = change.at() != null ? change.at() : SourceSpan.startOf(Path.of("changelog"));
    return ModelReplay.apply(model, change, at, transactional, new ArrayList<>());
  }

  /**
   * Why the model cannot derive the undo of one operation, or empty when it can, from the model
   * just before and just after it: for code that walks a revision operation by operation, such
   * as lint.
   */
  public static java.util.Optional<String> irreversibleBecause(Operation operation, SchemaModel before,
      SchemaModel after) {
    Inverse.Undo undo = Inverse.of(operation, before, after);
    return undo.reversible() ? java.util.Optional.empty() : java.util.Optional.of(undo.reason());
  }

  /** Every problem found, in replay order: errors, and warnings where the model may be incomplete. */
  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  /** The model before any revision: the declared existing types and nothing else. */
  public SchemaModel initialModel() {
    return initial;
  }

  /** The model once this revision is applied (after every revision before it in the replay order). */
  public SchemaModel modelAfter(String revisionId) {
    return require(after, revisionId);
  }

  /** The model just before this revision. */
  public SchemaModel modelBefore(String revisionId) {
    return require(before, revisionId);
  }

  /** The model after the last revision. */
  public SchemaModel finalModel() {
    return last;
  }

  /**
   * How to undo this revision: its written downgrade, the inverse derived from the model, or
   * {@link Reversal.Irreversible} with the reason and place.
   */
  public Reversal downgradeOf(String revisionId) {
    Reversal reversal = reversals.get(revisionId);
    if (reversal == null) {
      throw new IllegalArgumentException("no revision " + revisionId + " in this replay");
    }
    return reversal;
  }

  /** The operations of a revision's downgrade, or empty when it is irreversible. */
  public List<Operation> downgradeOperations(String revisionId) {
    Reversal reversal = downgradeOf(revisionId);
    return reversal instanceof Reversal.Operations ops
        ? ops.changes().stream().map(Change::operation).toList() : List.of();
  }

  private static SchemaModel require(Map<String, SchemaModel> models, String revisionId) {
    SchemaModel model = models.get(revisionId);
    if (model == null) {
      throw new IllegalArgumentException("no revision " + revisionId + " in this replay");
    }
    return model;
  }
}
