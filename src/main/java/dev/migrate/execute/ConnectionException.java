package dev.migrate.execute;

import dev.migrate.MigrateException;

/** The database connection broke or misbehaved: not the user's changelog's fault. */
public final class ConnectionException extends MigrateException {

  private static final long serialVersionUID = 1L;

  public ConnectionException(String message, Throwable cause) {
    super("connection", message, cause);
  }

  @Override
  public boolean isUserError() {
    return false;
  }
}
