package dev.migrate.introspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.changelog.ColumnType;
import dev.migrate.changelog.Identity;
import dev.migrate.changelog.IndexElement;
import dev.migrate.changelog.QualifiedName;
import dev.migrate.changelog.ReferentialAction;
import dev.migrate.changelog.Routine;
import dev.migrate.changelog.Trigger;
import dev.migrate.changelog.Value;
import dev.migrate.schema.Constraint;
import dev.migrate.schema.EnumType;
import dev.migrate.schema.Index;
import dev.migrate.schema.SchemaModel;
import dev.migrate.schema.Sequence;
import dev.migrate.schema.Table;
import dev.migrate.schema.TableColumn;
import java.sql.Connection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A schema made by plain SQL, read back, and compared with the model written out by hand. */
class IntrospectorTest {

  private static LiveDatabase live;

  @BeforeAll
  static void start() {
    live = new LiveDatabase();
  }

  @AfterAll
  static void stop() {
    live.close();
  }

  private static QualifiedName name(String text) {
    return QualifiedName.parse(text);
  }

  private static TableColumn column(String name, String type, boolean nullable, String defaultSql) {
    return new TableColumn(name, ColumnType.parse(type), nullable,
        defaultSql == null ? null : new Value.Expression(defaultSql), null, null, null);
  }

  @Test
  void read_schemaMadeBySql_isTheModelWrittenByHand() throws Exception {
    try (Connection connection = live.newDatabase()) {
      LiveDatabase.execute(connection,
          "create schema billing",
          "create type status as enum ('new', 'done')",
          "create table customers ("
              + " id bigint generated always as identity primary key,"
              + " code serial,"
              + " name varchar(100) not null default 'anonymous',"
              + " state status not null default 'new',"
              + " balance numeric(12,2) default 0,"
              + " created_at timestamptz default now(),"
              + " constraint customers_name_key unique (name),"
              + " constraint ck_balance check (balance >= 0)"
              + ") with (fillfactor = 70)",
          "comment on table customers is 'who buys'",
          "comment on column customers.name is 'full name'",
          "create index ix_customers_lower on customers (lower(name))",
          "create table billing.orders ("
              + " id integer primary key,"
              + " customer_id bigint references customers (id) on delete cascade,"
              + " total numeric,"
              + " doubled numeric generated always as (total * 2) stored)",
          "create index ix_orders_total on billing.orders (total desc) where total > 0",
          "create sequence billing.ticket start 5 increment 5",
          "create view customer_names as select name from customers",
          "create table migrate_version (version_num varchar(64) primary key)");

      SchemaModel read = new Introspector(connection).read("public", List.of("billing"), Set.of(name("migrate_version")));

      Table customers = new Table(name("public.customers"), List.of(
          new TableColumn("id", ColumnType.parse("bigint"), false, null, Identity.ALWAYS, null, null),
          column("code", "serial", false, null),
          column("name", "varchar(100)", false, "'anonymous'::character varying").withComment("full name"),
          new TableColumn("state", new ColumnType(name("public.status"), List.of(), 0, false), false,
              new Value.Expression("'new'::status"), null, null, null),
          column("balance", "numeric(12,2)", true, "0"),
          column("created_at", "timestamptz", true, "now()")),
          Map.of("customers_pkey", new Constraint.PrimaryKey("customers_pkey", List.of("id")),
              "customers_name_key", new Constraint.Unique("customers_name_key", List.of("name"), false),
              "ck_balance", new Constraint.Check("ck_balance", "(balance >= (0)::numeric)", true)),
          Map.of("ix_customers_lower", new Index("ix_customers_lower",
              List.of(new IndexElement(null, "lower(name::text)", null, null, null, null)), false, "btree", null,
              List.of(), Map.of())),
          "who buys", Map.of("fillfactor", "70"));
      Table orders = new Table(name("billing.orders"), List.of(
          column("id", "integer", false, null),
          column("customer_id", "bigint", true, null),
          column("total", "numeric", true, null),
          new TableColumn("doubled", ColumnType.parse("numeric"), true, null, null, "(total * (2)::numeric)", null)),
          Map.of("orders_pkey", new Constraint.PrimaryKey("orders_pkey", List.of("id")),
              "orders_customer_id_fkey", new Constraint.ForeignKey("orders_customer_id_fkey", List.of("customer_id"),
                  name("public.customers"), List.of("id"), ReferentialAction.CASCADE, ReferentialAction.NO_ACTION,
                  false, true)),
          Map.of("ix_orders_total", new Index("ix_orders_total",
              List.of(new IndexElement("total", null, IndexElement.Order.DESC, null, null, null)), false, "btree",
              "(total > (0)::numeric)", List.of(), Map.of())),
          null, Map.of());
      SchemaModel expected = SchemaModel.empty("public").withSchema("billing")
          .withEnum(new EnumType(name("public.status"), List.of("new", "done")))
          .withTable(customers)
          .withTable(orders)
          .withSequence(new Sequence(name("billing.ticket"), 5, 5, 1, Long.MAX_VALUE, false, null))
          .withView(read.view(name("customer_names")).orElseThrow());

      assertThat(SchemaDiff.between(expected, read)).isEmpty();
      assertThat(read.view(name("customer_names")).orElseThrow().query()).containsIgnoringCase("from customers");
      assertThat(read.table(name("migrate_version"))).isEmpty();
      // the serial's own sequence and the identity's are part of their columns
      assertThat(read.sequences()).extracting(Sequence::name).containsExactly(name("billing.ticket"));
    }
  }

