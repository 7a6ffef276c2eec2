package dev.migrate.schema;

import static dev.migrate.schema.Revisions.addColumn;
import static dev.migrate.schema.Revisions.at;
import static dev.migrate.schema.Revisions.column;
import static dev.migrate.schema.Revisions.createEnum;
import static dev.migrate.schema.Revisions.createIndex;
import static dev.migrate.schema.Revisions.createTable;
import static dev.migrate.schema.Revisions.dropColumn;
import static dev.migrate.schema.Revisions.dropTable;
import static dev.migrate.schema.Revisions.id;
import static dev.migrate.schema.Revisions.name;
import static dev.migrate.schema.Revisions.notNull;
import static dev.migrate.schema.Revisions.references;
import static dev.migrate.schema.Revisions.replay;
import static dev.migrate.schema.Revisions.revision;
import static dev.migrate.schema.Revisions.type;
import static dev.migrate.schema.Revisions.unique;
import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.changelog.Change;
import dev.migrate.changelog.CheckSpec;
import dev.migrate.changelog.Column;
import dev.migrate.changelog.Downgrade;
import dev.migrate.changelog.ForeignKeySpec;
import dev.migrate.changelog.Identity;
import dev.migrate.changelog.IndexElement;
import dev.migrate.changelog.KeySpec;
import dev.migrate.changelog.Operation;
import dev.migrate.changelog.ReferentialAction;
import dev.migrate.changelog.Revision;
import dev.migrate.changelog.Routine;
import dev.migrate.changelog.Value;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The downgrade of every operation kind: the inverse operations, or the reason there are none. */
class ReversalTest {

  private static final Revision USERS = revision("base", createTable("users", id("id"), column("email", "text")));

  /** The derived downgrade of the last revision, as operations. */
  private static List<Operation> inverse(Revision... revisions) {
    Replay replay = replay(revisions);
    Reversal reversal = replay.downgradeOf(revisions[revisions.length - 1].id());
    assertThat(reversal).isInstanceOf(Reversal.Operations.class);
    return ((Reversal.Operations) reversal).changes().stream().map(Change::operation).toList();
  }

  private static Reversal.Irreversible irreversible(Revision... revisions) {
    Reversal reversal = replay(revisions).downgradeOf(revisions[revisions.length - 1].id());
    assertThat(reversal).isInstanceOf(Reversal.Irreversible.class);
    return (Reversal.Irreversible) reversal;
  }

  private static Operation.DropConstraint dropConstraint(String table, String constraint) {
    return new Operation.DropConstraint(name(table), constraint, false, false);
  }

  /** Upgrade then the derived downgrade leaves the model as it was: the inverse is complete. */
  private static void assertRoundTrip(Revision... revisions) {
    Replay replay = replay(revisions);
    String last = revisions[revisions.length - 1].id();
    List<Operation> down = replay.downgradeOperations(last);
    Revision undo = revision("undo", false, Downgrade.irreversible(), down.toArray(Operation[]::new));
    Revision[] all = java.util.Arrays.copyOf(revisions, revisions.length + 1);
    all[revisions.length] = undo;
    Replay after = replay(all);
    assertThat(after.diagnostics()).as("replaying the downgrade").isEmpty();
    // a column added back goes to the end of its table; column order is reported, never a failure
    assertThat(columnsByName(after.modelAfter("undo"))).isEqualTo(columnsByName(replay.modelBefore(last)));
  }

  private static SchemaModel columnsByName(SchemaModel model) {
    SchemaModel out = model;
    for (Table table : model.tables()) {
      List<TableColumn> sorted = table.columns().stream()
          .sorted(java.util.Comparator.comparing(TableColumn::name)).toList();
      out = out.withTable(new Table(table.name(), sorted, table.constraints(), table.indexes(), table.comment(),
          table.with()));
    }
    return out;
  }

  @Nested
  class Tables {

    @Test
    void createTable_isUndoneByDropTable() {
      assertThat(inverse(revision("r", createTable("users", id("id")))))
          .containsExactly(new Operation.DropTable(name("users"), false, false));
    }

