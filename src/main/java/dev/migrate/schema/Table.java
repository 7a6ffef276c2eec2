package dev.migrate.schema;

import dev.migrate.changelog.QualifiedName;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A table: its columns in order, its constraints and indexes by name (in the order they were
 * made, which is how a re-created table lists them; equality ignores that order, as
 * {@code pg_catalog} has none), its comment and storage parameters. Each change returns a new
 * table; only this table's own lists are copied.
 *
 * @param name always qualified with its schema
 */
public record Table(QualifiedName name, List<TableColumn> columns, Map<String, Constraint> constraints,
    Map<String, Index> indexes, String comment, Map<String, String> with) {

  public Table {
    Objects.requireNonNull(name, "name");
    if (name.schema() == null) {
      throw new IllegalArgumentException("a table's name in the model is qualified: " + name);
    }
    columns = List.copyOf(columns);
    constraints = orderedCopy(constraints);
    indexes = orderedCopy(indexes);
    with = with == null ? Map.of() : orderedCopy(with);
  }

  /** A table with these columns and nothing else. */
  public static Table of(QualifiedName name, List<TableColumn> columns) {
    return new Table(name, columns, Map.of(), Map.of(), null, Map.of());
  }

  /** The column of this name (cut to 63 bytes, as PostgreSQL cuts it). */
  public Optional<TableColumn> column(String columnName) {
    String wanted = ObjectNames.truncate(columnName);
    for (TableColumn column : columns) {
      if (column.name().equals(wanted)) {
        return Optional.of(column);
      }
    }
    return Optional.empty();
  }

  public boolean hasColumn(String columnName) {
    return column(columnName).isPresent();
  }

  public Optional<Constraint> constraint(String constraintName) {
    return Optional.ofNullable(constraints.get(ObjectNames.truncate(constraintName)));
  }

  public Optional<Index> index(String indexName) {
    return Optional.ofNullable(indexes.get(ObjectNames.truncate(indexName)));
  }

  public Optional<Constraint.PrimaryKey> primaryKey() {
    for (Constraint constraint : constraints.values()) {
      if (constraint instanceof Constraint.PrimaryKey pk) {
        return Optional.of(pk);
      }
    }
    return Optional.empty();
  }

  /** The foreign keys of this table. */
  public List<Constraint.ForeignKey> foreignKeys() {
    return constraints.values().stream()
        .filter(Constraint.ForeignKey.class::isInstance).map(Constraint.ForeignKey.class::cast).toList();
  }

  public Table withName(QualifiedName newName) {
    return new Table(newName, columns, constraints, indexes, comment, with);
  }

  public Table withComment(String newComment) {
    return new Table(name, columns, constraints, indexes, newComment, with);
  }

  /** This table with {@code column} replacing the column of the same name, or added at the end. */
  public Table withColumn(TableColumn column) {
    List<TableColumn> next = new ArrayList<>(columns);
    boolean replaced = false;
    for (int i = 0; i < next.size(); i++) {
      if (next.get(i).name().equals(column.name())) {
        next.set(i, column);
        replaced = true;
      }
    }
    if (!replaced) {
      next.add(column);
    }
    return new Table(name, next, constraints, indexes, comment, with);
  }

  /** This table with one column replaced by another (a rename keeps the column's place). */
  public Table withColumnReplaced(String oldName, TableColumn column) {
    String old = ObjectNames.truncate(oldName);
    List<TableColumn> next = columns.stream().map(c -> c.name().equals(old) ? column : c).toList();
    return new Table(name, next, constraints, indexes, comment, with);
  }

  public Table withoutColumn(String columnName) {
    String gone = ObjectNames.truncate(columnName);
    List<TableColumn> next = columns.stream().filter(c -> !c.name().equals(gone)).toList();
    return new Table(name, next, constraints, indexes, comment, with);
  }

  public Table withConstraint(Constraint constraint) {
    Map<String, Constraint> next = new LinkedHashMap<>(constraints);
    next.put(constraint.name(), constraint);
    return new Table(name, columns, next, indexes, comment, with);
  }

  public Table withoutConstraint(String constraintName) {
    Map<String, Constraint> next = new LinkedHashMap<>(constraints);
    next.remove(ObjectNames.truncate(constraintName));
    return new Table(name, columns, next, indexes, comment, with);
  }

  /** This table with its constraints replaced (a rename keeps each constraint's place). */
  public Table withConstraints(List<Constraint> next) {
    Map<String, Constraint> map = new LinkedHashMap<>();
    next.forEach(c -> map.put(c.name(), c));
    return new Table(name, columns, map, indexes, comment, with);
  }

  public Table withIndex(Index index) {
    Map<String, Index> next = new LinkedHashMap<>(indexes);
    next.put(index.name(), index);
    return new Table(name, columns, constraints, next, comment, with);
  }

  public Table withoutIndex(String indexName) {
    Map<String, Index> next = new LinkedHashMap<>(indexes);
    next.remove(ObjectNames.truncate(indexName));
    return new Table(name, columns, constraints, next, comment, with);
  }

  public Table withIndexes(List<Index> next) {
    Map<String, Index> map = new LinkedHashMap<>();
    next.forEach(i -> map.put(i.name(), i));
    return new Table(name, columns, constraints, map, comment, with);
  }

  private static <V> Map<String, V> orderedCopy(Map<String, V> map) {
    return map == null || map.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
