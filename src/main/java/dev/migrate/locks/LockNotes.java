package dev.migrate.locks;

import dev.migrate.changelog.Operation;
import dev.migrate.changelog.QualifiedName;
import dev.migrate.schema.SchemaModel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The comment {@code migrate:sql} writes above a statement of one revision: what the statement
 * locks and whether it rewrites or scans, read from the measured {@link LockTable} of the target
 * major. Only a table that existed before the revision gets one (a table the revision created
 * itself blocks no one), and only an operation that maps onto a measured form: where the form
 * cannot be told from the operation and the model before it, there is no comment rather than a
 * guess. Use one instance per revision, asking about its operations in order.
 *
 * <pre>
 * LockNotes notes = new LockNotes(LockTable.load(17), replay.modelBefore("8b1c"));
 * notes.note(operation)   // "locks public.orders: ACCESS EXCLUSIVE (blocks reads and writes); rewrites the table"
 * </pre>
 */
public final class LockNotes {

  private final LockTable table;
  private final SchemaModel before;
  /** Tables this revision created (or renamed from one it created): they held no rows anyone waits on. */
  private final Set<QualifiedName> created = new HashSet<>();

  public LockNotes(LockTable table, SchemaModel before) {
    this.table = table;
    this.before = before;
  }

  /** The comment for an operation, without the leading {@code --}, or empty. */
  public Optional<String> note(Operation operation) {
    if (operation instanceof Operation.CreateTable create) {
      created.add(before.qualify(create.name()));
      return Optional.empty();
    }
    Optional<OperationForm> target = OperationForm.of(operation, before);
    if (operation instanceof Operation.RenameTable rename && created.contains(before.qualify(rename.from()))) {
      created.add(before.qualify(rename.from()).withName(rename.to()));
    }
    if (target.isEmpty() || created.contains(target.get().table())
        || before.table(target.get().table()).isEmpty()) {
      return Optional.empty();
    }
    return table.lookup(target.get().form()).flatMap(measured -> describe(target.get(), measured));
  }

  /** Empty when the form holds no lock on a table (rename-index locks only its index, which no reader waits on). */
  private static Optional<String> describe(OperationForm target, FormLocks measured) {
    List<String> parts = new ArrayList<>();
    measured.lock(RelationRole.TABLE).ifPresent(mode -> parts.add(target.table() + ": " + said(mode)));
    if (target.referenced() != null) {
      measured.lock(RelationRole.REFERENCED_TABLE).ifPresent(mode -> parts.add(target.referenced() + ": "
          + said(mode)));
    }
    if (parts.isEmpty()) {
      return Optional.empty();
    }
    String work = measured.rewritesTable() ? "rewrites the table"
        : measured.scansTable() ? "scans the table" : "no rewrite, no scan";
    return Optional.of("locks " + String.join(", ", parts) + "; " + work);
  }

  /** A mode and whom it blocks, from PostgreSQL's documented conflict table. */
  static String said(LockMode mode) {
    return mode.sqlName() + " (" + mode.blocking() + ")";
  }
}
