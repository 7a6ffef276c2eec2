package dev.migrate.maven;

import dev.migrate.config.Durations;
import dev.migrate.execute.RunSettings;
import dev.migrate.execute.Timeouts;
import dev.migrate.execute.TransactionMode;
import dev.migrate.execute.VersionTables;
import java.time.Duration;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The parameters that shape a run's statements, shared by the goals that run one
 * ({@code upgrade}, {@code downgrade}, ...) and by {@code sql}, which prints it: the version
 * tables, transaction grouping and timeouts.
 */
public abstract class AbstractRunMojo extends AbstractMigrateMojo {

  /** Where unqualified names live: the migration connection's search_path. */
  @Parameter(property = "migrate.defaultSchema", defaultValue = "public")
  protected String defaultSchema;

  /** Where the version and history tables live; defaultSchema when unset. */
  @Parameter(property = "migrate.schema")
  protected String schema;

  /** One row per applied head, Alembic's layout; {@code alembic_version} adopts an Alembic database. */
  @Parameter(property = "migrate.versionTable", defaultValue = "migrate_version")
  protected String versionTable;

  /** The audit log of every up, down, stamp, skip, failed and repair. */
  @Parameter(property = "migrate.historyTable", defaultValue = "migrate_history")
  protected String historyTable;

  /** How long to wait for another run's migration lock: 500ms, 2s, 10m, 1h. */
  @Parameter(property = "migrate.lockWait", defaultValue = "10m")
  protected String lockWait;

  /** {@code SET LOCAL lock_timeout} for every revision (500ms, 2s, ...); a revision's lock-timeout wins. */
  @Parameter(property = "migrate.lockTimeout")
  protected String lockTimeout;

  /** {@code SET LOCAL statement_timeout} for every revision; a revision's statement-timeout wins. */
  @Parameter(property = "migrate.statementTimeout")
  protected String statementTimeout;

  /** {@code revision}: one transaction per revision; {@code all}: the whole run, all or nothing. */
  @Parameter(property = "migrate.transactionMode", defaultValue = "revision")
  protected String transactionMode;

  /** How often a revision that failed on lock_timeout (SQLSTATE 55P03) is retried, after a growing pause. */
  @Parameter(property = "migrate.lockRetries", defaultValue = "0")
  protected int lockRetries;

  @Parameter(defaultValue = "${plugin.version}", readonly = true)
  protected String pluginVersion;

  /** The run's settings from the parameters. */
  protected RunSettings runSettings() {
    Duration lock = lockTimeout == null || lockTimeout.isBlank() ? null : Durations.parse("lockTimeout", lockTimeout);
    Duration statement = statementTimeout == null || statementTimeout.isBlank() ? null
        : Durations.parse("statementTimeout", statementTimeout);
    return RunSettings.defaults(pluginVersion)
        .withTables(new VersionTables(versionSchema(), versionTable, historyTable))
        .withTransactionMode(TransactionMode.parse(transactionMode))
        .withTimeouts(new Timeouts(lock, statement))
        .withLockWait(Durations.parse("lockWait", lockWait))
        .withLockRetries(lockRetries, Duration.ofSeconds(1));
  }

  protected String versionSchema() {
    return schema == null || schema.isBlank() ? defaultSchema : schema;
  }
}
