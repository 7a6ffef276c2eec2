package dev.migrate.maven;

import dev.migrate.MigrateException;
import dev.migrate.graph.RevisionGraph;
import dev.migrate.load.RevisionTemplate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Writes a new revision file whose down-revision is the head, as {@code alembic revision -m}.
 * With several heads, name the parent with {@code -Dmigrate.head}.
 */
@Mojo(name = "revision", threadSafe = true, requiresProject = true)
public class RevisionMojo extends AbstractMigrateMojo {

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

  /** Not available yet: the revision's operations from a comparison with a schema. An error until then. */
  @Parameter(property = "migrate.autogenerate", defaultValue = "false")
  private boolean autogenerate;

  @Override
  protected void run() {
    if (autogenerate) {
      throw new MigrateException("autogenerate-unavailable", "-Dmigrate.autogenerate is not available yet: this"
          + " version cannot derive a revision's operations; leave it out to write an empty revision and fill in its"
          + " upgrade by hand");
    }
    if (message == null || message.isBlank()) {
      throw new MigrateException("missing-message", "migrate:revision needs a message: -Dmigrate.message=\"add users table\"");
    }
    Path dir = directory.toPath();
    RevisionGraph graph = Files.isDirectory(dir) && hasRevisions(dir)
        ? RevisionGraph.of(changelog().revisions()) : null;
    List<String> parents = parents(graph);
    String id = NewRevisionId.of(revId, candidate -> graph != null && graph.contains(candidate));
    List<String> labels = branchLabel == null ? List.of() : List.of(branchLabel);
    List<String> depends = dependsOn == null ? List.of()
        : Arrays.stream(dependsOn.split(",")).map(String::trim).filter(s -> !s.isEmpty())
            .map(d -> graph == null ? d : graph.resolve(d)).toList();
    Path file = dir.resolve(RevisionTemplate.fileName(id, message));
    writeFile(file, RevisionTemplate.yaml(id, parents, labels, depends, message.trim()));
    getLog().info("Generating " + file + " ... done");
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
