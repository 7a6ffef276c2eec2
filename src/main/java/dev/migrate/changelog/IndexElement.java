package dev.migrate.changelog;

/**
 * One entry of an index's {@code columns}: a column name or an expression, with its order,
 * nulls placement, operator class and collation. Exactly one of column and expression is set.
 */
public record IndexElement(String column, String expression, Order order, Nulls nulls, String opclass,
    String collate) {

  public enum Order { ASC, DESC }

  public enum Nulls { FIRST, LAST }

  public IndexElement {
    if ((column == null) == (expression == null)) {
      throw new IllegalArgumentException("an index element is a column or an expression");
    }
  }

  public static IndexElement column(String name) {
    return new IndexElement(name, null, null, null, null, null);
  }

  public boolean isColumn() {
    return column != null;
  }
}