    @Test
    void dropTable_isUndoneByTheFullTable() {
      Revision made = revision("a",
          new Operation.CreateTable(name("orders"), List.of(id("id"), column("user_id", "bigint"),
              new Column("note", type("text"), true, Value.text("-"), null, false, false, null, "a note", null)),
              null, List.of(new KeySpec("orders_note_key", List.of("note"), true)),
              List.of(new ForeignKeySpec("orders_user_fk", List.of("user_id"), name("users"), List.of("id"),
                  ReferentialAction.CASCADE, null, false)),
              List.of(new CheckSpec("note_short", "length(note) < 100")), false, "the orders", Map.of()),
          new Operation.AddCheckConstraint(name("orders"), "later", "user_id > 0", true),
          createIndex("ix_orders_user", "orders", "user_id"));

      List<Operation> down = inverse(USERS, made, revision("r", dropTable("orders")));

      assertThat(down).containsExactly(
          new Operation.CreateTable(name("orders"), List.of(
              new Column("id", type("bigint"), false, null, Identity.BY_DEFAULT, false, false, null, null, null),
              column("user_id", "bigint"),
              new Column("note", type("text"), true, Value.text("-"), null, false, false, null, "a note", null)),
              new KeySpec("orders_pkey", List.of("id"), false),
              List.of(new KeySpec("orders_note_key", List.of("note"), true)),
              List.of(new ForeignKeySpec("orders_user_fk", List.of("user_id"), name("users"), List.of("id"),
                  ReferentialAction.CASCADE, ReferentialAction.NO_ACTION, false)),
              List.of(new CheckSpec("note_short", "length(note) < 100")), false, "the orders", Map.of()),
          new Operation.AddCheckConstraint(name("orders"), "later", "user_id > 0", true),
          new Operation.CreateIndex("ix_orders_user", name("orders"), List.of(IndexElement.column("user_id")), false,
              false, null, "btree", List.of(), false, Map.of()));
      assertRoundTrip(USERS, made, revision("r", dropTable("orders")));
    }

    @Test
    void dropTableCascade_isIrreversible() {
      Reversal.Irreversible why = irreversible(USERS, revision("r", new Operation.DropTable(name("users"), false, true)));

      assertThat(why.reason()).contains("revision r cannot be downgraded", "drop-table with cascade",
          "cannot see what else CASCADE dropped");
      assertThat(why.at()).isEqualTo(at("r", 0));
    }

    @Test
    void renameTable_isRenamedBack() {
      assertThat(inverse(USERS, revision("r", new Operation.RenameTable(name("users"), "people"))))
          .containsExactly(new Operation.RenameTable(name("people"), "users"));
      assertThat(inverse(revision("s", new Operation.CreateSchema("app", false), createTable("app.t", id("id"))),
          revision("r", new Operation.RenameTable(name("app.t"), "u"))))
          .containsExactly(new Operation.RenameTable(name("app.u"), "t"));
    }
  }

  @Nested
  class Columns {

    @Test
    void addColumn_isUndoneByDropColumn_lastFirst() {
      Operation add = new Operation.AddColumn(name("users"), List.of(column("a", "int"), column("b", "int")), false);

      assertThat(inverse(USERS, revision("r", add)))
          .containsExactly(dropColumn("users", "b"), dropColumn("users", "a"));
    }

    @Test
    void dropColumn_isUndoneByTheColumnWithItsConstraintsAndIndexes() {
      Revision before = revision("a", createTable("orders", id("id"), references("user_id", "bigint", "users", "id")),
          createIndex("ix_user", "orders", "user_id"), addColumn("orders", unique("code", "text")));

      List<Operation> down = inverse(USERS, before, revision("r", dropColumn("orders", "user_id")));

      assertThat(down).containsExactly(
          addColumn("orders", column("user_id", "bigint")),
          new Operation.AddForeignKey(name("orders"), new ForeignKeySpec("orders_user_id_fkey", List.of("user_id"),
              name("users"), List.of("id"), ReferentialAction.NO_ACTION, ReferentialAction.NO_ACTION, false), false),
          new Operation.CreateIndex("ix_user", name("orders"), List.of(IndexElement.column("user_id")), false, false,
              null, "btree", List.of(), false, Map.of()));
      assertRoundTrip(USERS, before, revision("r", dropColumn("orders", "user_id")));
      assertRoundTrip(USERS, before, revision("r", dropColumn("orders", "code")));
    }

