package dev.migrate.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.changelog.OperationKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every operation kind, in every XML form it has, read into the YAML spelling of changelog.md. */
class XmlOperationsTest {

  static Stream<Arguments> operations() {
    return Stream.of(
        op(OperationKind.CREATE_TABLE, """
            <create-table name="orders" schema="billing" if-not-exists="true" comment="customer orders"
                          acknowledge="prefer-identity" reason="legacy ids">
              <column name="id" type="bigint" identity="always" primary-key="true"/>
              <column name="tenant" type="integer" nullable="false"><default>0</default></column>
              <column name="code" type="varchar(12)" unique="true" comment="short code"><default>0012</default></column>
              <column name="total" type="numeric(12,2)"><default>12.50</default></column>
              <column name="paid" type="bool"><default>false</default></column>
              <column name="note" type="text"><default null="true"/></column>
              <column name="user_id" type="uuid">
                <references table="users" column="id" on-delete="cascade" on-update="no-action"/>
              </column>
              <column name="total_cents" type="bigint"><generated sql="total * 100"/></column>
              <primary-key name="orders_pk" columns="tenant id"/>
              <unique name="orders_code_uq" columns="tenant code" nulls-not-distinct="true"/>
              <unique columns="user_id"/>
              <foreign-key name="orders_tenant_fk" columns="tenant" on-delete="restrict" deferrable="true">
                <references table="public.tenants" columns="id"/>
              </foreign-key>
              <check name="orders_total_ck" expression="total &gt;= 0"/>
              <with fillfactor="70" autovacuum_enabled="false" toast_tuple_target="lz4x"/>
            </create-table>""", """
            {"name": "orders", "schema": "billing", "if-not-exists": true, "comment": "customer orders",
             "acknowledge": ["prefer-identity"], "reason": "legacy ids",
             "columns": [
               {"name": "id", "type": "bigint", "identity": "always", "primary-key": true},
               {"name": "tenant", "type": "integer", "nullable": false, "default": 0},
               {"name": "code", "type": "varchar(12)", "unique": true, "comment": "short code", "default": "0012"},
               {"name": "total", "type": "numeric(12,2)", "default": 12.50},
               {"name": "paid", "type": "bool", "default": false},
               {"name": "note", "type": "text", "default": null},
               {"name": "user_id", "type": "uuid",
                "references": {"table": "users", "column": "id", "on-delete": "cascade", "on-update": "no-action"}},
               {"name": "total_cents", "type": "bigint", "generated": {"sql": "total * 100"}}],
             "primary-key": {"name": "orders_pk", "columns": ["tenant", "id"]},
             "unique": [{"name": "orders_code_uq", "columns": ["tenant", "code"], "nulls-not-distinct": true},
                        {"columns": ["user_id"]}],
             "foreign-keys": [{"name": "orders_tenant_fk", "columns": ["tenant"], "on-delete": "restrict",
                               "deferrable": true, "references": {"table": "public.tenants", "columns": ["id"]}}],
             "checks": [{"name": "orders_total_ck", "expression": "total >= 0"}],
             "with": {"fillfactor": 70, "autovacuum_enabled": false, "toast_tuple_target": "lz4x"}}"""),
        op(OperationKind.CREATE_TABLE, """
            <create-table name="pairs">
              <column name="a" type="int"/>
              <column name="b" type="int"/>
              <primary-key columns="a b"/>
            </create-table>""", """
            {"name": "pairs", "columns": [{"name": "a", "type": "int"}, {"name": "b", "type": "int"}],
             "primary-key": ["a", "b"]}"""),
        op(OperationKind.DROP_TABLE, """
            <drop-table name="orders" if-exists="true" cascade="false"/>""", """
            {"name": "orders", "if-exists": true, "cascade": false}"""),
        op(OperationKind.RENAME_TABLE, """
            <rename-table from="orders" to="purchases" schema="billing"/>""", """
            {"from": "orders", "to": "purchases", "schema": "billing"}"""),
        op(OperationKind.ADD_COLUMN, """
            <add-column table="users" if-not-exists="true">
              <column name="email" type="text" nullable="false"><default></default></column>
            </add-column>""", """
            {"table": "users", "if-not-exists": true,
             "column": {"name": "email", "type": "text", "nullable": false, "default": ""}}"""),
        op(OperationKind.ADD_COLUMN, """
            <add-column table="users">
              <column name="a" type="text"/>
              <column name="b" type="replytype"><default>text</default></column>
            </add-column>""", """
            {"table": "users", "columns": [{"name": "a", "type": "text"},
                                           {"name": "b", "type": "replytype", "default": "text"}]}"""),
        op(OperationKind.DROP_COLUMN, """
            <drop-column table="users" name="email" if-exists="true" cascade="true"
                         acknowledge="destructive-drop" reason="unused since 2023"/>""", """
            {"table": "users", "name": "email", "if-exists": true, "cascade": true,
             "acknowledge": ["destructive-drop"], "reason": "unused since 2023"}"""),
        op(OperationKind.ALTER_COLUMN, """
            <alter-column table="users" name="age" type="bigint" using="age::bigint" nullable="true"
                          identity="none"><default>18</default></alter-column>""", """
            {"table": "users", "name": "age", "type": "bigint", "using": "age::bigint", "nullable": true,
             "identity": "none", "default": 18}"""),
        op(OperationKind.ALTER_COLUMN, """
            <alter-column table="users" name="created"><default sql="now()"/></alter-column>""", """
            {"table": "users", "name": "created", "default": {"sql": "now()"}}"""),
        op(OperationKind.ALTER_COLUMN, """
            <alter-column table="users" name="status" drop-default="true"/>""", """
            {"table": "users", "name": "status", "drop-default": true}"""),
        op(OperationKind.RENAME_COLUMN, """
            <rename-column table="users" from="mail" to="email"/>""", """
            {"table": "users", "from": "mail", "to": "email"}"""),
        op(OperationKind.CREATE_INDEX, """
            <create-index name="ix_users_email" table="users" unique="true" concurrently="true"
                          where="deleted_at IS NULL" using="btree" include="id name" if-not-exists="true">
              <column>tenant</column>
              <column expression="lower(email)" order="desc" nulls="last" opclass="text_pattern_ops" collate="C"/>
              <column name="created" order="asc"/>
              <with fillfactor="100"/>
            </create-index>""", """
            {"name": "ix_users_email", "table": "users", "unique": true, "concurrently": true,
             "where": "deleted_at IS NULL", "using": "btree", "include": ["id", "name"], "if-not-exists": true,
             "columns": ["tenant",
                         {"expression": "lower(email)", "order": "desc", "nulls": "last",
                          "opclass": "text_pattern_ops", "collate": "C"},
                         {"name": "created", "order": "asc"}],
             "with": {"fillfactor": 100}}"""),
        op(OperationKind.DROP_INDEX, """
            <drop-index name="ix_users_email" concurrently="true" if-exists="true" cascade="false"/>""", """
            {"name": "ix_users_email", "concurrently": true, "if-exists": true, "cascade": false}"""),
        op(OperationKind.RENAME_INDEX, """
            <rename-index from="ix_old" to="ix_new"/>""", """
            {"from": "ix_old", "to": "ix_new"}"""),
        op(OperationKind.ADD_PRIMARY_KEY, """
            <add-primary-key table="users" columns="id" name="users_pk"/>""", """
            {"table": "users", "columns": ["id"], "name": "users_pk"}"""),
        op(OperationKind.ADD_PRIMARY_KEY, """
            <add-primary-key table="users" using-index="users_id_ix"/>""", """
            {"table": "users", "using-index": "users_id_ix"}"""),
        op(OperationKind.ADD_FOREIGN_KEY, """
            <add-foreign-key table="orders" columns="user_id tenant" name="orders_user_fk" on-delete="set-null"
                             on-update="cascade" deferrable="false" not-valid="true">
              <references table="users" schema="auth" columns="id tenant"/>
            </add-foreign-key>""", """
            {"table": "orders", "columns": ["user_id", "tenant"], "name": "orders_user_fk", "on-delete": "set-null",
             "on-update": "cascade", "deferrable": false, "not-valid": true,
             "references": {"table": "users", "schema": "auth", "columns": ["id", "tenant"]}}"""),
        op(OperationKind.ADD_UNIQUE_CONSTRAINT, """
            <add-unique-constraint table="users" columns="email" name="users_email_uq" nulls-not-distinct="true"/>""",
            """
            {"table": "users", "columns": ["email"], "name": "users_email_uq", "nulls-not-distinct": true}"""),
        op(OperationKind.ADD_UNIQUE_CONSTRAINT, """
            <add-unique-constraint table="credentials" name="uq_provider_name">
              <column>provider</column><column>display name</column>
            </add-unique-constraint>""", """
            {"table": "credentials", "name": "uq_provider_name", "columns": ["provider", "display name"]}"""),
        op(OperationKind.CREATE_TABLE, """
            <create-table name="lines">
              <column name="order_id" type="int"/>
              <column name="no" type="int"/>
              <primary-key><column>order_id</column><column>no</column></primary-key>
              <foreign-key name="lines_order_fk">
                <column>order_id</column>
                <references table="orders"><column>id</column></references>
              </foreign-key>
            </create-table>""", """
            {"name": "lines", "columns": [{"name": "order_id", "type": "int"}, {"name": "no", "type": "int"}],
             "primary-key": ["order_id", "no"],
             "foreign-keys": [{"name": "lines_order_fk", "columns": ["order_id"],
                               "references": {"table": "orders", "columns": ["id"]}}]}"""),
        op(OperationKind.ADD_CHECK_CONSTRAINT, """
            <add-check-constraint table="users" name="age_ck" expression="age &gt; 0 AND age &lt; 200"
                                  not-valid="true"/>""", """
            {"table": "users", "name": "age_ck", "expression": "age > 0 AND age < 200", "not-valid": true}"""),
        op(OperationKind.DROP_CONSTRAINT, """
            <drop-constraint table="users" name="age_ck" if-exists="true" cascade="true"/>""", """
            {"table": "users", "name": "age_ck", "if-exists": true, "cascade": true}"""),
        op(OperationKind.RENAME_CONSTRAINT, """
            <rename-constraint table="users" from="age_ck" to="users_age_ck"/>""", """
            {"table": "users", "from": "age_ck", "to": "users_age_ck"}"""),
        op(OperationKind.VALIDATE_CONSTRAINT, """
            <validate-constraint table="users" name="age_ck"/>""", """
            {"table": "users", "name": "age_ck"}"""),
        op(OperationKind.CREATE_ENUM, """
            <create-enum name="session_status" schema="chat">
              <value>WAITING</value>
              <value>in progress</value>
              <value>CLOSED</value>
            </create-enum>""", """
            {"name": "session_status", "schema": "chat", "values": ["WAITING", "in progress", "CLOSED"]}"""),
        op(OperationKind.ADD_ENUM_VALUE, """
            <add-enum-value enum="session_status" value="PAUSED" before="CLOSED" if-not-exists="true"/>""", """
            {"enum": "session_status", "value": "PAUSED", "before": "CLOSED", "if-not-exists": true}"""),
        op(OperationKind.ADD_ENUM_VALUE, """
            <add-enum-value enum="session_status" value="ARCHIVED" after="CLOSED"/>""", """
            {"enum": "session_status", "value": "ARCHIVED", "after": "CLOSED"}"""),
        op(OperationKind.RENAME_ENUM_VALUE, """
            <rename-enum-value enum="session_status" from="PAUSED" to="ON HOLD"/>""", """
            {"enum": "session_status", "from": "PAUSED", "to": "ON HOLD"}"""),
        op(OperationKind.DROP_ENUM, """
            <drop-enum name="session_status" if-exists="true"/>""", """
            {"name": "session_status", "if-exists": true}"""),
        op(OperationKind.CREATE_SCHEMA, """
            <create-schema name="billing" if-not-exists="true"/>""", """
            {"name": "billing", "if-not-exists": true}"""),
        op(OperationKind.DROP_SCHEMA, """
            <drop-schema name="billing" if-exists="true" cascade="true"/>""", """
            {"name": "billing", "if-exists": true, "cascade": true}"""),
        op(OperationKind.CREATE_SEQUENCE, """
            <create-sequence name="invoice_no" start="1000" increment="-2" min="-9000000000" max="9000000000"
                             cycle="true" owned-by="invoices.no"/>""", """
            {"name": "invoice_no", "start": 1000, "increment": -2, "min": -9000000000, "max": 9000000000,
             "cycle": true, "owned-by": "invoices.no"}"""),
        op(OperationKind.DROP_SEQUENCE, """
            <drop-sequence name="invoice_no" if-exists="true" cascade="false"/>""", """
            {"name": "invoice_no", "if-exists": true, "cascade": false}"""),
        op(OperationKind.CREATE_VIEW, """
            <create-view name="active_users" or-replace="true" materialized="false">
              <query>
                SELECT id, email FROM users WHERE deleted_at IS NULL
              </query>
            </create-view>""", """
            {"name": "active_users", "or-replace": true, "materialized": false,
             "query": "SELECT id, email FROM users WHERE deleted_at IS NULL"}"""),
        op(OperationKind.DROP_VIEW, """
            <drop-view name="active_users" if-exists="true" cascade="true" materialized="true"/>""", """
            {"name": "active_users", "if-exists": true, "cascade": true, "materialized": true}"""),
        op(OperationKind.REFRESH_MATERIALIZED_VIEW, """
            <refresh-materialized-view name="stats" concurrently="true"/>""", """
            {"name": "stats", "concurrently": true}"""),
        op(OperationKind.CREATE_EXTENSION, """
            <create-extension name="citext" schema="ext" if-not-exists="true"/>""", """
            {"name": "citext", "schema": "ext", "if-not-exists": true}"""),
        op(OperationKind.DROP_EXTENSION, """
            <drop-extension name="citext" if-exists="true"/>""", """
            {"name": "citext", "if-exists": true}"""),
        op(OperationKind.COMMENT, """
            <comment table="users" column="email" text="where we write"/>""", """
            {"table": "users", "column": "email", "text": "where we write"}"""),
        op(OperationKind.COMMENT, """
            <comment table="users"/>""", """
            {"table": "users", "text": null}"""),
        op(OperationKind.INSERT, """
            <insert table="closed_by">
              <row><number column="id">1</number><text column="name">OPERATOR</text></row>
              <row>
                <number column="id">2.5</number>
                <text column="name"> two words </text>
                <boolean column="system">true</boolean>
                <null column="note"/>
                <sql column="created">now()</sql>
              </row>
            </insert>""", """
            {"table": "closed_by", "rows": [
               {"id": 1, "name": "OPERATOR"},
               {"id": 2.5, "name": " two words ", "system": true, "note": null, "created": {"sql": "now()"}}]}"""),
        op(OperationKind.UPDATE, """
            <update table="users" where="status = 'old'">
              <set><text column="status">new</text><number column="version">-3</number></set>
            </update>""", """
            {"table": "users", "where": "status = 'old'", "set": {"status": "new", "version": -3}}"""),
        op(OperationKind.DELETE, """
            <delete table="users" where="true" acknowledge="destructive-drop" reason="test data"/>""", """
            {"table": "users", "where": "true", "acknowledge": ["destructive-drop"], "reason": "test data"}"""),
        op(OperationKind.SQL, """
            <sql>
              CREATE FUNCTION f() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql
            </sql>""", """
            "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql\""""),
        op(OperationKind.SQL, """
            <sql acknowledge="opaque-sql" reason="no operation for triggers">
              <up>CREATE TRIGGER t AFTER INSERT ON users FOR EACH ROW EXECUTE FUNCTION f()</up>
              <down>DROP TRIGGER t ON users</down>
            </sql>""", """
            {"acknowledge": ["opaque-sql"], "reason": "no operation for triggers",
             "up": "CREATE TRIGGER t AFTER INSERT ON users FOR EACH ROW EXECUTE FUNCTION f()",
             "down": "DROP TRIGGER t ON users"}"""),
        op(OperationKind.SQL, """
            <sql file="functions.sql"><down>DROP FUNCTION f()</down></sql>""", """
            {"file": "functions.sql", "down": "DROP FUNCTION f()"}"""),
        op(OperationKind.CREATE_FUNCTION, """
            <create-function name="f" returns="setof text" language="sql" volatility="stable" strict="true"
                security-definer="true" or-replace="true">
              <argument name="n" type="integer" mode="inout"><default>3</default></argument>
              <argument type="text"/>
              <body>
                SELECT 'a'
                  || 'b'
              </body>
            </create-function>""", """
            {"name": "f", "returns": "setof text", "language": "sql", "volatility": "stable", "strict": true,
             "security-definer": true, "or-replace": true,
             "arguments": [{"name": "n", "type": "integer", "mode": "inout", "default": 3}, {"type": "text"}],
             "body": "SELECT 'a'\\n  || 'b'"}"""),
        op(OperationKind.CREATE_FUNCTION, """
            <create-function name="t" language="sql">
              <returns><column name="id" type="bigint"/><column name="name" type="text"/></returns>
              <body>SELECT 1, 'x'</body>
            </create-function>""", """
            {"name": "t", "language": "sql", "returns": {"table": [{"name": "id", "type": "bigint"},
             {"name": "name", "type": "text"}]}, "body": "SELECT 1, 'x'"}"""),
        op(OperationKind.DROP_FUNCTION, """
            <drop-function name="f" if-exists="true" cascade="true"><argument type="double precision"/></drop-function>""", """
            {"name": "f", "if-exists": true, "cascade": true, "arguments": ["double precision"]}"""),
        op(OperationKind.CREATE_PROCEDURE, """
            <create-procedure name="p" language="plpgsql"><body>BEGIN NULL; END;</body></create-procedure>""", """
            {"name": "p", "language": "plpgsql", "body": "BEGIN NULL; END;"}"""),
        op(OperationKind.DROP_PROCEDURE, """
            <drop-procedure name="p"/>""", """
            {"name": "p"}"""),
        op(OperationKind.CREATE_TRIGGER, """
            <create-trigger name="t" table="users" timing="after" events="insert update" update-of="a b"
                for-each="row" when="NEW.a &lt;&gt; 0" function="audit.log">
              <argument> spaced </argument>
            </create-trigger>""", """
            {"name": "t", "table": "users", "timing": "after", "events": ["insert", "update"], "update-of": ["a", "b"],
             "for-each": "row", "when": "NEW.a <> 0", "function": "audit.log", "arguments": [" spaced "]}"""),
        op(OperationKind.DROP_TRIGGER, """
            <drop-trigger name="t" table="users" if-exists="true"/>""", """
            {"name": "t", "table": "users", "if-exists": true}"""),
        op(OperationKind.SQL, """
            <sql reason="one statement, acknowledged">SELECT 1</sql>""", """
            {"reason": "one statement, acknowledged", "up": "SELECT 1"}"""));
  }

