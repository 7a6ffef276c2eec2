package dev.migrate.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrate.MigrateException;
import dev.migrate.changelog.Change;
import dev.migrate.changelog.Changelog;
import dev.migrate.changelog.Column;
import dev.migrate.changelog.ColumnType;
import dev.migrate.changelog.IndexElement;
import dev.migrate.changelog.Operation;
import dev.migrate.changelog.Precondition;
import dev.migrate.changelog.Preconditions;
import dev.migrate.changelog.QualifiedName;
import dev.migrate.changelog.Revision;
import dev.migrate.changelog.SourceSpan;
import dev.migrate.graph.RevisionGraph;
import dev.migrate.graph.Target;
import dev.migrate.locks.LockTable;
import dev.migrate.render.PostgresRenderer;
import dev.migrate.schema.Replay;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptWriterTest {

  private static final Revision USERS = TestChangelogs.sqlRevision("8b1c0d2e4f6a", null, "create users",
      "CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL)");

  private static final Revision SURVEYS = TestChangelogs.sqlRevision("3f2a9c1e7b4d", "8b1c0d2e4f6a",
      "add csat surveys", "CREATE TABLE csat (id bigint PRIMARY KEY, score int)",
      "COMMENT ON TABLE csat IS 'it''s ours'");

  private static Revision nonTransactional() {
    Revision r = TestChangelogs.sqlRevision("a1b2c3d4e5f6", "3f2a9c1e7b4d", "index csat\nconcurrently",
        "CREATE INDEX CONCURRENTLY ix_csat_score ON csat (score)");
    return new Revision(r.id(), r.downRevisions(), List.of(), List.of(), r.message(), false,
        new Preconditions(Preconditions.OnFail.SKIP, List.of(new Precondition.TableExists(QualifiedName.unqualified("csat")))),
        r.upgrade(), r.downgrade(), Duration.ofSeconds(5), null, r.at());
  }

  @Test
  void write_upgrade_printsEveryStatementOfTheRunInOrder() {
    Plan plan = Plans.upgrade(new Timeouts(Duration.ofSeconds(2), Duration.ofMinutes(1)), USERS, SURVEYS,
        nonTransactional());

    String script = new ScriptWriter(VersionTables.defaults(), TransactionMode.REVISION, "0.1.0").write(plan);

    long key = VersionTables.defaults().lockKey();
    assertThat(script).isEqualTo("""
        -- migrate-maven-plugin 0.1.0 upgrade: 3 revisions, to a1b2c3d4e5f6
        -- Written offline from the changelog; apply with: psql -v ON_ERROR_STOP=1 -f <this file>
        -- A live run first takes SELECT pg_try_advisory_lock(%d) (keyed by migrate_version) on its connection,
        -- then reads migrate_version and checks the checksums of applied revisions against migrate_history.

        CREATE TABLE IF NOT EXISTS migrate_version (version_num varchar(64) NOT NULL, CONSTRAINT migrate_version_pkc PRIMARY KEY (version_num));
        CREATE TABLE IF NOT EXISTS migrate_history (
          id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          direction varchar(8) NOT NULL CONSTRAINT migrate_history_direction_check CHECK (direction IN ('up', 'down', 'stamp', 'skip', 'failed', 'repair', 'running')),
          revision varchar(64) NOT NULL,
          checksum varchar(80),
          parents text,
          applied_at timestamptz NOT NULL DEFAULT now(),
          duration_ms bigint,
          applied_by text NOT NULL DEFAULT current_user,
          plugin_version text,
          message text,
          statements_done int
        );
        ALTER TABLE migrate_history ADD COLUMN IF NOT EXISTS parents text;

        -- Running upgrade -> 8b1c0d2e4f6a, create users
        -- file: 8b1c0d2e4f6a_create_users.yaml
        -- checksum: 1:8b1c0d2e4f6a
        BEGIN;
        SET LOCAL lock_timeout = '2s';
        SET LOCAL statement_timeout = '1min';
        SET LOCAL synchronous_commit = off;
        CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL);
        INSERT INTO migrate_version (version_num) VALUES ('8b1c0d2e4f6a');
        INSERT INTO migrate_history (direction, revision, checksum, parents, duration_ms, plugin_version, message) VALUES ('up', '8b1c0d2e4f6a', '1:8b1c0d2e4f6a', 'down-revision: none (a base)', (extract(epoch FROM clock_timestamp() - now()) * 1000)::bigint, '0.1.0', 'create users');
        COMMIT;

        -- Running upgrade 8b1c0d2e4f6a -> 3f2a9c1e7b4d, add csat surveys
        -- file: 3f2a9c1e7b4d_add_csat_surveys.yaml
        -- checksum: 1:3f2a9c1e7b4d
        BEGIN;
        SET LOCAL lock_timeout = '2s';
        SET LOCAL statement_timeout = '1min';
        SET LOCAL synchronous_commit = off;
        CREATE TABLE csat (id bigint PRIMARY KEY, score int);
        COMMENT ON TABLE csat IS 'it''s ours';
        WITH moved AS (UPDATE migrate_version SET version_num = '3f2a9c1e7b4d' WHERE version_num = '8b1c0d2e4f6a' RETURNING 1) SELECT 1 / count(*) FROM moved;
        INSERT INTO migrate_history (direction, revision, checksum, parents, duration_ms, plugin_version, message) VALUES ('up', '3f2a9c1e7b4d', '1:3f2a9c1e7b4d', 'down-revision: 8b1c0d2e4f6a', (extract(epoch FROM clock_timestamp() - now()) * 1000)::bigint, '0.1.0', 'add csat surveys');
        COMMIT;

        -- Running upgrade 3f2a9c1e7b4d -> a1b2c3d4e5f6, index csat concurrently
        -- file: a1b2c3d4e5f6_index_csat_concurrently.yaml
        -- checksum: 1:a1b2c3d4e5f6
        -- transactional: false: each statement commits on its own
        -- precondition (on-fail: skip), checked by a live run: SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename = 'csat')
        SELECT set_config('migrate.started_at', clock_timestamp()::text, false);
        INSERT INTO migrate_history (direction, revision, checksum, duration_ms, plugin_version, message, statements_done) VALUES ('running', 'a1b2c3d4e5f6', '1:a1b2c3d4e5f6', 0, '0.1.0', 'index csat
        concurrently', 0);
        SET lock_timeout = '5s';
        SET statement_timeout = '1min';
        CREATE INDEX CONCURRENTLY ix_csat_score ON csat (score);
        UPDATE migrate_history SET statements_done = 1, duration_ms = (extract(epoch FROM clock_timestamp() - current_setting('migrate.started_at')::timestamptz) * 1000)::bigint WHERE id = (SELECT max(id) FROM migrate_history WHERE revision = 'a1b2c3d4e5f6' AND direction = 'running');
        RESET lock_timeout;
        RESET statement_timeout;
        BEGIN;
        WITH moved AS (UPDATE migrate_version SET version_num = 'a1b2c3d4e5f6' WHERE version_num = '3f2a9c1e7b4d' RETURNING 1) SELECT 1 / count(*) FROM moved;
        UPDATE migrate_history SET direction = 'up', parents = 'down-revision: 3f2a9c1e7b4d', duration_ms = (extract(epoch FROM clock_timestamp() - current_setting('migrate.started_at')::timestamptz) * 1000)::bigint, message = 'index csat
        concurrently' WHERE id = (SELECT max(id) FROM migrate_history WHERE revision = 'a1b2c3d4e5f6' AND direction = 'running');
        COMMIT;
        """.formatted(key));
  }

  @Test
  void write_twice_isByteIdentical() {
    Plan plan = Plans.upgrade(Timeouts.none(), USERS, SURVEYS);
    ScriptWriter writer = new ScriptWriter(VersionTables.defaults(), TransactionMode.REVISION, "0.1.0");

    assertThat(writer.write(plan)).isEqualTo(writer.write(Plans.upgrade(Timeouts.none(), USERS, SURVEYS)));
  }

  @Test
  void write_transactionModeAll_oneTransactionAndTimeoutsResetBetweenRevisions() {
    Revision slow = new Revision(USERS.id(), USERS.downRevisions(), List.of(), List.of(), USERS.message(), true,
        null, USERS.upgrade(), null, Duration.ofSeconds(3), null, USERS.at());
    Plan plan = Plans.upgrade(Timeouts.none(), slow, SURVEYS);

    String script = new ScriptWriter(VersionTables.defaults(), TransactionMode.ALL, "0.1.0").write(plan);

    assertThat(script.lines().filter(l -> l.equals("BEGIN;") || l.equals("COMMIT;") || l.startsWith("SET ")))
        .containsExactly("BEGIN;", "SET LOCAL lock_timeout = '3s';", "SET LOCAL lock_timeout = DEFAULT;", "COMMIT;");
    assertThat(script).contains("-- transactionMode=all: one transaction for the whole run.");
  }

  @Test
  void write_transactionModeAllWithNonTransactionalRevision_failsNamingIt() {
    Plan plan = Plans.upgrade(Timeouts.none(), USERS, SURVEYS, nonTransactional());

    assertThatThrownBy(() -> new ScriptWriter(VersionTables.defaults(), TransactionMode.ALL, "0.1.0").write(plan))
        .isInstanceOf(MigrateException.class)
        .hasMessageContaining("a1b2c3d4e5f6_index_csat_concurrently.yaml:1:1: revision a1b2c3d4e5f6 is transactional: false")
        .hasMessageContaining("use transactionMode=revision")
        .extracting(e -> ((MigrateException) e).code()).isEqualTo("transaction-mode");
  }

  @Test
  void write_alembicVersionTable_rejectsIdsLongerThan32() {
    Revision longId = TestChangelogs.sqlRevision("a".repeat(33), null, "too long", "SELECT 1");
    VersionTables alembic = new VersionTables(null, "alembic_version", "migrate_history");

    assertThatThrownBy(() -> new ScriptWriter(alembic, TransactionMode.REVISION, "0.1.0")
        .write(Plans.upgrade(Timeouts.none(), longId)))
        .isInstanceOf(MigrateException.class)
        .hasMessageContaining("has 33 characters, but alembic_version.version_num is varchar(32)")
        .hasMessageContaining("use a shorter id")
        .extracting(e -> ((MigrateException) e).code()).isEqualTo("revision-id-too-long");
  }

  @Test
  void write_schemaAndOddNames_qualifiesAndQuotesTheVersionTables() {
    VersionTables tables = new VersionTables("Ops", "version", "migrate_history");

    String script = new ScriptWriter(tables, TransactionMode.REVISION, "0.1.0")
        .write(Plans.upgrade(Timeouts.none(), USERS));

    assertThat(script).contains("INSERT INTO \"Ops\".version (version_num) VALUES ('8b1c0d2e4f6a');")
        .contains("CREATE TABLE IF NOT EXISTS \"Ops\".migrate_history (");
  }

  /** W(2) and a third revision that alters the existing t_1 and creates and alters its own t_9. */
  private static Plan lockNotedPlan(LockTable locks) {
    List<Revision> revisions = new ArrayList<>(TestChangelogs.w(2).revisions());
    Path file = TestChangelogs.file("c3d4e5f6a7b8", "alter things");
    QualifiedName t1 = TestChangelogs.table("t_1");
    QualifiedName t9 = TestChangelogs.table("t_9");
    revisions.add(TestChangelogs.revision("c3d4e5f6a7b8", List.of(TestChangelogs.id(2)), "alter things", true, List.of(
        Change.of(new Operation.CreateIndex("ix_t_1_name", t1, List.of(IndexElement.column("name")), false, false,
            null, null, List.of(), false, Map.of()), SourceSpan.of(file, 4, 5)),
        Change.of(new Operation.AlterColumn(t1, "name", ColumnType.parse("varchar(50)"), null, null, null, false,
            null), SourceSpan.of(file, 9, 5)),
        Change.of(new Operation.CreateTable(t9, List.of(Column.of("qty", ColumnType.parse("int"))), null, List.of(),
            List.of(), List.of(), false, null, Map.of()), SourceSpan.of(file, 14, 5)),
        Change.of(new Operation.AlterColumn(t9, "qty", ColumnType.parse("bigint"), null, null, null, false, null),
            SourceSpan.of(file, 19, 5))), file));
    Changelog changelog = new Changelog(revisions, List.of());
    RevisionGraph graph = RevisionGraph.of(changelog.revisions());
    Replay replay = Replay.of(changelog, graph);
    return Planner.plan(graph.upgrade(List.of(), Target.parse("head")), () -> replay, new PostgresRenderer(17),
        Timeouts.none(), locks);
  }

  @Test
  void write_statementOnExistingTable_saysWhatItLocksForTheTargetMajor() {
    String script = new ScriptWriter(VersionTables.defaults(), TransactionMode.REVISION, "0.1.0")
        .write(lockNotedPlan(LockTable.load(17)));

    assertThat(script).contains("""
        CREATE INDEX ix_t_2_name ON t_2 (name);
        -- locks public.t_1: ACCESS EXCLUSIVE (blocks reads and writes); no rewrite, no scan
        ALTER TABLE t_1 ADD COLUMN note_2 text;
        """).contains("""
        -- locks public.t_1: SHARE (blocks writes); scans the table
        CREATE INDEX ix_t_1_name ON t_1 (name);
        -- locks public.t_1: ACCESS EXCLUSIVE (blocks reads and writes); rewrites the table
        ALTER TABLE t_1 ALTER COLUMN name TYPE character varying(50);
        CREATE TABLE t_9 (
          qty integer
        );
        ALTER TABLE t_9 ALTER COLUMN qty TYPE bigint;
        """);
    assertThat(script.lines().filter(l -> l.startsWith("-- locks"))).hasSize(3);
  }

  @Test
  void write_withoutLockTable_isTheSameScriptWithoutTheLockNotes() {
    ScriptWriter writer = new ScriptWriter(VersionTables.defaults(), TransactionMode.REVISION, "0.1.0");
    String noted = writer.write(lockNotedPlan(LockTable.load(17)));

    assertThat(noted).isEqualTo(writer.write(lockNotedPlan(LockTable.load(17))));
    assertThat(noted.replaceAll("(?m)^-- locks .*\n", "")).isEqualTo(writer.write(lockNotedPlan(null)));
  }

  @Test
  void write_downgrade_notesTheTablesThatExistBeforeTheDowngradeStep() {
    Changelog changelog = TestChangelogs.w(2);
    RevisionGraph graph = RevisionGraph.of(changelog.revisions());
    Replay replay = Replay.of(changelog, graph);
    Plan plan = Planner.plan(graph.downgrade(List.of(TestChangelogs.id(2)), Target.parse("-1")), () -> replay,
        new PostgresRenderer(17), Timeouts.none(), LockTable.load(17));

    String script = new ScriptWriter(VersionTables.defaults(), TransactionMode.REVISION, "0.1.0").write(plan);

    assertThat(script).contains("""
        -- locks public.t_1: ACCESS EXCLUSIVE (blocks reads and writes); no rewrite, no scan
        ALTER TABLE t_1 DROP COLUMN note_2;
        """);
  }
}
