package dev.migrate.locks;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Regenerates the committed lock table of the running binaries' major:
 *
 * <pre>
 * mvn -B -o -Ppg-versions -Dpostgres.binaries.version=14.19.0 test -Dtest=LockTableGenerator \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dinvoker.skip -Dmigrate.locks.write=true
 * </pre>
 *
 * (without {@code -Ppg-versions ...} it runs on the default binaries, 18). It writes
 * {@code src/main/resources/dev/migrate/locks/pg<major>.json}.
 */
class LockTableGenerator {

  @Test
  @EnabledIfSystemProperty(named = "migrate.locks.write", matches = "true")
  void generate_onTheRunningMajor_writesItsResource() throws Exception {
    try (EmbeddedPostgres server = LockTableTest.start()) {
      LockTable table = LockMeter.measure(server);
      Path out = Path.of("src/main/resources" + LockTable.resource(table.major()));
      Files.createDirectories(out.getParent());
      Files.writeString(out, table.toJson());
      System.out.println("wrote " + out + " (" + table.forms().size() + " forms, PostgreSQL " + table.server() + ")");
    }
  }
}