  private static Arguments op(OperationKind kind, String xml, String json) {
    return Arguments.of(kind, xml, json);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("operations")
  void read_operation_givesItsYamlSpelling(OperationKind kind, String xml, String json) {
    String file = """
        <revision xmlns="urn:migrate:changelog:1" revision="a1">
          <message>one operation</message>
          <upgrade>
        %s
          </upgrade>
        </revision>
        """.formatted(xml);
    List<Diagnostic> sink = new ArrayList<>();

    Document document = XmlReader.read(Path.of("op.xml"), file, sink);

    assertThat(sink).isEmpty();
    assertThat(document.root().get("upgrade").get(0).get(kind.key()))
        .isEqualTo(XmlReaderTest.json(json));
  }

  @Test
  void operations_coverEveryOperationKind() {
    List<OperationKind> covered = operations().map(a -> (OperationKind) a.get()[0]).distinct().toList();

    assertThat(covered).containsExactlyInAnyOrder(OperationKind.values());
  }

  @Test
  void read_revisionArguments_giveTheirYamlSpelling() {
    String file = """
        <revision xmlns="urn:migrate:changelog:1" revision="m3rge" down-revision="a1 b2" branch-labels="billing"
                  depends-on="c3" transactional="false" lock-timeout="2s" statement-timeout="60000">
          <message>
            merge   billing
          </message>
          <preconditions on-fail="skip">
            <table-exists>users</table-exists>
            <column-exists table="users" column="email"/>
            <index-exists>ix_users_email</index-exists>
            <enum-exists>replytype</enum-exists>
            <sql>SELECT count(*) = 0 FROM users</sql>
          </preconditions>
          <upgrade/>
          <downgrade irreversible="true"/>
        </revision>
        """;
    List<Diagnostic> sink = new ArrayList<>();

    Document document = XmlReader.read(Path.of("m.xml"), file, sink);

    assertThat(sink).isEmpty();
    assertThat(document.root()).isEqualTo(XmlReaderTest.json("""
        {"revision": "m3rge", "down-revision": ["a1", "b2"], "branch-labels": ["billing"], "depends-on": ["c3"],
         "transactional": false, "lock-timeout": "2s", "statement-timeout": 60000, "message": "merge billing",
         "preconditions": {"on-fail": "skip", "checks": [
            {"table-exists": "users"}, {"column-exists": {"table": "users", "column": "email"}},
            {"index-exists": "ix_users_email"}, {"enum-exists": "replytype"},
            {"sql": "SELECT count(*) = 0 FROM users"}]},
         "upgrade": [], "downgrade": "irreversible"}
        """));
  }

  @Test
  void read_downgrade_emptyIsANoOpAndOperationsAreAList() {
    String file = """
        <revision xmlns="urn:migrate:changelog:1" revision="b1">
          <message>base</message>
          <upgrade><create-schema name="s"/></upgrade>
          <downgrade/>
        </revision>
        """;
    String written = file.replace("<downgrade/>", "<downgrade><drop-schema name=\"s\"/></downgrade>");

    Document empty = XmlReader.read(Path.of("b.xml"), file, new ArrayList<>());
    Document list = XmlReader.read(Path.of("b.xml"), written, new ArrayList<>());

    assertThat(empty.root().get("downgrade")).isEqualTo(XmlReaderTest.json("[]"));
    assertThat(empty.root().has("down-revision")).isFalse();
    assertThat(list.root().get("downgrade")).isEqualTo(XmlReaderTest.json("[{\"drop-schema\": {\"name\": \"s\"}}]"));
  }

  @Test
  void read_existingTypes_givesTheYamlSpelling() {
    String file = """
        <existing-types xmlns="urn:migrate:changelog:1">
          <enum name="replytype"><value>text</value><value>flex</value><value>image map</value></enum>
          <enum name="mood" schema="legacy"><value>ok</value></enum>
        </existing-types>
        """;
    List<Diagnostic> sink = new ArrayList<>();

    Document document = XmlReader.read(Path.of("existing-types.xml"), file, sink);

    assertThat(sink).isEmpty();
    assertThat(document.root()).isEqualTo(XmlReaderTest.json("""
        {"existing-types": [{"enum": "replytype", "values": ["text", "flex", "image map"]},
                            {"enum": "mood", "schema": "legacy", "values": ["ok"]}]}
        """));
  }

  @Test
  void schema_everyOperationIsDocumented() {
    List<String> keys = Arrays.stream(OperationKind.values()).map(OperationKind::key).toList();

    assertThat(ChangelogXsd.get().operations()).containsExactlyElementsOf(keys);
  }
}
