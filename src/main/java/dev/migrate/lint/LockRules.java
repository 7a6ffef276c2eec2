package dev.migrate.lint;

import java.util.List;

/**
 * The rules judged from the measured lock table of the target major: what an operation on a
 * table that existed before its revision locks, rewrites or scans.
 */
final class LockRules {

  private LockRules() {}

  static List<Rule> all() {
    return List.of(new SetNotNull(), new IndexNotConcurrent(), new ConstraintNotValid(), new UniqueConstraintDirect(),
        new ColumnTypeChange(), new VolatileDefault(), new MissingLockTimeout());
  }
}
