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
import static dev.migrate.schema.Revisions.references;
import static dev.migrate.schema.Revisions.replay;
import static dev.migrate.schema.Revisions.revision;
import static dev.migrate.schema.Revisions.type;
import static dev.migrate.schema.Revisions.withDefault;
import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.changelog.Change;
import dev.migrate.changelog.Column;
import dev.migrate.changelog.Downgrade;
import dev.migrate.changelog.ExistingType;
import dev.migrate.changelog.ForeignKeySpec;
import dev.migrate.changelog.KeySpec;
import dev.migrate.changelog.Operation;
import dev.migrate.changelog.Revision;
import dev.migrate.changelog.Routine;
import dev.migrate.changelog.SourceSpan;
import dev.migrate.changelog.Trigger;
import dev.migrate.changelog.Value;
import dev.migrate.load.Diagnostic;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every static check of the replay: its code, its place, and the sentence that says how to fix it. */
class StaticCheckTest {

  private static final Revision USERS = revision("base", createTable("users", id("id"), column("email", "text")));

  /** Asserts the replay found exactly one problem, an error with this code at this place whose message says this. */
  private static void assertError(Replay replay, String code, SourceSpan at, String... says) {
    assertThat(replay.diagnostics()).as("diagnostics").hasSize(1);
    Diagnostic d = replay.diagnostics().get(0);
    assertThat(d.code()).isEqualTo(code);
    assertThat(d.severity()).isEqualTo(Diagnostic.Severity.ERROR);
    assertThat(d.at()).isEqualTo(at);
    assertThat(d.message()).contains(says);
  }

  @Test
  void createTable_twice_isAnErrorAtTheSecond() {
    Replay replay = replay(USERS, revision("r", createTable("users", id("id"))));

    assertError(replay, "table-exists", at("r", 0), "table users already exists", "if-not-exists: true");
  }

  @Test
  void createTable_twiceWithIfNotExists_isFine() {
    Replay replay = replay(USERS, revision("r", new Operation.CreateTable(name("users"), List.of(column("x", "int")),
        null, List.of(), List.of(), List.of(), true, null, Map.of())));

    assertThat(replay.diagnostics()).isEmpty();
    assertThat(replay.finalModel()).isEqualTo(replay.modelAfter("base"));
  }

  @Test
  void missingTable_isAnError_andIfExistsSuppressesIt() {
    assertError(replay(revision("r", addColumn("ghosts", column("x", "int")))), "missing-table", at("r", 0),
        "add-column names table ghosts, which does not exist", "create it in an earlier revision");
    assertError(replay(revision("r", dropTable("ghosts"))), "missing-table", at("r", 0), "drop-table");
    assertThat(replay(revision("r", new Operation.DropTable(name("ghosts"), true, false))).diagnostics()).isEmpty();
  }

  @Test
  void columnAddedTwice_isAnError_andIfNotExistsSuppressesIt() {
    assertError(replay(USERS, revision("r", addColumn("users", column("email", "text")))), "column-exists",
        at("r", 0), "column email already exists in table users", "if-not-exists: true");
    assertThat(replay(USERS, revision("r", new Operation.AddColumn(name("users"), List.of(column("email", "text")),
        true))).diagnostics()).isEmpty();
  }

  @Test
  void missingColumn_isAnErrorForEveryOperationThatNamesOne() {
    List<Operation> naming = List.of(
        new Operation.AlterColumn(name("users"), "mail", type("text"), null, null, null, false, null),
        dropColumn("users", "mail"),
        new Operation.RenameColumn(name("users"), "mail", "email2"),
        createIndex("ix_mail", "users", "mail"),
        new Operation.AddUniqueConstraint(name("users"), List.of("mail"), null, false, null),
        new Operation.AddForeignKey(name("users"), new ForeignKeySpec(null, List.of("mail"), name("users"),
            List.of("id"), null, null, false), false),
        new Operation.Comment(name("users"), "mail", "x"));
    for (Operation op : naming) {
      Replay replay = replay(USERS, revision("r", true, Downgrade.irreversible(), op));
      List<Diagnostic> errors = replay.diagnostics().stream().filter(d -> d.code().equals("missing-column")).toList();
      assertThat(errors).as(op.kind().key()).isNotEmpty();
      assertThat(errors.get(0).at()).isEqualTo(at("r", 0));
      assertThat(errors.get(0).message()).contains("mail").contains("id, email").contains("correct the name");
    }
    assertThat(replay(USERS, revision("r", new Operation.DropColumn(name("users"), "mail", true, false)))
        .diagnostics()).isEmpty();
  }

