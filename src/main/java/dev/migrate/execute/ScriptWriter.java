package dev.migrate.execute;

import dev.migrate.changelog.Precondition;
import dev.migrate.changelog.Preconditions;
import dev.migrate.changelog.SourceSpan;
import dev.migrate.graph.Direction;
import java.util.List;
import java.util.Objects;

/**
 * The script of {@code migrate:sql}: exactly what {@code upgrade} or {@code downgrade} would
 * send for a plan, with the version and history table writes as literals, {@code BEGIN;} and
 * {@code COMMIT;} around each transaction and a comment naming each revision. It depends on
 * nothing but the plan, so it is the same byte for byte on every run, and it never opens a
 * connection. What only a live run does (the advisory lock, reading the version table and the
 * checksums, checking preconditions) appears as comments.
 *
 * <pre>
 * String script = new ScriptWriter(VersionTables.defaults(), TransactionMode.REVISION, "0.1.0").write(plan);
 * </pre>
 */
public final class ScriptWriter {

  private final VersionTables tables;
  private final TransactionMode mode;
  private final String pluginVersion;

  public ScriptWriter(VersionTables tables, TransactionMode mode, String pluginVersion) {
    this.tables = Objects.requireNonNull(tables, "tables");
    this.mode = Objects.requireNonNull(mode, "mode");
    this.pluginVersion = pluginVersion;
  }

  public String write(Plan plan) {
    StringBuilder out = new StringBuilder(4096 + plan.size() * 1024);
    String verb = plan.direction() == Direction.UP ? "upgrade" : "downgrade";
    out.append("-- migrate-maven-plugin ").append(pluginVersion == null ? "" : pluginVersion + " ").append(verb)
        .append(": ").append(plan.size()).append(plan.size() == 1 ? " revision" : " revisions").append(", to ")
        .append(plan.headsAfter().isEmpty() ? "base" : String.join(", ", plan.headsAfter())).append('\n');
    out.append("-- Written offline from the changelog; apply with: psql -v ON_ERROR_STOP=1 -f <this file>\n");
    out.append("-- A live run first takes SELECT pg_try_advisory_lock(").append(tables.lockKey())
        .append(") (keyed by ").append(tables.versionTable()).append(") on its connection,\n");
    out.append("-- then reads ").append(tables.versionName()).append(" and checks the checksums of applied revisions against ")
        .append(tables.historyName()).append(".\n");
    if (mode == TransactionMode.ALL) {
      out.append("-- transactionMode=all: one transaction for the whole run.\n");
    }
    out.append('\n');
    statement(out, tables.createVersionTable());
    statement(out, tables.createHistoryTable());
    statement(out, tables.addParentsColumn());
    new Sequencer(tables, mode, pluginVersion).send(plan, new ScriptSink(out));
    return out.toString();
  }

  private static void command(StringBuilder out, Command command) {
    if (command.lockNote() != null) {
      out.append("-- ").append(command.lockNote()).append('\n');
    }
    statement(out, command.sql());
  }

  private static void statement(StringBuilder out, String sql) {
    out.append(sql).append(";\n");
  }

  /** Comments must stay on their line, whatever an author wrote in a message. */
  private static String oneLine(String text) {
    return text.replaceAll("\\s*[\\r\\n]+\\s*", " ");
  }

  private static final class ScriptSink implements StatementSink {
    private final StringBuilder out;

    ScriptSink(StringBuilder out) {
      this.out = out;
    }

    @Override
    public Disposition startRevision(int index, int count, PlannedRevision revision) {
      out.append("\n-- Running ").append(revision.direction() == Direction.UP ? "upgrade " : "downgrade ")
          .append(revision.arrow()).append(", ").append(oneLine(revision.message())).append('\n');
      SourceSpan at = revision.revision().at();
      if (at != null && at.file() != null) {
        out.append("-- file: ").append(at.file().getFileName()).append('\n');
      }
      out.append("-- checksum: ").append(revision.checksum()).append('\n');
      if (!revision.transactional()) {
        out.append("-- transactional: false: each statement commits on its own\n");
      }
      Preconditions preconditions = revision.revision().preconditions();
      if (revision.direction() == Direction.UP) {
        for (Precondition precondition : preconditions.checks()) {
          PreconditionQuery query = PreconditionQuery.of(precondition);
          out.append("-- precondition (on-fail: ").append(preconditions.onFail().name().toLowerCase(java.util.Locale.ROOT))
              .append("), checked by a live run: ").append(oneLine(query.sql())).append('\n');
        }
      }
      return Disposition.RUN;
    }

    @Override
    public void begin() {
      out.append("BEGIN;\n");
    }

    @Override
    public void sendTogether(List<Command> commands, PlannedRevision revision) {
      commands.forEach(c -> command(out, c));
    }

    @Override
    public void sendEach(List<Command> commands, PlannedRevision revision) {
      commands.forEach(c -> command(out, c));
    }

    @Override
    public void commit() {
      out.append("COMMIT;\n");
    }

    @Override
    public void finishRevision(int index, int count, PlannedRevision revision, Disposition disposition) {
      // the script has nothing to add after a revision
    }
  }
}
