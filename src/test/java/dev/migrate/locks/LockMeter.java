package dev.migrate.locks;

import dev.migrate.render.PostgresRenderer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Measures each {@link Forms} form on a running PostgreSQL, a fresh database per form.
 *
 * <p>A form that can run in a transaction runs inside one (BEGIN, the statement, the reading,
 * ROLLBACK) and reads, for its own backend: the granted relation locks in {@code pg_locks}
 * (strongest per role), the table's {@code pg_relation_filenode} before and after (a change is
 * a rewrite), and {@code pg_stat_get_xact_numscans} of the table before and after (the
 * server's own count of sequential scans in this transaction; a rewrite, a validation and an
 * index build all read the heap through one).
 *
 * <p>A CONCURRENTLY form cannot run in a transaction block. A second session holds ROW
 * EXCLUSIVE on the table in an open transaction (a writer, as in production), so the
 * statement, after taking its locks, waits for it; a third session reads the statement's
 * granted relation locks from {@code pg_locks} while it waits, then the writer commits and
 * the statement finishes. Those are the locks it holds while it works through the table (it
 * takes stronger ones only on its own invalid index at the very end). Its scan is read from
 * the cumulative statistics of the table before and after, once its session has flushed them.
 */
final class LockMeter {

  private final EmbeddedPostgres server;
  private final PostgresRenderer renderer;
  private int databases;

  LockMeter(EmbeddedPostgres server, int major) {
    this.server = server;
    this.renderer = new PostgresRenderer(major);
  }

  /** Every form measured on this server, as the table of its major. */
  static LockTable measure(EmbeddedPostgres server) throws Exception {
    try (Connection admin = server.getPostgresDatabase().getConnection()) {
      int major = admin.getMetaData().getDatabaseMajorVersion();
      String version = one(admin, "SHOW server_version");
      LockMeter meter = new LockMeter(server, major);
      List<FormLocks> forms = new ArrayList<>();
      for (Form form : Forms.all()) {
        forms.add(meter.measure(admin, form));
      }
      return new LockTable(major, version, forms, volatileFunctions(admin));
    }
  }

