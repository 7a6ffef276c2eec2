package dev.migrate.locks;

import dev.migrate.changelog.Operation;
import java.util.List;

/**
 * One operation form to measure: the operation record (rendered by the project's renderer, so
 * the SQL is the plugin's), the setup it needs beyond the common tables, the index it names
 * (if any), and whether it must run outside a transaction block (CONCURRENTLY).
 */
record Form(String id, Operation operation, List<String> setup, String table, String index, boolean concurrent) {

  Form {
    setup = List.copyOf(setup);
  }
}
