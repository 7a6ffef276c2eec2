package dev.migrate.generate;

import dev.migrate.MigrateException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * {@code -Dmigrate.desired=schema.sql}: the file's statements run one by one on a scratch
 * database (split by {@link SqlScript}), so that autogenerate can read the schema they make.
 * The first statement the server refuses stops it, named by file and line.
 */
public final class DesiredSchema {

  private DesiredSchema() {}

  /** Runs every statement of {@code file} on {@code connection}, in autocommit. */
  public static int apply(Connection connection, Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new MigrateException("desired-unreadable", "cannot read " + file + ": " + e.getMessage()
          + "; check -Dmigrate.desired", e);
    }
    List<SqlScript.Statement> statements = SqlScript.split(text);
    try (Statement s = connection.createStatement()) {
      for (SqlScript.Statement statement : statements) {
        try {
          s.execute(statement.sql());
        } catch (SQLException e) {
          throw new MigrateException("desired-failed", file + ":" + statement.line() + ":1: error: "
              + firstLine(e.getMessage()) + " (SQLSTATE " + e.getSQLState() + "); fix the statement, or leave out"
              + " what needs objects this schema does not make [desired-failed]", e);
        }
      }
    } catch (SQLException e) {
      throw new MigrateException("desired-failed", "cannot run " + file + ": " + e.getMessage(), e);
    }
    return statements.size();
  }

  private static String firstLine(String message) {
    int newline = message == null ? -1 : message.indexOf('\n');
    String first = newline < 0 ? String.valueOf(message) : message.substring(0, newline);
    return first.startsWith("ERROR: ") ? first.substring("ERROR: ".length()) : first; // pgjdbc's severity prefix
  }
}
