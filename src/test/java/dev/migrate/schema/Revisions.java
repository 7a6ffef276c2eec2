package dev.migrate.schema;

import dev.migrate.changelog.Change;
import dev.migrate.changelog.Changelog;
import dev.migrate.changelog.Column;
import dev.migrate.changelog.ColumnReference;
import dev.migrate.changelog.ColumnType;
import dev.migrate.changelog.Downgrade;
import dev.migrate.changelog.ExistingType;
import dev.migrate.changelog.Identity;
import dev.migrate.changelog.Operation;
import dev.migrate.changelog.Preconditions;
import dev.migrate.changelog.QualifiedName;
import dev.migrate.changelog.Revision;
import dev.migrate.changelog.Routine;
import dev.migrate.changelog.SourceSpan;
import dev.migrate.changelog.Trigger;
import dev.migrate.changelog.Value;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds revisions for schema tests without the loader: revision {@code id} lives in file
 * {@code <id>.yaml}, and its n-th operation (from 0) is written at line {@code 10 + n}, column 5.
 */
final class Revisions {

  private Revisions() {}

  static Path file(String id) {
    return Path.of("src/main/migrations/" + id + ".yaml");
  }

  /** Where the n-th operation of revision {@code id} was written. */
  static SourceSpan at(String id, int n) {
    return SourceSpan.of(file(id), 10 + n, 5);
  }

  static Revision revision(String id, Operation... operations) {
    return revision(id, true, Downgrade.derived(), operations);
  }

  static Revision revision(String id, boolean transactional, Downgrade downgrade, Operation... operations) {
    List<Change> changes = new ArrayList<>();
    for (int i = 0; i < operations.length; i++) {
      changes.add(Change.of(operations[i], at(id, i)));
    }
    return new Revision(id, List.of(), List.of(), List.of(), "test " + id, transactional, Preconditions.none(),
        changes, downgrade, null, null, SourceSpan.startOf(file(id)));
  }

  /** Replays the revisions in the given order, with no declared types. */
  static Replay replay(Revision... revisions) {
    return Replay.of(new Changelog(List.of(revisions), List.of()), List.of(revisions));
  }

  static Replay replay(List<ExistingType> existing, Revision... revisions) {
    return Replay.of(new Changelog(List.of(revisions), existing), List.of(revisions));
  }

  static QualifiedName name(String text) {
    return QualifiedName.parse(text);
  }

  static ColumnType type(String text) {
    return ColumnType.parse(text);
  }

  static Column column(String name, String type) {
    return Column.of(name, ColumnType.parse(type));
  }

  static Column notNull(String name, String type) {
    return new Column(name, ColumnType.parse(type), false, null, null, false, false, null, null, null);
  }

  static Column withDefault(String name, String type, Value value) {
    return new Column(name, ColumnType.parse(type), true, value, null, false, false, null, null, null);
  }

  static Column id(String name) {
    return new Column(name, ColumnType.parse("bigint"), false, null, Identity.BY_DEFAULT, true, false, null, null,
        null);
  }

  static Column unique(String name, String type) {
    return new Column(name, ColumnType.parse(type), true, null, null, false, true, null, null, null);
  }

  static Column references(String name, String type, String table, String column) {
    return new Column(name, ColumnType.parse(type), true, null, null, false, false,
        new ColumnReference(QualifiedName.parse(table), column, null, null), null, null);
  }

  /** create-table with just columns. */
  static Operation.CreateTable createTable(String name, Column... columns) {
    return new Operation.CreateTable(QualifiedName.parse(name), List.of(columns), null, List.of(), List.of(),
        List.of(), false, null, Map.of());
  }

  static Operation.AddColumn addColumn(String table, Column column) {
    return new Operation.AddColumn(QualifiedName.parse(table), List.of(column), false);
  }

  static Operation.CreateIndex createIndex(String name, String table, String... columns) {
    return new Operation.CreateIndex(name, QualifiedName.parse(table),
        java.util.Arrays.stream(columns).map(dev.migrate.changelog.IndexElement::column).toList(), false, false, null,
        null, List.of(), false, Map.of());
  }

  static Operation.DropTable dropTable(String name) {
    return new Operation.DropTable(QualifiedName.parse(name), false, false);
  }

  static Operation.DropColumn dropColumn(String table, String column) {
    return new Operation.DropColumn(QualifiedName.parse(table), column, false, false);
  }

  static Operation.CreateEnum createEnum(String name, String... values) {
    return new Operation.CreateEnum(QualifiedName.parse(name), List.of(values));
  }

  /**
   * W(n) of quality.md: revision i creates t_i (bigint identity primary key, name text not null,
   * created_at timestamptz not null default now(), and for i > 1 parent_id referencing t_{i-1}),
   * creates index ix_t_i_name, and for i > 1 adds note_i text to t_{i-1}.
   */
  static List<Revision> workload(int n) {
    List<Revision> out = new ArrayList<>(n);
    for (int i = 1; i <= n; i++) {
      List<Column> columns = new ArrayList<>();
      columns.add(id("id"));
      columns.add(notNull("name", "text"));
      columns.add(new Column("created_at", ColumnType.parse("timestamptz"), false, Value.sql("now()"), null, false,
          false, null, null, null));
      if (i > 1) {
        columns.add(references("parent_id", "bigint", "t_" + (i - 1), "id"));
      }
      List<Operation> ops = new ArrayList<>();
      ops.add(createTable("t_" + i, columns.toArray(Column[]::new)));
      ops.add(createIndex("ix_t_" + i + "_name", "t_" + i, "name"));
      if (i > 1) {
        ops.add(addColumn("t_" + (i - 1), column("note_" + i, "text")));
      }
      Revision r = revision(String.format("r%05d", i), ops.toArray(Operation[]::new));
      out.add(new Revision(r.id(), i > 1 ? List.of(String.format("r%05d", i - 1)) : List.of(), List.of(), List.of(),
          r.message(), true, null, r.upgrade(), null, null, null, r.at()));
    }
    return out;
  }

  /** The classic {@code set_updated_at()}: a plpgsql function that returns trigger. */
  static Routine setUpdatedAt(String body) {
    return new Routine(name("set_updated_at"), false, List.of(), Routine.Returns.of(type("trigger")), "plpgsql", null,
        false, false, body);
  }

  static Operation.CreateFunction createFunction(Routine routine) {
    return new Operation.CreateFunction(routine, false);
  }

  /** {@code <table>_updated_at}: before update, for each row, calling set_updated_at(). */
  static Trigger updatedAtTrigger(String table) {
    return new Trigger(table + "_updated_at", name(table), Trigger.Timing.BEFORE, java.util.EnumSet.of(
        Trigger.Event.UPDATE), List.of(), true, null, name("set_updated_at"), List.of());
  }
}