  @Test
  void primaryKey_onAMissingColumnOrASecondOne_isAnError() {
    assertError(replay(revision("a", createTable("t", column("a", "int"))),
        revision("r", new Operation.AddPrimaryKey(name("t"), List.of("b"), null, null))), "missing-column",
        at("r", 0), "column b", "add the column first");
    assertError(replay(USERS, revision("r", new Operation.AddPrimaryKey(name("users"), List.of("email"), null, null))),
        "primary-key-exists", at("r", 0), "already has primary key users_pkey", "drop it first");
  }

  @Test
  void foreignKey_toAMissingTableOrColumn_isAnError() {
    assertError(replay(revision("r", createTable("orders", id("id"), references("user_id", "bigint", "users", "id")))),
        "missing-table", at("r", 0), "foreign key orders_user_id_fkey references table users", "create that table first");
    assertError(replay(USERS, revision("r", createTable("orders", id("id"),
        references("user_id", "bigint", "users", "uid")))), "missing-column", at("r", 0), "uid", "table users");
  }

  @Test
  void foreignKey_toColumnsThatAreNotAKey_isAnError() {
    assertError(replay(USERS, revision("r", createTable("orders", id("id"),
        references("email", "text", "users", "email")))), "foreign-key-target", at("r", 0),
        "not a primary key or unique constraint", "add a unique constraint");
  }

  @Test
  void twoPrimaryKeys_isAnError() {
    Operation create = new Operation.CreateTable(name("t"), List.of(id("a"), column("b", "int")),
        new KeySpec(null, List.of("b"), false), List.of(), List.of(), List.of(), false, null, Map.of());
    assertError(replay(revision("r", create)), "multiple-primary-keys", at("r", 0), "keep one of them");
  }

  @Test
  void unknownType_isAnError_unlessAnEnumOrAnExtensionProvidesIt() {
    assertError(replay(revision("r", createTable("t", column("mood", "feeling")))), "unknown-type", at("r", 0),
        "column mood has type feeling", "create-enum", "existing-types", "create-extension");
    assertThat(replay(revision("r", createEnum("feeling", "ok"), createTable("t", column("mood", "feeling"))))
        .diagnostics()).isEmpty();
    assertThat(Revisions.replay(List.of(new ExistingType(name("feeling"), List.of("ok"), null)),
        revision("r", createTable("t", column("mood", "feeling")))).diagnostics()).isEmpty();
    assertThat(replay(revision("r", new Operation.CreateExtension("vector", null, false),
        new Operation.CreateExtension("citext", null, false),
        createTable("t", column("embedding", "vector(3)"), column("email", "citext")))).diagnostics()).isEmpty();
    assertError(replay(revision("r", createTable("t", column("email", "citext")))), "unknown-type", at("r", 0),
        "citext");
  }

  @Test
  void enumValue_notInTheEnum_isAnError_inDefaultsAndRows() {
    Revision status = revision("s", createEnum("status", "WAITING", "ACTIVE"));
    assertError(replay(status, revision("r", createTable("t", withDefault("st", "status", Value.text("OPEN"))))),
        "unknown-enum-value", at("r", 0), "'OPEN'", "WAITING, ACTIVE", "add-enum-value");
    Revision table = revision("t", createTable("t", id("id"), column("st", "status")));
    assertError(replay(status, table, revision("r", true, Downgrade.irreversible(),
        new Operation.Insert(name("t"), List.of(Map.of("id", Value.Number.of("1"), "st", Value.text("OPEN")))))),
        "unknown-enum-value", at("r", 0), "'OPEN'");
    assertError(replay(status, table, revision("r",
        new Operation.AlterColumn(name("t"), "st", null, null, null, Value.text("CLOSED"), false, null))),
        "unknown-enum-value", at("r", 0), "'CLOSED'");
  }

