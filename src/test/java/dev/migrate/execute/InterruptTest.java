package dev.migrate.execute;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * decisions.md, Running: on SIGINT or SIGTERM the running statement is cancelled, the
 * transaction rolled back, the migration lock released and the report given, before the JVM
 * exits. Each test runs an upgrade in a child JVM, signals it while the server sleeps 30 s in
 * the second revision, and looks from another connection right after the child has exited:
 * without the cancel, the backend would still be sleeping there, holding the lock.
 */
class InterruptTest {

  private static final String APP = "interrupted-run";

  @Test
  void upgrade_sigtermDuringALongStatement_cancelsItRollsBackAndReleasesTheLock() throws Exception {
    TestDatabase db = TestDatabase.fresh();
    Child child = Child.start(db, "tx");

    child.process.toHandle().destroy(); // SIGTERM (Process.destroy would also close the output we read)

    assertStoppedCleanly(db, child);
    assertThat(db.tables()).containsExactly("ta");
    assertThat(child.output()).contains("WARN interrupted (SIGINT or SIGTERM): the running statement was cancelled"
        + " and its revision rolled back. Applied before the interrupt: s00000000001 (create ta). Not applied:"
        + " s00000000002 (slow), s00000000003 (create tc). Run the same goal again to continue. The migration lock"
        + " is released.");
  }

  @Test
  void upgrade_sigintDuringALongStatement_cancelsItRollsBackAndReleasesTheLock() throws Exception {
    TestDatabase db = TestDatabase.fresh();
    Child child = Child.start(db, "tx");
    // a JVM started with SIGINT ignored (in the background by a shell without job control) keeps ignoring it
    Assumptions.assumeFalse(ignoresSigint(child.process.pid()),
        "SIGINT is ignored in this process tree, so no JVM here can receive Ctrl-C");

    Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(child.process.pid())).inheritIO().start();
    assertThat(kill.waitFor()).isZero();

    assertStoppedCleanly(db, child);
    assertThat(db.tables()).containsExactly("ta");
    assertThat(child.output()).contains("Applied before the interrupt: s00000000001 (create ta). Not applied:"
        + " s00000000002 (slow), s00000000003 (create tc).");
  }

  @Test
  void upgrade_sigtermDuringNonTransactionalRevision_keepsWhatCommittedAndSaysSo() throws Exception {
    TestDatabase db = TestDatabase.fresh();
    Child child = Child.start(db, "nontx");

    child.process.toHandle().destroy();

    assertStoppedCleanly(db, child);
    // transactional: false: the statement before the cancelled one committed on its own
    assertThat(db.tables()).containsExactly("ta", "tb");
    assertThat(child.output()).contains("WARN interrupted (SIGINT or SIGTERM): the running statement was cancelled;"
        + " revision s00000000002 is transactional: false, so the statements before the cancelled one stay committed")
        .contains("CREATE TABLE tb (id int)")
        .contains("Not applied: s00000000002 (slow), s00000000003 (create tc).");
  }

  /** The child exited soon after the signal, and nothing of it is left on the server. */
  private static void assertStoppedCleanly(TestDatabase db, Child child) throws Exception {
    assertThat(child.process.waitFor(Interruption.CLEANUP_WAIT.toSeconds() + 5, TimeUnit.SECONDS))
        .as("the child exits within the cleanup bound").isTrue();
    // this test's database only: other tests of the server may leave sessions of their own
    assertThat(db.rows("SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%pg_sleep%'"
        + " AND pid <> pg_backend_pid() AND datname = current_database()")).as("no backend still runs the statement")
        .containsExactly("0");
    assertThat(db.rows("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM"
        + " pg_database WHERE datname = current_database())")).as("no advisory lock").containsExactly("0");
    assertThat(db.rows("SELECT version_num FROM migrate_version")).containsExactly("s00000000001");
    assertThat(db.rows("SELECT revision FROM migrate_history WHERE direction = 'up' ORDER BY id"))
        .containsExactly("s00000000001");
  }

  private static boolean ignoresSigint(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("SigIgn:")) {
        return (Long.parseLong(line.substring(7).strip(), 16) & 0x2) != 0; // bit 1: signal 2, SIGINT
      }
    }
    return false;
  }

  /** The child JVM, with its output collected as it comes. */
  private record Child(Process process, List<String> lines) {

    static Child start(TestDatabase db, String mode) throws Exception {
      String url = db.url() + (db.url().contains("?") ? "&" : "?") + "ApplicationName=" + APP;
      Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), SlowUpgradeProcess.class.getName(), url, mode)
          .redirectErrorStream(true).start();
      List<String> lines = Collections.synchronizedList(new ArrayList<>());
      Thread reader = new Thread(() -> {
        try (BufferedReader out = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line; (line = out.readLine()) != null;) {
            lines.add(line);
          }
        } catch (IOException e) {
          lines.add("(output lost: " + e + ")");
        }
      });
      reader.setDaemon(true);
      reader.start();
      Child child = new Child(process, lines);
      child.awaitSleeping(db);
      return child;
    }

    /** Waits until the server runs the 30 s statement on the child's connection. */
    private void awaitSleeping(TestDatabase db) throws InterruptedException {
      for (int i = 0; i < 600; i++) {
        if (!db.rows("SELECT 1 FROM pg_stat_activity WHERE application_name = '" + APP + "' AND state = 'active'"
            + " AND query LIKE '%pg_sleep%'").isEmpty()) {
          return;
        }
        if (!process.isAlive()) {
          throw new AssertionError("the child exited before the slow statement: " + output());
        }
        Thread.sleep(50);
      }
      throw new AssertionError("the child never reached the slow statement: " + output());
    }

    String output() throws InterruptedException {
      Thread.sleep(200); // the reader's last lines
      synchronized (lines) {
        return String.join("\n", lines);
      }
    }
  }
}
