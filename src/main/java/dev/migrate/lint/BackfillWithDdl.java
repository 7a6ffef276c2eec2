package dev.migrate.lint;

import dev.migrate.changelog.Operation;
import dev.migrate.changelog.QualifiedName;
import dev.migrate.schema.SchemaModel;
import dev.migrate.schema.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code backfill-with-ddl}: insert, update or delete on a table that existed before the
 * revision, in the same transactional revision as DDL on that table (before or after it). One
 * transaction holds both: the DDL's lock on the table and the rows the data change touched stay
 * held until the whole revision commits, so every query on the table waits for the backfill.
 */
final class BackfillWithDdl implements Rule {

  static final String ID = "backfill-with-ddl";

  private static final About ABOUT = new About(ID, Severity.WARNING,
      "insert, update or delete on an existing table in the same transactional revision as DDL on it",
      "A transactional revision holds every lock it takes until it commits: DDL on a table takes a lock that"
          + " blocks reads or writes of it (mostly ACCESS EXCLUSIVE), and a backfill in the same transaction keeps"
          + " that lock, and the rows it touched, for as long as it runs. Backfill in a revision of its own, after the"
          + " DDL: transactional for a small table, or transactional: false with updates in batches (each with its"
          + " own where) for a large one.");

  @Override
  public About about() {
    return ABOUT;
  }

  @Override
  public List<Draft> check(RevisionScope revision) {
    if (!revision.revision().transactional()) {
      return List.of();
    }
    Map<QualifiedName, RevisionScope.Step> ddl = new HashMap<>();
    for (RevisionScope.Step step : revision.steps()) {
      for (QualifiedName table : ddlTables(step.operation(), step.before())) {
        ddl.putIfAbsent(table, step);
      }
    }
    if (ddl.isEmpty()) {
      return List.of();
    }
    List<Draft> out = new ArrayList<>();
    for (RevisionScope.Step step : revision.steps()) {
      QualifiedName table = dataTable(step.operation());
      if (table == null || !step.existing(table)) {
        continue;
      }
      RevisionScope.Step other = ddl.get(step.before().qualify(table));
      if (other != null) {
        String what = step.operation().kind().key();
        out.add(Draft.on(step, what + " on " + table + " runs in the same transaction as "
            + other.operation().kind().key() + " on it (line " + other.at().line() + "): the DDL's lock and the rows"
            + " it touches are held until the revision commits, so every query on " + table
            + " waits for the backfill.",
            "Move the " + what + " into a revision of its own after the DDL (transactional, or transactional: false"
                + " in batches, each with its own where)."));
      }
    }
    return out;
  }

  /** The table an insert, update or delete changes, else null. */
  private static QualifiedName dataTable(Operation operation) {
    if (operation instanceof Operation.Insert op) {
      return op.table();
    }
    if (operation instanceof Operation.Update op) {
      return op.table();
    }
    if (operation instanceof Operation.Delete op) {
      return op.table();
    }
    return null;
  }

  /** The tables a DDL operation locks, qualified in the model before it (a rename: both names). */
  private static List<QualifiedName> ddlTables(Operation operation, SchemaModel before) {
    List<QualifiedName> tables = new ArrayList<>();
    if (operation instanceof Operation.AddColumn op) {
      tables.add(op.table());
    } else if (operation instanceof Operation.AlterColumn op) {
      tables.add(op.table());
    } else if (operation instanceof Operation.DropColumn op) {
      tables.add(op.table());
    } else if (operation instanceof Operation.RenameColumn op) {
      tables.add(op.table());
    } else if (operation instanceof Operation.RenameTable op) {
      tables.add(op.from());
      tables.add(op.from().withName(op.to()));
    } else if (operation instanceof Operation.DropTable op) {
      tables.add(op.name());
    } else if (operation instanceof Operation.CreateIndex op) {
      tables.add(op.table());
    } else if (operation instanceof Operation.DropIndex op) {
      before.tableOfIndex(op.name()).map(Table::name).ifPresent(tables::add);
    } else if (operation instanceof Operation.AddPrimaryKey op) {
      tables.add(op.table());
    } else if (operation instanceof Operation.AddForeignKey op) {
      tables.add(op.table());
      tables.add(op.key().referencedTable());
    } else if (operation instanceof Operation.AddUniqueConstraint op) {
      tables.add(op.table());
    } else if (operation instanceof Operation.AddCheckConstraint op) {
      tables.add(op.table());
    } else if (operation instanceof Operation.DropConstraint op) {
      tables.add(op.table());
    } else if (operation instanceof Operation.RenameConstraint op) {
      tables.add(op.table());
    } else if (operation instanceof Operation.ValidateConstraint op) {
      tables.add(op.table());
    }
    return tables.stream().map(before::qualify).toList();
  }
}
