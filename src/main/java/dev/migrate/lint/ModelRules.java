package dev.migrate.lint;

import java.util.List;

/**
 * The rules judged from the model alone: drops, renames, column types, names, enum values,
 * transactions, opaque sql, backfills.
 */
final class ModelRules {

  private ModelRules() {}

  static List<Rule> all() {
    return List.of();
  }
}
