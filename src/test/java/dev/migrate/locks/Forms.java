package dev.migrate.locks;

import dev.migrate.changelog.Column;
import dev.migrate.changelog.ColumnReference;
import dev.migrate.changelog.ColumnType;
import dev.migrate.changelog.ForeignKeySpec;
import dev.migrate.changelog.Identity;
import dev.migrate.changelog.IndexElement;
import dev.migrate.changelog.Operation;
import dev.migrate.changelog.QualifiedName;
import dev.migrate.changelog.Value;
import java.util.List;
import java.util.Map;

/**
 * The forms the generator measures. Every form runs on the same two tables holding rows:
 * {@code users (id int PRIMARY KEY)} and {@code orders (id int PRIMARY KEY, qty int,
 * note varchar(20), user_id int)}, 10,000 rows each; a form adds what else it needs.
 */
final class Forms {

  /** Rows per table: enough that a scan is real work the server counts. */
  static final int ROWS = 10_000;

  static final List<String> COMMON = List.of(
      "CREATE TABLE users (id int PRIMARY KEY)",
      "INSERT INTO users SELECT g FROM generate_series(1, " + ROWS + ") g",
      "CREATE TABLE orders (id int PRIMARY KEY, qty int, note varchar(20), user_id int)",
      "INSERT INTO orders SELECT g, g, 'n' || g, g FROM generate_series(1, " + ROWS + ") g",
      "ANALYZE");

  private static final QualifiedName ORDERS = QualifiedName.parse("orders");
  private static final QualifiedName USERS = QualifiedName.parse("users");

  private Forms() {}

