package dev.migrate.maven;

import org.apache.maven.plugins.annotations.Mojo;

/**
 * Accepts the changed checksums of applied revisions and records that a non-transactional
 * revision left part-way was undone by hand (the next upgrade runs it from the start), writing
 * a {@code repair} row for each in the history table.
 */
@Mojo(name = "repair", threadSafe = true)
public class RepairMojo extends AbstractDatabaseMojo {

  @Override
  protected void run() {
    var repairs = withMigrator(this::workspace, (workspace, migrator) -> migrator.repair(workspace.graph()));
    if (repairs.isEmpty()) {
      getLog().info("Nothing to repair: every applied checksum matches and no non-transactional revision is part-way");
    }
  }
}
