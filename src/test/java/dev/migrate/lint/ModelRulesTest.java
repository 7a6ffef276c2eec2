package dev.migrate.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.changelog.SourceSpan;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules judged from the model alone, each with a revision that fires it (rule, severity,
 * file:line:column of the operation, the safe way in the text) and one written the safe way
 * that passes quietly. Operations start at line 5, column 5 of a fixture revision (line 6 with
 * {@code transactional: false}).
 */
class ModelRulesTest {

  @TempDir
  Path dir;

  private static final String USERS =
      "- create-table: {name: users, columns: [{name: id, type: bigint, identity: always, primary-key: true},"
          + " {name: email, type: text}, {name: fax, type: text}]}";

  private LintFixture fixture() {
    return new LintFixture(dir);
  }

  /** The one finding of this rule, checked for severity, place and the safe way's words. */
  private static Finding single(LintFixture fixture, String rule, Severity severity, int revision, int line,
      String safeWay) {
    List<Finding> found = fixture.findings(rule);
    assertThat(found).as("findings of %s", rule).hasSize(1);
    Finding finding = found.get(0);
    assertThat(finding.severity()).isEqualTo(severity);
    assertThat(finding.revision()).isEqualTo(LintFixture.id(revision));
    assertThat(finding.at()).isEqualTo(SourceSpan.of(fixture.fileOf(revision), line, 5));
    assertThat(finding.safeWay()).contains(safeWay);
    assertThat(finding.risk()).isNotBlank().doesNotContain("\n");
    return finding;
  }

  // ---- the rule list

  @Test
  void all_everyModelRule_hasTheTableIdItsDefaultSeverityASummaryAndHelp() {
    Map<String, Severity> ids = ModelRules.all().stream()
        .collect(Collectors.toMap(Rule::id, Rule::defaultSeverity, (a, b) -> a, java.util.LinkedHashMap::new));

    assertThat(ids).containsExactly(
        Map.entry("destructive-drop", Severity.ERROR),
        Map.entry("not-null-without-default", Severity.ERROR),
        Map.entry("rename", Severity.WARNING),
        Map.entry("enum-value-in-transaction", Severity.ERROR),
        Map.entry("concurrently-in-transaction", Severity.ERROR),
        Map.entry("irreversible", Severity.WARNING),
        Map.entry("opaque-sql", Severity.WARNING),
        Map.entry("prefer-text", Severity.INFO),
        Map.entry("prefer-bigint", Severity.INFO),
        Map.entry("prefer-identity", Severity.INFO),
        Map.entry("prefer-timestamptz", Severity.INFO),
        Map.entry("ban-char", Severity.INFO),
        Map.entry("identifier-too-long", Severity.ERROR),
        Map.entry("backfill-with-ddl", Severity.WARNING),
        Map.entry("prefer-jsonb", Severity.INFO));
    assertThat(ModelRules.all()).allSatisfy(rule -> {
      assertThat(rule.summary()).isNotBlank();
      assertThat(rule.help()).isNotBlank().doesNotContain("\n");
    });
  }

  // ---- destructive-drop

  @Test
  void destructiveDrop_eachDropAndDeleteOfExistingObjects_isAnErrorWithTheSafeWay() {
    LintFixture fixture = fixture()
        .revision("objects", USERS, "- create-table: {name: old, columns: [{name: id, type: bigint}]}",
            "- create-schema: {name: legacy}", "- create-enum: {name: mood, values: [ok]}")
        .revision("drops", "- drop-column: {table: users, name: fax}", "- drop-table: {name: old}",
            "- drop-schema: {name: legacy}", "- drop-enum: {name: mood}",
            "- delete: {table: users, where: \"id < 10\"}");

    List<Finding> found = fixture.findings("destructive-drop");

    assertThat(found).extracting(f -> f.at().line()).containsExactly(5, 6, 7, 8, 9);
    assertThat(found).allSatisfy(f -> {
      assertThat(f.severity()).isEqualTo(Severity.ERROR);
      assertThat(f.at().file()).isEqualTo(fixture.fileOf(2));
      assertThat(f.at().column()).isEqualTo(5);
      assertThat(f.safeWay()).contains("with acknowledge: [destructive-drop] and a reason");
    });
    assertThat(found.get(0).risk()).contains("users.fax");
    assertThat(found.get(0).safeWay()).contains("Stop reading and writing fax in code");
    assertThat(found.get(4).risk()).contains("id < 10");
  }

