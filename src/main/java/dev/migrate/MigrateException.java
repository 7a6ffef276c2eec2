package dev.migrate;

/**
 * The root of every failure this tool reports. {@link #code()} is stable, so tests and
 * pipelines can tell failures apart; {@link #isUserError()} separates a user's mistake (a
 * build failure) from something that broke (an execution error).
 */
public class MigrateException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String code;

  public MigrateException(String code, String message) {
    super(message);
    this.code = code;
  }

  public MigrateException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public String code() {
    return code;
  }

  /** True when the user can fix it in the changelog, the configuration or the command. */
  public boolean isUserError() {
    return true;
  }
}
