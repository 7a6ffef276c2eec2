package dev.migrate.execute;

import dev.migrate.MigrateException;
import java.util.Locale;

/** How a run groups its revisions into transactions. */
public enum TransactionMode {
  /** One transaction per revision: a failure keeps the revisions before it. */
  REVISION,
  /** One transaction for the whole run: all or nothing. */
  ALL;

  /** {@code revision} or {@code all}, as the {@code transactionMode} parameter spells it. */
  public static TransactionMode parse(String text) {
    for (TransactionMode mode : values()) {
      if (mode.name().toLowerCase(Locale.ROOT).equals(text.trim().toLowerCase(Locale.ROOT))) {
        return mode;
      }
    }
    throw new MigrateException("transaction-mode",
        "unknown transactionMode '" + text + "': use 'revision' (one transaction per revision) or 'all'");
  }
}
