package dev.migrate.maven;

import dev.migrate.changelog.Changelog;
import dev.migrate.config.Durations;
import dev.migrate.graph.RevisionGraph;
import dev.migrate.lint.Finding;
import dev.migrate.lint.LintJson;
import dev.migrate.lint.LintReport;
import dev.migrate.lint.LintSarif;
import dev.migrate.lint.LintSettings;
import dev.migrate.lint.LintText;
import dev.migrate.lint.Linter;
import dev.migrate.lint.Rules;
import dev.migrate.load.ChangelogException;
import dev.migrate.load.Diagnostic;
import dev.migrate.schema.Replay;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What a reviewer would catch, without a database: the rules of the README's lint table over
 * every revision, each judged from the schema model before it (so a rule knows whether a table
 * existed before) and, for locks and rewrites, from the lock table measured on the target
 * PostgreSQL major. Prints each finding as {@code file:line:column: severity: risk; safe way [rule]}
 * ({@code -Dmigrate.format=json} or {@code sarif} for one document); an unacknowledged error
 * fails the build. Binds to the validate phase; never connects.
 */
@Mojo(name = "lint", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public class LintMojo extends AbstractMigrateMojo {

  /** The PostgreSQL major the changelog targets: rules about locks and rewrites are judged for it (14 to 18). */
  @Parameter(property = "migrate.postgresVersion", defaultValue = "18")
  private int postgresVersion;

  /**
   * The lock_timeout every revision runs with (as {@code upgrade}'s {@code lockTimeout}, which
   * this is): when set, {@code missing-lock-timeout} has nothing to say.
   */
  @Parameter(property = "migrate.lockTimeout")
  private String lockTimeout;

  /**
   * Severities per rule, as elements:
   * {@code <lint><rules><destructive-drop>warning</destructive-drop></rules></lint>}; each
   * {@code off}, {@code info}, {@code warning} or {@code error}. A rule not named keeps its default.
   */
  @Parameter
  private LintOptions lint;

  @Parameter(defaultValue = "${plugin.version}", readonly = true)
  private String pluginVersion;

  @Override
  protected List<String> formats() {
    return List.of("text", "json", "sarif");
  }

  /** With {@code format=sarif}, a changelog lint cannot read is still one SARIF document. */
  @Override
  protected String failureDocument(RuntimeException failure) {
    if (!"sarif".equals(format)) {
      return super.failureDocument(failure);
    }
    List<Diagnostic> problems = failure instanceof ChangelogException changelog ? changelog.diagnostics() : List.of();
    return LintSarif.failure(problems, failure.getMessage(), basedir.toPath(), pluginVersion);
  }

  @Override
  protected void run() {
    boolean timeout = lockTimeout != null && !lockTimeout.isBlank();
    if (timeout) {
      Durations.parse("lockTimeout", lockTimeout);
    }
    LintSettings settings = LintSettings.configured(postgresVersion, lint == null ? Map.of() : lint.rules(), timeout,
        Rules.all());
    Changelog changelog = changelog();
    RevisionGraph graph = RevisionGraph.of(changelog.revisions());
    Replay replay = Replay.of(changelog, graph);
    replay.diagnostics().stream().filter(d -> d.severity() == Diagnostic.Severity.WARNING)
        .forEach(d -> getLog().warn(d.toString()));
    LintReport report = new Linter(settings).lint(changelog, graph, replay);
    Path base = basedir.toPath();
    String text = LintText.of(report, base);
    switch (format) {
      case "json" -> emit(LintJson.of(report, base));
      case "sarif" -> emit(LintSarif.of(report, base, pluginVersion));
      default -> emit(text);
    }
    if (outputFile != null) {
      // the report went to a file: the build log still shows what was found
      text.lines().forEach(line -> getLog().info(line));
    }
    if (report.failed()) {
      List<Finding> errors = report.findings().stream().filter(Finding::failsTheBuild).toList();
      Finding first = errors.get(0);
      throw new ReportedFailure("lint", "lint found " + (errors.size() == 1 ? "1 error" : errors.size() + " errors")
          + " (the first at " + LintText.file(first, base) + ":" + first.at().line() + ":" + first.at().column()
          + " [" + first.rule() + "]). Change each operation as its finding's safe way says; or, where the risk is"
          + " understood, add acknowledge: [rule-id] and reason: \"...\" to the operation; or set the rule's severity"
          + " in <lint><rules> of the plugin's configuration");
    }
  }
}
