package dev.migrate.maven;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Keeps HotSpot's optimizing compiler (C2) from compiling while a long run sends its statements.
 * Maven's JVM is cold when the goal starts, and in a run of a few seconds C2 spends more CPU
 * compiling than its code saves, on the core the database server needs: the upgrade of W(500)
 * used 0.7 s of CPU less with this directive (own CPU 2.4 s to 1.7 s). A HotSpot compiler
 * directive, added through the DiagnosticCommand MBean on a thread of its own, excludes C2 (C1's
 * code runs instead, and C1 compiles faster); it is removed when the goal ends. Other JVMs, or one
 * without that MBean, are left alone.
 */
final class CompilerDirective implements AutoCloseable {

  /** Plans shorter than this many revisions end before the directive would repay the MBean server's start. */
  static final int WORTH_IT = 200;

  /**
   * Every method: the plugin's and pgjdbc's own code is a small part of what gets hot (strings,
   * collections, sockets), and excluding only those packages saved a third as much. A method that
   * became hot under the directive stays with C1 code afterwards; in the Maven JVM, which ends
   * with the build, that costs little.
   */
  private static final String DIRECTIVE = "[{match: \"*.*\", c2: {Exclude: true}}]";

  private final Thread adding;
  private volatile boolean added;

  private CompilerDirective() {
    adding = new Thread(this::add, "migrate-compiler-directive");
    adding.setDaemon(true);
    adding.start();
  }

  /** Adds the directive on a thread of its own: the platform MBean server takes a while to start. */
  static CompilerDirective start() {
    return new CompilerDirective();
  }

  private void add() {
    try {
      Path file = Files.createTempFile("migrate-c2", ".json");
      try {
        Files.writeString(file, DIRECTIVE, StandardCharsets.UTF_8);
        invoke("compilerDirectivesAdd", file.toString());
        added = true;
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (Exception | LinkageError e) {
      // not HotSpot, or no management: the compiler does as it always does
    }
  }

  /** Waits for the directive to be added; whether it was. */
  boolean awaitAdded() throws InterruptedException {
    adding.join();
    return added;
  }

  static Object invoke(String operation, String... arguments) throws Exception {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    return server.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), operation, new Object[] {arguments},
        new String[] {String[].class.getName()});
  }

  @Override
  public void close() {
    try {
      adding.join(1000);
      if (added) {
        invoke("compilerDirectivesRemove");
      }
    } catch (Exception | LinkageError e) {
      // the directive stays until the JVM ends, a few moments later
    }
  }
}
