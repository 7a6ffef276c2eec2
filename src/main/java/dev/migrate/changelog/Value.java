package dev.migrate.changelog;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A value an author writes: a default, a cell of an inserted row, an updated column. Values
 * are data and are escaped by the renderer; only {@link Expression} is the author's own SQL.
 */
public sealed interface Value {

  record Text(String text) implements Value {
    public Text {
      Objects.requireNonNull(text, "text");
    }
  }

  record Number(BigDecimal number) implements Value {
    public Number {
      Objects.requireNonNull(number, "number");
    }

    public static Number of(String digits) {
      return new Number(new BigDecimal(digits));
    }
  }

  record Bool(boolean value) implements Value {}

  /** SQL NULL. */
  record Null() implements Value {}

  /** {@code {sql: "now()"}}: an expression passed through as written. */
  record Expression(String sql) implements Value {
    public Expression {
      Objects.requireNonNull(sql, "sql");
    }
  }

  static Value text(String text) {
    return new Text(text);
  }

  static Value sql(String sql) {
    return new Expression(sql);
  }

  static Value nullValue() {
    return new Null();
  }
}