  @Test
  void droppedTable_stillReferenced_isAnError_unlessCascade() {
    Revision orders = revision("o", createTable("orders", id("id"), references("user_id", "bigint", "users", "id")));
    assertError(replay(USERS, orders, revision("r", dropTable("users"))), "table-still-referenced", at("r", 0),
        "foreign key orders_user_id_fkey of table orders references it", "cascade: true");
    assertThat(replay(USERS, orders, revision("r", true, Downgrade.irreversible(),
        new Operation.DropTable(name("users"), false, true))).diagnostics()).isEmpty();
  }

  @Test
  void droppedColumn_stillReferenced_isAnError() {
    Revision orders = revision("o", createTable("orders", id("id"), references("user_id", "bigint", "users", "id")));
    assertError(replay(USERS, orders, revision("r", dropColumn("users", "id"))), "column-still-referenced",
        at("r", 0), "foreign key orders_user_id_fkey", "drop that foreign key first");
  }

  @Test
  void droppedEnum_stillUsed_isAnError() {
    assertError(replay(revision("s", createEnum("status", "A")), revision("t", createTable("t", column("st", "status"))),
        revision("r", new Operation.DropEnum(name("status"), false))), "enum-still-used", at("r", 0),
        "column st of table t", "change or drop that column first");
  }

  @Test
  void enumLabel_over63Bytes_isAnError_whenCreatedAddedOrRenamed() {
    String long64 = "x".repeat(64);
    String multibyte = "é".repeat(32); // 64 bytes in UTF-8
    assertError(replay(revision("r", createEnum("status", "ok", long64))), "enum-label-too-long", at("r", 0),
        "64 bytes", "63 bytes", "shorten it");
    assertError(replay(revision("s", createEnum("status", "ok")), revision("r", true, Downgrade.irreversible(),
        new Operation.AddEnumValue(name("status"), multibyte, null, null, false))), "enum-label-too-long",
        at("r", 0), "64 bytes");
    assertError(replay(revision("s", createEnum("status", "ok")), revision("r",
        new Operation.RenameEnumValue(name("status"), "ok", long64))), "enum-label-too-long", at("r", 0), long64);
    assertThat(replay(revision("r", createEnum("status", "x".repeat(63)))).diagnostics()).isEmpty();
  }

  @Test
  void droppedSchema_notEmpty_isAnError() {
    assertError(replay(revision("s", new Operation.CreateSchema("app", false), createTable("app.t", id("id"))),
        revision("r", new Operation.DropSchema("app", false, false))), "schema-not-empty", at("r", 0),
        "table app.t", "cascade: true");
  }

  @Test
  void droppingTheIndexOfAConstraint_isAnError() {
    assertError(replay(USERS, revision("r", new Operation.DropIndex(name("users_pkey"), false, false, false))),
        "index-backs-constraint", at("r", 0), "use drop-constraint");
  }

  @Test
  void concurrently_inATransactionalRevision_isAnErrorThatExplains() {
    Revision index = revision("i", createIndex("ix_email", "users", "email"));
    Operation concurrent = new Operation.CreateIndex("ix_c", name("users"),
        List.of(dev.migrate.changelog.IndexElement.column("email")), false, true, null, null, List.of(), false, Map.of());
    assertError(replay(USERS, revision("r", concurrent)), "concurrently-in-transaction", at("r", 0),
        "CONCURRENTLY inside a transaction block", "set transactional: false");
    assertError(replay(USERS, index, revision("r", new Operation.DropIndex(name("ix_email"), true, false, false))),
        "concurrently-in-transaction", at("r", 0), "set transactional: false");
    assertError(replay(revision("m", new Operation.CreateView(name("mv"), "select 1", false, true)),
        revision("r", new Operation.RefreshMaterializedView(name("mv"), true))),
        "concurrently-in-transaction", at("r", 0), "set transactional: false");
    assertThat(replay(USERS, revision("r", false, Downgrade.derived(), concurrent)).diagnostics()).isEmpty();
  }

