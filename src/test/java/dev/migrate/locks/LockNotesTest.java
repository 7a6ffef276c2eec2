package dev.migrate.locks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.changelog.Column;
import dev.migrate.changelog.ColumnReference;
import dev.migrate.changelog.ColumnType;
import dev.migrate.changelog.ForeignKeySpec;
import dev.migrate.changelog.IndexElement;
import dev.migrate.changelog.Operation;
import dev.migrate.changelog.QualifiedName;
import dev.migrate.changelog.Value;
import dev.migrate.schema.Constraint;
import dev.migrate.schema.Index;
import dev.migrate.schema.SchemaModel;
import dev.migrate.schema.Table;
import dev.migrate.schema.TableColumn;
import java.util.List;
import org.junit.jupiter.api.Test;

class LockNotesTest {

  private static final QualifiedName ORDERS = QualifiedName.parse("orders");
  private static final QualifiedName USERS = QualifiedName.parse("users");

  private static final SchemaModel BEFORE = SchemaModel.empty()
      .withTable(Table.of(QualifiedName.parse("public.users"), List.of(TableColumn.of("id", ColumnType.parse("int")))))
      .withTable(Table.of(QualifiedName.parse("public.orders"), List.of(TableColumn.of("id", ColumnType.parse("int")),
          TableColumn.of("qty", ColumnType.parse("int")))));

  private static LockNotes notes() {
    return new LockNotes(LockTable.load(17), BEFORE);
  }

  @Test
  void note_foreignKey_namesBothTablesWithTheirMeasuredModes() {
    Operation op = new Operation.AddForeignKey(ORDERS, new ForeignKeySpec("fk_orders_user", List.of("qty"), USERS,
        List.of("id"), null, null, false), true);

    assertThat(notes().note(op)).contains("locks public.orders: SHARE ROW EXCLUSIVE (blocks writes), "
        + "public.users: SHARE ROW EXCLUSIVE (blocks writes); no rewrite, no scan");
  }

  @Test
  void note_dropForeignKey_namesTheReferencedTableItLocksToo() {
    SchemaModel before = BEFORE.withTable(BEFORE.table(ORDERS).orElseThrow().withConstraint(new Constraint.ForeignKey(
        "fk_orders_user", List.of("qty"), QualifiedName.parse("public.users"), List.of("id"), null, null, false, true)));

    assertThat(new LockNotes(LockTable.load(17), before).note(new Operation.DropConstraint(ORDERS, "fk_orders_user",
        false, false))).contains("locks public.orders: ACCESS EXCLUSIVE (blocks reads and writes), public.users:"
            + " ACCESS EXCLUSIVE (blocks reads and writes); no rewrite, no scan");
  }

  @Test
  void note_columnWithItsOwnReference_namesBothTables() {
    Operation op = new Operation.AddColumn(ORDERS, List.of(new Column("user_id", ColumnType.parse("int"), true, null,
        null, false, false, new ColumnReference(USERS, "id", null, null), null, null)), false);

    assertThat(notes().note(op)).contains("locks public.orders: ACCESS EXCLUSIVE (blocks reads and writes),"
        + " public.users: SHARE ROW EXCLUSIVE (blocks writes); no rewrite, no scan");
  }

  @Test
  void note_intToBigint_rewrites() {
    Operation op = new Operation.AlterColumn(ORDERS, "qty", ColumnType.parse("bigint"), null, null, null, false, null);

    assertThat(notes().note(op)).contains("locks public.orders: ACCESS EXCLUSIVE (blocks reads and writes); "
        + "rewrites the table");
  }

  @Test
  void note_expressionDefault_saysNothingRatherThanGuessVolatility() {
    Operation op = new Operation.AddColumn(ORDERS, List.of(new Column("at", ColumnType.parse("timestamptz"), true,
        Value.sql("now()"), null, false, false, null, null, null)), false);

    assertThat(notes().note(op)).isEmpty();
  }

  @Test
  void note_serialColumn_rewritesAsMeasured() {
    Operation op = new Operation.AddColumn(ORDERS, List.of(Column.of("n", ColumnType.parse("bigserial"))), false);

    assertThat(notes().note(op)).contains("locks public.orders: ACCESS EXCLUSIVE (blocks reads and writes); "
        + "rewrites the table");
  }

  @Test
  void note_tableCreatedEarlierInTheRevision_saysNothing() {
    LockNotes notes = notes();
    notes.note(new Operation.CreateTable(QualifiedName.parse("items"), List.of(Column.of("id", ColumnType.parse("int"))),
        null, List.of(), List.of(), List.of(), false, null, java.util.Map.of()));

    assertThat(notes.note(new Operation.DropColumn(QualifiedName.parse("items"), "id", false, false))).isEmpty();
    assertThat(notes.note(new Operation.DropColumn(ORDERS, "qty", false, false))).isPresent();
  }

  @Test
  void note_renameIndex_locksNoTableSoSaysNothing() {
    SchemaModel before = BEFORE.withTable(BEFORE.table(ORDERS).orElseThrow().withIndex(new Index("ix_orders_qty",
        List.of(IndexElement.column("qty")), false, null, null, List.of(), java.util.Map.of())));
    LockNotes notes = new LockNotes(LockTable.load(17), before);

    assertThat(notes.note(new Operation.RenameIndex(QualifiedName.parse("ix_orders_qty"), "ix_q"))).isEmpty();
    assertThat(notes.note(new Operation.DropIndex(QualifiedName.parse("ix_orders_qty"), true, false, false)))
        .contains("locks public.orders: SHARE UPDATE EXCLUSIVE (blocks other schema changes, not reads or writes);"
            + " no rewrite, no scan");
  }
}
