package dev.migrate.schema;

import dev.migrate.changelog.QualifiedName;
import dev.migrate.changelog.ReferentialAction;
import java.util.List;
import java.util.Objects;

/**
 * A table constraint as {@code pg_constraint} holds it: always named (the model predicts the
 * name PostgreSQL generates when the author gives none, see {@link ObjectNames}). A primary
 * key and a unique constraint own an index of the same name.
 */
public sealed interface Constraint {

  String name();

  /** The columns the constraint is on; empty for a check, whose expression is opaque SQL. */
  List<String> columns();

  /** False for a NOT VALID foreign key or check that was not validated yet. */
  default boolean valid() {
    return true;
  }

  /** This constraint under another name. */
  Constraint withName(String newName);

  /** This constraint with a column renamed where it names it. */
  Constraint withColumnRenamed(String from, String to);

  /** True when PostgreSQL backs it with an index (which takes a name among the relations). */
  default boolean ownsIndex() {
    return false;
  }

  record PrimaryKey(String name, List<String> columns) implements Constraint {
    public PrimaryKey {
      name = ObjectNames.truncate(Objects.requireNonNull(name, "name"));
      columns = ObjectNames.truncate(columns);
    }

    @Override
    public Constraint withName(String newName) {
      return new PrimaryKey(newName, columns);
    }

    @Override
    public Constraint withColumnRenamed(String from, String to) {
      return new PrimaryKey(name, rename(columns, from, to));
    }

    @Override
    public boolean ownsIndex() {
      return true;
    }
  }

  record Unique(String name, List<String> columns, boolean nullsNotDistinct) implements Constraint {
    public Unique {
      name = ObjectNames.truncate(Objects.requireNonNull(name, "name"));
      columns = ObjectNames.truncate(columns);
    }

    @Override
    public Constraint withName(String newName) {
      return new Unique(newName, columns, nullsNotDistinct);
    }

    @Override
    public Constraint withColumnRenamed(String from, String to) {
      return new Unique(name, rename(columns, from, to), nullsNotDistinct);
    }

    @Override
    public boolean ownsIndex() {
      return true;
    }
  }

  /**
   * A foreign key; {@code referencedColumns} are always explicit (a reference to a table's
   * primary key is stored with that key's columns, as PostgreSQL stores it), and the actions
   * are never null (NO ACTION is PostgreSQL's default).
   */
  record ForeignKey(String name, List<String> columns, QualifiedName referencedTable, List<String> referencedColumns,
      ReferentialAction onDelete, ReferentialAction onUpdate, boolean deferrable, boolean valid) implements Constraint {
    public ForeignKey {
      name = ObjectNames.truncate(Objects.requireNonNull(name, "name"));
      columns = ObjectNames.truncate(columns);
      Objects.requireNonNull(referencedTable, "referencedTable");
      referencedColumns = ObjectNames.truncate(referencedColumns);
      onDelete = onDelete == null ? ReferentialAction.NO_ACTION : onDelete;
      onUpdate = onUpdate == null ? ReferentialAction.NO_ACTION : onUpdate;
    }

    @Override
    public Constraint withName(String newName) {
      return new ForeignKey(newName, columns, referencedTable, referencedColumns, onDelete, onUpdate, deferrable, valid);
    }

    @Override
    public Constraint withColumnRenamed(String from, String to) {
      return new ForeignKey(name, rename(columns, from, to), referencedTable, referencedColumns, onDelete, onUpdate,
          deferrable, valid);
    }

    /** The same key pointing at a renamed table or column of the referenced table. */
    public ForeignKey withReference(QualifiedName table, List<String> refColumns) {
      return new ForeignKey(name, columns, table, refColumns, onDelete, onUpdate, deferrable, valid);
    }

    public ForeignKey validated() {
      return new ForeignKey(name, columns, referencedTable, referencedColumns, onDelete, onUpdate, deferrable, true);
    }
  }

  /** A CHECK; the expression is the author's SQL, as written. */
  record Check(String name, String expression, boolean valid) implements Constraint {
    public Check {
      name = ObjectNames.truncate(Objects.requireNonNull(name, "name"));
      Objects.requireNonNull(expression, "expression");
    }

    @Override
    public List<String> columns() {
      return List.of();
    }

    @Override
    public Constraint withName(String newName) {
      return new Check(newName, expression, valid);
    }

    @Override
    public Constraint withColumnRenamed(String from, String to) {
      // the expression is opaque SQL: PostgreSQL rewrites its stored form, the model keeps the text
      return this;
    }

    public Check validated() {
      return new Check(name, expression, true);
    }
  }

  private static List<String> rename(List<String> columns, String from, String to) {
    return columns.stream().map(c -> c.equals(from) ? to : c).toList();
  }
}
