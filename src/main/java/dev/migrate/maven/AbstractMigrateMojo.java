package dev.migrate.maven;

import dev.migrate.MigrateException;
import dev.migrate.changelog.Changelog;
import dev.migrate.graph.RevisionGraph;
import dev.migrate.load.ChangelogLoader;
import dev.migrate.schema.PassedReplays;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("migrate: skipped (migrate.skip)");
      return;
    }
    try {
      run();
    } catch (MigrateException e) {
      if (e.isUserError()) {
        throw new MojoFailureException(e.getMessage(), e);
      }
      throw new MojoExecutionException(e.getMessage(), e);
    } catch (UncheckedIOException e) {
      throw new MojoExecutionException(e.getMessage(), e);
    }
  }

  /** The goal itself. */
  protected abstract void run() throws MojoExecutionException, MojoFailureException;

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
    return new Workspace(this::changelog, loader().outline(changelogDirectory()), new PassedReplays(migrateDirectory()),
        getLog()::warn);
  }

  /** {@code target/migrate}: the plugin's own files in the build directory. */
  protected Path migrateDirectory() {
    return buildDirectory.toPath().resolve("migrate");
  }

  protected MigrateException unknownFormat(String supported) {
    return new MigrateException("unknown-format", "unknown format '" + format + "' for this goal; use one of: " + supported);
  }

  protected boolean json() {
    return "json".equalsIgnoreCase(format);
  }

  /**
   * Prints a document (JSON, a graph, a script) on standard output directly, not through
   * Maven's log, so {@code mvn -q ... -Dmigrate.format=json} prints it and nothing else; or
   * writes it to {@code outputFile}.
   */
  protected void emit(String document) {
    if (outputFile != null) {
      writeFile(outputFile.toPath(), document);
      getLog().info("Wrote " + outputFile);
      return;
    }
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
        StandardCharsets.UTF_8);
    out.print(document.endsWith("\n") ? document : document + "\n");
    out.flush();
  }

  /** Logs a text report line by line at info level. */
  protected void log(String text) {
    for (String line : text.split("\n", -1)) {
      if (!line.isEmpty()) {
        getLog().info(line);
      }
    }
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
