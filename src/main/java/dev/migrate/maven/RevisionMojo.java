package dev.migrate.maven;

import dev.migrate.MigrateException;
import dev.migrate.changelog.Changelog;
import dev.migrate.changelog.Revision;
import dev.migrate.config.EmbeddedDatabase;
import dev.migrate.config.JdbcTarget;
import dev.migrate.config.ResolvedConnection;
import dev.migrate.config.Secret;
import dev.migrate.execute.AppliedHead;
import dev.migrate.generate.Autogenerate;
import dev.migrate.generate.DesiredSchema;
import dev.migrate.generate.GeneratedRevision;
import dev.migrate.generate.RevisionWriter;
import dev.migrate.graph.RevisionGraph;
import dev.migrate.graph.Target;
import dev.migrate.introspect.IgnoredTables;
import dev.migrate.load.RevisionTemplate;
import dev.migrate.render.Sql;
import dev.migrate.schema.PassedReplays;
import dev.migrate.schema.Replay;
import dev.migrate.schema.SchemaModel;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Writes a new revision file whose down-revision is the head, as {@code alembic revision -m}.
 * With several heads, name the parent with {@code -Dmigrate.head}. With
 * {@code -Dmigrate.autogenerate}, the revision's upgrade is what turns the model at the head
 * into a live schema: the configured database's (which is then stamped at the new revision,
 * since it has that schema already), {@code -Dmigrate.referenceUrl}'s, or that of
 * {@code -Dmigrate.desired=schema.sql} run on a scratch embedded database (neither stamped).
 * Against an empty changelog that is the whole schema: the baseline of an existing database.
 */
@Mojo(name = "revision", threadSafe = true, requiresProject = true,
    requiresDependencyResolution = ResolutionScope.RUNTIME)
public class RevisionMojo extends AbstractDatabaseMojo {

  /** The revision's message (required). */
  @Parameter(property = "migrate.message")
  private String message;

  /** The parent revision, or {@code label@head}, when the changelog has several heads; {@code base} for a new base. */
  @Parameter(property = "migrate.head")
  private String head;

  /** The new revision's id instead of a random 12-hex one. */
  @Parameter(property = "migrate.revId")
  private String revId;

  /** A branch label for the new revision. */
  @Parameter(property = "migrate.branchLabel")
  private String branchLabel;

  /** Revisions (comma-separated) that must be applied before this one without being its parent. */
  @Parameter(property = "migrate.dependsOn")
  private String dependsOn;

  /**
   * Writes the operations that turn the model at the head into a live schema (the configured
   * database, or referenceUrl, or desired), instead of an empty upgrade. Property
   * {@code migrate.autogenerate}, default false.
   */
  @Parameter(property = "migrate.autogenerate", defaultValue = "false")
  private boolean autogenerate;

  /**
   * With autogenerate: the database whose schema the revision describes, instead of the
   * configured one; it is only read, and not stamped. Property {@code migrate.referenceUrl}.
   */
  @Parameter(property = "migrate.referenceUrl")
  private Secret referenceUrl;

  /**
   * With autogenerate: a SQL file ({@code pg_dump --schema-only} output, a project's
   * {@code schema.sql}) run statement by statement on a scratch embedded database, whose schema
   * the revision then describes; or {@code entities}: the schema the project's own Hibernate ORM
   * creates from its JPA entities (compile first). Nothing is stamped. Property {@code migrate.desired}.
   */
  @Parameter(property = "migrate.desired")
  private File desired;

  @Override
  protected void run() {
    if (message == null || message.isBlank()) {
      throw new MigrateException("missing-message", "migrate:revision needs a message: -Dmigrate.message=\"add users table\"");
    }
    if (!autogenerate && (referenceUrl != null && referenceUrl.reveal() != null || desired != null)) {
      throw new MigrateException("autogenerate-needed", "-Dmigrate.referenceUrl and -Dmigrate.desired are read only"
          + " with -Dmigrate.autogenerate; add it, or leave them out to write an empty revision");
    }
    Path dir = directory.toPath();
    boolean hasRevisions = Files.isDirectory(dir) && hasRevisions(dir);
    RevisionGraph graph = hasRevisions ? RevisionGraph.of(changelog().revisions()) : null;
    List<String> parents = parents(graph);
    String id = NewRevisionId.of(revId, candidate -> graph != null && graph.contains(candidate));
    List<String> labels = branchLabel == null ? List.of() : List.of(branchLabel);
    List<String> depends = dependsOn == null ? List.of()
        : Arrays.stream(dependsOn.split(",")).map(String::trim).filter(s -> !s.isEmpty())
            .map(d -> graph == null ? d : graph.resolve(d)).toList();
    if (autogenerate) {
      if (!labels.isEmpty() || !depends.isEmpty()) {
        throw new MigrateException("autogenerate-options", "-Dmigrate.branchLabel and -Dmigrate.dependsOn are not"
            + " written by autogenerate; add them to the generated file by hand");
      }
      autogenerate(dir, hasRevisions, parents, id);
      return;
    }
    Path file = dir.resolve(RevisionTemplate.fileName(id, message));
    writeFile(file, RevisionTemplate.yaml(id, parents, labels, depends, message.trim()));
    getLog().info("Generating " + file + " ... done");
  }