  @Test
  void outsideTheModel_listsPoliciesButNotFunctionsOrTriggers() throws Exception {
    try (Connection connection = live.newDatabase()) {
      LiveDatabase.execute(connection,
          "create table notes (id int, body text)",
          "create function touch() returns trigger language plpgsql as $$ begin return new; end $$",
          "create trigger notes_touch before update on notes for each row execute function touch()",
          "create policy own_notes on notes using (true)");

      List<String> outside = new Introspector(connection).outsideTheModel("public", List.of());

      assertThat(outside).containsExactly("policy own_notes on public.notes: outside the comparison");
    }
  }

  @Test
  void read_functionsProceduresAndTriggers_asTheChangelogWritesThem() throws Exception {
    try (Connection connection = live.newDatabase()) {
      LiveDatabase.execute(connection,
          "create type mood as enum ('ok', 'sad')",
          "create table notes (id int, body text, m mood)",
          "create function touch() returns trigger language plpgsql as $$ begin return new; end $$",
          "create function add(a int, inout b numeric(10,2) default 1, variadic c mood[] default '{}') "
              + "language sql immutable strict security definer as 'select b'",
          "create function pairs() returns table (k text, v bigint) language sql stable as $$select 'a', 1::bigint$$",
          "create function many() returns setof notes language sql as 'select * from notes'",
          "create procedure tidy(days int) language plpgsql as $$ begin null; end $$",
          "create trigger notes_touch before insert or update of body, id on notes for each row"
              + " when (new.body is not null) execute function touch('x y', 'it''s')",
          "create trigger notes_stmt after truncate on notes execute function touch()",
          "create table parent (id int primary key)",
          "create table child (parent_id int references parent)");

      SchemaModel read = new Introspector(connection).read("public", List.of(), Set.of());

      ColumnType mood = new ColumnType(name("public.mood"), List.of(), 1, false);
      assertThat(read.routines()).containsExactly(
          new Routine(name("public.add"), false, List.of(
              new Routine.Argument("a", ColumnType.parse("integer"), Routine.Mode.IN, null),
              new Routine.Argument("b", ColumnType.parse("numeric"), Routine.Mode.INOUT, new Value.Expression("1")),
              new Routine.Argument("c", mood, Routine.Mode.VARIADIC, new Value.Expression("'{}'::mood[]"))),
              Routine.Returns.of(ColumnType.parse("numeric")), "sql", Routine.Volatility.IMMUTABLE, true, true,
              "select b"),
          new Routine(name("public.many"), false, List.of(),
              Routine.Returns.setOf(new ColumnType(name("public.notes"), List.of(), 0, false)), "sql", null, false,
              false, "select * from notes"),
          new Routine(name("public.pairs"), false, List.of(), Routine.Returns.table(List.of(
              new Routine.ResultColumn("k", ColumnType.parse("text")),
              new Routine.ResultColumn("v", ColumnType.parse("bigint")))), "sql", Routine.Volatility.STABLE, false,
              false, "select 'a', 1::bigint"),
          new Routine(name("public.tidy"), true, List.of(
              new Routine.Argument("days", ColumnType.parse("integer"), Routine.Mode.IN, null)), null, "plpgsql", null,
              false, false, "begin null; end"),
          new Routine(name("public.touch"), false, List.of(), Routine.Returns.of(ColumnType.parse("trigger")),
              "plpgsql", null, false, false, "begin return new; end"));
      assertThat(read.triggers()).as("the foreign key's internal triggers are not listed").containsExactly(
          new Trigger("notes_stmt", name("public.notes"), Trigger.Timing.AFTER, EnumSet.of(Trigger.Event.TRUNCATE),
              List.of(), false, null, name("public.touch"), List.of()),
          new Trigger("notes_touch", name("public.notes"), Trigger.Timing.BEFORE,
              EnumSet.of(Trigger.Event.INSERT, Trigger.Event.UPDATE), List.of("body", "id"), true,
              "new.body IS NOT NULL", name("public.touch"), List.of("x y", "it's")));
    }
  }

  @Test
  void read_emptyDatabase_hasOnlyPublic_andNotPlpgsql() throws Exception {
    try (Connection connection = live.newDatabase()) {
      SchemaModel read = new Introspector(connection).read("public", List.of(), Set.of());

      assertThat(read.extensions()).isEmpty();
      assertThat(read.tables()).isEmpty();
      assertThat(read.schemas()).containsExactly("public");
    }
  }
}