  @Test
  void irreversibleOperation_inADerivedDowngrade_isAnErrorNamingIt() {
    Revision status = revision("s", createEnum("status", "A"));
    assertError(replay(status, revision("r", new Operation.AddEnumValue(name("status"), "B", null, null, false))),
        "irreversible-operation", at("r", 0), "add-enum-value cannot be undone", "write a downgrade for revision r",
        "downgrade: irreversible");
    assertThat(replay(status, revision("r", true, Downgrade.irreversible(),
        new Operation.AddEnumValue(name("status"), "B", null, null, false))).diagnostics()).isEmpty();
    assertThat(replay(status, revision("r", true, new Downgrade.Written(List.of()),
        new Operation.AddEnumValue(name("status"), "B", null, null, false))).diagnostics()).isEmpty();
  }

  @Test
  void writtenDowngrade_isCheckedOnTheSchemaTheRevisionLeaves() {
    Change typo = Change.of(dropTable("user"), at("r", 7));
    Change fine = Change.of(dropTable("users"), at("r", 8));

    assertError(replay(revision("r", true, new Downgrade.Written(List.of(typo)), createTable("users", id("id")))),
        "missing-table", at("r", 7), "drop-table names table user");
    assertThat(replay(revision("r", true, new Downgrade.Written(List.of(fine)), createTable("users", id("id"))))
        .diagnostics()).isEmpty();
  }

  @Test
  void rename_toAnExistingName_isAnError() {
    Revision both = revision("b", createTable("users", id("id"), column("email", "text")),
        createTable("people", id("id")));
    assertError(replay(both, revision("r", new Operation.RenameTable(name("users"), "people"))), "name-exists",
        at("r", 0), "a table of that name already exists", "choose another name");
    assertError(replay(both, revision("r", new Operation.RenameColumn(name("users"), "email", "id"))), "name-exists",
        at("r", 0), "already has a column id");
    assertError(replay(both, revision("r", createIndex("people", "users", "email"))), "name-exists", at("r", 0),
        "a table of that name");
  }

  @Test
  void everyProblem_isReported_notOnlyTheFirst() {
    Replay replay = replay(USERS, revision("r", true, Downgrade.irreversible(),
        addColumn("users", column("email", "text")),
        createIndex("ix", "users", "nope"),
        dropTable("ghosts"),
        new Operation.AddColumn(name("users"), List.of(new Column("x", type("mood"), true, null, null, false, false,
            null, null, null)), false)));

    assertThat(replay.diagnostics()).extracting(Diagnostic::code)
        .containsExactly("column-exists", "missing-column", "missing-table", "unknown-type");
    assertThat(replay.diagnostics()).extracting(Diagnostic::at)
        .containsExactly(at("r", 0), at("r", 1), at("r", 2), at("r", 3));
    assertThat(replay.diagnostics().get(0).toString())
        .startsWith("src/main/migrations/r.yaml:10:5: error: column email already exists");
  }

  @Test
  void diagnostic_placeIsTheChange() {
    Change change = new Change(dropTable("ghosts"), SourceSpan.of(Revisions.file("r"), 42, 7), List.of(), null);
    Revision r = new Revision("r", List.of(), List.of(), List.of(), "m", true, null, List.of(change), null, null,
        null, null);

    assertThat(replay(r).diagnostics().get(0).at()).isEqualTo(SourceSpan.of(Revisions.file("r"), 42, 7));
  }

  // ---- functions and triggers

  private static final Revision ITEMS = revision("base", createTable("items", id("id"),
      column("updated_at", "timestamptz")), Revisions.createFunction(Revisions.setUpdatedAt("BEGIN RETURN NEW; END;")));

  @Test
  void createTrigger_onAMissingTable_isAnError() {
    assertError(replay(ITEMS, revision("r", new Operation.CreateTrigger(Revisions.updatedAtTrigger("ghosts")))),
        "missing-table", at("r", 0), "create-trigger names table ghosts, which does not exist");
  }

  @Test
  void createTrigger_callingAMissingFunction_isAnError() {
    Replay replay = replay(revision("base", createTable("items", id("id"))),
        revision("r", new Operation.CreateTrigger(Revisions.updatedAtTrigger("items"))));

    assertError(replay, "missing-routine", at("r", 0), "trigger items_updated_at on items calls function"
        + " set_updated_at(), which does not exist", "returns: trigger");
  }