  /**
   * The built-in functions a default may call that make PostgreSQL evaluate it per row: those
   * with a volatile overload, sorted as Java sorts strings (the resource is read by binary search).
   */
  static List<String> volatileFunctions(Connection db) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Statement statement = db.createStatement();
        ResultSet rows = statement.executeQuery("SELECT DISTINCT proname FROM pg_proc"
            + " WHERE pronamespace = 'pg_catalog'::regnamespace AND provolatile = 'v'")) {
      while (rows.next()) {
        names.add(rows.getString(1));
      }
    }
    names.sort(null);
    return names;
  }

  private FormLocks measure(Connection admin, Form form) throws Exception {
    String database = "locks_" + (++databases);
    run(admin, "CREATE DATABASE " + database);
    try {
      try (Connection db = server.getDatabase("postgres", database).getConnection()) {
        for (String sql : Forms.COMMON) {
          run(db, sql);
        }
        for (String sql : form.setup()) {
          run(db, sql);
        }
        List<String> statements = renderer.render(form.operation());
        return form.concurrent() ? concurrently(db, database, form, statements) : inTransaction(db, form, statements);
      }
    } finally {
      run(admin, "DROP DATABASE " + database);
    }
  }

  private FormLocks inTransaction(Connection db, Form form, List<String> statements) throws SQLException {
    db.setAutoCommit(false);
    try {
      long table = oid(db, form.table());
      long indexBefore = form.index() == null ? 0 : oid(db, form.index());
      String filenode = one(db, "SELECT pg_relation_filenode(" + table + ")");
      long scans = Long.parseLong(one(db, "SELECT pg_stat_get_xact_numscans(" + table + ")"));
      for (String sql : statements) {
        run(db, sql);
      }
      long index = indexBefore != 0 || form.index() == null ? indexBefore : oid(db, form.index());
      Map<RelationRole, LockMode> locks = locks(db, "pg_backend_pid()", table, referenced(db), index);
      boolean rewrites = !filenode.equals(one(db, "SELECT pg_relation_filenode(" + table + ")"));
      boolean scanned = Long.parseLong(one(db, "SELECT pg_stat_get_xact_numscans(" + table + ")")) > scans;
      return new FormLocks(form.id(), String.join(";\n", statements), locks, rewrites, scanned, "in-transaction");
    } finally {
      db.rollback();
      db.setAutoCommit(true);
    }
  }

  private FormLocks concurrently(Connection db, String database, Form form, List<String> statements)
      throws Exception {
    long table = oid(db, form.table());
    long referenced = referenced(db);
    String filenode = one(db, "SELECT pg_relation_filenode(" + table + ")");
    // the setup's own scans (an index it built) must be counted before the baseline is read
    flush(db);
    Thread.sleep(1500);
    long scans = flushedScans(db, table, -1);
    try (Connection writer = server.getDatabase("postgres", database).getConnection();
        Connection worker = server.getDatabase("postgres", database).getConnection()) {
      writer.setAutoCommit(false);
      run(writer, "LOCK TABLE " + form.table() + " IN ROW EXCLUSIVE MODE");
      String pid = one(worker, "SELECT pg_backend_pid()");
      CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
        try {
          for (String sql : statements) {
            run(worker, sql);
          }
        } catch (SQLException e) {
          throw new IllegalStateException(form.id() + ": " + e.getMessage(), e);
        }
      });
      Map<RelationRole, LockMode> locks;
      try {
        waitUntilWaiting(db, pid, running);
        long index = form.index() == null ? 0 : oid(db, form.index());
        locks = locks(db, pid, table, referenced, index);
      } finally {
        writer.commit();
      }
      running.get(60, TimeUnit.SECONDS);
      flush(worker);
      boolean rewrites = !filenode.equals(one(db, "SELECT pg_relation_filenode(" + table + ")"));
      boolean scanned = flushedScans(db, table, scans) > scans;
      return new FormLocks(form.id(), String.join(";\n", statements), locks, rewrites, scanned, "second-session");
    }
  }

  /** Polls until the worker waits on a lock (for the writer); fails if it finishes or 30 s pass. */
  private static void waitUntilWaiting(Connection db, String pid, CompletableFuture<Void> running) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (running.isDone()) {
        running.get();
        throw new IllegalStateException("the statement finished without waiting for the writer");
      }
      if (one(db, "SELECT count(*) FROM pg_locks WHERE pid = " + pid + " AND NOT granted").equals("1")) {
        return;
      }
      Thread.sleep(10);
    }
    throw new IllegalStateException("the statement did not wait for the writer within 30 s");
  }

  /**
   * Makes the session send its statistics: 15 and later on request; 14 sends them when it goes
   * idle, but at most every 500 ms, so it goes idle twice, more than 500 ms apart.
   */
  private static void flush(Connection session) throws Exception {
    if (session.getMetaData().getDatabaseMajorVersion() >= 15) {
      run(session, "SELECT pg_stat_force_next_flush()");
      run(session, "SELECT 1");
    } else {
      for (int i = 0; i < 2; i++) {
        Thread.sleep(600);
        run(session, "SELECT 1");
      }
    }
  }

  /**
   * The table's cumulative sequential scans; after a statement ({@code before >= 0}) polls up
   * to 5 s for the count to move past {@code before}, as statistics arrive asynchronously.
   */
  private static long flushedScans(Connection db, long table, long before) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (true) {
      run(db, "SELECT pg_stat_clear_snapshot()");
      long scans = Long.parseLong(one(db, "SELECT coalesce(pg_stat_get_numscans(" + table + "), 0)"));
      if (before < 0 || scans > before || System.nanoTime() > deadline) {
        return scans;
      }
      Thread.sleep(50);
    }
  }

  /** The strongest granted relation lock of a backend on each role's relation. */
  private static Map<RelationRole, LockMode> locks(Connection db, String pid, long table, long referenced, long index)
      throws SQLException {
    Map<RelationRole, LockMode> locks = new EnumMap<>(RelationRole.class);
    try (Statement statement = db.createStatement();
        ResultSet rows = statement.executeQuery("SELECT relation, mode FROM pg_locks WHERE locktype = 'relation'"
            + " AND granted AND pid = " + pid + " AND database = (SELECT oid FROM pg_database"
            + " WHERE datname = current_database())")) {
      while (rows.next()) {
        long relation = rows.getLong(1);
        RelationRole role = relation == table ? RelationRole.TABLE
            : relation == referenced ? RelationRole.REFERENCED_TABLE
            : relation == index && index != 0 ? RelationRole.INDEX : null;
        if (role != null) {
          locks.merge(role, LockMode.ofPgLocks(rows.getString(2)), LockMode::max);
        }
      }
    }
    return locks;
  }

  private static long referenced(Connection db) throws SQLException {
    return oid(db, "users");
  }

  private static long oid(Connection db, String relation) throws SQLException {
    return Long.parseLong(one(db, "SELECT coalesce(to_regclass('" + relation + "')::oid, 0)"));
  }

  private static void run(Connection db, String sql) throws SQLException {
    try (Statement statement = db.createStatement()) {
      statement.execute(sql);
    }
  }

  private static String one(Connection db, String query) throws SQLException {
    try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(query)) {
      rows.next();
      return rows.getString(1);
    }
  }
}
