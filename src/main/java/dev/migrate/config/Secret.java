package dev.migrate.config;

import java.util.Objects;

/**
 * A password, or a URL that may carry one. {@link #toString()} prints {@code ****}, so a
 * {@code Secret} can be logged, put in an exception message or shown by Maven's {@code -X}
 * (which prints every mojo parameter) without giving the value away. Only the JDBC driver
 * gets the value, through {@link #reveal()}.
 *
 * <p>Maven injects a parameter of this type through the public no-argument constructor and
 * {@link #set(String)}, for a pom value and a {@code -D} user property alike.
 */
public final class Secret {

  private static final String MASK = "****";

  private String value;

  /** For Maven, which then calls {@link #set(String)}. */
  public Secret() {}

  private Secret(String value) {
    this.value = value;
  }

  public static Secret of(String value) {
    return new Secret(Objects.requireNonNull(value, "value"));
  }

  /** Called by Maven with the configured text. */
  public void set(String value) {
    this.value = value;
  }

  /** The value itself: for the JDBC driver, never for output. Null when never set. */
  public String reveal() {
    return value;
  }

  /** Was a value given at all (an empty one counts as given)? */
  public boolean isSet() {
    return value != null;
  }

  public boolean isEmpty() {
    return value == null || value.isEmpty();
  }

  @Override
  public String toString() {
    return MASK;
  }
}
