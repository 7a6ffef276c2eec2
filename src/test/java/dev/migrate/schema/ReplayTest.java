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
import static dev.migrate.schema.Revisions.withDefault;
import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.changelog.Changelog;
import dev.migrate.changelog.CheckSpec;
import dev.migrate.changelog.Downgrade;
import dev.migrate.changelog.ExistingType;
import dev.migrate.changelog.ForeignKeySpec;
import dev.migrate.changelog.Identity;
import dev.migrate.changelog.IndexElement;
import dev.migrate.changelog.KeySpec;
import dev.migrate.changelog.Operation;
import dev.migrate.changelog.ReferentialAction;
import dev.migrate.changelog.Revision;
import dev.migrate.changelog.Routine;
import dev.migrate.changelog.SourceSpan;
import dev.migrate.changelog.Trigger;
import dev.migrate.changelog.Value;
import dev.migrate.load.Diagnostic;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ReplayTest {

  private static Table table(Replay replay, String revision, String table) {
    return replay.modelAfter(revision).table(name(table)).orElseThrow();
  }

  /** The single diagnostic of a replay, asserted to be there. */
  private static Diagnostic only(Replay replay) {
    assertThat(replay.diagnostics()).hasSize(1);
    return replay.diagnostics().get(0);
  }

  @Nested
  class Tables {

    @Test
    void createTable_buildsColumnsKeysAndPostgresNames() {
      Replay replay = replay(
          revision("a", createTable("users", id("id"), unique("email", "varchar(255)"),
              withDefault("active", "bool", new Value.Bool(true)))),
          revision("b", createTable("orders", id("id"), references("user_id", "bigint", "users", "id"))));

      assertThat(replay.diagnostics()).isEmpty();
      Table users = table(replay, "a", "users");
      assertThat(users.name()).isEqualTo(name("public.users"));
      assertThat(users.columns()).containsExactly(
          new TableColumn("id", type("bigint"), false, null, Identity.BY_DEFAULT, null, null),
          new TableColumn("email", type("character varying(255)"), true, null, null, null, null),
          new TableColumn("active", type("boolean"), true, new Value.Bool(true), null, null, null));
      assertThat(users.constraints().values()).containsExactly(
          new Constraint.PrimaryKey("users_pkey", List.of("id")),
          new Constraint.Unique("users_email_key", List.of("email"), false));
      assertThat(table(replay, "b", "orders").constraint("orders_user_id_fkey")).contains(
          new Constraint.ForeignKey("orders_user_id_fkey", List.of("user_id"), name("public.users"), List.of("id"),
              ReferentialAction.NO_ACTION, ReferentialAction.NO_ACTION, false, true));
      assertThat(replay.modelBefore("b").table(name("orders"))).isEmpty();
      assertThat(replay.finalModel()).isEqualTo(replay.modelAfter("b"));
    }

    @Test
    void createTable_tableConstraintsAndChecks_namedAsPostgresNamesThem() {
      Operation.CreateTable create = new Operation.CreateTable(name("items"),
          List.of(notNull("a", "int"), notNull("b", "int"), column("price", "numeric(12,2)")),
          new KeySpec(null, List.of("a", "b"), false),
          List.of(new KeySpec(null, List.of("b", "price"), true), new KeySpec("named_key", List.of("price"), false)),
          List.of(), List.of(new CheckSpec(null, "price > 0"), new CheckSpec(null, "a < b"),
              new CheckSpec(null, "price < 1000")),
          false, "things we sell", Map.of("fillfactor", "70"));

      Table items = table(replay(revision("a", create)), "a", "items");

      assertThat(items.constraints().keySet()).containsExactly(
          "items_pkey", "items_b_price_key", "named_key", "items_price_check", "items_check", "items_price_check1");
      assertThat(items.constraint("items_b_price_key")).contains(
          new Constraint.Unique("items_b_price_key", List.of("b", "price"), true));
      assertThat(items.column("a").orElseThrow().nullable()).isFalse();
      assertThat(items.comment()).isEqualTo("things we sell");
      assertThat(items.with()).containsEntry("fillfactor", "70");
    }

    @Test
    void createTable_inAnotherSchema_needsTheSchema() {
      Replay replay = replay(
          revision("a", new Operation.CreateSchema("billing", false), createTable("billing.invoices", id("id"))));

      assertThat(replay.diagnostics()).isEmpty();
      assertThat(replay.finalModel().table(name("billing.invoices"))).isPresent();
      assertThat(replay.finalModel().table(name("invoices"))).isEmpty();
      assertThat(replay.finalModel().schemas()).contains("billing", "public");
    }

    @Test
    void dropTable_removesItAndItsIndexes() {
      Replay replay = replay(
          revision("a", createTable("users", id("id"), column("name", "text")), createIndex("ix_name", "users", "name")),
          revision("b", dropTable("users")));

      assertThat(replay.diagnostics()).isEmpty();
      assertThat(replay.modelAfter("a").relation(name("ix_name"))).isPresent();
      assertThat(replay.modelAfter("b").table(name("users"))).isEmpty();
      assertThat(replay.modelAfter("b").relation(name("ix_name"))).isEmpty();
      assertThat(replay.modelAfter("b")).isEqualTo(SchemaModel.empty());
    }

    @Test
    void dropTableCascade_removesForeignKeysThatPointAtIt() {
      Replay replay = replay(
          revision("a", createTable("users", id("id")),
              createTable("orders", id("id"), references("user_id", "bigint", "users", "id"))),
          revision("b", new Operation.DropTable(name("users"), false, true)));

      assertThat(replay.diagnostics()).extracting(Diagnostic::code).containsExactly("irreversible-operation");
      assertThat(table(replay, "b", "orders").foreignKeys()).isEmpty();
    }

    @Test
    void renameTable_keepsSchemaAndUpdatesReferences() {
      Replay replay = replay(
          revision("a", createTable("users", id("id")),
              createTable("orders", id("id"), references("user_id", "bigint", "users", "id")),
              createIndex("ix_users_id", "users", "id")),
          revision("b", new Operation.RenameTable(name("users"), "customers")));

      assertThat(replay.diagnostics()).isEmpty();
      SchemaModel after = replay.modelAfter("b");
      assertThat(after.table(name("users"))).isEmpty();
      assertThat(after.table(name("customers")).orElseThrow().index("ix_users_id")).isPresent();
      assertThat(after.tableOfIndex(name("ix_users_id")).orElseThrow().name()).isEqualTo(name("public.customers"));
      assertThat(table(replay, "b", "orders").foreignKeys().get(0).referencedTable()).isEqualTo(name("public.customers"));
    }
  }

  @Nested
  class Columns {

    @Test
    void addColumn_appendsWithItsConstraints() {
      Replay replay = replay(
          revision("a", createTable("users", id("id"))),
          revision("b", addColumn("users", unique("email", "text")),
              addColumn("users", references("boss_id", "bigint", "users", "id"))));

      assertThat(replay.diagnostics()).isEmpty();
      Table users = table(replay, "b", "users");
      assertThat(users.columns()).extracting(TableColumn::name).containsExactly("id", "email", "boss_id");
      assertThat(users.constraints().keySet()).containsExactly("users_pkey", "users_email_key", "users_boss_id_fkey");
      assertThat(table(replay, "a", "users").columns()).hasSize(1);
    }

    @Test
    void dropColumn_takesItsIndexesAndConstraints() {
      Replay replay = replay(
          revision("a", createTable("users", id("id"), unique("email", "text"), column("name", "text")),
              createIndex("ix_email_name", "users", "email", "name"), createIndex("ix_name", "users", "name"),
              new Operation.AddCheckConstraint(name("users"), "email_lower", "email = lower(email)", false)),
          revision("b", dropColumn("users", "email")));

      assertThat(replay.diagnostics()).isEmpty();
      Table users = table(replay, "b", "users");
      assertThat(users.columns()).extracting(TableColumn::name).containsExactly("id", "name");
      assertThat(users.constraints().keySet()).containsExactly("users_pkey");
      assertThat(users.indexes().keySet()).containsExactly("ix_name");
      assertThat(replay.modelAfter("b").relation(name("ix_email_name"))).isEmpty();
      assertThat(replay.modelAfter("b").relation(name("users_email_key"))).isEmpty();
    }

    @Test
    void alterColumn_changesTypeNullabilityDefaultAndIdentity() {
      Replay replay = replay(
          revision("a", createTable("users", column("id", "int"), column("name", "varchar(50)"))),
          revision("b",
              new Operation.AlterColumn(name("users"), "name", type("text"), null, false, Value.text("x"), false, null),
              new Operation.AlterColumn(name("users"), "id", type("bigint"), null, false, null, false, Identity.ALWAYS)));

      assertThat(replay.diagnostics()).isEmpty();
      Table users = table(replay, "b", "users");
      assertThat(users.column("name")).contains(
          new TableColumn("name", type("text"), false, Value.text("x"), null, null, null));
      assertThat(users.column("id")).contains(
          new TableColumn("id", type("bigint"), false, null, Identity.ALWAYS, null, null));
    }

    @Test
    void renameColumn_followsIntoKeysIndexesChecksAndReferences() {
      Replay replay = replay(
          revision("a", createTable("users", id("id"), column("mail", "text")),
              createIndex("ix_mail", "users", "mail"),
              new Operation.AddCheckConstraint(name("users"), "mail_lower", "mail = lower(mail)", false),
              createTable("orders", id("id"), references("user_id", "bigint", "users", "id"))),
          revision("b", new Operation.RenameColumn(name("users"), "mail", "email"),
              new Operation.RenameColumn(name("users"), "id", "user_id")));

      assertThat(replay.diagnostics()).isEmpty();
      Table users = table(replay, "b", "users");
      assertThat(users.columns()).extracting(TableColumn::name).containsExactly("user_id", "email");
      assertThat(users.index("ix_mail").orElseThrow().columns()).containsExactly("email");
      assertThat(users.constraint("mail_lower")).contains(new Constraint.Check("mail_lower", "email = lower(email)", true));
      assertThat(users.primaryKey().orElseThrow().columns()).containsExactly("user_id");
      assertThat(table(replay, "b", "orders").foreignKeys().get(0).referencedColumns()).containsExactly("user_id");
    }

    @Test
    void comment_setsAndRemovesTableAndColumnComments() {
      Replay replay = replay(
          revision("a", createTable("users", id("id"))),
          revision("b", new Operation.Comment(name("users"), null, "people"),
              new Operation.Comment(name("users"), "id", "the key")),
          revision("c", new Operation.Comment(name("users"), null, null)));

      assertThat(table(replay, "b", "users").comment()).isEqualTo("people");
      assertThat(table(replay, "b", "users").column("id").orElseThrow().comment()).isEqualTo("the key");
      assertThat(table(replay, "c", "users").comment()).isNull();
    }
  }

  @Nested
  class IndexesAndConstraints {

    @Test
    void createIndex_keepsEveryArgument() {
      Operation.CreateIndex create = new Operation.CreateIndex("ix_lower", name("users"),
          List.of(new IndexElement(null, "lower(name)", IndexElement.Order.DESC, IndexElement.Nulls.LAST, null, null)),
          true, false, "active", "btree", List.of("id"), false, Map.of("fillfactor", "90"));
      Replay replay = replay(revision("a", createTable("users", id("id"), column("name", "text"),
          column("active", "bool")), create));

      assertThat(replay.diagnostics()).isEmpty();
      assertThat(table(replay, "a", "users").index("ix_lower")).contains(new Index("ix_lower", create.columns(), true,
          "btree", "active", List.of("id"), Map.of("fillfactor", "90")));
      assertThat(replay.finalModel().relation(name("ix_lower")).orElseThrow().kind()).isEqualTo(Relation.Kind.INDEX);
    }

    @Test
    void dropAndRenameIndex() {
      Replay replay = replay(
          revision("a", createTable("users", id("id"), column("name", "text")), createIndex("ix_a", "users", "name")),
          revision("b", new Operation.RenameIndex(name("ix_a"), "ix_b")),
          revision("c", new Operation.DropIndex(name("ix_b"), false, false, false)));

      assertThat(replay.diagnostics()).isEmpty();
      assertThat(table(replay, "b", "users").indexes().keySet()).containsExactly("ix_b");
      assertThat(table(replay, "c", "users").indexes()).isEmpty();
    }

    @Test
    void addAndDropConstraints_withGeneratedNames() {
      Replay replay = replay(
          revision("a", createTable("users", notNull("id", "bigint"), column("email", "text")),
              createTable("orders", id("id"), column("user_id", "bigint"))),
          revision("b", new Operation.AddPrimaryKey(name("users"), List.of("id"), null, null),
              new Operation.AddUniqueConstraint(name("users"), List.of("email"), null, true, null),
              new Operation.AddForeignKey(name("orders"), new ForeignKeySpec(null, List.of("user_id"), name("users"),
                  List.of(), ReferentialAction.CASCADE, null, true), true),
              new Operation.AddCheckConstraint(name("users"), "email_ok", "email <> ''", true)),
          revision("c", new Operation.ValidateConstraint(name("orders"), "orders_user_id_fkey"),
              new Operation.RenameConstraint(name("users"), "users_email_key", "users_email_uq")),
          revision("d", new Operation.DropConstraint(name("users"), "email_ok", false, false)));

      assertThat(replay.diagnostics()).isEmpty();
      assertThat(table(replay, "b", "users").constraints().values()).containsExactly(
          new Constraint.PrimaryKey("users_pkey", List.of("id")),
          new Constraint.Unique("users_email_key", List.of("email"), true),
          new Constraint.Check("email_ok", "email <> ''", false));
      assertThat(table(replay, "b", "orders").constraint("orders_user_id_fkey")).contains(
          new Constraint.ForeignKey("orders_user_id_fkey", List.of("user_id"), name("public.users"), List.of("id"),
              ReferentialAction.CASCADE, ReferentialAction.NO_ACTION, true, false));
      assertThat(table(replay, "c", "orders").foreignKeys().get(0).valid()).isTrue();
      assertThat(replay.modelAfter("c").relation(name("users_email_uq")).orElseThrow().kind())
          .isEqualTo(Relation.Kind.CONSTRAINT_INDEX);
      assertThat(table(replay, "d", "users").constraints().keySet()).containsExactly("users_pkey", "users_email_uq");
    }

    @Test
    void addUniqueUsingIndex_turnsTheIndexIntoTheConstraint() {
      Operation.CreateIndex index = new Operation.CreateIndex("users_email_idx", name("users"),
          List.of(IndexElement.column("email")), true, true, null, null, List.of(), false, Map.of());
      Replay replay = replay(
          revision("a", createTable("users", id("id"), column("email", "text"))),
          revision("b", false, Downgrade.derived(), index),
          revision("c", new Operation.AddUniqueConstraint(name("users"), List.of(), null, false, "users_email_idx")));

      assertThat(replay.diagnostics()).isEmpty();
      Table users = table(replay, "c", "users");
      assertThat(users.indexes()).isEmpty();
      assertThat(users.constraint("users_email_idx")).contains(
          new Constraint.Unique("users_email_idx", List.of("email"), false));
    }
  }

  @Nested
  class OtherObjects {

    @Test
    void enums_createAddRenameDrop() {
      Replay replay = replay(
          revision("a", createEnum("status", "WAITING", "CLOSED")),
          revision("b", new Operation.AddEnumValue(name("status"), "ACTIVE", null, "WAITING", false),
              new Operation.RenameEnumValue(name("status"), "CLOSED", "DONE")),
          revision("c", new Operation.DropEnum(name("status"), false)));

      assertThat(replay.diagnostics()).extracting(Diagnostic::code).containsExactly("irreversible-operation");
      assertThat(replay.modelAfter("b").enumType(name("status")))
          .contains(new EnumType(name("public.status"), List.of("WAITING", "ACTIVE", "DONE")));
      assertThat(replay.modelAfter("c").enumType(name("status"))).isEmpty();
    }

    @Test
    void existingTypes_areEnumsFromTheStart() {
      Replay replay = Revisions.replay(
          List.of(new ExistingType(name("replytype"), List.of("text", "image"), null)),
          revision("a", createTable("replies", id("id"), notNull("kind", "replytype"))));

      assertThat(replay.diagnostics()).isEmpty();
      assertThat(replay.initialModel().enumType(name("replytype"))).isPresent();
      assertThat(replay.modelBefore("a").enumType(name("public.replytype"))).isPresent();
    }

    @Test
    void schemasSequencesViewsExtensions() {
      Replay replay = replay(
          revision("a", new Operation.CreateSchema("app", false),
              new Operation.CreateSequence(name("app.counter"), null, 5L, null, null, false, null),
              new Operation.CreateView(name("app.v"), "select 1", false, false),
              new Operation.CreateView(name("mv"), "select 2", false, true),
              new Operation.CreateExtension("citext", null, false),
              createTable("people", id("id"), column("email", "citext"))),
          revision("b", new Operation.DropSequence(name("app.counter"), false, false),
              new Operation.DropView(name("app.v"), false, false, false),
              new Operation.DropView(name("mv"), false, false, true),
              new Operation.DropSchema("app", false, false)));

      assertThat(replay.diagnostics()).isEmpty();
      SchemaModel a = replay.modelAfter("a");
      assertThat(a.sequence(name("app.counter")))
          .contains(new Sequence(name("app.counter"), 1, 5, 1, Long.MAX_VALUE, false, null));
      assertThat(a.view(name("app.v"))).contains(new View(name("app.v"), "select 1", false));
      assertThat(a.view(name("mv")).orElseThrow().materialized()).isTrue();
      assertThat(a.extension("citext")).contains(new Extension("citext", null));
      SchemaModel b = replay.modelAfter("b");
      assertThat(b.hasSchema("app")).isFalse();
      assertThat(b.sequences()).isEmpty();
      assertThat(b.views()).isEmpty();
    }

    @Test
    void sql_marksTheModelOpaque() {
      Replay replay = replay(
          revision("a", new Operation.Sql("create table made_by_hand (id int)", "drop table made_by_hand", null)),
          revision("b", addColumn("made_by_hand", column("x", "int"))));

      assertThat(replay.modelBefore("a").opaque()).isFalse();
      assertThat(replay.modelAfter("a").opaque()).isTrue();
      Diagnostic warning = only(replay);
      assertThat(warning.severity()).isEqualTo(Diagnostic.Severity.WARNING);
      assertThat(warning.code()).isEqualTo("missing-table");
      assertThat(warning.at()).isEqualTo(at("b", 0));
      assertThat(warning.message()).contains("earlier sql operation mentions made_by_hand and may have made it");
    }

    @Test
    void sql_excusesOnlyTheNamesItMentions_aTypoElsewhereStaysAnError() {
      Replay replay = replay(
          revision("a", createTable("users", id("id"))),
          revision("b", new Operation.Sql("CREATE TABLE \"Audit\" (id int); ALTER TABLE public.Logs ADD note text;"
              + " CREATE TYPE mood AS ENUM ('ok')", "select 1", null)),
          revision("c", addColumn("audit", column("x", "int")), addColumn("logs", column("y", "mood")),
              addColumn("userz", column("z", "int")), addColumn("users", column("w", "varchr(20)"))));

      assertThat(replay.diagnostics()).extracting(d -> d.severity() + " " + d.code() + " " + d.at().line())
          .containsExactly("warning missing-table " + at("c", 0).line(), "warning missing-table " + at("c", 1).line(),
              "error missing-table " + at("c", 2).line(), "error unknown-type " + at("c", 3).line());
      assertThat(replay.diagnostics().get(2).message()).contains("userz", "no earlier sql operation mentions userz");
      assertThat(replay.diagnostics().get(3).message()).contains("varchr");
    }

    @Test
    void sql_mentioningAType_excusesIt() {
      Replay replay = replay(
          revision("a", createTable("users", id("id"))),
          revision("b", new Operation.Sql("CREATE DOMAIN varchr AS varchar(20)", "select 1", null)),
          revision("c", addColumn("users", column("w", "varchr(20)"))));

      assertThat(replay.diagnostics()).singleElement().extracting(Diagnostic::severity, Diagnostic::code)
          .containsExactly(Diagnostic.Severity.WARNING, "unknown-type");
    }

    @Test
    void dataOperations_leaveTheModelAlone() {
      Replay replay = replay(
          revision("a", createTable("users", id("id"), column("name", "text"))),
          revision("b", true, Downgrade.irreversible(),
              new Operation.Insert(name("users"), List.of(Map.of("id", Value.Number.of("1")))),
              new Operation.Update(name("users"), Map.of("name", Value.text("x")), "true"),
              new Operation.Delete(name("users"), "id = 1")));

      assertThat(replay.diagnostics()).isEmpty();
      assertThat(replay.modelAfter("b")).isEqualTo(replay.modelAfter("a"));
    }
  }

  @Test
  void workload_tenThousandRevisions_replays() {
    List<Revision> revisions = Revisions.workload(10_000);

    Replay replay = Replay.of(new Changelog(revisions, List.of()), revisions);

    assertThat(replay.diagnostics()).isEmpty();
    assertThat(replay.finalModel().tables()).hasSize(10_000);
    assertThat(replay.modelAfter("r00002").table(name("t_1")).orElseThrow().columns())
        .extracting(TableColumn::name).containsExactly("id", "name", "created_at", "note_2");
    assertThat(replay.modelAfter("r00001").table(name("t_1")).orElseThrow().columns()).hasSize(3);
    assertThat(replay.modelAfter("r10000").table(name("t_10000")).orElseThrow().foreignKeys().get(0).referencedTable())
        .isEqualTo(name("public.t_9999"));
  }

  @Test
  void place_fallsBackToTheRevisionWhenAChangeHasNone() {
    Revision r = revision("a", dropTable("ghost"));
    Revision placeless = new Revision("a", List.of(), List.of(), List.of(), "m", true, null,
        List.of(new dev.migrate.changelog.Change(dropTable("ghost"), null, List.of(), null)), null, null, null,
        SourceSpan.startOf(Revisions.file("a")));

    assertThat(only(replay(r)).at()).isEqualTo(at("a", 0));
    assertThat(only(replay(placeless)).at()).isEqualTo(SourceSpan.startOf(Revisions.file("a")));
  }

  @Nested
  class FunctionsAndTriggers {

    private final Routine touch = Revisions.setUpdatedAt("BEGIN NEW.updated_at = now(); RETURN NEW; END;");

    @Test
    void functionAndTrigger_areInTheModelQualified_andDroppingTheTableDropsItsTriggers() {
      Replay replay = replay(
          revision("a", createTable("items", id("id"), column("updated_at", "timestamptz")),
              Revisions.createFunction(touch), new Operation.CreateTrigger(Revisions.updatedAtTrigger("items"))),
          revision("b", new Operation.RenameTable(name("items"), "goods")),
          revision("c", dropTable("goods")));

      assertThat(replay.diagnostics()).isEmpty();
      SchemaModel a = replay.modelAfter("a");
      assertThat(a.routine(name("set_updated_at"), List.of())).contains(touch.withName(name("public.set_updated_at")));
      assertThat(a.trigger(name("items"), "items_updated_at").orElseThrow().function())
          .isEqualTo(name("public.set_updated_at"));
      assertThat(replay.modelAfter("b").triggersOn(name("goods"))).extracting(Trigger::name)
          .containsExactly("items_updated_at");
      assertThat(replay.modelAfter("c").triggers()).isEmpty();
      assertThat(replay.modelAfter("c").routines()).hasSize(1);
    }

    @Test
    void overloads_areToldApartByTheirInputTypes() {
      Routine one = new Routine(name("f"), false, List.of(new Routine.Argument("a", type("int"), null, null),
          new Routine.Argument("r", type("text"), Routine.Mode.OUT, null)), Routine.Returns.of(type("text")), "sql",
          null, false, false, "SELECT 'x'");
      Routine two = new Routine(name("f"), false, List.of(new Routine.Argument("a", type("varchar(5)"), null, null)),
          Routine.Returns.of(type("int")), "sql", null, false, false, "SELECT 1");
      Replay replay = replay(revision("a", Revisions.createFunction(one), Revisions.createFunction(two)),
          revision("b", new Operation.DropFunction(name("f"), List.of(type("varchar")), false, false)));

      assertThat(replay.diagnostics()).isEmpty();
      assertThat(replay.modelAfter("a").routines(name("f"))).hasSize(2);
      assertThat(replay.modelAfter("b").routines()).extracting(Routine::inputTypes)
          .containsExactly(List.of(type("integer")));
    }

    @Test
    void dropFunction_withCascade_dropsTheTriggersThatCallIt() {
      Replay replay = replay(
          revision("a", createTable("items", id("id"), column("updated_at", "timestamptz")),
              Revisions.createFunction(touch), new Operation.CreateTrigger(Revisions.updatedAtTrigger("items"))),
          revision("b", new Operation.DropFunction(name("set_updated_at"), null, false, true)));

      assertThat(replay.diagnostics()).extracting(Diagnostic::code).containsExactly("irreversible-operation");
      assertThat(replay.modelAfter("b").triggers()).isEmpty();
      assertThat(replay.modelAfter("b").routines()).isEmpty();
    }

    @Test
    void renameColumn_carriesTheTriggersUpdateOf() {
      Trigger ofName = new Trigger("t", name("items"), Trigger.Timing.AFTER, java.util.EnumSet.of(Trigger.Event.UPDATE),
          List.of("name"), true, null, name("set_updated_at"), List.of());
      Replay replay = replay(
          revision("a", createTable("items", id("id"), column("name", "text")), Revisions.createFunction(touch),
              new Operation.CreateTrigger(ofName)),
          revision("b", new Operation.RenameColumn(name("items"), "name", "title")));

      assertThat(replay.diagnostics()).isEmpty();
      assertThat(replay.modelAfter("b").trigger(name("items"), "t").orElseThrow().updateOf()).containsExactly("title");
    }
  }
}
