package dev.migrate.maven;

import dev.migrate.MigrateException;

/**
 * A failure whose report the goal has printed already, such as {@code check}'s drift: the
 * build fails through the one error path, and with {@code format=json} no error document
 * follows the goal's own (standard output stays one document).
 */
final class ReportedFailure extends MigrateException {

  private static final long serialVersionUID = 1L;

  ReportedFailure(String code, String message) {
    super(code, message);
  }
}
