package dev.migrate.execute;

import java.time.OffsetDateTime;

/**
 * The session holding the migration lock, as pg_stat_activity shows it.
 *
 * @param clientAddress null for a Unix-socket connection
 * @param since when that session connected
 */
public record LockHolder(int pid, String applicationName, String clientAddress, OffsetDateTime since) {

  @Override
  public String toString() {
    return "pid " + pid + (applicationName == null || applicationName.isEmpty() ? "" : " (" + applicationName + ")")
        + " from " + (clientAddress == null ? "a local socket" : clientAddress)
        + (since == null ? "" : ", connected since " + since);
  }
}
