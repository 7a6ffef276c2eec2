package dev.migrate.locks;

import dev.migrate.changelog.Column;
import dev.migrate.changelog.ColumnType;
import dev.migrate.changelog.Operation;
import dev.migrate.changelog.QualifiedName;
import dev.migrate.changelog.Value;
import dev.migrate.schema.Constraint;
import dev.migrate.schema.SchemaModel;
import dev.migrate.schema.Table;
import dev.migrate.schema.TableColumn;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which measured form of the {@link LockTable} an operation is, told from the operation and the
 * model just before it, and the tables it acts on (qualified).
 *
 * <p>Two readings. {@link #of} answers only where the operation and the model say it without a
 * guess: that is what {@code migrate:sql} notes, and it is silent otherwise. {@link #judged}
 * is lint's: it answers in two more cases, from the measured table rather than the model alone.
 * An expression default is judged by the table's list of volatile built-in functions (one called
 * anywhere in it is the volatile-default form, otherwise the stable-default one; a function the
 * list does not name, a user's or an extension's, counts as not volatile). Setting NOT NULL is
 * the validated-check form only when a validated CHECK on the table reads {@code col IS NOT NULL}
 * (parentheses, quoting and case aside), and the plain form otherwise: PostgreSQL can prove NOT
 * NULL from other checks too (one with a strict operator on the column), but that was not
 * measured, so lint says the scan may happen.
 *
 * <pre>
 * OperationForm.of(alterType("qty", "bigint"), before)   // alter-column/type-int-to-bigint on public.orders
 * OperationForm.judged(addColumn("id", "bigserial"), before, LockTable.load(17))   // add-column/serial
 * </pre>
 *
 * @param form the measured form's id, e.g. {@code create-index/plain}
 * @param table the table the operation alters
 * @param referenced the table a foreign key references (it is locked too), else null
 */
public record OperationForm(String form, QualifiedName table, QualifiedName referenced) {

  public OperationForm {
    Objects.requireNonNull(form, "form");
    Objects.requireNonNull(table, "table");
    // a key that references its own table locks no other one
    referenced = table.equals(referenced) ? null : referenced;
  }

  /** The form where the operation and the model tell it without a guess; empty otherwise. */
  public static Optional<OperationForm> of(Operation operation, SchemaModel before) {
    return new Reading(before, null).form(operation);
  }

  /** The form lint judges an operation by: as {@link #of}, and also for expression defaults and set-not-null. */
  public static Optional<OperationForm> judged(Operation operation, SchemaModel before, LockTable locks) {
    return new Reading(before, Objects.requireNonNull(locks, "locks")).form(operation);
  }

  /**
   * The measured form of a type change of a built-in scalar type, when one was measured:
   * varchar widening or shrinking, varchar to text, text to varchar, integer to bigint.
   */
  public static Optional<String> typeChange(ColumnType from, ColumnType to) {
    if (from.arrayDimensions() != 0 || to.arrayDimensions() != 0 || !from.builtin() || !to.builtin()) {
      return Optional.empty();
    }
    String a = from.name().name();
    String b = to.name().name();
    if ("character varying".equals(a) && "character varying".equals(b)) {
      if (from.modifiers().isEmpty() || to.modifiers().isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(to.modifiers().get(0) >= from.modifiers().get(0) ? "alter-column/type-varchar-widen"
          : "alter-column/type-varchar-shrink");
    }
    if ("character varying".equals(a) && "text".equals(b)) {
      return Optional.of("alter-column/type-varchar-to-text");
    }
    if ("text".equals(a) && "character varying".equals(b)) {
      return Optional.of("alter-column/type-text-to-varchar");
    }
    if ("integer".equals(a) && "bigint".equals(b)) {
      return Optional.of("alter-column/type-int-to-bigint");
    }
    return Optional.empty();
  }

  /**
   * Whether a validated CHECK of the table reads {@code column IS NOT NULL}, so that PostgreSQL
   * (12 and later) sets NOT NULL without scanning: outer parentheses, the column's quoting and
   * the keywords' case do not matter; a NOT VALID check not validated yet proves nothing.
   */
  public static boolean provenNotNull(Table table, String column) {
    return table.constraints().values().stream()
        .anyMatch(c -> c instanceof Constraint.Check check && check.valid() && isNotNullOf(check.expression(), column));
  }

  private static final Pattern IS_NOT_NULL =
      Pattern.compile("^\\(*\\s*(\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z0-9_$]*)\\s*\\)*\\s+IS\\s+NOT\\s+NULL$",
          Pattern.CASE_INSENSITIVE);

  static boolean isNotNullOf(String expression, String column) {
    String text = expression.trim();
    while (text.startsWith("(") && text.endsWith(")") && balanced(text.substring(1, text.length() - 1))) {
      text = text.substring(1, text.length() - 1).trim();
    }
    Matcher m = IS_NOT_NULL.matcher(text);
    if (!m.matches() || !balanced(text)) {
      return false;
    }
    return identifier(m.group(1)).equals(column);
  }

  /** An identifier as PostgreSQL reads it: quoted is exact, unquoted folds to lower case. */
  private static String identifier(String written) {
    return written.startsWith("\"") ? written.substring(1, written.length() - 1).replace("\"\"", "\"")
        : written.toLowerCase(Locale.ROOT);
  }

  private static boolean balanced(String text) {
    int depth = 0;
    for (char c : text.toCharArray()) {
      depth += c == '(' ? 1 : c == ')' ? -1 : 0;
      if (depth < 0) {
        return false;
      }
    }
    return depth == 0;
  }

  /** A string literal, dropped before looking for calls so that {@code 'random()'} calls nothing. */
  private static final Pattern LITERAL = Pattern.compile("'(?:[^']|'')*'");
  /** A call: a name, optionally schema-qualified, and an opening parenthesis. */
  private static final Pattern CALL =
      Pattern.compile("(\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z0-9_$]*)\\s*\\(");

  /** The names of the functions an expression calls, as PostgreSQL reads them (without their schema). */
  public static List<String> calls(String expression) {
    List<String> names = new ArrayList<>();
    Matcher m = CALL.matcher(LITERAL.matcher(expression).replaceAll("''"));
    while (m.find()) {
      names.add(identifier(m.group(1)));
    }
    return names;
  }

  /** The walk over one operation; {@code locks} null is the no-guess reading of {@link #of}. */
  private record Reading(SchemaModel before, LockTable locks) {

    Optional<OperationForm> form(Operation operation) {
      if (operation instanceof Operation.AddColumn op) {
        // a column's own references locks the table it references too
        QualifiedName referenced = op.columns().stream().filter(c -> c.references() != null).findFirst()
            .map(c -> before.qualify(c.references().table())).orElse(null);
        return on(op.table(), addColumn(op.columns()))
            .map(f -> new OperationForm(f.form(), f.table(), referenced));
      } else if (operation instanceof Operation.DropColumn op) {
        return on(op.table(), "drop-column");
      } else if (operation instanceof Operation.RenameColumn op) {
        return on(op.table(), "rename-column");
      } else if (operation instanceof Operation.AlterColumn op) {
        return on(op.table(), alterColumn(op));
      } else if (operation instanceof Operation.CreateIndex op) {
        return on(op.table(), op.concurrently() ? "create-index/concurrently"
            : op.unique() ? "create-index/unique" : "create-index/plain");
      } else if (operation instanceof Operation.DropIndex op) {
        return before.tableOfIndex(op.name()).flatMap(t -> on(t.name(),
            op.concurrently() ? "drop-index/concurrently" : "drop-index/plain"));
      } else if (operation instanceof Operation.RenameIndex op) {
        return before.tableOfIndex(op.from()).flatMap(t -> on(t.name(), "rename-index"));
      } else if (operation instanceof Operation.AddPrimaryKey op) {
        return on(op.table(), op.usingIndex() == null ? "add-primary-key/plain" : "add-primary-key/using-index");
      } else if (operation instanceof Operation.AddForeignKey op) {
        return on(op.table(), op.notValid() ? "add-foreign-key/not-valid" : "add-foreign-key/plain")
            .map(f -> new OperationForm(f.form(), f.table(), before.qualify(op.key().referencedTable())));
      } else if (operation instanceof Operation.AddCheckConstraint op) {
        return on(op.table(), op.notValid() ? "add-check-constraint/not-valid" : "add-check-constraint/plain");
      } else if (operation instanceof Operation.AddUniqueConstraint op) {
        return on(op.table(), op.usingIndex() == null ? "add-unique-constraint/plain"
            : "add-unique-constraint/using-index");
      } else if (operation instanceof Operation.ValidateConstraint op) {
        Optional<Constraint> constraint = existing(op.table()).flatMap(t -> t.constraint(op.name()));
        return on(op.table(), constraint.map(c -> c instanceof Constraint.ForeignKey ? "validate-constraint/foreign-key"
            : c instanceof Constraint.Check ? "validate-constraint/check" : null).orElse(null));
      } else if (operation instanceof Operation.DropConstraint op) {
        // a foreign key's drop also locks the table it references; other constraints were measured on a primary key
        Optional<Constraint> constraint = existing(op.table()).flatMap(t -> t.constraint(op.name()));
        if (constraint.orElse(null) instanceof Constraint.ForeignKey key) {
          return on(op.table(), "drop-constraint/foreign-key")
              .map(f -> new OperationForm(f.form(), f.table(), before.qualify(key.referencedTable())));
        }
        return on(op.table(), constraint.isPresent() ? "drop-constraint" : null);
      } else if (operation instanceof Operation.RenameTable op) {
        return on(op.from(), "rename-table");
      } else if (operation instanceof Operation.Comment op) {
        return on(op.table(), op.column() == null ? "comment/table" : "comment/column");
      }
      return Optional.empty();
    }

    private Optional<OperationForm> on(QualifiedName table, String form) {
      return form == null ? Optional.empty() : Optional.of(new OperationForm(form, before.qualify(table), null));
    }

    private Optional<Table> existing(QualifiedName name) {
      return before.table(before.qualify(name));
    }

    /**
     * One column is one measured form. Several columns go in one ALTER TABLE, which rewrites
     * if any of them needs it: lint takes the column whose form does the most; the no-guess
     * reading says nothing.
     */
    private String addColumn(List<Column> columns) {
      if (columns.size() == 1) {
        return addColumn(columns.get(0));
      }
      if (locks == null) {
        return null;
      }
      List<FormLocks> forms = new ArrayList<>();
      for (Column column : columns) {
        String form = addColumn(column);
        Optional<FormLocks> measured = form == null ? Optional.empty() : locks.lookup(form);
        if (measured.isEmpty()) {
          return null;
        }
        forms.add(measured.get());
      }
      return forms.stream().max(Comparator.comparingInt(Reading::work)).map(FormLocks::form).orElse(null);
    }

    private static int work(FormLocks form) {
      return (form.rewritesTable() ? 2 : 0) + (form.scansTable() ? 1 : 0);
    }

    /** A constant default keeps the table; an expression is judged by the volatile functions it calls. */
    private String addColumn(Column column) {
      if (column.unique() || column.primaryKey()) {
        return null; // also builds an index: not measured
      }
      if (column.references() != null) {
        // measured as a plain nullable column with a reference; a default or NOT NULL besides was not
        boolean plain = column.nullable() && column.defaultValue() == null && column.generated() == null
            && column.identity() == null && !column.type().isSerial();
        return plain ? "add-column/references" : null;
      }
      if (column.generated() != null) {
        return "add-column/stored-generated";
      }
      if (column.identity() != null) {
        return "add-column/identity";
      }
      if (column.type().isSerial()) {
        return "add-column/serial";
      }
      Value value = column.defaultValue();
      if (value instanceof Value.Expression expression) {
        if (locks == null) {
          return null;
        }
        return calls(expression.sql()).stream().anyMatch(locks::volatileFunction) ? "add-column/volatile-default"
            : "add-column/stable-default";
      }
      if (value == null || value instanceof Value.Null) {
        return column.nullable() ? "add-column/nullable" : null;
      }
      return column.nullable() ? "add-column/constant-default" : "add-column/not-null-constant-default";
    }

    /** One change at a time, as the forms were measured; several at once get no form. */
    private String alterColumn(Operation.AlterColumn op) {
      int aspects = (op.type() != null ? 1 : 0) + (op.nullable() != null ? 1 : 0) + (op.defaultValue() != null ? 1 : 0)
          + (op.dropDefault() ? 1 : 0) + (op.identity() != null ? 1 : 0);
      if (aspects != 1) {
        return null;
      }
      Optional<Table> table = existing(op.table());
      if (op.type() != null) {
        Optional<TableColumn> column = table.flatMap(t -> t.column(op.name()));
        return op.using() == null ? column.flatMap(c -> typeChange(c.type(), op.type())).orElse(null) : null;
      }
      if (op.nullable() != null) {
        if (op.nullable()) {
          return "drop-not-null";
        }
        if (table.isEmpty()) {
          return null;
        }
        if (locks != null) {
          return provenNotNull(table.get(), op.name()) ? "set-not-null/validated-check" : "set-not-null/plain";
        }
        // with a CHECK on the table the server may or may not use it as proof: say nothing rather than guess
        boolean checks = table.get().constraints().values().stream().anyMatch(c -> c instanceof Constraint.Check);
        return checks ? null : "set-not-null/plain";
      }
      if (op.defaultValue() != null) {
        return "alter-column/set-default";
      }
      return op.dropDefault() ? "alter-column/drop-default" : null;
    }
  }
}
