package dev.migrate.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.migrate.MigrateException;
import dev.migrate.changelog.Change;
import dev.migrate.changelog.CheckSpec;
import dev.migrate.changelog.Column;
import dev.migrate.changelog.ColumnReference;
import dev.migrate.changelog.ColumnType;
import dev.migrate.changelog.ForeignKeySpec;
import dev.migrate.changelog.Identity;
import dev.migrate.changelog.IndexElement;
import dev.migrate.changelog.KeySpec;
import dev.migrate.changelog.Operation;
import dev.migrate.changelog.OperationKind;
import dev.migrate.changelog.QualifiedName;
import dev.migrate.changelog.ReferentialAction;
import dev.migrate.changelog.Routine;
import dev.migrate.changelog.SourceSpan;
import dev.migrate.changelog.Trigger;
import dev.migrate.changelog.Value;
import dev.migrate.render.ScratchServer.Scratch;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden SQL for every operation kind: each case compares the whole rendered script with a
 * text block, then runs that same SQL on a real PostgreSQL (a fresh database per case, after
 * the setup it needs) and asserts its effect through the catalog, so no expected string is
 * unrunnable.
 */
class PostgresRendererTest {

  private static final PostgresRenderer RENDERER = new PostgresRenderer(18);

  private static ScratchServer server;

