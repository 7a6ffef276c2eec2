package dev.migrate.lint;

import java.util.List;

/**
 * The rules judged from the model alone: drops, renames, column types, names, enum values,
 * transactions, opaque sql, backfills.
 */
final class ModelRules {

  private ModelRules() {}

  /** In the order of safety.md's table. */
  static List<Rule> all() {
    return List.of(
        new DestructiveDrop(),
        new NotNullWithoutDefault(),
        new Rename(),
        new EnumValueInTransaction(),
        new ConcurrentlyInTransaction(),
        new Irreversible(),
        new OpaqueSql(),
        ColumnTypeAdvice.PREFER_TEXT,
        ColumnTypeAdvice.PREFER_BIGINT,
        ColumnTypeAdvice.PREFER_IDENTITY,
        ColumnTypeAdvice.PREFER_TIMESTAMPTZ,
        ColumnTypeAdvice.BAN_CHAR,
        new IdentifierTooLong(),
        new BackfillWithDdl(),
        ColumnTypeAdvice.PREFER_JSONB);
  }
}
