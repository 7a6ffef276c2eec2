package dev.migrate.maven;

import dev.migrate.graph.HistoryFormatter;
import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;

/** The branch points of the changelog and the branches leaving them, as {@code alembic branches}. No database. */
@Mojo(name = "branches", threadSafe = true)
public class BranchesMojo extends AbstractMigrateMojo {

  @Override
  protected void run() {
    String text = new HistoryFormatter(verbose ? workspace().graph() : outlineGraph(), List.of()).branches(verbose);
    if (text.isBlank()) {
      getLog().info("No branch points: the history is one line");
    }
    log(text);
  }
}
