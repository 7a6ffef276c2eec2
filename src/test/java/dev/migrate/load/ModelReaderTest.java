package dev.migrate.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.changelog.Change;
import dev.migrate.changelog.CheckSpec;
import dev.migrate.changelog.Column;
import dev.migrate.changelog.ColumnReference;
import dev.migrate.changelog.ColumnType;
import dev.migrate.changelog.Downgrade;
import dev.migrate.changelog.ForeignKeySpec;
import dev.migrate.changelog.Identity;
import dev.migrate.changelog.IndexElement;
import dev.migrate.changelog.KeySpec;
import dev.migrate.changelog.Operation;
import dev.migrate.changelog.OperationKind;
import dev.migrate.changelog.Precondition;
import dev.migrate.changelog.Preconditions;
import dev.migrate.changelog.QualifiedName;
import dev.migrate.changelog.ReferentialAction;
import dev.migrate.changelog.Revision;
import dev.migrate.changelog.Routine;
import dev.migrate.changelog.Trigger;
import dev.migrate.changelog.Value;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every operation kind and every revision field, written once in
 * {@code src/test/resources/every-operation/}, mapped to the model.
 */
class ModelReaderTest {

  private static Revision revision;

  private static QualifiedName name(String text) {
    return QualifiedName.parse(text);
  }

  private static Operation op(int index) {
    return revision.upgradeOperations().get(index);
  }

  @BeforeAll
  static void load() throws Exception {
    Path dir = Path.of(ModelReaderTest.class.getResource("/every-operation").toURI());
    revision = new ChangelogLoader(Map.of("schema_owner", "'app'"), null).load(dir).revisions().get(0);
  }