  @Test
  void createTrigger_callingAFunctionThatDoesNotReturnTrigger_isAnError() {
    Routine notATrigger = new Routine(name("set_updated_at"), false, List.of(), Routine.Returns.of(type("int")),
        "sql", null, false, false, "SELECT 1");
    Replay replay = replay(revision("base", createTable("items", id("id")), Revisions.createFunction(notATrigger)),
        revision("r", new Operation.CreateTrigger(Revisions.updatedAtTrigger("items"))));

    assertError(replay, "not-a-trigger-function", at("r", 0), "returns integer",
        "a trigger's function must be a function with returns: trigger");
  }

  @Test
  void createTrigger_updateOfAMissingColumn_isAnError() {
    Trigger trigger = new Trigger("t", name("items"), Trigger.Timing.BEFORE, java.util.EnumSet.of(Trigger.Event.UPDATE),
        List.of("nmae"), true, null, name("set_updated_at"), List.of());

    assertError(replay(ITEMS, revision("r", new Operation.CreateTrigger(trigger))), "missing-column", at("r", 0),
        "names column nmae", "it has id, updated_at");
  }

  @Test
  void dropFunction_usedByATrigger_isAnErrorWithoutCascade() {
    Replay replay = replay(ITEMS, revision("t", new Operation.CreateTrigger(Revisions.updatedAtTrigger("items"))),
        revision("r", new Operation.DropFunction(name("set_updated_at"), List.of(), false, false)));

    assertError(replay, "function-still-used", at("r", 0), "trigger items_updated_at on items calls it",
        "drop the trigger first, or say cascade: true");
  }

  @Test
  void createFunction_twice_isAnError_andOrReplaceCannotChangeTheResult() {
    Routine again = Revisions.setUpdatedAt("BEGIN RETURN OLD; END;");
    assertError(replay(ITEMS, revision("r", Revisions.createFunction(again))), "routine-exists", at("r", 0),
        "function set_updated_at() already exists", "or-replace: true");
    assertThat(replay(ITEMS, revision("r", new Operation.CreateFunction(again, true))).diagnostics()).isEmpty();
    Routine other = new Routine(name("set_updated_at"), false, List.of(), Routine.Returns.of(type("void")), "sql",
        null, false, false, "SELECT");
    assertError(replay(ITEMS, revision("r", new Operation.CreateFunction(other, true))), "return-type-change",
        at("r", 0), "returns trigger", "drop-function it first");
  }

  @Test
  void dropFunction_ofANameWithOverloads_needsTheArgumentTypes() {
    Routine withArgument = new Routine(name("set_updated_at"), false, List.of(new Routine.Argument("a", type("int"),
        null, null)), Routine.Returns.of(type("trigger")), "plpgsql", null, false, false, "BEGIN RETURN NEW; END;");
    Replay replay = replay(ITEMS, revision("o", Revisions.createFunction(withArgument)),
        revision("r", new Operation.DropFunction(name("set_updated_at"), null, false, false)));

    assertError(replay, "ambiguous-routine", at("r", 0), "has 2 overloads", "set_updated_at(integer)",
        "arguments: [types]");
  }

  @Test
  void dropTrigger_missing_isAnError_andIfExistsSuppressesIt() {
    assertError(replay(ITEMS, revision("r", new Operation.DropTrigger("nope", name("items"), false))),
        "missing-trigger", at("r", 0), "trigger nope on items does not exist", "if-exists: true");
    assertThat(replay(ITEMS, revision("r", new Operation.DropTrigger("nope", name("items"), true))).diagnostics())
        .isEmpty();
  }

  @Test
  void dropColumn_aTriggerFiresOnUpdatesOf_isAnErrorWithoutCascade() {
    Trigger trigger = new Trigger("t", name("items"), Trigger.Timing.BEFORE, java.util.EnumSet.of(Trigger.Event.UPDATE),
        List.of("updated_at"), true, null, name("set_updated_at"), List.of());
    Revision withTrigger = revision("t", new Operation.CreateTrigger(trigger));

    assertError(replay(ITEMS, withTrigger, revision("r", dropColumn("items", "updated_at"))), "column-still-referenced",
        at("r", 0), "trigger t fires on updates of it", "or say cascade: true");
    Replay cascaded = replay(ITEMS, withTrigger, revision("r", new Operation.DropColumn(name("items"), "updated_at",
        false, true)));
    assertThat(cascaded.finalModel().triggers()).isEmpty();
  }
}
