package dev.migrate.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Under the {@code pg-versions} profile, proves the suite really runs on the PostgreSQL it was
 * asked for: the binaries on the class path and the server they start are of that major.
 */
@EnabledIfSystemProperty(named = "migrate.test.postgresVersion", matches = ".+")
class PostgresVersionTest {

  @Test
  void embeddedServer_isTheRequestedMajor() {
    String requested = System.getProperty("migrate.test.postgresVersion");
    String major = requested.split("[.]")[0];

    assertThat(PostgresBinaries.onClassPath().major()).isEqualTo(major);
    try (EmbeddedDatabase db = EmbeddedDatabase.fresh(event -> { })) {
      assertThat(db.majorVersion()).isEqualTo(Integer.parseInt(major));
    }
  }
}
