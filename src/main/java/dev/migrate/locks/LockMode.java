package dev.migrate.locks;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * PostgreSQL's eight table-level lock modes, weakest first, under the names {@code pg_locks}
 * reports. This is PostgreSQL's vocabulary, not a judgement: which statement takes which mode
 * is only ever read from the measured table.
 */
public enum LockMode {
  ACCESS_SHARE("AccessShareLock", "ACCESS SHARE"),
  ROW_SHARE("RowShareLock", "ROW SHARE"),
  ROW_EXCLUSIVE("RowExclusiveLock", "ROW EXCLUSIVE"),
  SHARE_UPDATE_EXCLUSIVE("ShareUpdateExclusiveLock", "SHARE UPDATE EXCLUSIVE"),
  SHARE("ShareLock", "SHARE"),
  SHARE_ROW_EXCLUSIVE("ShareRowExclusiveLock", "SHARE ROW EXCLUSIVE"),
  EXCLUSIVE("ExclusiveLock", "EXCLUSIVE"),
  ACCESS_EXCLUSIVE("AccessExclusiveLock", "ACCESS EXCLUSIVE");

  private final String pgLocksName;
  private final String sqlName;

  LockMode(String pgLocksName, String sqlName) {
    this.pgLocksName = pgLocksName;
    this.sqlName = sqlName;
  }

  /** The name in {@code pg_locks.mode}, as the resource stores it. */
  @JsonValue
  public String pgLocksName() {
    return pgLocksName;
  }

  /** The name in {@code LOCK TABLE ... IN <name> MODE} and in the documentation. */
  public String sqlName() {
    return sqlName;
  }

  /** The mode of a {@code pg_locks.mode} value. */
  @JsonCreator
  public static LockMode ofPgLocks(String name) {
    for (LockMode mode : values()) {
      if (mode.pgLocksName.equals(name)) {
        return mode;
      }
    }
    throw new IllegalArgumentException("not a table lock mode of pg_locks: " + name);
  }

  /** The stronger of two modes (each mode here conflicts with at least what the weaker ones do). */
  public LockMode max(LockMode other) {
    return other.ordinal() > ordinal() ? other : this;
  }
}
