package dev.migrate.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrate.MigrateException;
import dev.migrate.changelog.ColumnType;
import dev.migrate.changelog.QualifiedName;
import dev.migrate.changelog.Value;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The typed holes on their own; RendererSecurityTest runs hostile input through them on PostgreSQL. */
class SqlTest {

  @Test
  void identifier_plainLowerCase_staysUnquoted() {
    assertThat(Sql.identifier("users")).isEqualTo("users");
    assertThat(Sql.identifier("_tmp$1")).isEqualTo("_tmp$1");
  }

  @Test
  void identifier_mixedCaseReservedOrOddCharacters_isQuoted() {
    assertThat(Sql.identifier("Users")).isEqualTo("\"Users\"");
    assertThat(Sql.identifier("order")).isEqualTo("\"order\"");
    assertThat(Sql.identifier("1st")).isEqualTo("\"1st\"");
    assertThat(Sql.identifier("with space")).isEqualTo("\"with space\"");
    assertThat(Sql.identifier("café")).isEqualTo("\"café\"");
  }

  @Test
  void identifier_withDoubleQuotes_doublesThem() {
    assertThat(Sql.identifier("\"; DROP TABLE x; --")).isEqualTo("\"\"\"; DROP TABLE x; --\"");
  }

  @Test
  void name_qualified_quotesEachPart() {
    assertThat(Sql.name(QualifiedName.parse("billing.Invoices"))).isEqualTo("billing.\"Invoices\"");
    assertThat(Sql.name(new QualifiedName(null, "a.b"))).isEqualTo("\"a.b\"");
  }

  @Test
  void literal_quoteAndBackslash_areEscaped() {
    assertThat(Sql.literal("it's")).isEqualTo("'it''s'");
    assertThat(Sql.literal("C:\\dir")).isEqualTo("E'C:\\\\dir'");
    assertThat(Sql.literal("\\'); DROP")).isEqualTo("E'\\\\''); DROP'");
  }

  @Test
  void literal_withNulCharacter_failsNamingTheFix() {
    assertThatThrownBy(() -> Sql.literal("a\0b"))
        .isInstanceOfSatisfying(MigrateException.class, e -> assertThat(e.code()).isEqualTo("nul-character"))
        .hasMessageContaining("remove it");
  }

  @Test
  void value_eachKind_isWrittenAsItsKind() {
    assertThat(Sql.value(Value.text("draft"))).isEqualTo("'draft'");
    assertThat(Sql.value(new Value.Number(new BigDecimal("1E+3")))).isEqualTo("1000");
    assertThat(Sql.value(Value.Number.of("-0.50"))).isEqualTo("-0.50");
    assertThat(Sql.value(new Value.Bool(false))).isEqualTo("false");
    assertThat(Sql.value(new Value.Null())).isEqualTo("NULL");
    assertThat(Sql.value(Value.sql("now()"))).isEqualTo("now()");
  }

  @Test
  void type_builtinAliases_areWrittenInPostgresSpelling() {
    assertThat(Sql.type(ColumnType.parse("int4"))).isEqualTo("integer");
    assertThat(Sql.type(ColumnType.parse("timestamptz(3)"))).isEqualTo("timestamp(3) with time zone");
    assertThat(Sql.type(ColumnType.parse("varchar(255)[]"))).isEqualTo("character varying(255)[]");
    assertThat(Sql.type(ColumnType.parse("float8"))).isEqualTo("double precision");
    assertThat(Sql.type(ColumnType.parse("numeric(12,2)"))).isEqualTo("numeric(12,2)");
    assertThat(Sql.type(ColumnType.parse("bigserial"))).isEqualTo("bigserial");
  }

  @Test
  void type_userType_isAQuotedNameWithModifiersAndArrays() {
    assertThat(Sql.type(ColumnType.parse("billing.Status[]"))).isEqualTo("billing.\"Status\"[]");
    assertThat(Sql.type(ColumnType.parse("vector(3)"))).isEqualTo("vector(3)");
    assertThat(Sql.type(new ColumnType(QualifiedName.unqualified("x\"; DROP"), List.of(), 0, false)))
        .isEqualTo("\"x\"\"; DROP\"");
  }

  @Test
  void type_builtinFlagOnAnUnknownName_isRefused() {
    ColumnType forged = new ColumnType(QualifiedName.unqualified("text) ; DROP TABLE t; --"), List.of(), 0, true);

    assertThatThrownBy(() -> Sql.type(forged)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a built-in");
  }

  @Test
  void authored_endingInALineComment_getsALineBreak() {
    assertThat(Sql.authored("total >= 0 -- never negative  ")).isEqualTo("total >= 0 -- never negative\n");
    assertThat(Sql.authored("a -- one\nAND b")).isEqualTo("a -- one\nAND b");
    assertThat(Sql.authored("now()")).isEqualTo("now()");
  }

  @Test
  void authoredStatement_closingSemicolons_areTrimmed() {
    assertThat(Sql.authoredStatement("SELECT 1;; \n")).isEqualTo("SELECT 1");
    assertThat(Sql.authoredStatement("SELECT 1; -- done")).isEqualTo("SELECT 1; -- done\n");
    assertThat(Sql.authoredStatement("DO $$ BEGIN NULL; END $$;")).isEqualTo("DO $$ BEGIN NULL; END $$");
  }
}
