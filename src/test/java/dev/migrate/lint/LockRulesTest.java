package dev.migrate.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.changelog.SourceSpan;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every lock rule fires on the unsafe form and stays quiet on its safe way, on each major whose
 * table is committed (14 to 18 measured the same forms alike; the volatile functions differ a
 * little, so every test runs on each).
 */
class LockRulesTest {

  @TempDir
  Path dir;

  private static final String ORDERS = "- create-table: {name: orders, columns: [{name: id, type: int, primary-key: true},"
      + " {name: qty, type: int}, {name: note, type: varchar(20)}, {name: user_id, type: int}, {name: body, type: text}]}";
  private static final String USERS = "- create-table: {name: users, columns: [{name: id, type: int, primary-key: true}]}";

  /** A fixture whose first revision creates users and orders, so later revisions act on existing tables. */
  private LintFixture tables(int major) {
    return new LintFixture(dir).major(major).revision("tables", USERS, ORDERS);
  }

  @Nested
  class IndexNotConcurrent {

    @ParameterizedTest
    @ValueSource(ints = {14, 15, 16, 17, 18})
    void createIndex_onAnExistingTable_firesWithTheMeasuredShareLock(int major) {
      LintFixture fixture = tables(major).revision("index",
          "- create-index: {name: ix_orders_qty, table: orders, columns: [qty]}");

      assertThat(fixture.findings("index-not-concurrent")).singleElement().satisfies(f -> {
        assertThat(f.at()).isEqualTo(SourceSpan.of(fixture.fileOf(2), 5, 5));
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.risk()).isEqualTo("create-index ix_orders_qty without concurrently takes SHARE lock on"
            + " public.orders (blocks writes) and scans it, measured on PostgreSQL " + major
            + ", so writes wait for the whole index build.");
        assertThat(f.safeWay()).contains("concurrently: true").contains("transactional: false");
      });
    }

    @ParameterizedTest
    @ValueSource(ints = {14, 15, 16, 17, 18})
    void dropIndex_withoutConcurrently_fires(int major) {
      LintFixture fixture = tables(major)
          .revision("index", "- create-index: {name: ix_orders_qty, table: orders, columns: [qty]}")
          .revision("drop", "- drop-index: {name: ix_orders_qty}");

      assertThat(fixture.findings("index-not-concurrent")).extracting(Finding::revision).containsExactly("r2", "r3");
      assertThat(fixture.findings("index-not-concurrent").get(1).risk()).contains("ACCESS EXCLUSIVE lock on"
          + " public.orders (blocks reads and writes)");
    }

    @ParameterizedTest
    @ValueSource(ints = {14, 15, 16, 17, 18})
    void concurrently_inANonTransactionalRevision_staysQuiet(int major) {
      LintFixture fixture = tables(major)
          .nonTransactional("index", "- create-index: {name: ix_orders_qty, table: orders, columns: [qty],"
              + " concurrently: true}")
          .nonTransactional("drop", "- drop-index: {name: ix_orders_qty, concurrently: true}");

      assertThat(fixture.findings("index-not-concurrent")).isEmpty();
    }

