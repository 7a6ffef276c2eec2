package dev.migrate.execute;

/**
 * A row of the version table, with the newest history row of that revision for
 * {@code migrate:current -Dmigrate.verbose}.
 *
 * @param lastRow null when the history holds nothing about it (an adopted Alembic database)
 */
public record AppliedHead(String revision, HistoryRow lastRow) {}