  @BeforeAll
  static void startServer() throws Exception {
    server = ScratchServer.start();
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldens")
  void render_goldenCase_matchesTextAndRunsWithItsEffect(Golden golden) throws SQLException {
    List<String> statements = RENDERER.render(golden.op());

    assertThat(script(statements)).isEqualTo(golden.sql());
    assertThat(statements).noneMatch(statement -> statement.endsWith(";"));
    try (Scratch db = server.fresh()) {
      // The text is PostgreSQL 18's; on an older server (the pg-versions profile) a case it
      // cannot run is the renderer's error to give, which another test checks, not this one's.
      int major = db.connection().getMetaData().getDatabaseMajorVersion();
      assumeTrue(renders(new PostgresRenderer(major), golden.op()),
          () -> golden + " needs a newer PostgreSQL than " + major);
      db.run(golden.setup());
      db.run(statements);
      golden.check().verify(db);
    }
  }

  private static boolean renders(PostgresRenderer renderer, Operation op) {
    try {
      renderer.render(op);
      return true;
    } catch (MigrateException e) {
      if (!e.code().equals("unsupported-by-version")) {
        throw e;
      }
      return false;
    }
  }

  @Test
  void goldens_coverEveryOperationKind() {
    Set<OperationKind> covered = goldens().map(golden -> golden.op().kind()).collect(Collectors.toSet());

    assertThat(EnumSet.complementOf(EnumSet.copyOf(covered))).isEmpty();
  }

  @Test
  void render_nullsNotDistinctOnPostgres14_failsNamingBothVersions() {
    PostgresRenderer fourteen = new PostgresRenderer(14);
    Operation op = new Operation.AddUniqueConstraint(q("accounts"), List.of("email"), "uq_accounts_email", true, null);

    assertThatThrownBy(() -> fourteen.render(op))
        .isInstanceOfSatisfying(MigrateException.class, e -> assertThat(e.code()).isEqualTo("unsupported-by-version"))
        .hasMessageContaining("add-unique-constraint")
        .hasMessageContaining("nulls-not-distinct")
        .hasMessageContaining("PostgreSQL 15")
        .hasMessageContaining("PostgreSQL 14");
  }

  @Test
  void render_changeTheTargetCannotRun_failsNamingWhereItWasWritten() {
    Operation op = new Operation.AddUniqueConstraint(q("accounts"), List.of("email"), null, true, null);
    Change change = Change.of(op, SourceSpan.of(Path.of("src/main/migrations/a1_add.yaml"), 12, 7));

    assertThatThrownBy(() -> new PostgresRenderer(14).render(change))
        .isInstanceOfSatisfying(MigrateException.class, e -> assertThat(e.code()).isEqualTo("unsupported-by-version"))
        .hasMessageStartingWith(Path.of("src/main/migrations/a1_add.yaml") + ":12:7: add-unique-constraint")
        .hasMessageContaining("target PostgreSQL 15+");
  }

  @Test
  void render_nullsNotDistinctInCreateTableOnPostgres14_failsNamingBothVersions() {
    Operation op = new Operation.CreateTable(q("accounts"), List.of(Column.of("email", type("text"))), null,
        List.of(new KeySpec(null, List.of("email"), true)), List.of(), List.of(), false, null, Map.of());

    assertThatThrownBy(() -> new PostgresRenderer(14).render(op))
        .isInstanceOfSatisfying(MigrateException.class, e -> assertThat(e.code()).isEqualTo("unsupported-by-version"))
        .hasMessageContaining("create-table")
        .hasMessageContaining("PostgreSQL 15")
        .hasMessageContaining("PostgreSQL 14");
  }

  @Test
  void render_nullsNotDistinctOnPostgres15_isAccepted() {
    Operation op = new Operation.AddUniqueConstraint(q("accounts"), List.of("email"), null, true, null);

    assertThat(new PostgresRenderer(15).render(op))
        .containsExactly("ALTER TABLE accounts ADD UNIQUE NULLS NOT DISTINCT (email)");
  }

  @Test
  void render_unknownIndexMethod_failsNamingTheMethodsThereAre() {
    Operation op = new Operation.CreateIndex("ix", q("t"), List.of(IndexElement.column("a")), false, false, null,
        "btree; DROP TABLE t", List.of(), false, Map.of());

    assertThatThrownBy(() -> RENDERER.render(op))
        .isInstanceOfSatisfying(MigrateException.class, e -> assertThat(e.code()).isEqualTo("unknown-index-method"))
        .hasMessageContaining("create-index ix")
        .hasMessageContaining("btree, hash, gin, gist, brin, spgist");
  }

  @Test
  void render_indexMethodInUpperCase_isWrittenAsPostgresFoldsIt() {
    Operation op = new Operation.CreateIndex("ix", q("t"), List.of(IndexElement.column("a")), false, false, null,
        "GIN", List.of(), false, Map.of());

    assertThat(RENDERER.render(op)).containsExactly("CREATE INDEX ix ON t USING gin (a)");
  }

  @Test
  void render_storageParameterThatIsNotAName_fails() {
    Operation op = new Operation.CreateIndex("ix", q("t"), List.of(IndexElement.column("a")), false, false, null,
        null, List.of(), false, Map.of("fillfactor = 10) WITH (x", "1"));

    assertThatThrownBy(() -> RENDERER.render(op))
        .isInstanceOfSatisfying(MigrateException.class,
            e -> assertThat(e.code()).isEqualTo("invalid-storage-parameter"))
        .hasMessageContaining("fillfactor");
  }

  @Test
  void render_orReplaceMaterializedView_failsSayingWhatToDoInstead() {
    Operation op = new Operation.CreateView(q("v"), "SELECT 1", true, true);

    assertThatThrownBy(() -> RENDERER.render(op))
        .isInstanceOfSatisfying(MigrateException.class,
            e -> assertThat(e.code()).isEqualTo("unsupported-by-postgresql"))
        .hasMessageContaining("drop the materialized view");
  }

  @Test
  void render_ownedByWithoutColumn_failsShowingTheForm() {
    Operation op = new Operation.CreateSequence(q("s"), null, null, null, null, false, "orders");

    assertThatThrownBy(() -> RENDERER.render(op))
        .isInstanceOfSatisfying(MigrateException.class, e -> assertThat(e.code()).isEqualTo("invalid-owned-by"))
        .hasMessageContaining("orders.id");
  }

  @Test
  void render_alterColumnToSerial_failsSuggestingIdentity() {
    Operation op = new Operation.AlterColumn(q("t"), "id", type("bigserial"), null, null, null, false, null);

    assertThatThrownBy(() -> RENDERER.render(op))
        .isInstanceOfSatisfying(MigrateException.class,
            e -> assertThat(e.code()).isEqualTo("unsupported-by-postgresql"))
        .hasMessageContaining("alter-column t.id")
        .hasMessageContaining("type: bigint with identity: by-default");
  }

  @Test
  void render_builtinTypeMadeByHand_isRefused() {
    ColumnType forged = new ColumnType(QualifiedName.unqualified("text; DROP TABLE t"), List.of(), 0, true);
    Operation op = new Operation.AddColumn(q("t"), List.of(Column.of("c", forged)), false);

    assertThatThrownBy(() -> RENDERER.render(op)).isInstanceOf(IllegalArgumentException.class);
  }

  // ---------------------------------------------------------------------------------------
  // The golden cases

  static Stream<Golden> goldens() {
    List<Golden> all = new ArrayList<>();
    all.addAll(tables());
    all.addAll(columns());
    all.addAll(indexes());
    all.addAll(constraints());
    all.addAll(enums());
    all.addAll(schemaObjects());
    all.addAll(data());
    all.addAll(functionsAndTriggers());
    return all.stream();
  }

  private static List<Golden> tables() {
    return List.of(
        golden("create-table: the spec's example", new Operation.CreateTable(q("new_features"), List.of(
                new Column("id", type("integer"), true, null, Identity.BY_DEFAULT, true, false, null, null, null),
                new Column("name", type("varchar"), false, null, null, false, false, null, null, null),
                new Column("is_active", type("boolean"), false, new Value.Bool(true), null, false, false, null, null,
                    null),
                new Column("created_at", type("timestamptz"), true, Value.sql("now()"), null, false, false, null,
                    null, null)),
                null, List.of(), List.of(), List.of(), false, null, Map.of()),
            """
            CREATE TABLE new_features (
              id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
              name character varying NOT NULL,
              is_active boolean NOT NULL DEFAULT true,
              created_at timestamp with time zone DEFAULT now()
            );
            """)
            .check(db -> {
              assertThat(db.columns("new_features")).containsExactly(
                  "id integer not null identity d",
                  "name character varying not null",
                  "is_active boolean not null default true",
                  "created_at timestamp with time zone default now()");
              assertThat(db.constraints("new_features")).containsExactly("new_features_pkey: PRIMARY KEY (id)");
            }),
        golden("create-table: every table-level clause, in a schema, with comments",
            new Operation.CreateTable(q("billing.invoices"), List.of(
                new Column("id", type("bigint"), false, null, Identity.ALWAYS, false, false, null, null, null),
                new Column("customer_id", type("int8"), false, null, null, false, false, null, "who pays", null),
                new Column("code", type("varchar(32)"), true, null, null, false, false, null, null, null),
                new Column("net", type("numeric(12,2)"), false, Value.Number.of("0"), null, false, false, null, null,
                    null),
                new Column("gross", type("numeric(12,2)"), true, null, null, false, false, null, null, "net * 1.2"),
                new Column("tags", type("text[]"), false, Value.sql("'{}'"), null, false, false, null, null, null),
                new Column("status", type("billing.invoice_status"), false, Value.text("draft"), null, false, false,
                    null, null, null)),
                new KeySpec("invoices_pk", List.of("id"), false),
                List.of(new KeySpec("uq_invoices_code", List.of("customer_id", "code"), true)),
                List.of(new ForeignKeySpec("fk_invoices_customer", List.of("customer_id"), q("customers"),
                    List.of("id"), ReferentialAction.CASCADE, ReferentialAction.NO_ACTION, true)),
                List.of(new CheckSpec("ck_invoices_net", "net >= 0"), new CheckSpec(null, "code <> ''")),
                true, "issued invoices", Map.of("fillfactor", "70")),
            """
            CREATE TABLE IF NOT EXISTS billing.invoices (
              id bigint NOT NULL GENERATED ALWAYS AS IDENTITY,
              customer_id bigint NOT NULL,
              code character varying(32),
              net numeric(12,2) NOT NULL DEFAULT 0,
              gross numeric(12,2) GENERATED ALWAYS AS (net * 1.2) STORED,
              tags text[] NOT NULL DEFAULT '{}',
              status billing.invoice_status NOT NULL DEFAULT 'draft',
              CONSTRAINT invoices_pk PRIMARY KEY (id),
              CONSTRAINT uq_invoices_code UNIQUE NULLS NOT DISTINCT (customer_id, code),
              CONSTRAINT fk_invoices_customer FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE ON UPDATE NO ACTION DEFERRABLE,
              CONSTRAINT ck_invoices_net CHECK (net >= 0),
              CHECK (code <> '')
            ) WITH (fillfactor = 70);
            COMMENT ON TABLE billing.invoices IS 'issued invoices';
            COMMENT ON COLUMN billing.invoices.customer_id IS 'who pays';
            """)
            .setup("CREATE SCHEMA billing", "CREATE TYPE billing.invoice_status AS ENUM ('draft', 'sent')",
                "CREATE TABLE customers (id bigint PRIMARY KEY)")
            .check(db -> {
              assertThat(db.columns("billing.invoices")).containsExactly(
                  "id bigint not null identity a",
                  "customer_id bigint not null",
                  "code character varying(32)",
                  "net numeric(12,2) not null default 0",
                  "gross numeric(12,2) generated (net * 1.2)",
                  "tags text[] not null default '{}'::text[]",
                  "status billing.invoice_status not null default 'draft'::billing.invoice_status");
              assertThat(db.constraints("billing.invoices")).containsExactly(
                  "ck_invoices_net: CHECK ((net >= (0)::numeric))",
                  "fk_invoices_customer: FOREIGN KEY (customer_id) REFERENCES customers(id) ON DELETE CASCADE"
                      + " DEFERRABLE",
                  "invoices_code_check: CHECK (((code)::text <> ''::text))",
                  "invoices_pk: PRIMARY KEY (id)",
                  "uq_invoices_code: UNIQUE NULLS NOT DISTINCT (customer_id, code)");
              assertThat(db.one("SELECT array_to_string(reloptions, ',') FROM pg_class"
                  + " WHERE oid = 'billing.invoices'::regclass")).isEqualTo("fillfactor=70");
              assertThat(db.one("SELECT obj_description('billing.invoices'::regclass, 'pg_class')"))
                  .isEqualTo("issued invoices");
              assertThat(db.one("SELECT col_description('billing.invoices'::regclass, 2)")).isEqualTo("who pays");
            }),
        golden("create-table: column-level unique and references, names that need quotes",
            new Operation.CreateTable(q("Orders"), List.of(
                new Column("order", type("int"), false, null, null, false, true, null, null, null),
                new Column("userId", type("bigint"), true, null, null, false, false,
                    new ColumnReference(q("users"), "id", ReferentialAction.SET_NULL, ReferentialAction.CASCADE),
                    null, null),
                new Column("placed at", type("timestamp(3)"), true, null, null, false, false, null, null, null)),
                null, List.of(), List.of(), List.of(), false, null, Map.of()),
            """
            CREATE TABLE "Orders" (
              "order" integer NOT NULL UNIQUE,
              "userId" bigint REFERENCES users (id) ON DELETE SET NULL ON UPDATE CASCADE,
              "placed at" timestamp(3) without time zone
            );
            """)
            .setup("CREATE TABLE users (id bigint PRIMARY KEY)")
            .check(db -> {
              assertThat(db.columns("\"Orders\"")).containsExactly(
                  "order integer not null", "userId bigint", "placed at timestamp(3) without time zone");
              assertThat(db.constraints("\"Orders\"")).containsExactly(
                  "Orders_order_key: UNIQUE (\"order\")",
                  "Orders_userId_fkey: FOREIGN KEY (\"userId\") REFERENCES users(id) ON UPDATE CASCADE"
                      + " ON DELETE SET NULL");
            }),
        golden("create-table: unnamed composite keys",
            new Operation.CreateTable(q("memberships"), List.of(
                new Column("user_id", type("bigint"), false, null, null, false, false, null, null, null),
                new Column("org_id", type("bigint"), false, null, null, false, false, null, null, null),
                Column.of("badge", type("text"))),
                new KeySpec(null, List.of("user_id", "org_id"), false),
                List.of(new KeySpec(null, List.of("org_id", "badge"), false)),
                List.of(new ForeignKeySpec(null, List.of("org_id"), q("orgs"), List.of(), null, null, false)),
                List.of(), false, null, Map.of()),
            """
            CREATE TABLE memberships (
              user_id bigint NOT NULL,
              org_id bigint NOT NULL,
              badge text,
              PRIMARY KEY (user_id, org_id),
              UNIQUE (org_id, badge),
              FOREIGN KEY (org_id) REFERENCES orgs
            );
            """)
            .setup("CREATE TABLE orgs (id bigint PRIMARY KEY)")
            .check(db -> assertThat(db.constraints("memberships")).containsExactly(
                "memberships_org_id_badge_key: UNIQUE (org_id, badge)",
                "memberships_org_id_fkey: FOREIGN KEY (org_id) REFERENCES orgs(id)",
                "memberships_pkey: PRIMARY KEY (user_id, org_id)")),
        golden("create-table: no columns", new Operation.CreateTable(q("marker"), List.of(), null, List.of(),
                List.of(), List.of(), false, null, Map.of()),
            """
            CREATE TABLE marker ();
            """)
            .check(db -> {
              assertThat(db.exists("marker")).isTrue();
              assertThat(db.columns("marker")).isEmpty();
            }),
        golden("drop-table", new Operation.DropTable(q("old_things"), false, false),
            """
            DROP TABLE old_things;
            """)
            .setup("CREATE TABLE old_things (id int)")
            .check(db -> assertThat(db.exists("old_things")).isFalse()),
        golden("drop-table: if-exists, cascade, in a schema", new Operation.DropTable(q("app.parents"), true, true),
            """
            DROP TABLE IF EXISTS app.parents CASCADE;
            """)
            .setup("CREATE SCHEMA app", "CREATE TABLE app.parents (id int PRIMARY KEY)",
                "CREATE TABLE children (parent_id int REFERENCES app.parents (id))")
            .check(db -> {
              assertThat(db.exists("app.parents")).isFalse();
              assertThat(db.constraints("children")).isEmpty();
            }),
        golden("rename-table", new Operation.RenameTable(q("app.people"), "Persons"),
            """
            ALTER TABLE app.people RENAME TO "Persons";
            """)
            .setup("CREATE SCHEMA app", "CREATE TABLE app.people (id int)")
            .check(db -> {
              assertThat(db.exists("app.\"Persons\"")).isTrue();
              assertThat(db.exists("app.people")).isFalse();
            }));
  }

  private static List<Golden> columns() {
    return List.of(
        golden("add-column: one", new Operation.AddColumn(q("users"), List.of(Column.of("note", type("text"))), false),
            """
            ALTER TABLE users ADD COLUMN note text;
            """)
            .setup("CREATE TABLE users (id int)")
            .check(db -> assertThat(db.columns("users")).containsExactly("id integer", "note text")),
        golden("add-column: several in one statement, with constraints and a comment",
            new Operation.AddColumn(q("users"), List.of(
                new Column("email", type("varchar(255)"), false, Value.text("nobody@example.com"), null, false, true,
                    null, "login", null),
                new Column("org_id", type("int4"), true, null, null, false, false,
                    new ColumnReference(q("orgs"), "id", ReferentialAction.RESTRICT, null), null, null),
                new Column("score", type("float8"), true, Value.Number.of("-1.5"), null, false, false, null, null,
                    null)),
                true),
            """
            ALTER TABLE users ADD COLUMN IF NOT EXISTS email character varying(255) NOT NULL DEFAULT 'nobody@example.com' UNIQUE, ADD COLUMN IF NOT EXISTS org_id integer REFERENCES orgs (id) ON DELETE RESTRICT, ADD COLUMN IF NOT EXISTS score double precision DEFAULT -1.5;
            COMMENT ON COLUMN users.email IS 'login';
            """)
            .setup("CREATE TABLE orgs (id int PRIMARY KEY)", "CREATE TABLE users (id int)",
                "INSERT INTO users VALUES (1)")
            .check(db -> {
              assertThat(db.columns("users")).containsExactly(
                  "id integer",
                  "email character varying(255) not null default 'nobody@example.com'::character varying",
                  "org_id integer",
                  "score double precision default '-1.5'::numeric");
              assertThat(db.constraints("users")).containsExactly(
                  "users_email_key: UNIQUE (email)",
                  "users_org_id_fkey: FOREIGN KEY (org_id) REFERENCES orgs(id) ON DELETE RESTRICT");
              assertThat(db.one("SELECT col_description('users'::regclass, 2)")).isEqualTo("login");
              assertThat(db.rows("SELECT email, score FROM users")).containsExactly("nobody@example.com | -1.5");
            }),
        golden("add-column: identity and serial", new Operation.AddColumn(q("events"), List.of(
                new Column("id", type("bigint"), false, null, Identity.BY_DEFAULT, true, false, null, null, null),
                Column.of("seq", type("serial"))), false),
            """
            ALTER TABLE events ADD COLUMN id bigint NOT NULL GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, ADD COLUMN seq serial;
            """)
            .setup("CREATE TABLE events (name text)", "INSERT INTO events VALUES ('a'), ('b')")
            .check(db -> {
              assertThat(db.columns("events")).containsExactly(
                  "name text", "id bigint not null identity d",
                  "seq integer not null default nextval('events_seq_seq'::regclass)");
              assertThat(db.rows("SELECT name, id, seq FROM events ORDER BY id")).containsExactly("a | 1 | 1", "b | 2 | 2");
            }),
        golden("drop-column", new Operation.DropColumn(q("users"), "note", false, false),
            """
            ALTER TABLE users DROP COLUMN note;
            """)
            .setup("CREATE TABLE users (id int, note text)")
            .check(db -> assertThat(db.columns("users")).containsExactly("id integer")),
        golden("drop-column: if-exists, cascade", new Operation.DropColumn(q("users"), "Email", true, true),
            """
            ALTER TABLE users DROP COLUMN IF EXISTS "Email" CASCADE;
            """)
            .setup("CREATE TABLE users (id int, \"Email\" text)", "CREATE VIEW emails AS SELECT \"Email\" FROM users")
            .check(db -> {
              assertThat(db.columns("users")).containsExactly("id integer");
              assertThat(db.exists("emails")).isFalse();
            }),
        golden("alter-column: type with using, not null, identity",
            new Operation.AlterColumn(q("items"), "qty", type("bigint"), "qty::bigint * 10", false, null, false,
                Identity.ALWAYS),
            """
            ALTER TABLE items ALTER COLUMN qty TYPE bigint USING qty::bigint * 10, ALTER COLUMN qty SET NOT NULL, ALTER COLUMN qty ADD GENERATED ALWAYS AS IDENTITY;
            """)
            .setup("CREATE TABLE items (qty text)", "INSERT INTO items VALUES ('4')")
            .check(db -> {
              assertThat(db.columns("items")).containsExactly("qty bigint not null identity a");
              assertThat(db.rows("SELECT qty FROM items")).containsExactly("40");
            }),
        golden("alter-column: set default, drop not null",
            new Operation.AlterColumn(q("items"), "name", null, null, true, Value.text("unnamed"), false, null),
            """
            ALTER TABLE items ALTER COLUMN name SET DEFAULT 'unnamed', ALTER COLUMN name DROP NOT NULL;
            """)
            .setup("CREATE TABLE items (name text NOT NULL)")
            .check(db -> assertThat(db.columns("items")).containsExactly("name text default 'unnamed'::text")),
        golden("alter-column: drop identity, drop default, drop not null",
            new Operation.AlterColumn(q("items"), "id", null, null, true, null, true, Identity.NONE),
            """
            ALTER TABLE items ALTER COLUMN id DROP IDENTITY, ALTER COLUMN id DROP DEFAULT, ALTER COLUMN id DROP NOT NULL;
            """)
            .setup("CREATE TABLE items (id int GENERATED BY DEFAULT AS IDENTITY NOT NULL, n int DEFAULT 1)")
            .check(db -> assertThat(db.columns("items")).containsExactly("id integer", "n integer default 1")),
        golden("alter-column: type of a user type, default null",
            new Operation.AlterColumn(q("tickets"), "state", type("ticket_state[]"), null, null, new Value.Null(),
                false, null),
            """
            ALTER TABLE tickets ALTER COLUMN state TYPE ticket_state[], ALTER COLUMN state SET DEFAULT NULL;
            """)
            .setup("CREATE TYPE ticket_state AS ENUM ('open')", "CREATE TABLE tickets (state ticket_state[])")
            .check(db -> assertThat(db.columns("tickets")).containsExactly("state ticket_state[]")),
        golden("rename-column", new Operation.RenameColumn(q("users"), "mail", "E-Mail"),
            """
            ALTER TABLE users RENAME COLUMN mail TO "E-Mail";
            """)
            .setup("CREATE TABLE users (mail text)")
            .check(db -> assertThat(db.columns("users")).containsExactly("E-Mail text")));
  }

  private static List<Golden> indexes() {
    return List.of(
        golden("create-index: one column",
            new Operation.CreateIndex("ix_users_name", q("users"), List.of(IndexElement.column("name")), false, false,
                null, null, List.of(), false, Map.of()),
            """
            CREATE INDEX ix_users_name ON users (name);
            """)
            .setup("CREATE TABLE users (name text)")
            .check(db -> assertThat(db.indexes("users"))
                .containsExactly("CREATE INDEX ix_users_name ON public.users USING btree (name)")),
        golden("create-index: every clause",
            new Operation.CreateIndex("ux_users_email", q("app.users"), List.of(
                new IndexElement(null, "lower(email)", null, null, "text_pattern_ops", null),
                new IndexElement("Name", null, IndexElement.Order.DESC, IndexElement.Nulls.LAST, null, "C"),
                new IndexElement("org_id", null, IndexElement.Order.ASC, IndexElement.Nulls.FIRST, null, null)),
                true, false, "deleted_at IS NULL", "btree", List.of("id"), true,
                orderedMap("fillfactor", "90", "deduplicate_items", "off")),
            """
            CREATE UNIQUE INDEX IF NOT EXISTS ux_users_email ON app.users USING btree ((lower(email)) text_pattern_ops, "Name" COLLATE "C" DESC NULLS LAST, org_id ASC NULLS FIRST) INCLUDE (id) WITH (fillfactor = 90, deduplicate_items = 'off') WHERE deleted_at IS NULL;
            """)
            .setup("CREATE SCHEMA app",
                "CREATE TABLE app.users (id int, email text, \"Name\" text, org_id int, deleted_at timestamptz)")
            .check(db -> assertThat(db.indexes("app.users")).containsExactly(
                "CREATE UNIQUE INDEX ux_users_email ON app.users USING btree (lower(email) text_pattern_ops,"
                    + " \"Name\" COLLATE \"C\" DESC NULLS LAST, org_id NULLS FIRST) INCLUDE (id)"
                    + " WITH (fillfactor='90', deduplicate_items=off) WHERE (deleted_at IS NULL)")),
        golden("create-index: concurrently, gin with an operator class",
            new Operation.CreateIndex("ix_docs_body", q("docs"), List.of(
                new IndexElement("body", null, null, null, "jsonb_path_ops", null)),
                false, true, null, "gin", List.of(), false, Map.of()),
            """
            CREATE INDEX CONCURRENTLY ix_docs_body ON docs USING gin (body jsonb_path_ops);
            """)
            .setup("CREATE TABLE docs (body jsonb)")
            .check(db -> assertThat(db.indexes("docs"))
                .containsExactly("CREATE INDEX ix_docs_body ON public.docs USING gin (body jsonb_path_ops)")),
        golden("drop-index", new Operation.DropIndex(q("ix_users_name"), false, false, false),
            """
            DROP INDEX ix_users_name;
            """)
            .setup("CREATE TABLE users (name text)", "CREATE INDEX ix_users_name ON users (name)")
            .check(db -> assertThat(db.exists("ix_users_name")).isFalse()),
        golden("drop-index: concurrently, if-exists, in a schema",
            new Operation.DropIndex(q("app.ix_users_name"), true, true, false),
            """
            DROP INDEX CONCURRENTLY IF EXISTS app.ix_users_name;
            """)
            .setup("CREATE SCHEMA app", "CREATE TABLE app.users (name text)",
                "CREATE INDEX ix_users_name ON app.users (name)")
            .check(db -> assertThat(db.exists("app.ix_users_name")).isFalse()),
        golden("drop-index: cascade", new Operation.DropIndex(q("ux_users_name"), false, false, true),
            """
            DROP INDEX ux_users_name CASCADE;
            """)
            .setup("CREATE TABLE users (name text)", "CREATE UNIQUE INDEX ux_users_name ON users (name)")
            .check(db -> assertThat(db.indexes("users")).isEmpty()),
        golden("rename-index", new Operation.RenameIndex(q("app.ix_old"), "ix_new"),
            """
            ALTER INDEX app.ix_old RENAME TO ix_new;
            """)
            .setup("CREATE SCHEMA app", "CREATE TABLE app.users (name text)", "CREATE INDEX ix_old ON app.users (name)")
            .check(db -> assertThat(db.indexes("app.users"))
                .containsExactly("CREATE INDEX ix_new ON app.users USING btree (name)")));
  }

  private static List<Golden> constraints() {
    return List.of(
        golden("add-primary-key", new Operation.AddPrimaryKey(q("memberships"), List.of("user_id", "org_id"),
                "memberships_pk", null),
            """
            ALTER TABLE memberships ADD CONSTRAINT memberships_pk PRIMARY KEY (user_id, org_id);
            """)
            .setup("CREATE TABLE memberships (user_id int, org_id int)")
            .check(db -> assertThat(db.constraints("memberships"))
                .containsExactly("memberships_pk: PRIMARY KEY (user_id, org_id)")),
        golden("add-primary-key: using-index", new Operation.AddPrimaryKey(q("users"), List.of(), "users_pkey",
                "ux_users_id"),
            """
            ALTER TABLE users ADD CONSTRAINT users_pkey PRIMARY KEY USING INDEX ux_users_id;
            """)
            .setup("CREATE TABLE users (id int NOT NULL)", "CREATE UNIQUE INDEX ux_users_id ON users (id)")
            .check(db -> {
              assertThat(db.constraints("users")).containsExactly("users_pkey: PRIMARY KEY (id)");
              assertThat(db.indexes("users"))
                  .containsExactly("CREATE UNIQUE INDEX users_pkey ON public.users USING btree (id)");
            }),
        golden("add-foreign-key: actions, deferrable, not-valid",
            new Operation.AddForeignKey(q("orders"), new ForeignKeySpec("fk_orders_user", List.of("user_id"),
                q("app.users"), List.of("id"), ReferentialAction.CASCADE, ReferentialAction.RESTRICT, true), true),
            """
            ALTER TABLE orders ADD CONSTRAINT fk_orders_user FOREIGN KEY (user_id) REFERENCES app.users (id) ON DELETE CASCADE ON UPDATE RESTRICT DEFERRABLE NOT VALID;
            """)
            .setup("CREATE SCHEMA app", "CREATE TABLE app.users (id int PRIMARY KEY)",
                "CREATE TABLE orders (user_id int)", "INSERT INTO orders VALUES (42)")
            .check(db -> {
              assertThat(db.constraints("orders")).containsExactly("fk_orders_user: FOREIGN KEY (user_id)"
                  + " REFERENCES app.users(id) ON UPDATE RESTRICT ON DELETE CASCADE DEFERRABLE NOT VALID");
            }),
        golden("add-foreign-key: to the referenced primary key, unnamed",
            new Operation.AddForeignKey(q("orders"), new ForeignKeySpec(null, List.of("user_id"), q("users"),
                List.of(), null, null, false), false),
            """
            ALTER TABLE orders ADD FOREIGN KEY (user_id) REFERENCES users;
            """)
            .setup("CREATE TABLE users (id int PRIMARY KEY)", "CREATE TABLE orders (user_id int)")
            .check(db -> assertThat(db.constraints("orders"))
                .containsExactly("orders_user_id_fkey: FOREIGN KEY (user_id) REFERENCES users(id)")),
        golden("add-unique-constraint: nulls-not-distinct",
            new Operation.AddUniqueConstraint(q("accounts"), List.of("email", "tenant"), "uq_accounts_email", true,
                null),
            """
            ALTER TABLE accounts ADD CONSTRAINT uq_accounts_email UNIQUE NULLS NOT DISTINCT (email, tenant);
            """)
            .setup("CREATE TABLE accounts (email text, tenant int)")
            .check(db -> assertThat(db.constraints("accounts"))
                .containsExactly("uq_accounts_email: UNIQUE NULLS NOT DISTINCT (email, tenant)")),
        golden("add-unique-constraint: using-index",
            new Operation.AddUniqueConstraint(q("accounts"), List.of(), "uq_accounts_email", false,
                "ux_accounts_email"),
            """
            ALTER TABLE accounts ADD CONSTRAINT uq_accounts_email UNIQUE USING INDEX ux_accounts_email;
            """)
            .setup("CREATE TABLE accounts (email text)",
                "CREATE UNIQUE INDEX CONCURRENTLY ux_accounts_email ON accounts (email)")
            .check(db -> assertThat(db.constraints("accounts"))
                .containsExactly("uq_accounts_email: UNIQUE (email)")),
        golden("add-check-constraint: not-valid",
            new Operation.AddCheckConstraint(q("orders"), "ck_orders_total", "total >= 0", true),
            """
            ALTER TABLE orders ADD CONSTRAINT ck_orders_total CHECK (total >= 0) NOT VALID;
            """)
            .setup("CREATE TABLE orders (total int)", "INSERT INTO orders VALUES (-1)")
            .check(db -> assertThat(db.constraints("orders"))
                .containsExactly("ck_orders_total: CHECK ((total >= 0)) NOT VALID")),
        golden("add-check-constraint: an expression ending in a line comment",
            new Operation.AddCheckConstraint(q("orders"), "ck_orders_total", "total >= 0 -- never negative", false),
            """
            ALTER TABLE orders ADD CONSTRAINT ck_orders_total CHECK (total >= 0 -- never negative
            );
            """)
            .setup("CREATE TABLE orders (total int)")
            .check(db -> assertThat(db.constraints("orders"))
                .containsExactly("ck_orders_total: CHECK ((total >= 0))")),
        golden("validate-constraint", new Operation.ValidateConstraint(q("orders"), "ck_orders_total"),
            """
            ALTER TABLE orders VALIDATE CONSTRAINT ck_orders_total;
            """)
            .setup("CREATE TABLE orders (total int)",
                "ALTER TABLE orders ADD CONSTRAINT ck_orders_total CHECK (total >= 0) NOT VALID")
            .check(db -> assertThat(db.constraints("orders"))
                .containsExactly("ck_orders_total: CHECK ((total >= 0))")),
        golden("drop-constraint", new Operation.DropConstraint(q("orders"), "ck_orders_total", false, false),
            """
            ALTER TABLE orders DROP CONSTRAINT ck_orders_total;
            """)
            .setup("CREATE TABLE orders (total int CONSTRAINT ck_orders_total CHECK (total >= 0))")
            .check(db -> assertThat(db.constraints("orders")).isEmpty()),
        golden("drop-constraint: if-exists, cascade", new Operation.DropConstraint(q("users"), "users_pkey", true,
                true),
            """
            ALTER TABLE users DROP CONSTRAINT IF EXISTS users_pkey CASCADE;
            """)
            .setup("CREATE TABLE users (id int PRIMARY KEY)", "CREATE TABLE orders (user_id int REFERENCES users)")
            .check(db -> {
              assertThat(db.constraints("users")).isEmpty();
              assertThat(db.constraints("orders")).isEmpty();
            }),
        golden("rename-constraint", new Operation.RenameConstraint(q("orders"), "orders_total_check", "Total Check"),
            """
            ALTER TABLE orders RENAME CONSTRAINT orders_total_check TO "Total Check";
            """)
            .setup("CREATE TABLE orders (total int CHECK (total >= 0))")
            .check(db -> assertThat(db.constraints("orders")).containsExactly("Total Check: CHECK ((total >= 0))")));
  }

  private static List<Golden> enums() {
    return List.of(
        golden("create-enum", new Operation.CreateEnum(q("session_status"), List.of("WAITING", "ACTIVE", "CLOSED")),
            """
            CREATE TYPE session_status AS ENUM ('WAITING', 'ACTIVE', 'CLOSED');
            """)
            .check(db -> assertThat(db.enumValues("session_status")).containsExactly("WAITING", "ACTIVE", "CLOSED")),
        golden("create-enum: in a schema, a mixed-case name",
            new Operation.CreateEnum(q("chat.ClosedBy"), List.of("OPERATOR", "USER", "it's")),
            """
            CREATE TYPE chat."ClosedBy" AS ENUM ('OPERATOR', 'USER', 'it''s');
            """)
            .setup("CREATE SCHEMA chat")
            .check(db -> assertThat(db.enumValues("chat.\"ClosedBy\"")).containsExactly("OPERATOR", "USER", "it's")),
        golden("add-enum-value", new Operation.AddEnumValue(q("status"), "ARCHIVED", null, null, false),
            """
            ALTER TYPE status ADD VALUE 'ARCHIVED';
            """)
            .setup("CREATE TYPE status AS ENUM ('OPEN')")
            .check(db -> assertThat(db.enumValues("status")).containsExactly("OPEN", "ARCHIVED")),
        golden("add-enum-value: if-not-exists, before",
            new Operation.AddEnumValue(q("status"), "NEW", "OPEN", null, true),
            """
            ALTER TYPE status ADD VALUE IF NOT EXISTS 'NEW' BEFORE 'OPEN';
            """)
            .setup("CREATE TYPE status AS ENUM ('OPEN', 'CLOSED')")
            .check(db -> assertThat(db.enumValues("status")).containsExactly("NEW", "OPEN", "CLOSED")),
        golden("add-enum-value: after", new Operation.AddEnumValue(q("status"), "PAUSED", null, "OPEN", false),
            """
            ALTER TYPE status ADD VALUE 'PAUSED' AFTER 'OPEN';
            """)
            .setup("CREATE TYPE status AS ENUM ('OPEN', 'CLOSED')")
            .check(db -> assertThat(db.enumValues("status")).containsExactly("OPEN", "PAUSED", "CLOSED")),
        golden("rename-enum-value", new Operation.RenameEnumValue(q("status"), "CLOSED", "DONE"),
            """
            ALTER TYPE status RENAME VALUE 'CLOSED' TO 'DONE';
            """)
            .setup("CREATE TYPE status AS ENUM ('OPEN', 'CLOSED')")
            .check(db -> assertThat(db.enumValues("status")).containsExactly("OPEN", "DONE")),
        golden("drop-enum", new Operation.DropEnum(q("status"), false),
            """
            DROP TYPE status;
            """)
            .setup("CREATE TYPE status AS ENUM ('OPEN')")
            .check(db -> assertThat(db.one("SELECT to_regtype('status') IS NULL")).isEqualTo("t")),
        golden("drop-enum: if-exists", new Operation.DropEnum(q("app.status"), true),
            """
            DROP TYPE IF EXISTS app.status;
            """)
            .setup("CREATE SCHEMA app")
            .check(db -> assertThat(db.one("SELECT count(*) FROM pg_type WHERE typname = 'status'")).isEqualTo("0")));
  }

  private static List<Golden> schemaObjects() {
    return List.of(
        golden("create-schema", new Operation.CreateSchema("billing", false),
            """
            CREATE SCHEMA billing;
            """)
            .check(db -> assertThat(db.one("SELECT count(*) FROM pg_namespace WHERE nspname = 'billing'"))
                .isEqualTo("1")),
        golden("create-schema: if-not-exists", new Operation.CreateSchema("Billing", true),
            """
            CREATE SCHEMA IF NOT EXISTS "Billing";
            """)
            .setup("CREATE SCHEMA \"Billing\"")
            .check(db -> assertThat(db.one("SELECT count(*) FROM pg_namespace WHERE nspname = 'Billing'"))
                .isEqualTo("1")),
        golden("drop-schema", new Operation.DropSchema("billing", false, false),
            """
            DROP SCHEMA billing;
            """)
            .setup("CREATE SCHEMA billing")
            .check(db -> assertThat(db.one("SELECT count(*) FROM pg_namespace WHERE nspname = 'billing'"))
                .isEqualTo("0")),
        golden("drop-schema: if-exists, cascade", new Operation.DropSchema("billing", true, true),
            """
            DROP SCHEMA IF EXISTS billing CASCADE;
            """)
            .setup("CREATE SCHEMA billing", "CREATE TABLE billing.invoices (id int)")
            .check(db -> assertThat(db.one("SELECT count(*) FROM pg_namespace WHERE nspname = 'billing'"))
                .isEqualTo("0")),
        golden("create-sequence: every option",
            new Operation.CreateSequence(q("app.order_numbers"), 1000L, 5L, 1000L, 999999L, true, "app.orders.number"),
            """
            CREATE SEQUENCE app.order_numbers START WITH 1000 INCREMENT BY 5 MINVALUE 1000 MAXVALUE 999999 CYCLE OWNED BY app.orders.number;
            """)
            .setup("CREATE SCHEMA app", "CREATE TABLE app.orders (number bigint)")
            .check(db -> {
              assertThat(db.rows("SELECT start_value, increment_by, min_value, max_value, cycle"
                  + " FROM pg_sequences WHERE schemaname = 'app' AND sequencename = 'order_numbers'"))
                  .containsExactly("1000 | 5 | 1000 | 999999 | t");
              assertThat(db.one("SELECT pg_get_serial_sequence('app.orders', 'number')"))
                  .isEqualTo("app.order_numbers");
            }),
        golden("create-sequence: defaults", new Operation.CreateSequence(q("ids"), null, null, null, null, false, null),
            """
            CREATE SEQUENCE ids;
            """)
            .check(db -> assertThat(db.one("SELECT nextval('ids')")).isEqualTo("1")),
        golden("drop-sequence", new Operation.DropSequence(q("ids"), false, false),
            """
            DROP SEQUENCE ids;
            """)
            .setup("CREATE SEQUENCE ids")
            .check(db -> assertThat(db.exists("ids")).isFalse()),
        golden("drop-sequence: if-exists, cascade", new Operation.DropSequence(q("ids"), true, true),
            """
            DROP SEQUENCE IF EXISTS ids CASCADE;
            """)
            .setup("CREATE SEQUENCE ids", "CREATE TABLE t (id bigint DEFAULT nextval('ids'))")
            .check(db -> {
              assertThat(db.exists("ids")).isFalse();
              assertThat(db.columns("t")).containsExactly("id bigint");
            }),
        golden("create-view", new Operation.CreateView(q("active_users"),
                "SELECT id FROM users WHERE active;\n", false, false),
            """
            CREATE VIEW active_users AS SELECT id FROM users WHERE active;
            """)
            .setup("CREATE TABLE users (id int, active boolean)", "INSERT INTO users VALUES (1, true), (2, false)")
            .check(db -> assertThat(db.rows("SELECT id FROM active_users")).containsExactly("1")),
        golden("create-view: or-replace", new Operation.CreateView(q("v"), "SELECT 2 AS n", true, false),
            """
            CREATE OR REPLACE VIEW v AS SELECT 2 AS n;
            """)
            .setup("CREATE VIEW v AS SELECT 1 AS n")
            .check(db -> assertThat(db.rows("SELECT n FROM v")).containsExactly("2")),
        golden("create-view: materialized", new Operation.CreateView(q("app.totals"), "SELECT 7 AS total", false,
                true),
            """
            CREATE MATERIALIZED VIEW app.totals AS SELECT 7 AS total;
            """)
            .setup("CREATE SCHEMA app")
            .check(db -> {
              assertThat(db.one("SELECT relkind FROM pg_class WHERE oid = 'app.totals'::regclass")).isEqualTo("m");
              assertThat(db.rows("SELECT total FROM app.totals")).containsExactly("7");
            }),
        golden("drop-view", new Operation.DropView(q("v"), false, false, false),
            """
            DROP VIEW v;
            """)
            .setup("CREATE VIEW v AS SELECT 1 AS n")
            .check(db -> assertThat(db.exists("v")).isFalse()),
        golden("drop-view: materialized, if-exists, cascade", new Operation.DropView(q("m"), true, true, true),
            """
            DROP MATERIALIZED VIEW IF EXISTS m CASCADE;
            """)
            .setup("CREATE MATERIALIZED VIEW m AS SELECT 1 AS n", "CREATE VIEW v AS SELECT n FROM m")
            .check(db -> {
              assertThat(db.exists("m")).isFalse();
              assertThat(db.exists("v")).isFalse();
            }),
        golden("refresh-materialized-view", new Operation.RefreshMaterializedView(q("m"), false),
            """
            REFRESH MATERIALIZED VIEW m;
            """)
            .setup("CREATE TABLE t (n int)", "CREATE MATERIALIZED VIEW m AS SELECT n FROM t",
                "INSERT INTO t VALUES (3)")
            .check(db -> assertThat(db.rows("SELECT n FROM m")).containsExactly("3")),
        golden("refresh-materialized-view: concurrently", new Operation.RefreshMaterializedView(q("m"), true),
            """
            REFRESH MATERIALIZED VIEW CONCURRENTLY m;
            """)
            .setup("CREATE TABLE t (n int)", "CREATE MATERIALIZED VIEW m AS SELECT n FROM t",
                "CREATE UNIQUE INDEX ux_m ON m (n)", "INSERT INTO t VALUES (3)")
            .check(db -> assertThat(db.rows("SELECT n FROM m")).containsExactly("3")),
        golden("create-extension", new Operation.CreateExtension("citext", null, false),
            """
            CREATE EXTENSION citext;
            """)
            .check(db -> assertThat(db.one("SELECT extnamespace::regnamespace FROM pg_extension"
                + " WHERE extname = 'citext'")).isEqualTo("public")),
        golden("create-extension: if-not-exists, schema", new Operation.CreateExtension("pg_trgm", "ext", true),
            """
            CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA ext;
            """)
            .setup("CREATE SCHEMA ext")
            .check(db -> assertThat(db.one("SELECT extnamespace::regnamespace FROM pg_extension"
                + " WHERE extname = 'pg_trgm'")).isEqualTo("ext")),
        golden("drop-extension", new Operation.DropExtension("citext", false),
            """
            DROP EXTENSION citext;
            """)
            .setup("CREATE EXTENSION citext")
            .check(db -> assertThat(db.one("SELECT count(*) FROM pg_extension WHERE extname = 'citext'"))
                .isEqualTo("0")),
        golden("drop-extension: if-exists", new Operation.DropExtension("citext", true),
            """
            DROP EXTENSION IF EXISTS citext;
            """)
            .check(db -> assertThat(db.one("SELECT count(*) FROM pg_extension WHERE extname = 'citext'"))
                .isEqualTo("0")),
        golden("comment: on a table", new Operation.Comment(q("app.users"), null, "people who log in"),
            """
            COMMENT ON TABLE app.users IS 'people who log in';
            """)
            .setup("CREATE SCHEMA app", "CREATE TABLE app.users (id int)")
            .check(db -> assertThat(db.one("SELECT obj_description('app.users'::regclass, 'pg_class')"))
                .isEqualTo("people who log in")),
        golden("comment: on a column", new Operation.Comment(q("users"), "Name", "shown as C:\\name"),
            """
            COMMENT ON COLUMN users."Name" IS E'shown as C:\\\\name';
            """)
            .setup("CREATE TABLE users (\"Name\" text)")
            .check(db -> assertThat(db.one("SELECT col_description('users'::regclass, 1)"))
                .isEqualTo("shown as C:\\name")),
        golden("comment: null removes it", new Operation.Comment(q("users"), "name", null),
            """
            COMMENT ON COLUMN users.name IS NULL;
            """)
            .setup("CREATE TABLE users (name text)", "COMMENT ON COLUMN users.name IS 'old'")
            .check(db -> assertThat(db.one("SELECT col_description('users'::regclass, 1)")).isEqualTo("NULL")));
  }

  private static List<Golden> data() {
    Map<String, Value> first = orderedMap("id", Value.Number.of("1"), "name", Value.text("O'Brien"),
        "active", new Value.Bool(true));
    Map<String, Value> second = orderedMap("id", Value.Number.of("2"), "note", new Value.Null());
    Map<String, Value> third = orderedMap("name", Value.sql("upper('x')"), "id", Value.Number.of("3"));
    return List.of(
        golden("insert: rows with different keys", new Operation.Insert(q("users"), List.of(first, second, third)),
            """
            INSERT INTO users (id, name, active, note) VALUES
              (1, 'O''Brien', true, DEFAULT),
              (2, DEFAULT, DEFAULT, NULL),
              (3, upper('x'), DEFAULT, DEFAULT);
            """)
            .setup("CREATE TABLE users (id int PRIMARY KEY, name text DEFAULT 'anon', active boolean DEFAULT false,"
                + " note text DEFAULT 'n')")
            .check(db -> assertThat(db.rows("SELECT id, name, active, note FROM users ORDER BY id")).containsExactly(
                "1 | O'Brien | t | n", "2 | anon | f | NULL", "3 | X | f | n")),
        golden("insert: a row of defaults only", new Operation.Insert(q("counters"), List.of(Map.of())),
            """
            INSERT INTO counters DEFAULT VALUES;
            """)
            .setup("CREATE TABLE counters (id int GENERATED ALWAYS AS IDENTITY, n int DEFAULT 0)")
            .check(db -> assertThat(db.rows("SELECT id, n FROM counters")).containsExactly("1 | 0")),
        golden("update", new Operation.Update(q("users"), orderedMap("name", Value.text("it's"), "score",
                new Value.Number(new BigDecimal("1E+3"))), "id = 1"),
            """
            UPDATE users SET name = 'it''s', score = 1000 WHERE id = 1;
            """)
            .setup("CREATE TABLE users (id int, name text, score int)",
                "INSERT INTO users VALUES (1, 'a', 0), (2, 'b', 0)")
            .check(db -> assertThat(db.rows("SELECT id, name, score FROM users ORDER BY id"))
                .containsExactly("1 | it's | 1000", "2 | b | 0")),
        golden("delete", new Operation.Delete(q("app.sessions"), "closed_at < now() - interval '30 days'"),
            """
            DELETE FROM app.sessions WHERE closed_at < now() - interval '30 days';
            """)
            .setup("CREATE SCHEMA app", "CREATE TABLE app.sessions (id int, closed_at timestamptz)",
                "INSERT INTO app.sessions VALUES (1, now() - interval '60 days'), (2, now())")
            .check(db -> assertThat(db.rows("SELECT id FROM app.sessions")).containsExactly("2")),
        golden("sql: the up text as written, trailing semicolon trimmed", new Operation.Sql(
                "CREATE TABLE audit (at timestamptz);\nINSERT INTO audit VALUES (now());\n\n", "DROP TABLE audit", null),
            """
            CREATE TABLE audit (at timestamptz);
            INSERT INTO audit VALUES (now());
            """)
            .check(db -> assertThat(db.one("SELECT count(*) FROM audit")).isEqualTo("1")),
        golden("sql: ending in a line comment", new Operation.Sql("CREATE TABLE audit (at timestamptz); -- audit",
                null, null),
            """
            CREATE TABLE audit (at timestamptz); -- audit
            ;
            """)
            .check(db -> assertThat(db.exists("audit")).isTrue()),
        golden("sql: a function body with semicolons inside", new Operation.Sql(
                "CREATE FUNCTION one() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END; $$;", null, null),
            """
            CREATE FUNCTION one() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END; $$;
            """)
            .check(db -> assertThat(db.one("SELECT one()")).isEqualTo("1")));
  }

  private static final Routine SET_UPDATED_AT = new Routine(q("set_updated_at"), false, List.of(),
      Routine.Returns.of(type("trigger")), "plpgsql", null, false, false,
      "BEGIN\n  NEW.updated_at = now();\n  RETURN NEW;\nEND;");

  private static List<Golden> functionsAndTriggers() {
    return List.of(
        golden("create-function: trigger function", new Operation.CreateFunction(SET_UPDATED_AT, false),
            """
            CREATE FUNCTION set_updated_at()
              RETURNS trigger
              LANGUAGE plpgsql
            AS $body$
            BEGIN
              NEW.updated_at = now();
              RETURN NEW;
            END;
            $body$;
            """)
            .setup("CREATE TABLE t (id int, updated_at timestamptz)")
            .check(db -> {
              db.run(List.of("CREATE TRIGGER t_touch BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION set_updated_at()",
                  "INSERT INTO t (id) VALUES (1)"));
              assertThat(db.one("SELECT updated_at IS NOT NULL FROM t")).isEqualTo("t");
            }),
        golden("create-function: every argument, or-replace, a body holding $body$",
            new Operation.CreateFunction(new Routine(q("app.add"), false, List.of(
                new Routine.Argument("a", type("int"), null, null),
                new Routine.Argument("order", type("integer"), Routine.Mode.IN, Value.Number.of("1")),
                new Routine.Argument(null, type("text"), Routine.Mode.INOUT, Value.text("it's")),
                new Routine.Argument("total", type("bigint"), Routine.Mode.OUT, null)),
                Routine.Returns.of(type("record")), "sql", Routine.Volatility.IMMUTABLE, true, true,
                "SELECT $3 || '$body$', (a + \"order\")::bigint"), true),
            """
            CREATE OR REPLACE FUNCTION app.add(a integer, "order" integer DEFAULT 1, INOUT text DEFAULT 'it''s', OUT total bigint)
              RETURNS record
              LANGUAGE sql IMMUTABLE STRICT SECURITY DEFINER
            AS $body_1$
            SELECT $3 || '$body$', (a + "order")::bigint
            $body_1$;
            """)
            .setup("CREATE SCHEMA app")
            .check(db -> {
              assertThat(db.rows("SELECT * FROM app.add(2)")).containsExactly("it's$body$ | 3");
              assertThat(db.one("SELECT provolatile::text || proisstrict::text || prosecdef::text FROM pg_proc"
                  + " WHERE proname = 'add'")).isEqualTo("itruetrue");
            }),
        golden("create-function: returns table, variadic",
            new Operation.CreateFunction(new Routine(q("pairs"), false, List.of(
                new Routine.Argument("keys", type("text[]"), Routine.Mode.VARIADIC, null)),
                Routine.Returns.table(List.of(new Routine.ResultColumn("k", type("text")),
                    new Routine.ResultColumn("n", type("bigint")))), "sql", Routine.Volatility.STABLE, false, false,
                "SELECT k, 1::bigint FROM unnest(keys) AS k"), false),
            """
            CREATE FUNCTION pairs(VARIADIC keys text[])
              RETURNS TABLE (k text, n bigint)
              LANGUAGE sql STABLE
            AS $body$
            SELECT k, 1::bigint FROM unnest(keys) AS k
            $body$;
            """)
            .check(db -> assertThat(db.rows("SELECT k FROM pairs('a', 'b')")).containsExactly("a", "b")),
        golden("create-function: setof", new Operation.CreateFunction(new Routine(q("all_t"), false, List.of(),
                Routine.Returns.setOf(type("t")), "sql", null, false, false, "SELECT * FROM t"), false),
            """
            CREATE FUNCTION all_t()
              RETURNS SETOF t
              LANGUAGE sql
            AS $body$
            SELECT * FROM t
            $body$;
            """)
            .setup("CREATE TABLE t (id int)", "INSERT INTO t VALUES (4)")
            .check(db -> assertThat(db.rows("SELECT id FROM all_t()")).containsExactly("4")),
        golden("drop-function: argument types, if-exists, cascade",
            new Operation.DropFunction(q("f"), List.of(type("int4"), type("varchar(10)")), true, true),
            """
            DROP FUNCTION IF EXISTS f(integer, character varying(10)) CASCADE;
            """)
            .setup("CREATE FUNCTION f(a int, b varchar) RETURNS int LANGUAGE sql AS 'SELECT 1'",
                "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 2'")
            .check(db -> assertThat(db.rows("SELECT pg_get_function_identity_arguments(oid) FROM pg_proc"
                + " WHERE proname = 'f'")).containsExactly("")),
        golden("drop-function: the only one of its name", new Operation.DropFunction(q("f"), null, false, false),
            """
            DROP FUNCTION f;
            """)
            .setup("CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql AS 'SELECT 1'")
            .check(db -> assertThat(db.one("SELECT count(*) FROM pg_proc WHERE proname = 'f'")).isEqualTo("0")),
        golden("create-procedure", new Operation.CreateProcedure(new Routine(q("tidy"), true, List.of(
                new Routine.Argument("days", type("int"), null, Value.Number.of("7"))), null, "plpgsql", null, false,
                true, "BEGIN\n  DELETE FROM t WHERE id < days;\nEND;"), false),
            """
            CREATE PROCEDURE tidy(days integer DEFAULT 7)
              LANGUAGE plpgsql SECURITY DEFINER
            AS $body$
            BEGIN
              DELETE FROM t WHERE id < days;
            END;
            $body$;
            """)
            .setup("CREATE TABLE t (id int)", "INSERT INTO t VALUES (1), (9)")
            .check(db -> {
              db.run(List.of("CALL tidy()"));
              assertThat(db.rows("SELECT id FROM t")).containsExactly("9");
            }),
        golden("drop-procedure", new Operation.DropProcedure(q("tidy"), List.of(type("int")), false, false),
            """
            DROP PROCEDURE tidy(integer);
            """)
            .setup("CREATE PROCEDURE tidy(days int) LANGUAGE sql AS 'SELECT 1'")
            .check(db -> assertThat(db.one("SELECT count(*) FROM pg_proc WHERE proname = 'tidy'")).isEqualTo("0")),
        golden("create-trigger: before update, for each row", new Operation.CreateTrigger(new Trigger("t_updated_at",
                q("t"), Trigger.Timing.BEFORE, EnumSet.of(Trigger.Event.UPDATE), List.of(), true, null,
                q("set_updated_at"), List.of())),
            """
            CREATE TRIGGER t_updated_at BEFORE UPDATE ON t
              FOR EACH ROW
              EXECUTE FUNCTION set_updated_at();
            """)
            .setup("CREATE TABLE t (id int, updated_at timestamptz)", PostgresRenderer.createRoutine(SET_UPDATED_AT, false),
                "INSERT INTO t (id) VALUES (1)")
            .check(db -> {
              db.run(List.of("UPDATE t SET id = 2"));
              assertThat(db.one("SELECT updated_at IS NOT NULL FROM t")).isEqualTo("t");
            }),
        golden("create-trigger: events, update of, when, arguments",
            new Operation.CreateTrigger(new Trigger("Audit", q("app.t"), Trigger.Timing.AFTER,
                EnumSet.of(Trigger.Event.UPDATE, Trigger.Event.INSERT), List.of("name", "order"),
                true, "NEW.name IS NOT NULL -- named", q("app.audit"), List.of("it's", "b"))),
            """
            CREATE TRIGGER "Audit" AFTER INSERT OR UPDATE OF name, "order" ON app.t
              FOR EACH ROW
              WHEN (NEW.name IS NOT NULL -- named
            )
              EXECUTE FUNCTION app.audit('it''s', 'b');
            """)
            .setup("CREATE SCHEMA app", "CREATE TABLE app.t (name text, \"order\" int)",
                "CREATE FUNCTION app.audit() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NULL; END$$")
            .check(db -> assertThat(db.one("SELECT pg_get_triggerdef(oid) FROM pg_trigger WHERE tgname = 'Audit'"))
                .contains("AFTER INSERT OR UPDATE OF name, \"order\" ON app.t")
                .contains("WHEN (")
                .contains("EXECUTE FUNCTION app.audit('it''s', 'b')")),
        golden("create-trigger: truncate, for each statement", new Operation.CreateTrigger(new Trigger("t_truncate",
                q("t"), Trigger.Timing.AFTER, EnumSet.of(Trigger.Event.TRUNCATE), List.of(), false, null, q("note"),
                List.of())),
            """
            CREATE TRIGGER t_truncate AFTER TRUNCATE ON t
              FOR EACH STATEMENT
              EXECUTE FUNCTION note();
            """)
            .setup("CREATE TABLE t (id int)", "CREATE TABLE log (at timestamptz)",
                "CREATE FUNCTION note() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN INSERT INTO log VALUES (now());"
                    + " RETURN NULL; END$$")
            .check(db -> {
              db.run(List.of("TRUNCATE t"));
              assertThat(db.one("SELECT count(*) FROM log")).isEqualTo("1");
            }),
        golden("drop-trigger", new Operation.DropTrigger("t_touch", q("t"), true),
            """
            DROP TRIGGER IF EXISTS t_touch ON t;
            """)
            .setup("CREATE TABLE t (id int)",
                "CREATE FUNCTION note() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NULL; END$$",
                "CREATE TRIGGER t_touch AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION note()")
            .check(db -> assertThat(db.one("SELECT count(*) FROM pg_trigger WHERE tgname = 't_touch'"))
                .isEqualTo("0")));
  }

  // ---------------------------------------------------------------------------------------

  /** What a golden case is: the operation, its whole SQL, the setup it runs after, its effect. */
  record Golden(String name, List<String> setup, Operation op, String sql, Check check) {

    Golden setup(String... statements) {
      return new Golden(name, List.of(statements), op, sql, check);
    }

    Golden check(Check newCheck) {
      return new Golden(name, setup, op, sql, newCheck);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** The effect of a case, asserted through catalog queries. */
  @FunctionalInterface
  interface Check {
    void verify(Scratch db) throws SQLException;
  }

  private static Golden golden(String name, Operation op, String sql) {
    return new Golden(name, List.of(), op, sql, db -> {
      throw new AssertionError("golden case '" + name + "' asserts nothing");
    });
  }

  /** Statements as a script: each ends with a semicolon and a line break. */
  static String script(List<String> statements) {
    return statements.stream().map(statement -> statement + ";\n").collect(Collectors.joining());
  }

  static QualifiedName q(String name) {
    return QualifiedName.parse(name);
  }

  static ColumnType type(String text) {
    return ColumnType.parse(text);
  }

  @SuppressWarnings("unchecked")
  static <V> Map<String, V> orderedMap(Object... keysAndValues) {
    Map<String, V> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], (V) keysAndValues[i + 1]);
    }
    return map;
  }
}