    @Test
    void createIndex_onATableOfTheSameRevision_staysQuiet() {
      LintFixture fixture = tables(18).revision("new table", "- create-table: {name: items, columns: [{name: id,"
          + " type: int}]}", "- create-index: {name: ix_items_id, table: items, columns: [id]}");

      assertThat(fixture.findings("index-not-concurrent")).isEmpty();
    }
  }

  @Nested
  class ConstraintNotValid {

    @ParameterizedTest
    @ValueSource(ints = {14, 15, 16, 17, 18})
    void foreignKey_withoutNotValid_firesNamingBothTables(int major) {
      LintFixture fixture = tables(major).revision("fk", "- add-foreign-key: {table: orders, name: fk_orders_user,"
          + " columns: [user_id], references: {table: users, columns: [id]}}");

      assertThat(fixture.findings("constraint-not-valid")).singleElement().satisfies(f -> {
        assertThat(f.risk()).isEqualTo("add-foreign-key fk_orders_user takes SHARE ROW EXCLUSIVE lock on"
            + " public.orders (blocks writes) and SHARE ROW EXCLUSIVE lock on public.users (blocks writes) and scans"
            + " public.orders, measured on PostgreSQL " + major + ", so writes wait until every row is checked.");
        assertThat(f.safeWay()).isEqualTo("Write add-foreign-key with not-valid: true, then validate-constraint"
            + " fk_orders_user in a later revision.");
      });
    }

    @ParameterizedTest
    @ValueSource(ints = {14, 15, 16, 17, 18})
    void check_withoutNotValid_fires(int major) {
      LintFixture fixture = tables(major).revision("check", "- add-check-constraint: {table: orders, name:"
          + " ck_orders_qty, expression: \"qty > 0\"}");

      assertThat(fixture.findings("constraint-not-valid")).singleElement().extracting(Finding::risk).asString()
          .contains("ACCESS EXCLUSIVE lock on public.orders (blocks reads and writes) and scans it");
    }

    @ParameterizedTest
    @ValueSource(ints = {14, 15, 16, 17, 18})
    void notValidThenValidateInALaterRevision_staysQuiet(int major) {
      LintFixture fixture = tables(major)
          .revision("fk", "- add-foreign-key: {table: orders, name: fk_orders_user, columns: [user_id], references:"
              + " {table: users, columns: [id]}, not-valid: true}",
              "- add-check-constraint: {table: orders, name: ck_orders_qty, expression: \"qty > 0\", not-valid: true}")
          .revision("validate", "- validate-constraint: {table: orders, name: fk_orders_user}",
              "- validate-constraint: {table: orders, name: ck_orders_qty}");

      assertThat(fixture.findings("constraint-not-valid")).isEmpty();
    }
  }

  @Nested
  class SetNotNull {

    @ParameterizedTest
    @ValueSource(ints = {14, 15, 16, 17, 18})
    void nullableFalse_withoutACheck_firesWithTheScan(int major) {
      LintFixture fixture = tables(major).revision("not null", "- alter-column: {table: orders, name: qty,"
          + " nullable: false}");

      assertThat(fixture.findings("set-not-null")).singleElement().satisfies(f -> {
        assertThat(f.risk()).isEqualTo("alter-column qty nullable: false takes ACCESS EXCLUSIVE lock on public.orders"
            + " (blocks reads and writes) and scans it, measured on PostgreSQL " + major + ", so queries wait while"
            + " every row is checked for NULL (no validated CHECK (qty IS NOT NULL) proves it first).");
        assertThat(f.safeWay()).isEqualTo("Write add-check-constraint {expression: \"qty IS NOT NULL\", not-valid:"
            + " true}, validate-constraint in a later revision, then alter-column nullable: false and"
            + " drop-constraint of the check.");
      });
    }

    @ParameterizedTest
    @ValueSource(ints = {14, 15, 16, 17, 18})
    void afterAValidatedCheck_staysQuiet(int major) {
      LintFixture fixture = tables(major)
          .revision("check", "- add-check-constraint: {table: orders, name: ck_qty, expression: \"(QTY is not null)\","
              + " not-valid: true}")
          .revision("validate", "- validate-constraint: {table: orders, name: ck_qty}")
          .revision("not null", "- alter-column: {table: orders, name: qty, nullable: false}",
              "- drop-constraint: {table: orders, name: ck_qty}");

      assertThat(fixture.findings("set-not-null")).isEmpty();
    }

    @Test
    void checkNotValidatedYet_fires() {
      LintFixture fixture = tables(18)
          .revision("check", "- add-check-constraint: {table: orders, name: ck_qty, expression: \"qty IS NOT NULL\","
              + " not-valid: true}")
          .revision("not null", "- alter-column: {table: orders, name: qty, nullable: false}");

      assertThat(fixture.findings("set-not-null")).singleElement().extracting(Finding::revision).isEqualTo("r3");
    }

    @Test
    void checkOfAnotherExpression_fires() {
      LintFixture fixture = tables(18)
          .revision("check", "- add-check-constraint: {table: orders, name: ck_qty, expression: \"note IS NOT NULL\"}")
          .revision("not null", "- alter-column: {table: orders, name: qty, nullable: false}");

      assertThat(fixture.findings("set-not-null")).singleElement().extracting(Finding::revision).isEqualTo("r3");
    }
  }

  @Nested
  class ColumnTypeChange {

    @ParameterizedTest
    @ValueSource(ints = {14, 15, 16, 17, 18})
    void rewritingChanges_fire(int major) {
      LintFixture fixture = tables(major).revision("types",
          "- alter-column: {table: orders, name: qty, type: bigint}",
          "- alter-column: {table: orders, name: note, type: varchar(10)}",
          "- alter-column: {table: orders, name: body, type: varchar(30)}");

      List<Finding> findings = fixture.findings("column-type-change");
      assertThat(findings).extracting(f -> f.at().line()).containsExactly(5, 6, 7);
      assertThat(findings.get(0).risk()).isEqualTo("alter-column public.orders.qty from integer to bigint takes"
          + " ACCESS EXCLUSIVE lock on public.orders (blocks reads and writes) and rewrites it, measured on PostgreSQL "
          + major + ", so queries wait for the whole rewrite.");
      assertThat(findings.get(0).safeWay()).isEqualTo("Add a new column of type bigint with add-column, backfill it"
          + " with update in batches, switch the application to it, then drop-column qty.");
    }

    @ParameterizedTest
    @ValueSource(ints = {14, 15, 16, 17, 18})
    void varcharWideningAndVarcharToText_stayQuiet(int major) {
      LintFixture fixture = tables(major).revision("types",
          "- alter-column: {table: orders, name: note, type: varchar(50)}",
          "- alter-column: {table: orders, name: note, type: text}");

      assertThat(fixture.findings("column-type-change")).isEmpty();
    }

    @Test
    void unmeasuredChange_firesSayingItWasNotMeasured() {
      LintFixture fixture = tables(18).revision("types",
          "- alter-column: {table: orders, name: qty, type: \"numeric(12,2)\"}");

      assertThat(fixture.findings("column-type-change")).singleElement().extracting(Finding::risk)
          .isEqualTo("alter-column public.orders.qty from integer to numeric(12,2) is a type change the lock table did"
              + " not measure: PostgreSQL rewrites the table for a type change unless the old type is"
              + " binary-coercible to the new one.");
    }
  }

  @Nested
  class VolatileDefault {

    @ParameterizedTest
    @ValueSource(ints = {14, 15, 16, 17, 18})
    void defaultCallingAVolatileFunction_fires(int major) {
      LintFixture fixture = tables(major).revision("token", "- add-column: {table: orders, columns: [{name: token,"
          + " type: uuid, default: {sql: \"pg_catalog.gen_random_uuid()\"}}]}");

      assertThat(fixture.findings("volatile-default")).singleElement().satisfies(f -> {
        assertThat(f.risk()).isEqualTo("add-column token with default pg_catalog.gen_random_uuid(), which calls the"
            + " volatile function gen_random_uuid, takes ACCESS EXCLUSIVE lock on public.orders (blocks reads and"
            + " writes) and rewrites it, measured on PostgreSQL " + major + ", so queries wait for the whole rewrite.");
        assertThat(f.safeWay()).contains("add-column").contains("alter-column").contains("update in batches");
      });
    }

    @ParameterizedTest
    @ValueSource(ints = {14, 15, 16, 17, 18})
    void serialIdentityAndStoredGenerated_fire(int major) {
      LintFixture fixture = tables(major).revision("columns",
          "- add-column: {table: orders, columns: [{name: seq, type: bigserial}]}",
          "- add-column: {table: orders, columns: [{name: n, type: bigint, identity: by-default}]}",
          "- add-column: {table: orders, columns: [{name: twice, type: int, generated: {sql: \"qty * 2\"}}]}");

      assertThat(fixture.findings("volatile-default")).extracting(Finding::risk).satisfiesExactly(
          r -> assertThat(r).startsWith("add-column seq as bigserial (a default of nextval, which is volatile) takes"),
          r -> assertThat(r).startsWith("add-column n as an identity column takes"),
          r -> assertThat(r).startsWith("add-column twice as a stored generated column takes"));
    }

    @ParameterizedTest
    @ValueSource(ints = {14, 15, 16, 17, 18})
    void nowConstantsAndAQuotedName_stayQuiet(int major) {
      LintFixture fixture = tables(major).revision("columns", "- add-column: {table: orders, columns: ["
          + "{name: at, type: timestamptz, default: {sql: \"now()\"}}, {name: n, type: int, default: 0},"
          + " {name: s, type: text, default: {sql: \"'random()' || current_date\"}}]}");

      assertThat(fixture.findings("volatile-default")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {14, 15, 16, 17, 18})
    void uuidv7_volatileOn18_notInTheListBefore(int major) {
      // uuidv7() came with PostgreSQL 18: the lists measured on 14 to 17 do not name it (nor do they have it)
      LintFixture fixture = tables(major).revision("token", "- add-column: {table: orders, columns: [{name: token,"
          + " type: uuid, default: {sql: \"uuidv7()\"}}]}");

      assertThat(fixture.findings("volatile-default")).hasSize(major >= 18 ? 1 : 0);
    }

    @Test
    void onATableOfTheSameRevision_staysQuiet() {
      LintFixture fixture = new LintFixture(dir).revision("one", ORDERS,
          "- add-column: {table: orders, columns: [{name: token, type: float8, default: {sql: \"random()\"}}]}");

      assertThat(fixture.findings("volatile-default")).isEmpty();
    }
  }

  @Nested
  class UniqueConstraintDirect {

    @ParameterizedTest
    @ValueSource(ints = {14, 15, 16, 17, 18})
    void uniqueConstraint_withoutUsingIndex_fires(int major) {
      LintFixture fixture = tables(major).revision("unique", "- add-unique-constraint: {table: orders, name:"
          + " uq_orders_qty, columns: [qty]}");

      assertThat(fixture.findings("unique-constraint-direct")).singleElement().satisfies(f -> {
        assertThat(f.risk()).isEqualTo("add-unique-constraint uq_orders_qty takes ACCESS EXCLUSIVE lock on"
            + " public.orders (blocks reads and writes) and scans it, measured on PostgreSQL " + major + ", so"
            + " queries wait while its index is built.");
        assertThat(f.safeWay()).isEqualTo("Write create-index uq_orders_qty with unique: true and concurrently: true"
            + " in a revision with transactional: false, then add-unique-constraint with using-index: uq_orders_qty"
            + " in a later revision.");
      });
    }

    @Test
    void primaryKey_withoutUsingIndex_fires() {
      LintFixture fixture = new LintFixture(dir)
          .revision("table", "- create-table: {name: items, columns: [{name: id, type: int, nullable: false}]}")
          .revision("key", "- add-primary-key: {table: items, name: items_pkey, columns: [id]}");

      assertThat(fixture.findings("unique-constraint-direct")).singleElement().extracting(Finding::risk).asString()
          .startsWith("add-primary-key items_pkey takes ACCESS EXCLUSIVE lock on public.items");
    }

    @ParameterizedTest
    @ValueSource(ints = {14, 15, 16, 17, 18})
    void usingAnIndexBuiltConcurrently_staysQuiet(int major) {
      LintFixture fixture = tables(major)
          .nonTransactional("index", "- create-index: {name: uq_orders_qty, table: orders, columns: [qty], unique:"
              + " true, concurrently: true}")
          .revision("attach", "- add-unique-constraint: {table: orders, name: uq_orders_qty, columns: [qty],"
              + " using-index: uq_orders_qty}");

      assertThat(fixture.lint().findings()).extracting(Finding::rule)
          .doesNotContain("unique-constraint-direct", "index-not-concurrent");
    }
  }

  @Nested
  class MissingLockTimeout {

    @ParameterizedTest
    @ValueSource(ints = {14, 15, 16, 17, 18})
    void blockingOperations_withoutATimeout_fireOncePerRevisionAtTheFirst(int major) {
      LintFixture fixture = tables(major).withoutLockTimeout().revision("two",
          "- add-column: {table: orders, columns: [{name: extra, type: text}]}",
          "- drop-column: {table: orders, name: extra}");

      assertThat(fixture.findings("missing-lock-timeout")).singleElement().satisfies(f -> {
        assertThat(f.at()).isEqualTo(SourceSpan.of(fixture.fileOf(2), 5, 5));
        assertThat(f.risk()).isEqualTo("add-column takes ACCESS EXCLUSIVE lock on public.orders (blocks reads and"
            + " writes), measured on PostgreSQL " + major + ", and no lock timeout is set, so while it waits for that"
            + " lock every query on the table queues behind it.");
        assertThat(f.safeWay()).isEqualTo("Set the plugin's lockTimeout (for example 5s) or lock-timeout: 5s on"
            + " revision r2.");
      });
    }

    @Test
    void columnWithAReference_namesTheReferencedTableItBlocksWritesTo() {
      LintFixture fixture = tables(18).withoutLockTimeout().revision("owner", "- add-column: {table: orders, columns:"
          + " [{name: owner_id, type: int, references: {table: users, column: id}}]}");

      assertThat(fixture.findings("missing-lock-timeout")).singleElement().extracting(Finding::risk)
          .isEqualTo("add-column takes ACCESS EXCLUSIVE lock on public.orders (blocks reads and writes) and SHARE ROW"
              + " EXCLUSIVE lock on public.users (blocks writes), measured on PostgreSQL 18, and no lock timeout is"
              + " set, so while it waits for that lock every query on the table queues behind it.");
    }

    @Test
    void revisionWithItsOwnLockTimeout_staysQuiet() {
      LintFixture fixture = tables(18).withoutLockTimeout().file("""
          revision: "r2"
          down-revision: "r1"
          message: "own timeout"
          lock-timeout: 5s
          upgrade:
            - add-column: {table: orders, columns: [{name: extra, type: text}]}
          """);

      assertThat(fixture.findings("missing-lock-timeout")).isEmpty();
    }

    @Test
    void pluginLockTimeoutConfigured_staysQuiet() {
      LintFixture fixture = tables(18).revision("two", "- add-column: {table: orders, columns: [{name: extra,"
          + " type: text}]}");

      assertThat(fixture.findings("missing-lock-timeout")).isEmpty();
    }

    @Test
    void onlyNewTablesAndNonBlockingLocks_staysQuiet() {
      LintFixture fixture = tables(18).withoutLockTimeout()
          .nonTransactional("index", "- create-index: {name: ix_orders_qty, table: orders, columns: [qty],"
              + " concurrently: true}")
          .revision("new", "- create-table: {name: items, columns: [{name: id, type: int}]}",
              "- add-column: {table: items, columns: [{name: extra, type: text}]}");

      assertThat(fixture.findings("missing-lock-timeout")).isEmpty();
    }
  }

  @Test
  void lockRules_eachHasASummaryAndHelpAndTheWarningDefault() {
    assertThat(LockRules.all()).extracting(Rule::id).containsExactly("set-not-null", "index-not-concurrent",
        "constraint-not-valid", "unique-constraint-direct", "column-type-change", "volatile-default",
        "missing-lock-timeout");
    assertThat(LockRules.all()).allSatisfy(rule -> {
      assertThat(rule.defaultSeverity()).isEqualTo(Severity.WARNING);
      assertThat(rule.summary()).isNotBlank();
      assertThat(rule.help()).isNotBlank();
    });
  }
}