    @Test
    void dropColumnCascade_isIrreversible() {
      assertThat(irreversible(USERS, revision("r", new Operation.DropColumn(name("users"), "email", false, true)))
          .reason()).contains("drop-column with cascade");
    }

    @Test
    void alterColumn_isAlteredBack() {
      Revision t = revision("a", createTable("t", column("n", "int"),
          new Column("s", type("varchar(20)"), false, Value.text("x"), null, false, false, null, null, null)));
      Revision r = revision("r",
          new Operation.AlterColumn(name("t"), "n", type("bigint"), null, false, Value.Number.of("0"), false,
              Identity.BY_DEFAULT),
          new Operation.AlterColumn(name("t"), "s", type("text"), null, true, null, true, null));

      assertThat(inverse(t, r)).containsExactly(
          new Operation.AlterColumn(name("t"), "s", type("varchar(20)"), null, false, Value.text("x"), false, null),
          new Operation.AlterColumn(name("t"), "n", type("integer"), null, true, null, true, Identity.NONE));
      assertRoundTrip(t, r);
    }

    @Test
    void alterColumn_backFromTextToANumber_castsWithUsing() {
      Revision t = revision("a", createTable("t", column("n", "int")));

      assertThat(inverse(t, revision("r", new Operation.AlterColumn(name("t"), "n", type("text"), null, null, null,
          false, null)))).containsExactly(
              new Operation.AlterColumn(name("t"), "n", type("integer"), "n::integer", null, null, false, null));
    }

    @Test
    void alterColumn_lossyTypeChange_isIrreversible() {
      Revision t = revision("a", createTable("t", column("s", "text"), column("v", "varchar(50)")));

      assertThat(irreversible(t, revision("r", new Operation.AlterColumn(name("t"), "s", type("int"), "s::int", null,
          null, false, null))).reason()).contains("from text to integer, which can lose data");
      assertThat(irreversible(t, revision("r", new Operation.AlterColumn(name("t"), "v", type("varchar(10)"), null,
          null, null, false, null))).reason()).contains("character varying(50) to character varying(10)");
    }

    @Test
    void renameColumn_isRenamedBack() {
      assertThat(inverse(USERS, revision("r", new Operation.RenameColumn(name("users"), "email", "mail"))))
          .containsExactly(new Operation.RenameColumn(name("users"), "mail", "email"));
    }

    @Test
    void comment_getsThePreviousCommentBack() {
      Revision commented = revision("a", new Operation.Comment(name("users"), null, "people"));

      assertThat(inverse(USERS, commented, revision("r", new Operation.Comment(name("users"), null, "persons"),
          new Operation.Comment(name("users"), "email", "where to write"))))
          .containsExactly(new Operation.Comment(name("users"), "email", null),
              new Operation.Comment(name("users"), null, "people"));
    }
  }

  @Nested
  class IndexesAndConstraints {

    @Test
    void indexes_createDropRename() {
      Revision ix = revision("i", createIndex("ix_email", "users", "email"));

      assertThat(inverse(USERS, ix)).containsExactly(new Operation.DropIndex(name("ix_email"), false, false, false));
      assertThat(inverse(USERS, ix, revision("r", false, Downgrade.derived(),
          new Operation.DropIndex(name("ix_email"), true, false, false)))).containsExactly(
              new Operation.CreateIndex("ix_email", name("users"), List.of(IndexElement.column("email")), false, true,
                  null, "btree", List.of(), false, Map.of()));
      assertThat(inverse(USERS, ix, revision("r", new Operation.RenameIndex(name("ix_email"), "ix_mail"))))
          .containsExactly(new Operation.RenameIndex(name("ix_mail"), "ix_email"));
      assertThat(irreversible(USERS, ix, revision("r", new Operation.DropIndex(name("ix_email"), false, false, true)))
          .reason()).contains("drop-index with cascade");
    }

