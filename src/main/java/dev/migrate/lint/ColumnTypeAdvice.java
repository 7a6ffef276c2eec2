package dev.migrate.lint;

import dev.migrate.changelog.Column;
import dev.migrate.changelog.ColumnType;
import dev.migrate.changelog.Operation;
import dev.migrate.changelog.QualifiedName;
import dev.migrate.schema.Table;
import dev.migrate.schema.TableColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The usual PostgreSQL advice on column types, one rule per piece of advice: {@code prefer-text},
 * {@code prefer-bigint}, {@code prefer-identity}, {@code prefer-timestamptz}, {@code ban-char},
 * {@code prefer-jsonb}. Judged on the types the changelog writes: create-table's columns,
 * add-column, and alter-column's new type.
 */
final class ColumnTypeAdvice implements Rule {

  /**
   * A column as one operation declares it.
   *
   * @param type the declared type (an array's element type for the advice on element types)
   * @param id whether it is an identity, serial or primary-key column once the operation ran
   */
  record Declared(QualifiedName table, String name, ColumnType type, boolean id) {

    String where() {
      return table + "." + name;
    }

    /** The type without its array brackets, where the advice is about the element. */
    String element() {
      return type.elementType().builtin() ? type.elementType().name().name() : "";
    }
  }

  static final ColumnTypeAdvice PREFER_TEXT = new ColumnTypeAdvice("prefer-text",
      "varchar(n): prefer text with a check on its length",
      "varchar(n) is stored exactly as text; its length is a limit that is rarely a real rule, and changing it"
          + " later takes an ACCESS EXCLUSIVE lock (and a rewrite when it narrows). Use text, with a CHECK on"
          + " char_length when the limit matters, which can be changed with add-check-constraint not-valid and"
          + " validate-constraint without blocking.",
      c -> c.element().equals("character varying") && !c.type().modifiers().isEmpty(),
      c -> c.where() + " is " + c.type() + ": its length limit can only be changed later under an ACCESS EXCLUSIVE"
          + " lock, and text stores the same for free.",
      c -> "Use type: text, with a check char_length(" + c.name() + ") <= "
          + c.type().modifiers().stream().findFirst().map(String::valueOf).orElse("n")
          + " (checks: in create-table, or add-check-constraint) if the limit matters.");

  static final ColumnTypeAdvice PREFER_BIGINT = new ColumnTypeAdvice("prefer-bigint",
      "integer or smallint key, identity or serial: prefer bigint",
      "An integer key runs out at 2,147,483,647 (a smallint at 32,767), and widening it later rewrites the table,"
          + " its indexes and every referencing column under ACCESS EXCLUSIVE. A bigint costs 4 more bytes a row."
          + " Use bigint for primary keys, identity and serial columns (bigint with identity: always for a"
          + " generated id).",
      c -> c.type().arrayDimensions() == 0 && ((c.id() && (c.element().equals("integer")
          || c.element().equals("smallint"))) || c.element().equals("serial") || c.element().equals("smallserial")),
      c -> c.where() + " is an id of type " + c.type() + ", which runs out at "
          + (c.element().startsWith("small") ? "32,767" : "2,147,483,647")
          + "; widening it later rewrites the table under ACCESS EXCLUSIVE.",
      c -> "Use type: bigint" + (c.type().isSerial() ? " with identity: always" : "") + " for " + c.name() + ".");

  static final ColumnTypeAdvice PREFER_IDENTITY = new ColumnTypeAdvice("prefer-identity",
      "serial or bigserial: prefer an identity column",
      "A serial column is an integer with a default that reads a sequence the column merely owns: its privileges,"
          + " copies (CREATE TABLE LIKE) and dumps treat the sequence separately, and inserts can write any value past"
          + " it. An identity column is the SQL-standard form that PostgreSQL ties to its column. Write type: bigint"
          + " with identity: always (or by-default).",
      c -> c.type().isSerial() && c.type().arrayDimensions() == 0,
      c -> c.where() + " is " + c.type() + ": a default on a sequence the column merely owns, with its privileges"
          + " and copies handled apart from the table.",
      c -> "Write type: bigint with identity: always (or by-default) for " + c.name() + ".");

