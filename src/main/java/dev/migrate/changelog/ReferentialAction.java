package dev.migrate.changelog;

/** {@code ON DELETE} / {@code ON UPDATE} of a foreign key. */
public enum ReferentialAction {
  NO_ACTION("no-action", "NO ACTION"),
  RESTRICT("restrict", "RESTRICT"),
  CASCADE("cascade", "CASCADE"),
  SET_NULL("set-null", "SET NULL"),
  SET_DEFAULT("set-default", "SET DEFAULT");

  private final String key;
  private final String sql;

  ReferentialAction(String key, String sql) {
    this.key = key;
    this.sql = sql;
  }

  public String key() {
    return key;
  }

  public String sql() {
    return sql;
  }

  /** Accepts the changelog key ({@code set-null}) and PostgreSQL's words ({@code SET NULL}). */
  public static ReferentialAction fromKey(String text) {
    String wanted = text.trim().toLowerCase(java.util.Locale.ROOT).replace(' ', '-').replace('_', '-');
    for (ReferentialAction action : values()) {
      if (action.key.equals(wanted)) {
        return action;
      }
    }
    throw new IllegalArgumentException("unknown referential action: " + text);
  }
}
