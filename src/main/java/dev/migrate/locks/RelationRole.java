package dev.migrate.locks;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The part a relation plays in a statement: the table it alters, the table a key references, the index it names. */
public enum RelationRole {
  TABLE("table"),
  REFERENCED_TABLE("referenced-table"),
  INDEX("index");

  private final String key;

  RelationRole(String key) {
    this.key = key;
  }

  @JsonValue
  public String key() {
    return key;
  }

  @JsonCreator
  public static RelationRole ofKey(String key) {
    for (RelationRole role : values()) {
      if (role.key.equals(key)) {
        return role;
      }
    }
    throw new IllegalArgumentException("not a relation role: " + key);
  }
}