  @Test
  void revisionFields_mapped() {
    assertThat(revision.id()).isEqualTo("a1");
    assertThat(revision.downRevisions()).containsExactly("p1", "p2");
    assertThat(revision.branchLabels()).containsExactly("billing");
    assertThat(revision.dependsOn()).containsExactly("d1");
    assertThat(revision.message()).isEqualTo("every operation once");
    assertThat(revision.transactional()).isFalse();
    assertThat(revision.lockTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(revision.statementTimeout()).isEqualTo(Duration.ofHours(1));
    assertThat(revision.downgrade()).isEqualTo(Downgrade.irreversible());
    assertThat(revision.preconditions()).isEqualTo(new Preconditions(Preconditions.OnFail.SKIP, List.of(
        new Precondition.TableExists(new QualifiedName("billing", "accounts")),
        new Precondition.ColumnExists(name("accounts"), "email"),
        new Precondition.IndexExists(name("ix_accounts_email")),
        new Precondition.EnumExists(name("status")),
        new Precondition.SqlCheck("SELECT count(*) = 0 FROM invoices"))));
  }

  @Test
  void everyOperationKind_isCovered() {
    Set<OperationKind> kinds = revision.upgradeOperations().stream().map(Operation::kind)
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(OperationKind.class)));
    assertThat(kinds).isEqualTo(EnumSet.allOf(OperationKind.class));
  }

  @Test
  void createTable_everyArgument() {
    QualifiedName accounts = new QualifiedName("billing", "accounts");
    assertThat(op(3)).isEqualTo(new Operation.CreateTable(new QualifiedName("billing", "invoices"), List.of(
        new Column("id", ColumnType.parse("bigint"), true, null, Identity.ALWAYS, true, false, null, null, null),
        new Column("account_id", ColumnType.parse("bigint"), false, null, null, false, false,
            new ColumnReference(accounts, "id", ReferentialAction.CASCADE, ReferentialAction.SET_NULL), null, null),
        new Column("status", ColumnType.parse("billing.status"), true, Value.text("open"), null, false, false, null,
            "where the invoice stands", null),
        new Column("total", ColumnType.parse("numeric(12,2)"), true, Value.Number.of("0.00"), null, false, true, null,
            null, null),
        new Column("total_cents", ColumnType.parse("bigint"), true, null, null, false, false, null, null,
            "total * 100")),
        new KeySpec("pk_invoices", List.of("id"), false),
        List.of(new KeySpec("uq_invoices_account", List.of("account_id", "status"), true)),
        List.of(new ForeignKeySpec("fk_invoices_accounts", List.of("account_id"), accounts, List.of("id"),
            ReferentialAction.RESTRICT, null, true)),
        List.of(new CheckSpec("ck_total", "total >= 0")), true, "one invoice per order", Map.of("fillfactor", "70")));
  }

  @Test
  void tableAndColumnOperations() {
    assertThat(op(0)).isEqualTo(new Operation.CreateSchema("billing", true));
    assertThat(op(1)).isEqualTo(new Operation.CreateExtension("citext", "public", true));
    assertThat(op(2)).isEqualTo(new Operation.CreateEnum(new QualifiedName("billing", "status"), List.of("open", "paid")));
    assertThat(op(4)).isEqualTo(new Operation.DropTable(name("old_invoices"), true, true));
    assertThat(op(5)).isEqualTo(new Operation.RenameTable(new QualifiedName("billing", "bills"), "receipts"));
    assertThat(op(6)).isEqualTo(new Operation.AddColumn(name("invoices"),
        List.of(Column.of("note", ColumnType.parse("text"))), true));
    assertThat(op(7)).isEqualTo(new Operation.DropColumn(name("invoices"), "note", true, true));
    assertThat(op(8)).isEqualTo(new Operation.AlterColumn(name("invoices"), "total", ColumnType.parse("numeric(14,2)"),
        "total::numeric(14,2)", false, Value.sql("0"), false, Identity.NONE));
    assertThat(op(9)).isEqualTo(new Operation.RenameColumn(name("invoices"), "total", "amount"));
  }

  @Test
  void indexAndConstraintOperations() {
    assertThat(op(10)).isEqualTo(new Operation.CreateIndex("ix_invoices_account", name("invoices"), List.of(
        IndexElement.column("account_id"),
        new IndexElement(null, "lower(note)", IndexElement.Order.DESC, IndexElement.Nulls.LAST, "text_pattern_ops", "C")),
        true, true, "status = 'open'", "btree", List.of("amount"), true, Map.of("fillfactor", "100")));
    assertThat(op(11)).isEqualTo(new Operation.DropIndex(new QualifiedName("billing", "ix_old"), true, true, false));
    assertThat(op(12)).isEqualTo(new Operation.RenameIndex(name("ix_invoices_account"), "ix_invoices_account_id"));
    assertThat(op(13)).isEqualTo(new Operation.AddPrimaryKey(name("receipts"), List.of("id"), "pk_receipts", null));
    assertThat(op(14)).isEqualTo(new Operation.AddForeignKey(name("receipts"), new ForeignKeySpec(
        "fk_receipts_invoices", List.of("invoice_id"), name("invoices"), List.of("id"), ReferentialAction.SET_DEFAULT,
        ReferentialAction.NO_ACTION, false), true));
    assertThat(op(15)).isEqualTo(new Operation.AddUniqueConstraint(name("receipts"), List.of(), "uq_receipts_number",
        false, "ix_receipts_number"));
    assertThat(op(16)).isEqualTo(new Operation.AddCheckConstraint(name("receipts"), "ck_receipts_positive",
        "amount > 0", true));
    assertThat(op(17)).isEqualTo(new Operation.DropConstraint(name("receipts"), "ck_old", true, true));
    assertThat(op(18)).isEqualTo(new Operation.RenameConstraint(name("receipts"), "ck_receipts_positive", "ck_positive"));
    assertThat(op(19)).isEqualTo(new Operation.ValidateConstraint(name("receipts"), "ck_positive"));
  }

  @Test
  void typeSequenceViewAndExtensionOperations() {
    QualifiedName status = new QualifiedName("billing", "status");
    assertThat(op(20)).isEqualTo(new Operation.AddEnumValue(status, "void", null, "paid", true));
    assertThat(op(21)).isEqualTo(new Operation.RenameEnumValue(status, "void", "voided"));
    assertThat(op(22)).isEqualTo(new Operation.DropEnum(name("oldstatus"), true));
    assertThat(op(23)).isEqualTo(new Operation.DropSchema("legacy", true, true));
    assertThat(op(24)).isEqualTo(new Operation.CreateSequence(name("invoice_numbers"), 1000L, 1L, 1000L, 999999L, true,
        "invoices.id"));
    assertThat(op(25)).isEqualTo(new Operation.DropSequence(name("old_numbers"), true, true));
    assertThat(op(26)).isEqualTo(new Operation.CreateView(name("open_invoices"),
        "SELECT * FROM invoices WHERE status = 'open'", true, true));
    assertThat(op(27)).isEqualTo(new Operation.RefreshMaterializedView(name("open_invoices"), true));
    assertThat(op(28)).isEqualTo(new Operation.DropView(name("old_view"), true, true, false));
    assertThat(op(29)).isEqualTo(new Operation.DropExtension("hstore", true));
  }

  @Test
  void dataAndSqlOperations() {
    assertThat(op(30)).isEqualTo(new Operation.Comment(name("invoices"), "amount", null));
    Map<String, Value> row = new LinkedHashMap<>();
    row.put("code", Value.text("open"));
    row.put("label", Value.text("Open"));
    row.put("rank", Value.Number.of("1"));
    row.put("visible", new Value.Bool(true));
    row.put("created", Value.sql("now()"));
    row.put("note", Value.nullValue());
    Operation.Insert insert = (Operation.Insert) op(31);
    assertThat(insert).isEqualTo(new Operation.Insert(new QualifiedName("billing", "status_names"), List.of(row)));
    assertThat(insert.rows().get(0).keySet()).as("column order kept").containsExactly(row.keySet().toArray(String[]::new));
    assertThat(op(32)).isEqualTo(new Operation.Update(name("invoices"), Map.of("status", Value.text("paid")),
        "amount = 0"));
    assertThat(op(33)).isEqualTo(new Operation.Delete(name("invoices"), "true"));
    assertThat(op(34)).isEqualTo(new Operation.Sql("SELECT 1", null, null));
    assertThat(op(35)).isEqualTo(new Operation.Sql("CREATE FUNCTION f() ...", "DROP FUNCTION f()", null));
    assertThat(op(36)).as("sql file read beside the revision, placeholders replaced")
        .isEqualTo(new Operation.Sql("UPDATE invoices SET owner = 'app';\n", null, "a1_backfill.sql"));
  }

  @Test
  void functionsAndTriggers_everyArgument() {
    assertThat(op(37)).isEqualTo(new Operation.CreateFunction(new Routine(new QualifiedName("billing", "touch"), false,
        List.of(new Routine.Argument("n", ColumnType.parse("integer"), Routine.Mode.IN, Value.Number.of("0")),
            new Routine.Argument(null, ColumnType.parse("text"), Routine.Mode.VARIADIC, null)),
        Routine.Returns.setOf(ColumnType.parse("bigint")), "sql", Routine.Volatility.STABLE, true, true,
        "SELECT n::bigint"), true));
    assertThat(op(38)).isEqualTo(new Operation.DropFunction(new QualifiedName("billing", "touch"),
        List.of(ColumnType.parse("integer"), ColumnType.parse("text[]")), true, true));
    assertThat(op(39)).isEqualTo(new Operation.CreateProcedure(new Routine(name("archive"), true,
        List.of(new Routine.Argument("days", ColumnType.parse("integer"), Routine.Mode.INOUT, null)), null, "plpgsql",
        null, false, false, "BEGIN days := 1; END;"), false));
    assertThat(op(40)).as("no arguments: the only procedure of that name")
        .isEqualTo(new Operation.DropProcedure(name("archive"), null, true, false));
    assertThat(op(41)).isEqualTo(new Operation.CreateTrigger(new Trigger("invoices_audit", name("invoices"),
        Trigger.Timing.INSTEAD_OF, EnumSet.of(Trigger.Event.INSERT, Trigger.Event.DELETE), List.of(), true, null,
        name("audit"), List.of("x"))));
    assertThat(op(42)).isEqualTo(new Operation.DropTrigger("invoices_audit", new QualifiedName("billing", "invoices"),
        true));
  }

  @Test
  void acknowledgeAndReason_keptOnTheChange() {
    Change drop = revision.upgrade().get(4);
    assertThat(drop.acknowledge()).containsExactly("destructive-drop");
    assertThat(drop.reason()).isEqualTo("empty since 2024");
    Change sql = revision.upgrade().get(35);
    assertThat(sql.acknowledge()).containsExactly("opaque-sql");
    assertThat(sql.reason()).isEqualTo("no operation for functions");
    assertThat(revision.upgrade().get(0).acknowledge()).isEmpty();
    assertThat(drop.at().line()).isEqualTo(38);
  }
}