  @Test
  void destructiveDrop_deleteOfRowsTheRevisionInserted_stillFires() {
    LintFixture fixture = fixture().revision("seed", USERS,
        "- insert: {table: users, rows: [{email: a@example.com}]}", "- delete: {table: users, where: \"true\"}");

    single(fixture, "destructive-drop", Severity.ERROR, 1, 7, "backup table");
  }

  @Test
  void destructiveDrop_columnOfATableCreatedInTheSameRevision_isQuiet() {
    LintFixture fixture = fixture().revision("made and trimmed", USERS, "- drop-column: {table: users, name: fax}");

    assertThat(fixture.findings("destructive-drop")).isEmpty();
  }

  @Test
  void destructiveDrop_acknowledgedWithAReason_isReportedAcknowledgedAndDoesNotFail() {
    LintFixture fixture = fixture().revision("users", USERS).revision("drop fax",
        "- drop-column: {table: users, name: fax, acknowledge: [destructive-drop], reason: \"unused since 2024\"}");

    LintReport report = fixture.lint();

    assertThat(report.findings()).filteredOn(f -> f.rule().equals("destructive-drop")).singleElement()
        .extracting(Finding::acknowledgement).isEqualTo("unused since 2024");
    assertThat(report.failed()).isFalse();
  }

  // ---- not-null-without-default

  @Test
  void notNullWithoutDefault_notNullColumnAddedToAnExistingTable_isAnErrorNamingTheSafeSequence() {
    LintFixture fixture = fixture().revision("users", USERS)
        .revision("phone", "- add-column: {table: users, column: {name: phone, type: text, nullable: false}}");

    Finding finding = single(fixture, "not-null-without-default", Severity.ERROR, 2, 5,
        "Add phone with nullable: true, fill it with update, then add-check-constraint (phone IS NOT NULL) with"
            + " not-valid, validate-constraint and alter-column nullable: false");
    assertThat(finding.risk()).contains("users.phone");
  }

  @Test
  void notNullWithoutDefault_primaryKeyColumnAddedToAnExistingTable_fires() {
    LintFixture fixture = fixture()
        .revision("t", "- create-table: {name: t, columns: [{name: name, type: text}]}")
        .revision("key", "- add-column: {table: t, column: {name: code, type: text, primary-key: true}}");

    single(fixture, "not-null-without-default", Severity.ERROR, 2, 5, "nullable: true");
  }

  @Test
  void notNullWithoutDefault_columnsThatFillThemselves_areQuiet() {
    LintFixture fixture = fixture().revision("users", USERS).revision("safe columns",
        "- add-column: {table: users, column: {name: active, type: boolean, nullable: false, default: true}}",
        "- add-column: {table: users, column: {name: note, type: text}}",
        "- add-column: {table: users, column: {name: seq, type: bigint, nullable: false, identity: by-default}}",
        "- add-column: {table: users, column: {name: lower_email, type: text, nullable: false,"
            + " generated: {sql: \"lower(email)\"}}}");

    assertThat(fixture.findings("not-null-without-default")).isEmpty();
  }

  @Test
  void notNullWithoutDefault_tableCreatedInTheSameRevision_isQuiet() {
    LintFixture fixture = fixture().revision("users and phone", USERS,
        "- add-column: {table: users, column: {name: phone, type: text, nullable: false}}");

    assertThat(fixture.findings("not-null-without-default")).isEmpty();
  }

  // ---- rename

