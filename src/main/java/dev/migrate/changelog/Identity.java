package dev.migrate.changelog;

/** {@code GENERATED ALWAYS | BY DEFAULT AS IDENTITY}; {@code NONE} only in alter-column, to drop it. */
public enum Identity {
  ALWAYS("always"),
  BY_DEFAULT("by-default"),
  NONE("none");

  private final String key;

  Identity(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }

  public static Identity fromKey(String key) {
    for (Identity identity : values()) {
      if (identity.key.equals(key)) {
        return identity;
      }
    }
    throw new IllegalArgumentException("unknown identity: " + key);
  }
}
