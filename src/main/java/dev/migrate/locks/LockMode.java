package dev.migrate.locks;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.EnumSet;

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

  /**
   * Whether a lock in this mode and one in {@code other} cannot be held on one table at once:
   * PostgreSQL's documented table of conflicting lock modes ("Explicit Locking", table 13.2),
   * row by row.
   */
  public boolean conflictsWith(LockMode other) {
    return conflicts().contains(other);
  }

  /** Whether plain SELECTs wait for it: it conflicts with ACCESS SHARE, which every SELECT takes. */
  public boolean blocksReads() {
    return conflictsWith(ACCESS_SHARE);
  }

  /** Whether INSERT, UPDATE and DELETE wait for it: it conflicts with ROW EXCLUSIVE, which they take. */
  public boolean blocksWrites() {
    return conflictsWith(ROW_EXCLUSIVE);
  }

  /** Whom a lock in this mode makes wait, in words: {@code blocks writes}. */
  public String blocking() {
    return blocksReads() ? "blocks reads and writes"
        : blocksWrites() ? "blocks writes"
        : conflictsWith(SHARE_UPDATE_EXCLUSIVE) ? "blocks other schema changes, not reads or writes"
        : "blocks neither reads nor writes";
  }

  private EnumSet<LockMode> conflicts() {
    return switch (this) {
      case ACCESS_SHARE -> EnumSet.of(ACCESS_EXCLUSIVE);
      case ROW_SHARE -> EnumSet.of(EXCLUSIVE, ACCESS_EXCLUSIVE);
      case ROW_EXCLUSIVE -> EnumSet.of(SHARE, SHARE_ROW_EXCLUSIVE, EXCLUSIVE, ACCESS_EXCLUSIVE);
      case SHARE_UPDATE_EXCLUSIVE -> EnumSet.of(SHARE_UPDATE_EXCLUSIVE, SHARE, SHARE_ROW_EXCLUSIVE, EXCLUSIVE,
          ACCESS_EXCLUSIVE);
      case SHARE -> EnumSet.of(ROW_EXCLUSIVE, SHARE_UPDATE_EXCLUSIVE, SHARE_ROW_EXCLUSIVE, EXCLUSIVE, ACCESS_EXCLUSIVE);
      case SHARE_ROW_EXCLUSIVE -> EnumSet.of(ROW_EXCLUSIVE, SHARE_UPDATE_EXCLUSIVE, SHARE, SHARE_ROW_EXCLUSIVE,
          EXCLUSIVE, ACCESS_EXCLUSIVE);
      case EXCLUSIVE -> EnumSet.of(ROW_SHARE, ROW_EXCLUSIVE, SHARE_UPDATE_EXCLUSIVE, SHARE, SHARE_ROW_EXCLUSIVE,
          EXCLUSIVE, ACCESS_EXCLUSIVE);
      case ACCESS_EXCLUSIVE -> EnumSet.allOf(LockMode.class);
    };
  }

  /** The stronger of two modes (each mode here conflicts with at least what the weaker ones do). */
  public LockMode max(LockMode other) {
    return other.ordinal() > ordinal() ? other : this;
  }
}