  static List<Form> all() {
    return List.of(
        form("add-column/nullable", new Operation.AddColumn(ORDERS, List.of(Column.of("extra", type("text"))), false)),
        form("add-column/constant-default", new Operation.AddColumn(ORDERS, List.of(
            new Column("extra", type("int"), true, Value.Number.of("0"), null, false, false, null, null, null)), false)),
        form("add-column/not-null-constant-default", new Operation.AddColumn(ORDERS, List.of(
            new Column("extra", type("int"), false, Value.Number.of("0"), null, false, false, null, null, null)), false)),
        form("add-column/stable-default", new Operation.AddColumn(ORDERS, List.of(
            new Column("extra", type("timestamptz"), true, Value.sql("now()"), null, false, false, null, null, null)),
            false)),
        form("add-column/volatile-default", new Operation.AddColumn(ORDERS, List.of(
            new Column("extra", type("float8"), true, Value.sql("random()"), null, false, false, null, null, null)),
            false)),
        form("add-column/identity", new Operation.AddColumn(ORDERS, List.of(
            new Column("extra", type("bigint"), false, null, Identity.BY_DEFAULT, false, false, null, null, null)),
            false)),
        form("add-column/serial", new Operation.AddColumn(ORDERS, List.of(Column.of("extra", type("bigserial"))),
            false)),
        form("add-column/stored-generated", new Operation.AddColumn(ORDERS, List.of(
            new Column("extra", type("int"), true, null, null, false, false, null, null, "qty * 2")), false)),
        form("add-column/references", new Operation.AddColumn(ORDERS, List.of(new Column("extra", type("int"), true,
            null, null, false, false, new ColumnReference(USERS, "id", null, null), null, null)), false)),
        form("drop-column", new Operation.DropColumn(ORDERS, "note", false, false)),
        form("rename-column", new Operation.RenameColumn(ORDERS, "note", "remark")),
        form("alter-column/type-varchar-widen", alterType("note", "varchar(50)")),
        form("alter-column/type-varchar-to-text", alterType("note", "text")),
        form("alter-column/type-varchar-shrink", alterType("note", "varchar(10)")),
        new Form("alter-column/type-text-to-varchar", alterType("note", "varchar(50)"),
            List.of("ALTER TABLE orders ALTER COLUMN note TYPE text"), "orders", null, false),
        form("alter-column/type-int-to-bigint", alterType("qty", "bigint")),
        form("alter-column/set-default", new Operation.AlterColumn(ORDERS, "qty", null, null, null,
            Value.Number.of("1"), false, null)),
        new Form("alter-column/drop-default", new Operation.AlterColumn(ORDERS, "qty", null, null, null, null, true,
            null), List.of("ALTER TABLE orders ALTER COLUMN qty SET DEFAULT 1"), "orders", null, false),
        form("set-not-null/plain", notNull()),
        new Form("set-not-null/validated-check", notNull(),
            List.of("ALTER TABLE orders ADD CONSTRAINT ck_orders_qty CHECK (qty IS NOT NULL)"), "orders", null, false),
        new Form("drop-not-null", new Operation.AlterColumn(ORDERS, "qty", null, null, true, null, false, null),
            List.of("ALTER TABLE orders ALTER COLUMN qty SET NOT NULL"), "orders", null, false),
        new Form("create-index/plain", createIndex(false, false), List.of(), "orders", "ix_orders_qty", false),
        new Form("create-index/unique", createIndex(true, false), List.of(), "orders", "ix_orders_qty", false),
        new Form("create-index/concurrently", createIndex(false, true), List.of(), "orders", "ix_orders_qty", true),
        new Form("drop-index/plain", dropIndex(false), List.of("CREATE INDEX ix_orders_qty ON orders (qty)"),
            "orders", "ix_orders_qty", false),
        new Form("drop-index/concurrently", dropIndex(true), List.of("CREATE INDEX ix_orders_qty ON orders (qty)"),
            "orders", "ix_orders_qty", true),
        new Form("rename-index", new Operation.RenameIndex(QualifiedName.parse("ix_orders_qty"), "ix_orders_quantity"),
            List.of("CREATE INDEX ix_orders_qty ON orders (qty)"), "orders", "ix_orders_qty", false),
        new Form("add-primary-key/plain", new Operation.AddPrimaryKey(ORDERS, List.of("id"), "orders_pkey", null),
            List.of("ALTER TABLE orders DROP CONSTRAINT orders_pkey", "ALTER TABLE orders ALTER COLUMN id SET NOT NULL"),
            "orders", "orders_pkey", false),
        new Form("add-primary-key/using-index",
            new Operation.AddPrimaryKey(ORDERS, List.of(), "orders_pkey", "ux_orders_id"),
            List.of("ALTER TABLE orders DROP CONSTRAINT orders_pkey", "ALTER TABLE orders ALTER COLUMN id SET NOT NULL",
                "CREATE UNIQUE INDEX ux_orders_id ON orders (id)"), "orders", "ux_orders_id", false),
        form("add-foreign-key/plain", foreignKey(false)),
        form("add-foreign-key/not-valid", foreignKey(true)),
        new Form("validate-constraint/foreign-key", new Operation.ValidateConstraint(ORDERS, "fk_orders_user"),
            List.of("ALTER TABLE orders ADD CONSTRAINT fk_orders_user FOREIGN KEY (user_id) REFERENCES users (id)"
                + " NOT VALID"), "orders", null, false),
        form("add-check-constraint/plain", new Operation.AddCheckConstraint(ORDERS, "ck_orders_qty", "qty > 0", false)),
        form("add-check-constraint/not-valid",
            new Operation.AddCheckConstraint(ORDERS, "ck_orders_qty", "qty > 0", true)),
        new Form("validate-constraint/check", new Operation.ValidateConstraint(ORDERS, "ck_orders_qty"),
            List.of("ALTER TABLE orders ADD CONSTRAINT ck_orders_qty CHECK (qty > 0) NOT VALID"), "orders", null,
            false),
        new Form("add-unique-constraint/plain",
            new Operation.AddUniqueConstraint(ORDERS, List.of("qty"), "uq_orders_qty", false, null), List.of(),
            "orders", "uq_orders_qty", false),
        new Form("add-unique-constraint/using-index",
            new Operation.AddUniqueConstraint(ORDERS, List.of(), "uq_orders_qty", false, "uq_orders_qty"),
            List.of("CREATE UNIQUE INDEX uq_orders_qty ON orders (qty)"), "orders", "uq_orders_qty", false),
        form("drop-constraint", new Operation.DropConstraint(ORDERS, "orders_pkey", false, false)),
        new Form("drop-constraint/foreign-key", new Operation.DropConstraint(ORDERS, "fk_orders_user", false, false),
            List.of("ALTER TABLE orders ADD CONSTRAINT fk_orders_user FOREIGN KEY (user_id) REFERENCES users (id)"),
            "orders", null, false),
        form("rename-table", new Operation.RenameTable(ORDERS, "purchases")),
        form("comment/table", new Operation.Comment(ORDERS, null, "what was bought")),
        form("comment/column", new Operation.Comment(ORDERS, "qty", "how many")),
        form("create-view/plain", new Operation.CreateView(QualifiedName.parse("big_orders"),
            "SELECT id, qty FROM orders WHERE qty > 100", false, false)));
  }

  private static Form form(String id, Operation operation) {
    return new Form(id, operation, List.of(), "orders", null, false);
  }

  private static Operation alterType(String column, String type) {
    return new Operation.AlterColumn(ORDERS, column, type(type), null, null, null, false, null);
  }

  private static Operation notNull() {
    return new Operation.AlterColumn(ORDERS, "qty", null, null, false, null, false, null);
  }

  private static Operation createIndex(boolean unique, boolean concurrently) {
    return new Operation.CreateIndex("ix_orders_qty", ORDERS, List.of(IndexElement.column("qty")), unique,
        concurrently, null, null, List.of(), false, Map.of());
  }

  private static Operation dropIndex(boolean concurrently) {
    return new Operation.DropIndex(QualifiedName.parse("ix_orders_qty"), concurrently, false, false);
  }

  private static Operation foreignKey(boolean notValid) {
    return new Operation.AddForeignKey(ORDERS, new ForeignKeySpec("fk_orders_user", List.of("user_id"), USERS,
        List.of("id"), null, null, false), notValid);
  }

  private static ColumnType type(String text) {
    return ColumnType.parse(text);
  }
}
