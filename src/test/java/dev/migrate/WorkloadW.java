package dev.migrate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** quality.md's workload for tests that need a long changelog of the shape the benchmark uses. */
public final class WorkloadW {

  private WorkloadW() {}

  /**
   * W(n) of quality.md as revision files: revision i creates t_i (identity key, a now()
   * default, a foreign key to t_{i-1}), an index on it, and adds note_i to t_{i-1}.
   */
  public static void write(Path dir, int n) throws IOException {
    for (int i = 1; i <= n; i++) {
      String id = String.format("w%04d", i);
      StringBuilder yaml = new StringBuilder()
          .append("revision: \"").append(id).append("\"\n")
          .append("down-revision: ").append(i == 1 ? "null" : String.format("\"w%04d\"", i - 1)).append('\n')
          .append("message: create t_").append(i).append('\n')
          .append("upgrade:\n")
          .append("  - create-table:\n")
          .append("      name: t_").append(i).append('\n')
          .append("      columns:\n")
          .append("        - { name: id, type: bigint, identity: always, primary-key: true }\n")
          .append("        - { name: name, type: text, nullable: false }\n")
          .append("        - { name: created_at, type: timestamptz, nullable: false, default: { sql: \"now()\" } }\n");
      if (i > 1) {
        yaml.append("        - { name: parent_id, type: bigint, references: { table: t_").append(i - 1)
            .append(", column: id } }\n");
      }
      yaml.append("  - create-index: { name: ix_t_").append(i).append("_name, table: t_").append(i)
          .append(", columns: [name] }\n");
      if (i > 1) {
        yaml.append("  - add-column:\n      table: t_").append(i - 1).append("\n      column: { name: note_").append(i)
            .append(", type: text }\n");
      }
      Files.writeString(dir.resolve(id + "_create_t_" + i + ".yaml"), yaml.toString());
    }
  }
}