    @Test
    void addedConstraints_areDroppedByTheNamesPostgresGaveThem() {
      Revision t = revision("a", createTable("t", column("a", "int"), column("b", "int"), column("u", "bigint")));
      Revision r = revision("r",
          new Operation.AddPrimaryKey(name("t"), List.of("a"), null, null),
          new Operation.AddUniqueConstraint(name("t"), List.of("a", "b"), null, false, null),
          new Operation.AddForeignKey(name("t"), new ForeignKeySpec(null, List.of("u"), name("users"), List.of(),
              null, null, false), true),
          new Operation.AddCheckConstraint(name("t"), "b_pos", "b > 0", false));

      assertThat(inverse(USERS, t, r)).containsExactly(
          dropConstraint("t", "b_pos"),
          dropConstraint("t", "t_u_fkey"),
          dropConstraint("t", "t_a_b_key"),
          dropConstraint("t", "t_pkey"),
          new Operation.AlterColumn(name("t"), "a", null, null, true, null, false, null));
      assertRoundTrip(USERS, t, r);
    }

    @Test
    void droppedConstraints_areAddedBackAsTheyWere() {
      Revision t = revision("a", createTable("t", id("id"), column("u", "bigint"), column("b", "int")),
          new Operation.AddForeignKey(name("t"), new ForeignKeySpec("t_u", List.of("u"), name("users"), List.of("id"),
              ReferentialAction.SET_NULL, null, true), true),
          new Operation.AddUniqueConstraint(name("t"), List.of("b"), "t_b_uq", true, null),
          new Operation.AddCheckConstraint(name("t"), "b_pos", "b > 0", false));
      Revision r = revision("r", dropConstraint("t", "t_u"), dropConstraint("t", "t_b_uq"),
          dropConstraint("t", "b_pos"), dropConstraint("t", "t_pkey"));

      assertThat(inverse(USERS, t, r)).containsExactly(
          new Operation.AddPrimaryKey(name("t"), List.of("id"), "t_pkey", null),
          new Operation.AddCheckConstraint(name("t"), "b_pos", "b > 0", false),
          new Operation.AddUniqueConstraint(name("t"), List.of("b"), "t_b_uq", true, null),
          new Operation.AddForeignKey(name("t"), new ForeignKeySpec("t_u", List.of("u"), name("users"), List.of("id"),
              ReferentialAction.SET_NULL, ReferentialAction.NO_ACTION, true), true));
      assertRoundTrip(USERS, t, r);
      assertThat(irreversible(USERS, t, revision("r", new Operation.DropConstraint(name("t"), "t_pkey", false, true)))
          .reason()).contains("drop-constraint with cascade");
    }

    @Test
    void renameAndValidateConstraint() {
      Revision t = revision("a", new Operation.AddCheckConstraint(name("users"), "c", "id > 0", true));

      assertThat(inverse(USERS, t, revision("r", new Operation.RenameConstraint(name("users"), "c", "d"))))
          .containsExactly(new Operation.RenameConstraint(name("users"), "d", "c"));
      assertThat(inverse(USERS, t, revision("r", new Operation.ValidateConstraint(name("users"), "c")))).isEmpty();
    }

    @Test
    void uniqueUsingIndex_isUndoneByDroppingTheConstraintAndMakingTheIndexAgain() {
      Revision ix = revision("i", new Operation.CreateIndex("users_email_idx", name("users"),
          List.of(IndexElement.column("email")), true, false, null, null, List.of(), false, Map.of()));
      Revision r = revision("r", new Operation.AddUniqueConstraint(name("users"), List.of(), null, false,
          "users_email_idx"));

      assertThat(inverse(USERS, ix, r)).containsExactly(dropConstraint("users", "users_email_idx"),
          new Operation.CreateIndex("users_email_idx", name("users"), List.of(IndexElement.column("email")), true,
              false, null, "btree", List.of(), false, Map.of()));
      assertRoundTrip(USERS, ix, r);
    }
  }

  @Nested
  class OtherObjects {

    @Test
    void enums() {
      Revision e = revision("e", createEnum("status", "A", "B"));

      assertThat(inverse(e)).containsExactly(new Operation.DropEnum(name("status"), false));
      assertThat(inverse(e, revision("r", new Operation.RenameEnumValue(name("status"), "A", "Z"))))
          .containsExactly(new Operation.RenameEnumValue(name("status"), "Z", "A"));
      assertThat(inverse(e, revision("r", new Operation.DropEnum(name("status"), false))))
          .containsExactly(createEnum("status", "A", "B"));
      assertThat(irreversible(e, revision("r", new Operation.AddEnumValue(name("status"), "C", null, null, false)))
          .reason()).contains("add-enum-value cannot be undone: PostgreSQL cannot remove a value from an enum");
    }

