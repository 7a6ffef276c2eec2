package dev.migrate.config;

import dev.migrate.changelog.ExistingType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Which declared {@code existing-types} a database lacks; an unqualified one is looked for in the current schema. */
final class ExistingTypes {

  private static final String EXISTS = "select 1 from pg_type t join pg_namespace n on n.oid = t.typnamespace"
      + " where t.typname = ? and n.nspname = coalesce(?, current_schema())";

  private ExistingTypes() {}

  static List<ExistingType> missing(Connection connection, List<ExistingType> types) throws SQLException {
    List<ExistingType> missing = new ArrayList<>();
    try (PreparedStatement exists = connection.prepareStatement(EXISTS)) {
      for (ExistingType type : types) {
        exists.setString(1, type.name().name());
        exists.setString(2, type.name().schema());
        try (ResultSet rs = exists.executeQuery()) {
          if (!rs.next()) {
            missing.add(type);
          }
        }
      }
    }
    return missing;
  }
}