  private void autogenerate(Path dir, boolean hasRevisions, List<String> parents, String id) {
    Workspace workspace = hasRevisions ? workspace()
        : new Workspace(new Changelog(List.of(), List.of()), RevisionGraph.of(List.of()),
            new PassedReplays(migrateDirectory()), getLog()::warn);
    if (hasRevisions) {
      workspace.replay(); // the changelog's own errors come first
    }
    SchemaModel headModel = Replay.of(workspace.changelog(), workspace.fullGraph().applied(parents), defaultSchema)
        .finalModel();
    String at = parents.isEmpty() ? "base" : String.join(", ", parents);
    if (desired != null) {
      fromDesired(dir, parents, id, headModel, at);
    } else if (referenceUrl != null && referenceUrl.reveal() != null) {
      ResolvedConnection resolved = resolveConnection(referenceUrl, false);
      if (!(resolved instanceof ResolvedConnection.Server server)) {
        throw new MigrateException("invalid-url", "-Dmigrate.referenceUrl does not name a database server");
      }
      JdbcTarget target = server.target();
      try (Connection connection = target.open()) {
        written(dir, parents, id, generate(connection, headModel), target.shownAs(), at);
      } catch (SQLException e) {
        throw new MigrateException("connection-failed", "the connection to " + target.shownAs() + " failed: "
            + e.getMessage(), e);
      }
    } else {
      withDatabase(() -> workspace, (ws, connection, migrator) -> {
        List<String> applied = migrator.current(ws.fullGraph()).stream().map(AppliedHead::revision).sorted().toList();
        if (!applied.equals(parents.stream().sorted().toList())) {
          throw new MigrateException("not-at-head", "The database is at " + (applied.isEmpty() ? "base"
              : String.join(", ", applied)) + ", not at " + at + ", the revision the new one follows: autogenerate"
              + " would write what the missing revisions do. Run mvn migrate:upgrade first, or compare another"
              + " schema with -Dmigrate.referenceUrl or -Dmigrate.desired");
        }
        Path file = written(dir, parents, id, generate(connection, headModel), "the configured database", at);
        if (file != null) {
          Changelog changelog = changelog();
          migrator.stamp(RevisionGraph.of(changelog.revisions()), Target.parse(id), false);
          getLog().info("Stamped the configured database at " + id + ": it has this schema already");
        }
        return null;
      });
    }
  }

  private void fromDesired(Path dir, List<String> parents, String id, SchemaModel headModel, String at) {
    if (entities(desired)) {
      onEntitySchema(connection -> written(dir, parents, id, generate(connection, headModel), "the JPA entities", at));
      return;
    }
    Path file = desired.toPath();
    if (!Files.isRegularFile(file)) {
      throw new MigrateException("desired-missing", "-Dmigrate.desired names " + file + ", which is not a file;"
          + " give a SQL file such as schema.sql");
    }
    try (EmbeddedDatabase scratch = EmbeddedDatabase.fresh(embeddedBinaries(), getLog()::info)) {
      int statements = onScratch(scratch, connection -> DesiredSchema.apply(connection, file));
      getLog().info("Ran " + statements + " statements of " + file + " on a scratch database");
      onScratch(scratch, connection -> written(dir, parents, id, generate(connection, headModel),
          file.getFileName().toString(), at));
    }
  }

  private GeneratedRevision generate(Connection connection, SchemaModel headModel) {
    return new Autogenerate(connection, defaultSchema, IgnoredTables.of(runSettings().tables(), defaultSchema))
        .against(headModel);
  }

  /** Writes the revision, or says that there is nothing to write; the file, or null. */
  private Path written(Path dir, List<String> parents, String id, GeneratedRevision revision, String source,
      String at) {
    revision.notExpressed().forEach(line -> getLog().warn("Not expressed in the revision: " + line));
    if (revision.isEmpty()) {
      getLog().info("No changes: the schema of " + source + " is the changelog's at " + at + "; no revision written");
      return null;
    }
    RevisionWriter.Header header = new RevisionWriter.Header(id, parents, message.trim(), source);
    boolean xml = xmlChangelog(parents);
    Path file = dir.resolve(RevisionTemplate.fileName(id, message).replaceAll("\\.yaml$", xml ? ".xml" : ".yaml"));
    writeFile(file, xml ? RevisionWriter.xml(header, revision) : RevisionWriter.yaml(header, revision));
    getLog().info("Generating " + file + " ... done (" + revision.upgrade().size()
        + (revision.upgrade().size() == 1 ? " operation" : " operations") + " from " + source
        + "; review it)");
    return file;
  }

  /** The changelog is written in XML when its head's file is XML. */
  private boolean xmlChangelog(List<String> parents) {
    if (parents.isEmpty()) {
      return false;
    }
    Revision parent = changelog().revision(parents.get(0)).orElse(null);
    return parent != null && parent.at() != null && parent.at().file().toString().endsWith(".xml");
  }

  private List<String> parents(RevisionGraph graph) {
    if (graph == null || "base".equals(head)) {
      return List.of();
    }
    if (head != null) {
      return List.of(graph.resolve(head));
    }
    List<String> heads = graph.heads();
    if (heads.size() > 1) {
      throw new MigrateException("multiple-heads", "The changelog has " + heads.size() + " heads: "
          + String.join(", ", heads) + "; name the parent with -Dmigrate.head=<revision>, or merge them first"
          + " with mvn migrate:merge -Dmigrate.message=\"merge heads\"");
    }
    return heads;
  }

  private static boolean hasRevisions(Path dir) {
    try (var files = Files.walk(dir)) {
      return files.anyMatch(f -> f.toString().matches(".*\\.(ya?ml|xml)$"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
