package dev.migrate.it;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code mvn -q} build run from an invoker project's hook script, as a user runs it in a
 * pipeline: offline on the ITs' local repository, {@code MAVEN_OPTS=-Djansi.noreset=true}
 * (Debian's Maven 3.8 otherwise appends ESC[0m to standard output), standard output captured
 * whole and standard error appended to {@code child-stderr.log}.
 *
 * <pre>
 * def maven = new ChildMaven(basedir, localRepositoryPath)
 * def result = maven.run(["${maven.plugin()}:history".toString()])
 * assert result.code() == 0 &amp;&amp; result.out() == 'a1 (head), create\n'
 * </pre>
 */
public final class ChildMaven {

  private static final Pattern PLUGIN = Pattern.compile(
      "<plugin>\\s*<groupId>([^<]+)</groupId>\\s*<artifactId>([^<]+)</artifactId>\\s*<version>([^<]+)<");

  /** What a build printed on standard output, and its exit code. */
  public record Result(int code, String out) {}

  private final File basedir;
  private final String localRepository;
  private final File settings;
  private final File stderr;

  /** {@code localRepository}: the invoker's {@code localRepositoryPath}. */
  public ChildMaven(File basedir, File localRepository) {
    this(basedir, localRepository.getPath());
  }

  public ChildMaven(File basedir, String localRepository) {
    this.basedir = basedir;
    this.localRepository = localRepository;
    this.settings = new File(basedir, "child-settings.xml");
    this.stderr = new File(basedir, "child-stderr.log");
    // the ITs' local repository records where each artifact came from (the repository id
    // local.central of it/settings.xml) and offers it only to a build that has that repository
    write(settings, """
        <settings><offline>true</offline><profiles><profile><id>it</id>
          <activation><activeByDefault>true</activeByDefault></activation>
          <repositories><repository><id>local.central</id><url>file:///nonexistent</url></repository></repositories>
          <pluginRepositories><pluginRepository><id>local.central</id><url>file:///nonexistent</url></pluginRepository></pluginRepositories>
        </profile></profiles></settings>""");
  }

  /** The plugin's {@code groupId:artifactId:version}, as the project's pom names it. */
  public String plugin() {
    Matcher plugin = PLUGIN.matcher(read(new File(basedir, "pom.xml")));
    if (!plugin.find()) {
      throw new IllegalStateException("the project's pom names no plugin");
    }
    return plugin.group(1) + ":" + plugin.group(2) + ":" + plugin.group(3);
  }

  /** Standard error of every build run so far. */
  public String stderr() {
    return stderr.exists() ? read(stderr) : "";
  }

  /** Runs {@code mvn -o -q -B} with {@code args} in the project's directory. */
  public Result run(List<String> args) {
    List<String> command = new ArrayList<>(List.of(new File(System.getProperty("maven.home"), "bin/mvn").getPath(),
        "-o", "-q", "-B", "-s", settings.getPath(), "-Dmaven.repo.local=" + localRepository));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).directory(basedir);
    builder.environment().put("MAVEN_OPTS", "-Djansi.noreset=true");
    builder.redirectError(ProcessBuilder.Redirect.appendTo(stderr));
    try {
      Process process = builder.start();
      byte[] out;
      try (InputStream stdout = process.getInputStream()) {
        out = stdout.readAllBytes();
      }
      return new Result(process.waitFor(), new String(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String read(File file) {
    try {
      return Files.readString(file.toPath());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(File file, String text) {
    try {
      Files.writeString(file.toPath(), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