  static final ColumnTypeAdvice PREFER_TIMESTAMPTZ = new ColumnTypeAdvice("prefer-timestamptz",
      "timestamp without time zone: prefer timestamptz",
      "timestamp without time zone stores a wall-clock reading with no zone: values written by sessions or servers"
          + " in different time zones cannot be compared, and daylight-saving changes make them ambiguous."
          + " timestamptz stores an instant and costs the same. Use type: timestamptz.",
      c -> c.element().equals("timestamp without time zone"),
      c -> c.where() + " is " + c.type() + ": a wall-clock time with no zone, so values from sessions in different"
          + " time zones cannot be compared.",
      c -> "Use type: timestamptz for " + c.name() + ".");

  static final ColumnTypeAdvice BAN_CHAR = new ColumnTypeAdvice("ban-char",
      "char(n): use text",
      "char(n) pads every value with spaces to its length, ignores trailing spaces in comparisons and is never"
          + " faster than text in PostgreSQL. Use text, with a CHECK on char_length when the length matters.",
      c -> c.element().equals("character"),
      c -> c.where() + " is " + c.type() + ": values are padded with spaces and compare oddly, and it is never"
          + " faster than text.",
      c -> "Use type: text for " + c.name() + ", with a check on char_length(" + c.name() + ") if the length"
          + " matters.");

  static final ColumnTypeAdvice PREFER_JSONB = new ColumnTypeAdvice("prefer-jsonb",
      "json: prefer jsonb",
      "json keeps the text as written: it has no equality operator (so no DISTINCT, GROUP BY or unique index), no"
          + " GIN index, and every access parses it again. jsonb stores it parsed. Use type: jsonb.",
      c -> c.element().equals("json"),
      c -> c.where() + " is " + c.type() + ": no equality, no index, and every access parses the text again.",
      c -> "Use type: jsonb for " + c.name() + ".");

  private final About about;
  private final Predicate<Declared> applies;
  private final Function<Declared, String> risk;
  private final Function<Declared, String> safeWay;

  private ColumnTypeAdvice(String id, String summary, String help, Predicate<Declared> applies,
      Function<Declared, String> risk, Function<Declared, String> safeWay) {
    this.about = new About(id, Severity.INFO, summary, help);
    this.applies = applies;
    this.risk = risk;
    this.safeWay = safeWay;
  }

  @Override
  public About about() {
    return about;
  }

  @Override
  public List<Draft> check(RevisionScope revision) {
    List<Draft> out = new ArrayList<>();
    for (RevisionScope.Step step : revision.steps()) {
      for (Declared column : declared(step)) {
        if (applies.test(column)) {
          out.add(Draft.on(step, risk.apply(column), safeWay.apply(column)));
        }
      }
    }
    return out;
  }

  /** The column types an operation writes. */
  static List<Declared> declared(RevisionScope.Step step) {
    Operation operation = step.operation();
    if (operation instanceof Operation.CreateTable op) {
      return op.columns().stream().map(c -> declared(step, op.name(), c)).toList();
    }
    if (operation instanceof Operation.AddColumn op) {
      return op.columns().stream().map(c -> declared(step, op.table(), c)).toList();
    }
    if (operation instanceof Operation.AlterColumn op && op.type() != null) {
      return List.of(new Declared(op.table(), op.name(), op.type(), isId(step, op.table(), op.name())));
    }
    return List.of();
  }

  private static Declared declared(RevisionScope.Step step, QualifiedName table, Column column) {
    // only prefer-bigint asks, and only of integers: spare the model lookup for every other column
    String type = column.type().name().name();
    boolean integer = column.type().builtin() && (type.equals("integer") || type.equals("smallint"));
    boolean id = column.primaryKey() || column.identity() != null || (integer && isId(step, table, column.name()));
    return new Declared(table, column.name(), column.type(), id);
  }

  /** An identity or primary-key column in the model after the operation. */
  private static boolean isId(RevisionScope.Step step, QualifiedName table, String column) {
    Optional<Table> found = step.after().table(table);
    if (found.isEmpty()) {
      return false;
    }
    boolean identity = found.get().column(column).map(TableColumn::identity).isPresent();
    boolean inKey = found.get().primaryKey().map(pk -> pk.columns().contains(column)).orElse(false);
    return identity || inKey;
  }
}
