package dev.migrate.locks;

import dev.migrate.changelog.Column;
import dev.migrate.changelog.ColumnType;
import dev.migrate.changelog.Operation;
import dev.migrate.changelog.QualifiedName;
import dev.migrate.changelog.Value;
import dev.migrate.schema.Constraint;
import dev.migrate.schema.SchemaModel;
import dev.migrate.schema.Table;
import dev.migrate.schema.TableColumn;
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
    Optional<Target> target = target(operation);
    if (operation instanceof Operation.RenameTable rename && created.contains(before.qualify(rename.from()))) {
      created.add(before.qualify(rename.from()).withName(rename.to()));
    }
    if (target.isEmpty() || created.contains(target.get().table)
        || before.table(target.get().table).isEmpty()) {
      return Optional.empty();
    }
    return table.lookup(target.get().form).flatMap(measured -> describe(target.get(), measured));
  }

  /** Empty when the form holds no lock on a table (rename-index locks only its index, which no reader waits on). */
  private static Optional<String> describe(Target target, FormLocks measured) {
    List<String> parts = new ArrayList<>();
    measured.lock(RelationRole.TABLE).ifPresent(mode -> parts.add(target.table + ": " + said(mode)));
    if (target.referenced != null) {
      measured.lock(RelationRole.REFERENCED_TABLE).ifPresent(mode -> parts.add(target.referenced + ": " + said(mode)));
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
    String blocks = switch (mode) {
      case ACCESS_EXCLUSIVE -> "blocks reads and writes";
      case EXCLUSIVE, SHARE_ROW_EXCLUSIVE, SHARE -> "blocks writes";
      case SHARE_UPDATE_EXCLUSIVE -> "blocks other schema changes, not reads or writes";
      case ROW_EXCLUSIVE, ROW_SHARE, ACCESS_SHARE -> "blocks neither reads nor writes";
    };
    return mode.sqlName() + " (" + blocks + ")";
  }

  private record Target(String form, QualifiedName table, QualifiedName referenced) {}

  private Optional<Target> on(QualifiedName table, String form) {
    return form == null ? Optional.empty() : Optional.of(new Target(form, before.qualify(table), null));
  }

  private Optional<Target> target(Operation operation) {
    if (operation instanceof Operation.AddColumn op) {
      return on(op.table(), op.columns().size() == 1 ? addColumn(op.columns().get(0)) : null);
    } else if (operation instanceof Operation.DropColumn op) {
      return on(op.table(), "drop-column");
    } else if (operation instanceof Operation.RenameColumn op) {
      return on(op.table(), "rename-column");
    } else if (operation instanceof Operation.AlterColumn op) {
      return on(op.table(), alterColumn(op));
    } else if (operation instanceof Operation.CreateIndex op) {
      return on(op.table(), op.concurrently() ? "create-index/concurrently"
          : op.unique() ? "create-index/unique" : "create-index/plain");
    } else if (operation instanceof Operation.DropIndex op) {
      return before.tableOfIndex(op.name()).flatMap(t -> on(t.name(),
          op.concurrently() ? "drop-index/concurrently" : "drop-index/plain"));
    } else if (operation instanceof Operation.RenameIndex op) {
      return before.tableOfIndex(op.from()).flatMap(t -> on(t.name(), "rename-index"));
    } else if (operation instanceof Operation.AddPrimaryKey op) {
      return on(op.table(), op.usingIndex() == null ? "add-primary-key/plain" : "add-primary-key/using-index");
    } else if (operation instanceof Operation.AddForeignKey op) {
      return on(op.table(), op.notValid() ? "add-foreign-key/not-valid" : "add-foreign-key/plain")
          .map(t -> new Target(t.form, t.table, before.qualify(op.key().referencedTable())));
    } else if (operation instanceof Operation.AddCheckConstraint op) {
      return on(op.table(), op.notValid() ? "add-check-constraint/not-valid" : "add-check-constraint/plain");
    } else if (operation instanceof Operation.AddUniqueConstraint op) {
      return on(op.table(), op.usingIndex() == null ? "add-unique-constraint/plain"
          : "add-unique-constraint/using-index");
    } else if (operation instanceof Operation.ValidateConstraint op) {
      Optional<Constraint> constraint = existing(op.table()).flatMap(t -> t.constraint(op.name()));
      return on(op.table(), constraint.map(c -> c instanceof Constraint.ForeignKey ? "validate-constraint/foreign-key"
          : c instanceof Constraint.Check ? "validate-constraint/check" : null).orElse(null));
    } else if (operation instanceof Operation.DropConstraint op) {
      // measured on a primary key; a foreign key's drop also locks the table it references
      Optional<Constraint> constraint = existing(op.table()).flatMap(t -> t.constraint(op.name()));
      return on(op.table(), constraint.filter(c -> !(c instanceof Constraint.ForeignKey)).isPresent()
          ? "drop-constraint" : null);
    } else if (operation instanceof Operation.RenameTable op) {
      return on(op.from(), "rename-table");
    } else if (operation instanceof Operation.Comment op) {
      return on(op.table(), op.column() == null ? "comment/table" : "comment/column");
    }
    return Optional.empty();
  }

  private Optional<Table> existing(QualifiedName name) {
    return before.table(before.qualify(name));
  }

  /** A constant default keeps the table; an expression may be volatile or not, which only the server knows. */
  private static String addColumn(Column column) {
    if (column.generated() != null) {
      return "add-column/stored-generated";
    }
    if (column.identity() != null) {
      return "add-column/identity";
    }
    Value value = column.defaultValue();
    if (value instanceof Value.Expression) {
      return null;
    }
    if (value == null || value instanceof Value.Null) {
      return column.nullable() ? "add-column/nullable" : null;
    }
    return column.nullable() ? "add-column/constant-default" : "add-column/not-null-constant-default";
  }

  /** One change at a time, as the forms were measured; several at once get no comment. */
  private String alterColumn(Operation.AlterColumn op) {
    int aspects = (op.type() != null ? 1 : 0) + (op.nullable() != null ? 1 : 0) + (op.defaultValue() != null ? 1 : 0)
        + (op.dropDefault() ? 1 : 0) + (op.identity() != null ? 1 : 0);
    if (aspects != 1) {
      return null;
    }
    Optional<Table> table = existing(op.table());
    if (op.type() != null) {
      Optional<TableColumn> column = table.flatMap(t -> t.column(op.name()));
      return op.using() == null ? column.map(c -> typeChange(c.type(), op.type())).orElse(null) : null;
    }
    if (op.nullable() != null) {
      if (op.nullable()) {
        return "drop-not-null";
      }
      // with a CHECK on the table the server may or may not use it as proof: say nothing rather than guess
      boolean checks = table.map(t -> t.constraints().values().stream().anyMatch(c -> c instanceof Constraint.Check))
          .orElse(true);
      return checks ? null : "set-not-null/plain";
    }
    if (op.defaultValue() != null) {
      return "alter-column/set-default";
    }
    return op.dropDefault() ? "alter-column/drop-default" : null;
  }

  private static String typeChange(ColumnType from, ColumnType to) {
    if (from.arrayDimensions() != 0 || to.arrayDimensions() != 0 || !from.builtin() || !to.builtin()) {
      return null;
    }
    String a = from.name().name();
    String b = to.name().name();
    if ("character varying".equals(a) && "character varying".equals(b)) {
      if (from.modifiers().isEmpty() || to.modifiers().isEmpty()) {
        return null;
      }
      return to.modifiers().get(0) >= from.modifiers().get(0) ? "alter-column/type-varchar-widen"
          : "alter-column/type-varchar-shrink";
    }
    if ("character varying".equals(a) && "text".equals(b)) {
      return "alter-column/type-varchar-to-text";
    }
    if ("text".equals(a) && "character varying".equals(b)) {
      return "alter-column/type-text-to-varchar";
    }
    if ("integer".equals(a) && "bigint".equals(b)) {
      return "alter-column/type-int-to-bigint";
    }
    return null;
  }
}