    @Test
    void schemasSequencesViewsExtensions() {
      Revision made = revision("m", new Operation.CreateSchema("app", false),
          new Operation.CreateSequence(name("app.seq"), 10L, null, null, null, true, null),
          new Operation.CreateView(name("v"), "select 1", false, false),
          new Operation.CreateView(name("mv"), "select 2", false, true),
          new Operation.CreateExtension("citext", null, false));

      assertThat(inverse(made)).containsExactly(
          new Operation.DropExtension("citext", false),
          new Operation.DropView(name("mv"), false, false, true),
          new Operation.DropView(name("v"), false, false, false),
          new Operation.DropSequence(name("app.seq"), false, false),
          new Operation.DropSchema("app", false, false));
      Revision dropped = revision("r", new Operation.DropView(name("v"), false, false, false),
          new Operation.DropView(name("mv"), false, false, true),
          new Operation.DropSequence(name("app.seq"), false, false),
          new Operation.DropSchema("app", false, false),
          new Operation.RefreshMaterializedView(name("mv"), false));
      assertThat(inverse(made, revision("r", new Operation.DropSequence(name("app.seq"), false, false),
          new Operation.DropSchema("app", false, false), new Operation.DropView(name("mv"), false, false, true))))
          .containsExactly( // a dropped view comes back last, once every name it may read is back
              new Operation.CreateSchema("app", false),
              new Operation.CreateSequence(name("app.seq"), 10L, 1L, 1L, Long.MAX_VALUE, true, null),
              new Operation.CreateView(name("mv"), "select 2", false, true));
      assertThat(inverse(made, dropped)).hasSize(4).doesNotHaveAnyElementsOfTypes(Operation.RefreshMaterializedView.class);
      assertThat(irreversible(made, revision("r", new Operation.DropExtension("citext", false))).reason())
          .contains("drop-extension cannot be undone");
    }

    @Test
    void createView_orReplace_putsTheOldQueryBack() {
      assertThat(inverse(revision("a", new Operation.CreateView(name("v"), "select 1", false, false)),
          revision("r", new Operation.CreateView(name("v"), "select 2", true, false))))
          .containsExactly(new Operation.CreateView(name("v"), "select 1", true, false));
    }

    @Test
    void insert_isUndoneByDeleteOnThePrimaryKey() {
      Revision r = revision("r", new Operation.Insert(name("users"), List.of(
          Map.of("id", Value.Number.of("1"), "email", Value.text("a@x")),
          Map.of("id", Value.Number.of("2"), "email", Value.text("o'b@x")))));

      assertThat(inverse(USERS, r)).containsExactly(new Operation.Delete(name("users"), "id IN (1, 2)"));
    }

    @Test
    void insert_onACompositeKey_deletesByTuples() {
      Revision t = revision("a", new Operation.CreateTable(name("t"), List.of(column("a", "text"), column("b", "int")),
          new KeySpec(null, List.of("a", "b"), false), List.of(), List.of(), List.of(), false, null, Map.of()));

      assertThat(inverse(t, revision("r", new Operation.Insert(name("t"), List.of(
          Map.of("a", Value.text("it's"), "b", Value.Number.of("7")))))))
          .containsExactly(new Operation.Delete(name("t"), "(a, b) IN (('it''s', 7))"));
    }

    @Test
    void insert_withoutAKeyToFindTheRows_isIrreversible() {
      Revision t = revision("a", createTable("t", column("a", "int")));

      assertThat(irreversible(t, revision("r", new Operation.Insert(name("t"), List.of(Map.of("a",
          Value.Number.of("1")))))).reason()).contains("table t has no primary key");
      assertThat(irreversible(USERS, revision("r", new Operation.Insert(name("users"), List.of(Map.of("email",
          Value.text("x")))))).reason()).contains("primary-key column id");
    }

    @Test
    void updateDeleteAndSqlWithoutDown_areIrreversible_sqlWithDownSwaps() {
      assertThat(irreversible(USERS, revision("r", new Operation.Update(name("users"), Map.of("email",
          Value.text("x")), "true"))).reason()).contains("update cannot be undone");
      assertThat(irreversible(USERS, revision("r", new Operation.Delete(name("users"), "true"))).reason())
          .contains("delete cannot be undone");
      assertThat(irreversible(revision("r", new Operation.Sql("select 1", null, null))).reason())
          .contains("sql without down");
      assertThat(inverse(revision("r", new Operation.Sql("create table a ()", "drop table a", "a.sql"))))
          .containsExactly(new Operation.Sql("drop table a", "create table a ()", null));
    }
  }

