package dev.migrate.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The splitter of -Dmigrate.desired files: what a split on semicolons gets wrong. */
class SqlScriptTest {

  @Test
  void split_dollarQuotedBodies_keepTheirSemicolons() {
    List<SqlScript.Statement> statements = SqlScript.split("""
        create function a() returns int as $$ select 1; $$ language sql;
        create function b() returns trigger as $body$
        begin
          new.x := 'a;b'; -- $$ inside another tag
          return new;
        end
        $body$ language plpgsql;
        """);

    assertThat(statements).extracting(SqlScript.Statement::line).containsExactly(1, 2);
    assertThat(statements.get(0).sql()).isEqualTo("create function a() returns int as $$ select 1; $$ language sql");
    assertThat(statements.get(1).sql()).endsWith("$body$ language plpgsql").contains("new.x := 'a;b';");
  }

  @Test
  void split_quotesAndComments_doNotEndAStatement() {
    List<SqlScript.Statement> statements = SqlScript.split("""
        -- a comment; with a semicolon
        insert into t values ('it''s; fine', E'back\\\\'';x', "we;ird");
        /* a block; /* nested; */ still comment; */
        select 1;
        """);

    assertThat(statements).extracting(SqlScript.Statement::line).containsExactly(2, 4);
    assertThat(statements.get(0).sql()).isEqualTo("insert into t values ('it''s; fine', E'back\\\\'';x', \"we;ird\")");
    assertThat(statements.get(1).sql()).isEqualTo("select 1");
  }

  @Test
  void split_pgDumpWithMetaCommandsAndCopyData_skipsThemAndCountsLines() {
    List<SqlScript.Statement> statements = SqlScript.split("""
        \\restrict Zx9abc
        SET statement_timeout = 0;
        \\connect shop
        CREATE TABLE public.items (id integer, name text);
        COPY public.items (id, name) FROM stdin;
        1\tsemi;colon
        2\t$$dollar
        \\.

        CREATE INDEX ix_items_name ON public.items USING btree (name);
        \\unrestrict Zx9abc
        BEGIN;
        COMMIT;
        """);

    assertThat(statements).extracting(SqlScript.Statement::sql).containsExactly("SET statement_timeout = 0",
        "CREATE TABLE public.items (id integer, name text)",
        "CREATE INDEX ix_items_name ON public.items USING btree (name)");
    assertThat(statements).extracting(SqlScript.Statement::line).containsExactly(2, 4, 10);
  }
}
