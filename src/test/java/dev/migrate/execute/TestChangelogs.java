package dev.migrate.execute;

import dev.migrate.changelog.Change;
import dev.migrate.changelog.Changelog;
import dev.migrate.changelog.Column;
import dev.migrate.changelog.ColumnReference;
import dev.migrate.changelog.ColumnType;
import dev.migrate.changelog.Downgrade;
import dev.migrate.changelog.Identity;
import dev.migrate.changelog.IndexElement;
import dev.migrate.changelog.Operation;
import dev.migrate.changelog.Preconditions;
import dev.migrate.changelog.QualifiedName;
import dev.migrate.changelog.Revision;
import dev.migrate.changelog.SourceSpan;
import dev.migrate.changelog.Value;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Changelogs built in Java for the tests: the W(N) workload of quality.md and small shapes. */
final class TestChangelogs {

  private TestChangelogs() {}

  static String id(int i) {
    return String.format("w%04d", i);
  }

  /** W(n): revision i creates t_i (with a parent_id to t_{i-1}), its index, and adds note_i to t_{i-1}. */
  static Changelog w(int n) {
    List<Revision> revisions = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      revisions.add(wRevision(i));
    }
    return new Changelog(revisions, List.of());
  }

  static Revision wRevision(int i) {
    Path file = file(id(i), "create t_" + i);
    List<Column> columns = new ArrayList<>();
    columns.add(new Column("id", ColumnType.parse("bigint"), false, null, Identity.ALWAYS, true, false, null, null,
        null));
    columns.add(new Column("name", ColumnType.parse("text"), false, null, null, false, false, null, null, null));
    columns.add(new Column("created_at", ColumnType.parse("timestamptz"), false, Value.sql("now()"), null, false,
        false, null, null, null));
    if (i > 1) {
      columns.add(new Column("parent_id", ColumnType.parse("bigint"), true, null, null, false, false,
          new ColumnReference(table("t_" + (i - 1)), "id", null, null), null, null));
    }
    List<Change> changes = new ArrayList<>();
    changes.add(Change.of(new Operation.CreateTable(table("t_" + i), columns, null, List.of(), List.of(), List.of(),
        false, null, Map.of()), SourceSpan.of(file, 4, 5)));
    changes.add(Change.of(new Operation.CreateIndex("ix_t_" + i + "_name", table("t_" + i),
        List.of(IndexElement.column("name")), false, false, null, null, List.of(), false, Map.of()),
        SourceSpan.of(file, 20, 5)));
    if (i > 1) {
      changes.add(Change.of(new Operation.AddColumn(table("t_" + (i - 1)),
          List.of(Column.of("note_" + i, ColumnType.parse("text"))), false), SourceSpan.of(file, 26, 5)));
    }
    return revision(id(i), i == 1 ? List.of() : List.of(id(i - 1)), "create t_" + i, true, changes, file);
  }

  static Revision revision(String id, List<String> parents, String message, boolean transactional,
      List<Change> changes, Path file) {
    return new Revision(id, parents, List.of(), List.of(), message, transactional, Preconditions.none(), changes,
        Downgrade.derived(), null, null, SourceSpan.startOf(file));
  }

  /** A revision of raw SQL: one {@code sql} operation per statement, written on lines 4, 5, 6... */
  static Revision sqlRevision(String id, String parent, String message, String... statements) {
    Path file = file(id, message);
    List<Change> changes = new ArrayList<>();
    for (int k = 0; k < statements.length; k++) {
      changes.add(Change.of(new Operation.Sql(statements[k], null, null), SourceSpan.of(file, 4 + k, 5)));
    }
    return revision(id, parent == null ? List.of() : List.of(parent), message, true, changes, file);
  }

  static Path file(String id, String message) {
    return Path.of("src/main/migrations/" + id + "_" + message.replaceAll("[^a-z0-9]+", "_") + ".yaml");
  }

  static QualifiedName table(String name) {
    return QualifiedName.unqualified(name);
  }
}
