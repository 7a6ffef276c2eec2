package dev.migrate.lint;

import dev.migrate.changelog.Operation;
import dev.migrate.locks.FormLocks;
import dev.migrate.locks.LockMode;
import dev.migrate.locks.LockTable;
import dev.migrate.locks.OperationForm;
import dev.migrate.locks.RelationRole;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One operation on a table that existed before its revision, with what its form did when it
 * was measured on the target major: the lock rules judge this, never a lock level of their own.
 *
 * @param form the measured form the operation is, and the tables it acts on
 * @param measured what that form did on the target major
 * @param major the target major
 */
record MeasuredOperation(OperationForm form, FormLocks measured, int major) {

  /** The operation of a step judged by lint's reading, when it acts on a table that existed before. */
  static Optional<MeasuredOperation> of(RevisionScope scope, RevisionScope.Step step) {
    return of(scope, step, step.operation());
  }

  /** Another operation (one column of an add-column, say) judged with the model of a step. */
  static Optional<MeasuredOperation> of(RevisionScope scope, RevisionScope.Step step, Operation operation) {
    return OperationForm.judged(operation, step.before(), scope.locks()).filter(f -> step.existing(f.table()))
        .flatMap(f -> measured(scope.locks(), f));
  }

  /** A form named by a rule (one aspect of an operation), on the table of a step. */
  static Optional<MeasuredOperation> measured(LockTable locks, OperationForm form) {
    return locks.lookup(form.form()).map(m -> new MeasuredOperation(form, m, locks.major()));
  }

  /** Whether a lock it takes on the table or the referenced table makes INSERT, UPDATE and DELETE wait. */
  boolean blocksWrites() {
    return blocking(LockMode::blocksWrites);
  }

  /** Whether a lock it takes makes reads or writes wait. */
  boolean blocksReadsOrWrites() {
    return blocking(mode -> mode.blocksReads() || mode.blocksWrites());
  }

  /** Whether it rewrites or reads through the whole table. */
  boolean readsTheTable() {
    return measured.rewritesTable() || measured.scansTable();
  }

  private boolean blocking(Predicate<LockMode> test) {
    return measured.lock(RelationRole.TABLE).filter(test).isPresent()
        || form.referenced() != null && measured.lock(RelationRole.REFERENCED_TABLE).filter(test).isPresent();
  }

  /**
   * The measured fact, as the middle of a sentence: {@code takes SHARE lock on public.orders
   * (blocks writes) and scans it, measured on PostgreSQL 17}.
   */
  String fact() {
    StringBuilder text = new StringBuilder("takes ");
    Optional<LockMode> table = measured.lock(RelationRole.TABLE);
    Optional<LockMode> referenced = form.referenced() == null ? Optional.empty()
        : measured.lock(RelationRole.REFERENCED_TABLE);
    table.ifPresent(mode -> text.append(lock(mode)).append(" on ").append(form.table()).append(' ')
        .append(whom(mode)));
    referenced.ifPresent(mode -> text.append(table.isPresent() ? " and " : "").append(lock(mode)).append(" on ")
        .append(form.referenced()).append(' ').append(whom(mode)));
    if (table.isEmpty() && referenced.isEmpty()) {
      text.append("no lock on ").append(form.table());
    }
    String it = referenced.isPresent() || table.isEmpty() ? form.table().toString() : "it";
    if (measured.rewritesTable()) {
      text.append(" and rewrites ").append(it);
    } else if (measured.scansTable()) {
      text.append(" and scans ").append(it);
    }
    return text.append(", measured on PostgreSQL ").append(major).toString();
  }

  private static String lock(LockMode mode) {
    return mode.sqlName() + " lock";
  }

  /** {@code (blocks writes)}, as {@code migrate:sql} says it. */
  private static String whom(LockMode mode) {
    return "(" + mode.blocking() + ")";
  }
}
