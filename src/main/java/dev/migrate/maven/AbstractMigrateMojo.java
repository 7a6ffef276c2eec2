package dev.migrate.maven;

import dev.migrate.MigrateException;
import dev.migrate.changelog.Changelog;
import dev.migrate.graph.RevisionGraph;
import dev.migrate.load.ChangelogLoader;
import dev.migrate.schema.PassedReplays;
import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What every goal shares: the changelog's place and placeholders, {@code skip}, the output
 * format, and the one place where a failure becomes a build failure (the user's mistake) or
 * an execution error (something broke). Goals implement {@link #run()} and never catch.
 */
public abstract class AbstractMigrateMojo extends AbstractMojo {

  /** The changelog directory, searched recursively for .yaml, .yml and .xml revision files. */
  @Parameter(property = "migrate.directory", defaultValue = "${project.basedir}/src/main/migrations")
  protected File directory;

  /** Values for {@code ${name}} placeholders in the changelog's string values. */
  @Parameter
  protected Map<String, String> placeholders;

  /** Skips the goal. */
  @Parameter(property = "migrate.skip", defaultValue = "false")
  protected boolean skip;

  /** Output format: text, or json/mermaid/dot/sarif where the goal supports them. */
  @Parameter(property = "migrate.format", defaultValue = "text")
  protected String format;

  /** More detail: files, dates and operations. */
  @Parameter(property = "migrate.verbose", defaultValue = "false")
  protected boolean verbose;

  /** Writes a goal's JSON (or script) to this file instead of standard output. */
  @Parameter(property = "migrate.outputFile")
  protected File outputFile;

  /** The project's base directory: where a {@code .env} file is looked for. */
  @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
  protected File basedir;

  /** The build directory: the validation cache and the embedded database live under it. */
  @Parameter(defaultValue = "${project.build.directory}", readonly = true, required = true)
  protected File buildDirectory;

  @Parameter(defaultValue = "${session}", readonly = true)
  protected MavenSession session;

  @Parameter(defaultValue = "${mojoExecution}", readonly = true)
  private MojoExecution mojoExecution;

  /**
   * Checks the command line (the user properties, the format) before anything runs, then runs
   * the goal. With {@code format=json} a failure is one JSON document on standard output too.
   */
  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    try {
      checkUserProperties();
      if (skip) {
        getLog().info("migrate: skipped (migrate.skip)");
        return;
      }
      checkFormat();
      run();
    } catch (MigrateException | UncheckedIOException e) {
      String document = e instanceof ReportedFailure ? null : failureDocument(e);
      if (document != null) {
        emit(document);
      }
      if (e instanceof MigrateException migrate && migrate.isUserError()) {
        throw new MojoFailureException(e.getMessage(), e);
      }
      throw new MojoExecutionException(e.getMessage(), e);
    }
  }

  /**
   * The document a failure prints in the goal's format, so standard output stays one document
   * ({@link ErrorDocument} for json); null for none.
   */
  protected String failureDocument(RuntimeException failure) {
    return json() && formats().contains("json") ? ErrorDocument.of(failure) : null;
  }

  /** The goal itself. */
  protected abstract void run() throws MojoExecutionException, MojoFailureException;

  /** The values of {@code -Dmigrate.format} this goal has, the first the default. */
  protected List<String> formats() {
    return List.of("text");
  }

  private void checkFormat() {
    if (format == null || !formats().contains(format.toLowerCase(Locale.ROOT))) {
      throw new MigrateException("unknown-format", "migrate:" + goal() + " has no format '" + format
          + "'; use one of: " + String.join(", ", formats()));
    }
    format = format.toLowerCase(Locale.ROOT);
  }

  /** A mistyped {@code -Dmigrate.*} fails before anything runs; one only another goal reads is a warning. */
  private void checkUserProperties() {
    if (session == null || mojoExecution == null) {
      return; // not run by Maven (a test constructing the mojo)
    }
    PropertyCheck check = PropertyCheck.of(mojoExecution.getMojoDescriptor().getPluginDescriptor(), goal());
    Map<String, String> given = new TreeMap<>();
    session.getUserProperties().stringPropertyNames()
        .forEach(name -> given.put(name, session.getUserProperties().getProperty(name)));
    check.check(given).forEach(getLog()::warn);
  }

  /** The goal's name, {@code upgrade} in {@code migrate:upgrade}. */
  protected String goal() {
    return mojoExecution == null ? getClass().getSimpleName() : mojoExecution.getGoal();
  }

  /** The changelog, loaded and validated; every problem of every file reported together. */
  protected Changelog changelog() {
    return loader().load(changelogDirectory());
  }

  private ChangelogLoader loader() {
    return new ChangelogLoader(placeholders == null ? Map.of() : placeholders, migrateDirectory().resolve("validated"));
  }

  private Path changelogDirectory() {
    Path dir = directory.toPath();
    if (!Files.isDirectory(dir)) {
      throw new MigrateException("no-changelog", "The changelog directory " + dir + " does not exist;"
          + " create it, or set <directory> (migrate.directory) to where the revision files are");
    }
    return dir;
  }

  /** The changelog and its graph; the replay over the schema model comes on first use. */
  protected Workspace workspace() {
    Changelog changelog = changelog();
    return new Workspace(changelog, RevisionGraph.of(changelog.revisions()), new PassedReplays(migrateDirectory()),
        getLog()::warn);
  }

  /**
   * The changelog's outlines, loaded in full only once something needs the operations
   * (see {@link Workspace}): listing the graph as text, and an upgrade with nothing to do,
   * read no more than that; a file an earlier run validated is not parsed again (see
   * {@link ChangelogLoader#outline}).
   */
  protected Workspace outlineWorkspace() {
    ChangelogLoader loader = loader();
    Changelog outline = loader.outline(changelogDirectory());
    if (loader.outlinedInFull()) { // a first run: the outlines are the full revisions already
      return new Workspace(outline, RevisionGraph.of(outline.revisions()), new PassedReplays(migrateDirectory()),
          getLog()::warn).withFileHashes(loader.fileHashes());
    }
    return new Workspace(this::changelog, outline, new PassedReplays(migrateDirectory()), getLog()::warn)
        .withFileHashes(loader.fileHashes());
  }

  /** The placeholder values, in a stable order: part of what a derived downgrade depends on. */
  protected String placeholderValues() {
    return new TreeMap<>(placeholders == null ? Map.of() : placeholders).toString();
  }

  /** {@code target/migrate}: the plugin's own files in the build directory. */
  protected Path migrateDirectory() {
    return buildDirectory.toPath().resolve("migrate");
  }

  protected boolean json() {
    return "json".equalsIgnoreCase(format);
  }

  /**
   * Prints a goal's answer (its text, JSON, a graph, a script) on standard output directly, not
   * through Maven's log, so {@code mvn -q} prints it and nothing else; or writes it to
   * {@code outputFile}. Progress and notes go through the log.
   */
  protected void emit(String document) {
    if (outputFile != null) {
      writeFile(outputFile.toPath(), document);
      getLog().info("Wrote " + outputFile);
      return;
    }
    if (document.isEmpty()) {
      return;
    }
    // FileDescriptor.out, not System.out: Maven 3.x wraps System.out in jansi, which may add escapes
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    out.print(document.endsWith("\n") ? document : document + "\n");
    out.flush();
  }

  protected static void writeFile(Path file, String text) {
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