  @Test
  void rename_columnAndTableThatExisted_areWarningsWithTheSafeWay() {
    LintFixture fixture = fixture().revision("users", USERS)
        .revision("renames", "- rename-column: {table: users, from: fax, to: telefax}",
            "- rename-table: {from: users, to: people}");

    List<Finding> found = fixture.findings("rename");

    assertThat(found).extracting(f -> f.at()).containsExactly(SourceSpan.of(fixture.fileOf(2), 5, 5),
        SourceSpan.of(fixture.fileOf(2), 6, 5));
    assertThat(found).extracting(Finding::severity).containsOnly(Severity.WARNING);
    assertThat(found.get(0).safeWay()).contains("add-column telefax").contains("drop-column fax");
    assertThat(found.get(1).safeWay()).contains("create-view users with query SELECT * FROM people");
  }

  @Test
  void rename_tableCreatedInTheSameRevision_isQuiet() {
    LintFixture fixture = fixture().revision("users", USERS,
        "- rename-column: {table: users, from: fax, to: telefax}", "- rename-table: {from: users, to: people}");

    assertThat(fixture.findings("rename")).isEmpty();
  }

  // ---- enum-value-in-transaction

  private LintFixture tickets() {
    return fixture().revision("tickets", "- create-enum: {name: status, values: [open, closed]}",
        "- create-table: {name: tickets, columns: [{name: id, type: bigint, primary-key: true},"
            + " {name: status, type: status}]}");
  }

  @Test
  void enumValueInTransaction_newValueInsertedInTheSameRevision_isAnErrorAtTheUse() {
    LintFixture fixture = tickets().revision("pending",
        "- add-enum-value: {enum: status, value: pending}",
        "- insert: {table: tickets, rows: [{id: 1, status: pending}]}");

    Finding finding = single(fixture, "enum-value-in-transaction", Severity.ERROR, 2, 6,
        "Move add-enum-value pending into a revision of its own before this one");
    assertThat(finding.risk()).contains("'pending'").contains("line 5").contains("unsafe use of new value");
  }

  @Test
  void enumValueInTransaction_newValueAsDefaultUpdateOrSqlLiteral_fireAtEachUse() {
    LintFixture fixture = tickets().revision("pending",
        "- add-enum-value: {enum: status, value: pending}",
        "- alter-column: {table: tickets, name: status, default: pending}",
        "- update: {table: tickets, set: {status: pending}, where: \"true\"}",
        "- add-check-constraint: {table: tickets, name: ck_status, expression: \"status <> 'pending'\"}",
        "- create-index: {name: ix_pending, table: tickets, columns: [id], where: \"status = 'pending'\"}",
        "- add-column: {table: tickets, column: {name: first, type: status, default: pending}}",
        "- insert: {table: tickets, rows: [{id: 2, status: open}]}");

    assertThat(fixture.findings("enum-value-in-transaction")).extracting(f -> f.at().line())
        .containsExactly(6, 7, 8, 9, 10);
  }

  @Test
  void enumValueInTransaction_valueAddedInARevisionOfItsOwn_isQuiet() {
    LintFixture fixture = tickets()
        .revision("pending", "- add-enum-value: {enum: status, value: pending}")
        .revision("use it", "- insert: {table: tickets, rows: [{id: 1, status: pending}]}",
            "- alter-column: {table: tickets, name: status, default: pending}");

    assertThat(fixture.findings("enum-value-in-transaction")).isEmpty();
  }

  @Test
  void enumValueInTransaction_enumCreatedInTheSameRevisionOrNonTransactional_isQuiet() {
    LintFixture fixture = fixture()
        .revision("new enum", "- create-enum: {name: mood, values: [ok]}",
            "- add-enum-value: {enum: mood, value: great}",
            "- create-table: {name: days, columns: [{name: mood, type: mood, default: great}]}")
        .nonTransactional("outside a transaction", "- add-enum-value: {enum: mood, value: bad}",
            "- insert: {table: days, rows: [{mood: bad}]}");

    assertThat(fixture.findings("enum-value-in-transaction")).isEmpty();
  }

  // ---- concurrently-in-transaction

  @Test
  void concurrentlyInTransaction_concurrentIndexInATransactionalRevision_isAnError() {
    LintFixture fixture = fixture().revision("users", USERS)
        .revision("index", "- create-index: {name: ix_email, table: users, columns: [email], concurrently: true}");

    single(fixture, "concurrently-in-transaction", Severity.ERROR, 2, 5,
        "Move create-index ix_email into a revision of its own with transactional: false");
  }

