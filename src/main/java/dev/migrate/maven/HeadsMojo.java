package dev.migrate.maven;

import dev.migrate.graph.HistoryFormatter;
import dev.migrate.graph.HistoryJson;
import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;

/** The heads of the changelog, as {@code alembic heads}; there should be one. No database. */
@Mojo(name = "heads", threadSafe = true)
public class HeadsMojo extends AbstractMigrateMojo {

  @Override
  protected void run() {
    switch (format.toLowerCase(java.util.Locale.ROOT)) {
      case "json" -> emit(new HistoryJson(workspace().graph(), List.of()).heads());
      case "text" -> log(new HistoryFormatter(verbose ? workspace().graph() : outlineGraph(), List.of()).heads(verbose));
      default -> throw unknownFormat("text, json");
    }
  }
}
