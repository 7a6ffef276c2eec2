package dev.migrate.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.migrate.MigrateException;
import dev.migrate.OwnerRole;
import dev.migrate.execute.MigratorTest.Project;
import dev.migrate.graph.Target;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A role that may not create the version tables is told which statement was refused, which
 * privilege it lacks and how to get it, not that "the connection failed". Each test logs in as a
 * real role it creates, with no CREATE on the schema.
 */
class PrivilegeTest {

  private static final AtomicInteger ROLES = new AtomicInteger();
  private static final String PASSWORD = "weak-pw-7d1";

  /** A new login role, and the schema public closed to it: PostgreSQL 15+ does that by default, 14 does not. */
  private static String weakRole(TestDatabase db) {
    String role = "weak_" + ProcessHandle.current().pid() + "_" + ROLES.incrementAndGet();
    db.executeAsAdmin("CREATE ROLE " + role + " LOGIN PASSWORD '" + PASSWORD + "'");
    db.executeAsAdmin("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
    // on 14 the database's owner could create in public only through PUBLIC; 15+ owns it
    db.executeAsAdmin("GRANT CREATE ON SCHEMA public TO " + OwnerRole.NAME);
    return role;
  }

  private static MigrateException upgradeAs(TestDatabase db, String role) throws Exception {
    Project project = Project.of(TestChangelogs.w(1));
    // the test server's URL names user=postgres, which would win over the user given here
    String url = db.url().replaceAll("([?&])user=[^&]*&?", "$1");
    try (Connection connection = DriverManager.getConnection(url, role, PASSWORD)) {
      assertThat(connection.getMetaData().getUserName()).isEqualTo(role);
      MigrateException failure = catchThrowableOfType(MigrateException.class, () -> new Migrator(connection,
          RunSettings.defaults("0.1.0"), event -> { })
          .upgrade(RunSource.of(project.graph(), project::replay), Target.parse("head")));
      return failure;
    }
  }

  @Test
  void upgrade_roleWithoutCreateOnTheSchema_namesTheStatementThePrivilegeAndTheGrant() throws Exception {
    TestDatabase db = TestDatabase.fresh();
    String role = weakRole(db);

    MigrateException failure = upgradeAs(db, role);

    assertThat(failure.code()).isEqualTo("permission-denied");
    assertThat(failure.getMessage())
        .startsWith("role " + role + " may not create the version table migrate_version: CREATE TABLE IF NOT EXISTS"
            + " migrate_version (")
        .contains("ERROR 42501: permission denied for schema public")
        .contains("the first run creates the version and history tables, which needs the CREATE privilege on schema"
            + " public")
        .contains("GRANT CREATE ON SCHEMA public TO " + role + ";")
        .contains("-Dmigrate.schema")
        .doesNotContain("connection failed").doesNotContain(PASSWORD);
    assertThat(db.rows("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).containsExactly("0");
  }

  @Test
  void upgrade_historyTableOfAnotherOwnerWithoutParents_namesTheAlterAndTheOwner() throws Exception {
    TestDatabase db = TestDatabase.fresh();
    String role = weakRole(db);
    VersionTables tables = VersionTables.defaults();
    db.execute(tables.createVersionTable());
    db.execute(tables.createHistoryTable());
    db.execute("ALTER TABLE migrate_history DROP COLUMN parents"); // as an earlier build created it
    db.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON migrate_version, migrate_history TO " + role);

    MigrateException failure = upgradeAs(db, role);

    assertThat(failure.code()).isEqualTo("permission-denied");
    assertThat(failure.getMessage())
        .startsWith("role " + role + " may not add the parents column to migrate_history: ALTER TABLE migrate_history"
            + " ADD COLUMN IF NOT EXISTS parents text failed: ERROR 42501: must be owner of table migrate_history")
        .contains("run that statement once as the owner of migrate_history (" + OwnerRole.NAME + ")")
        .contains("ALTER TABLE migrate_history OWNER TO " + role + ";");
  }

  @Test
  void upgrade_roleWithoutPrivilegesOnTheTables_namesTheTablesAndTheGrant() throws Exception {
    TestDatabase db = TestDatabase.fresh();
    String role = weakRole(db);
    VersionTables tables = VersionTables.defaults();
    db.execute(tables.createVersionTable());
    db.execute(tables.createHistoryTable());

    MigrateException failure = upgradeAs(db, role);

    assertThat(failure.code()).isEqualTo("permission-denied");
    assertThat(failure.getMessage()).isEqualTo("role " + role + " may not read or write the version and history"
        + " tables: ERROR 42501: permission denied for table migrate_version; grant it (GRANT SELECT, INSERT, UPDATE,"
        + " DELETE ON migrate_version, migrate_history TO " + role + ";), or run as their owner");
  }

  @Test
  void current_roleWithoutPrivilegesOnTheTables_namesTheGrant() throws Exception {
    TestDatabase db = TestDatabase.fresh();
    String role = weakRole(db);
    db.execute(VersionTables.defaults().createVersionTable());
    db.execute(VersionTables.defaults().createHistoryTable());

    String url = db.url().replaceAll("([?&])user=[^&]*&?", "$1");
    MigrateException failure;
    try (Connection connection = DriverManager.getConnection(url, role, PASSWORD)) {
      failure = catchThrowableOfType(MigrateException.class, () -> new Migrator(connection,
          RunSettings.defaults("0.1.0"), event -> { }).current(Project.of(TestChangelogs.w(1)).graph()));
    }

    assertThat(failure.code()).isEqualTo("permission-denied");
    assertThat(failure.getMessage()).containsPattern("ERROR 42501: permission denied for table migrate_(version|history)")
        .contains("GRANT SELECT, INSERT, UPDATE, DELETE ON migrate_version, migrate_history TO " + role + ";");
  }
}