  @Test
  void writtenDowngrade_isUsedAsWritten_andIrreversibleSaysSo() {
    Change written = Change.of(dropTable("users"), at("r", 5));
    Replay replay = replay(revision("r", true, new Downgrade.Written(List.of(written)),
        createTable("users", id("id"))), revision("s", true, Downgrade.irreversible(), createTable("x", id("id"))));

    assertThat(replay.downgradeOf("r")).isEqualTo(new Reversal.Operations(List.of(written)));
    assertThat(((Reversal.Operations) replay.downgradeOf("r")).changes().get(0).at()).isEqualTo(at("r", 5));
    assertThat(replay.downgradeOf("s")).isEqualTo(new Reversal.Irreversible(
        "revision s says downgrade: irreversible", Revisions.revision("s").at()));
  }

  @Test
  void derivedDowngrade_keepsThePlaceOfEachUpgradeOperation() {
    Replay replay = replay(revision("r", createTable("a", id("id")), createTable("b", id("id"))));

    List<Change> changes = ((Reversal.Operations) replay.downgradeOf("r")).changes();
    assertThat(changes).extracting(Change::at).containsExactly(at("r", 1), at("r", 0));
  }

  @Nested
  class FunctionsAndTriggers {

    private final Routine touch = Revisions.setUpdatedAt("BEGIN NEW.updated_at = now(); RETURN NEW; END;");
    private final Revision items = revision("items", createTable("items", id("id"), column("updated_at", "timestamptz")),
        Revisions.createFunction(touch), new Operation.CreateTrigger(Revisions.updatedAtTrigger("items")));

    @Test
    void create_isUndoneByDrop() {
      assertThat(inverse(items)).containsExactly(
          new Operation.DropTrigger("items_updated_at", name("items"), false),
          new Operation.DropFunction(name("set_updated_at"), List.of(), false, false),
          new Operation.DropTable(name("items"), false, false));
      Routine proc = new Routine(name("tidy"), true, List.of(new Routine.Argument("d", type("int"), null, null)), null,
          "sql", null, false, false, "SELECT 1");
      assertThat(inverse(revision("p", new Operation.CreateProcedure(proc, false))))
          .containsExactly(new Operation.DropProcedure(name("tidy"), List.of(type("int")), false, false));
    }

    @Test
    void drop_restoresTheExactPriorDefinition() {
      assertThat(inverse(items, revision("r", new Operation.DropTrigger("items_updated_at", name("items"), false),
          new Operation.DropFunction(name("set_updated_at"), null, false, false)))).containsExactly(
          new Operation.CreateFunction(touch, false),
          new Operation.CreateTrigger(Revisions.updatedAtTrigger("items")));
      assertRoundTrip(items, revision("r", new Operation.DropTrigger("items_updated_at", name("items"), false),
          new Operation.DropFunction(name("set_updated_at"), List.of(), false, false)));
    }

    @Test
    void orReplace_putsThePreviousDefinitionBack() {
      Routine changed = Revisions.setUpdatedAt("BEGIN NEW.updated_at = clock_timestamp(); RETURN NEW; END;");

      assertThat(inverse(items, revision("r", new Operation.CreateFunction(changed, true))))
          .containsExactly(new Operation.CreateFunction(touch, true));
    }

    @Test
    void dropTable_putsItsTriggersBackAfterIt() {
      List<Operation> down = inverse(items, revision("r", dropTable("items")));

      assertThat(down.get(down.size() - 1)).isEqualTo(new Operation.CreateTrigger(Revisions.updatedAtTrigger("items")));
      assertRoundTrip(items, revision("r", dropTable("items")));
    }

    @Test
    void dropFunctionWithCascade_isIrreversible() {
      assertThat(irreversible(items, revision("r", new Operation.DropFunction(name("set_updated_at"), null, false,
          true))).reason()).contains("drop-function with cascade cannot be undone");
    }
  }
}