  @Test
  void concurrentlyInTransaction_dropIndexConcurrently_fires() {
    LintFixture fixture = fixture().revision("users", USERS,
        "- create-index: {name: ix_email, table: users, columns: [email]}")
        .revision("drop", "- drop-index: {name: ix_email, concurrently: true}");

    single(fixture, "concurrently-in-transaction", Severity.ERROR, 2, 5, "transactional: false");
  }

  @Test
  void concurrentlyInTransaction_nonTransactionalRevision_isQuiet() {
    LintFixture fixture = fixture().revision("users", USERS)
        .nonTransactional("index", "- create-index: {name: ix_email, table: users, columns: [email],"
            + " concurrently: true}");

    assertThat(fixture.findings("concurrently-in-transaction")).isEmpty();
  }

  // ---- irreversible

  @Test
  void irreversible_downgradeIrreversible_isAWarningOnTheRevision() {
    LintFixture fixture = fixture().revision("users", USERS).file("""
        revision: "r2"
        down-revision: "r1"
        message: "one way"
        downgrade: irreversible
        upgrade:
          - add-column: {table: users, column: {name: note, type: text}}
        """);

    List<Finding> found = fixture.findings("irreversible");

    assertThat(found).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.WARNING);
      assertThat(f.at()).isEqualTo(SourceSpan.of(fixture.fileOf(2), 1, 1));
      assertThat(f.risk()).contains("downgrade: irreversible");
      assertThat(f.safeWay()).contains("downgrade: [...]");
    });
  }

  @Test
  void irreversible_operationWithNoDerivableInverse_isAWarningAtTheOperation() {
    LintFixture fixture = fixture().revision("users", USERS)
        .revision("cascade", "- drop-table: {name: users, cascade: true}");

    Finding finding = single(fixture, "irreversible", Severity.WARNING, 2, 5, "Write the revision's downgrade");
    assertThat(finding.risk()).contains("cascade");
  }

  @Test
  void irreversible_writtenDowngradeOrDerivableInverse_isQuiet() {
    LintFixture fixture = fixture().revision("users", USERS).file("""
        revision: "r2"
        down-revision: "r1"
        message: "cascade, undone by hand"
        upgrade:
          - drop-table: {name: users, cascade: true}
        downgrade:
          - create-table: {name: users, columns: [{name: id, type: bigint}]}
        """).revision("derivable", "- add-column: {table: users, column: {name: note, type: text}}");

    assertThat(fixture.findings("irreversible")).isEmpty();
  }

  // ---- opaque-sql

  @Test
  void opaqueSql_sqlOperation_isAWarningWithTheSafeWay() {
    LintFixture fixture = fixture().revision("users", USERS)
        .revision("by hand", "- sql: \"CREATE INDEX ix_email ON users (email)\"");

    Finding finding = single(fixture, "opaque-sql", Severity.WARNING, 2, 5, "create-index");
    assertThat(finding.safeWay()).contains("give it a down and acknowledge: [opaque-sql]");
  }

  @Test
  void opaqueSql_theSameChangeAsAnOperation_isQuiet() {
    LintFixture fixture = fixture().revision("users", USERS)
        .revision("as an operation", "- create-index: {name: ix_email, table: users, columns: [email]}");

    assertThat(fixture.findings("opaque-sql")).isEmpty();
  }

  // ---- column types

  @Test
  void preferText_varcharWithALength_isInfoSuggestingTextWithACheck() {
    LintFixture fixture = fixture().revision("users",
        "- create-table: {name: users, columns: [{name: email, type: varchar(255)}]}");

    single(fixture, "prefer-text", Severity.INFO, 1, 5, "Use type: text, with a check char_length(email) <= 255");
  }

  @Test
  void preferText_textOrVarcharWithoutLength_isQuiet() {
    LintFixture fixture = fixture().revision("users",
        "- create-table: {name: users, columns: [{name: email, type: text}, {name: nick, type: varchar}]}");

    assertThat(fixture.findings("prefer-text")).isEmpty();
  }

  @Test
  void preferBigint_integerPrimaryKey_isInfoSuggestingBigint() {
    LintFixture fixture = fixture().revision("users",
        "- create-table: {name: users, columns: [{name: id, type: integer}], primary-key: [id]}");

    single(fixture, "prefer-bigint", Severity.INFO, 1, 5, "Use type: bigint for id");
  }

  @Test
  void preferBigint_serialColumn_firesWithPreferIdentity() {
    LintFixture fixture = fixture().revision("users",
        "- create-table: {name: users, columns: [{name: id, type: serial}]}");

    single(fixture, "prefer-bigint", Severity.INFO, 1, 5, "Use type: bigint with identity: always");
    single(fixture, "prefer-identity", Severity.INFO, 1, 5, "Write type: bigint with identity: always");
  }

  @Test
  void preferBigint_bigintIdentityKeyAndPlainIntegerColumn_areQuiet() {
    LintFixture fixture = fixture().revision("users",
        "- create-table: {name: users, columns: [{name: id, type: bigint, identity: always, primary-key: true},"
            + " {name: age, type: integer}]}");

    assertThat(fixture.findings("prefer-bigint")).isEmpty();
  }

  @Test
  void preferIdentity_bigserialAddedColumn_isInfo() {
    LintFixture fixture = fixture().revision("users", USERS)
        .revision("number", "- add-column: {table: users, column: {name: number, type: bigserial}}");

    single(fixture, "prefer-identity", Severity.INFO, 2, 5, "identity: always");
    assertThat(fixture.findings("prefer-bigint")).isEmpty();
  }

  @Test
  void preferIdentity_identityColumn_isQuiet() {
    LintFixture fixture = fixture().revision("users", USERS);

    assertThat(fixture.findings("prefer-identity")).isEmpty();
  }

  @Test
  void preferTimestamptz_timestampWithoutZone_isInfoOnCreateAddAndAlter() {
    LintFixture fixture = fixture().revision("users", USERS)
        .revision("times", "- add-column: {table: users, column: {name: seen, type: timestamp}}",
            "- alter-column: {table: users, name: email, type: \"timestamp(3)\", using: \"now()\"}");

    List<Finding> found = fixture.findings("prefer-timestamptz");

    assertThat(found).extracting(f -> f.at().line()).containsExactly(5, 6);
    assertThat(found).allSatisfy(f -> {
      assertThat(f.severity()).isEqualTo(Severity.INFO);
      assertThat(f.safeWay()).contains("Use type: timestamptz");
    });
  }

  @Test
  void preferTimestamptz_timestamptz_isQuiet() {
    LintFixture fixture = fixture().revision("users",
        "- create-table: {name: users, columns: [{name: seen, type: timestamptz}]}");

    assertThat(fixture.findings("prefer-timestamptz")).isEmpty();
  }

  @Test
  void banChar_charColumn_isInfoSuggestingText() {
    LintFixture fixture = fixture().revision("countries",
        "- create-table: {name: countries, columns: [{name: code, type: char(2)}]}");

    single(fixture, "ban-char", Severity.INFO, 1, 5, "Use type: text for code");
  }

  @Test
  void banChar_textOrVarcharColumn_isQuiet() {
    LintFixture fixture = fixture().revision("countries",
        "- create-table: {name: countries, columns: [{name: code, type: text}, {name: name, type: varchar(80)}]}");

    assertThat(fixture.findings("ban-char")).isEmpty();
  }

  @Test
  void preferJsonb_jsonColumnAndTypeChange_areInfo() {
    LintFixture fixture = fixture().revision("events",
        "- create-table: {name: events, columns: [{name: body, type: json}, {name: meta, type: text}]}")
        .revision("meta", "- alter-column: {table: events, name: meta, type: json, using: \"meta::json\"}");

    assertThat(fixture.findings("prefer-jsonb")).extracting(Finding::at, Finding::severity).containsExactly(
        org.assertj.core.groups.Tuple.tuple(SourceSpan.of(fixture.fileOf(1), 5, 5), Severity.INFO),
        org.assertj.core.groups.Tuple.tuple(SourceSpan.of(fixture.fileOf(2), 5, 5), Severity.INFO));
    assertThat(fixture.findings("prefer-jsonb").get(0).safeWay()).contains("Use type: jsonb for body");
  }

  @Test
  void preferJsonb_jsonb_isQuiet() {
    LintFixture fixture = fixture().revision("events",
        "- create-table: {name: events, columns: [{name: body, type: jsonb}]}");

    assertThat(fixture.findings("prefer-jsonb")).isEmpty();
  }

  // ---- identifier-too-long

  @Test
  void identifierTooLong_tableNameOver63Bytes_isAnErrorSayingWhatPostgresCutsItTo() {
    String name = "t".repeat(60) + "_long_name";
    LintFixture fixture = fixture().revision("long",
        "- create-table: {name: " + name + ", columns: [{name: id, type: bigint}]}");

    Finding finding = single(fixture, "identifier-too-long", Severity.ERROR, 1, 5, "to at most 63 bytes");
    assertThat(finding.risk()).contains("has 70 bytes").contains("cuts it to 63: " + name.substring(0, 63) + ",");
  }

  @Test
  void identifierTooLong_multibyteColumnIndexAndConstraintNames_areCountedInBytes() {
    String column = "é".repeat(32); // 32 characters, 64 bytes
    LintFixture fixture = fixture().revision("users", USERS)
        .revision("long names", "- add-column: {table: users, column: {name: " + column + ", type: text}}",
            "- create-index: {name: ix_" + "x".repeat(61) + ", table: users, columns: [email]}",
            "- add-check-constraint: {table: users, name: ck_" + "y".repeat(61) + ", expression: \"id > 0\"}");

    List<Finding> found = fixture.findings("identifier-too-long");

    assertThat(found).extracting(f -> f.at().line()).containsExactly(5, 6, 7);
    assertThat(found.get(0).risk()).contains("has 64 bytes").contains("cuts it to 63: " + "é".repeat(31) + ",");
  }

  @Test
  void identifierTooLong_nameOfExactly63Bytes_isQuiet() {
    LintFixture fixture = fixture().revision("fits",
        "- create-table: {name: " + "t".repeat(63) + ", columns: [{name: " + "c".repeat(63) + ", type: text}]}");

    assertThat(fixture.findings("identifier-too-long")).isEmpty();
  }

  // ---- backfill-with-ddl

  @Test
  void backfillWithDdl_updateOfAnExistingTableBesideDdlOnIt_isAWarningAtTheUpdate() {
    LintFixture fixture = fixture().revision("users", USERS).revision("add and fill",
        "- add-column: {table: users, column: {name: active, type: boolean}}",
        "- update: {table: users, set: {active: true}, where: \"true\"}");

    Finding finding = single(fixture, "backfill-with-ddl", Severity.WARNING, 2, 6,
        "Move the update into a revision of its own after the DDL");
    assertThat(finding.risk()).contains("add-column on it (line 5)");
  }

  @Test
  void backfillWithDdl_dataChangeBeforeTheDdl_fires() {
    LintFixture fixture = fixture().revision("users", USERS).revision("clean, then index",
        "- delete: {table: users, where: \"email IS NULL\"}",
        "- create-index: {name: ix_email, table: users, columns: [email]}");

    single(fixture, "backfill-with-ddl", Severity.WARNING, 2, 5, "revision of its own");
  }

  @Test
  void backfillWithDdl_backfillInItsOwnRevisionOrOnANewTableOrOtherTable_isQuiet() {
    LintFixture fixture = fixture().revision("users", USERS,
        "- insert: {table: users, rows: [{email: a@example.com}]}")
        .revision("add", "- add-column: {table: users, column: {name: active, type: boolean}}",
            "- create-table: {name: audit, columns: [{name: id, type: bigint}]}",
            "- insert: {table: audit, rows: [{id: 1}]}")
        .revision("fill", "- update: {table: users, set: {active: true}, where: \"true\"}")
        .nonTransactional("batches", "- add-column: {table: users, column: {name: score, type: integer}}",
            "- update: {table: users, set: {score: 0}, where: \"id < 1000\"}");

    assertThat(fixture.findings("backfill-with-ddl")).isEmpty();
  }
}
