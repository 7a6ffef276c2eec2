package dev.migrate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrate.MigrateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseUrlTest {

  @Test
  void parse_jdbcUrl_keptAsItIs() {
    DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://db.internal:5433/app?sslmode=require");

    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5433/app?sslmode=require");
    assertThat(url.user()).isEmpty();
    assertThat(url.password()).isEmpty();
    assertThat(url.masked()).isEqualTo("jdbc:postgresql://db.internal:5433/app?sslmode=require");
  }

  @Test
  void parse_jdbcUrlWithCredentialParams_takesThemOutOfTheUrl() {
    DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://localhost/app?user=app&password=hunter2&sslmode=disable");

    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/app?sslmode=disable");
    assertThat(url.user()).contains("app");
    assertThat(url.password().map(Secret::reveal)).contains("hunter2");
    assertThat(url.masked()).isEqualTo("jdbc:postgresql://localhost/app?user=app&password=****&sslmode=disable");
  }

  @Test
  void parse_jdbcUrlWithoutAuthority_keepsTheDatabase() {
    DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql:app?password=x");

    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql:app");
    assertThat(url.masked()).isEqualTo("jdbc:postgresql:app?password=****");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "postgresql://app:pw@db:5432/shop | jdbc:postgresql://db:5432/shop | postgresql://app:****@db:5432/shop",
      "postgres://app:pw@db/shop | jdbc:postgresql://db/shop | postgres://app:****@db/shop",
      "postgresql+psycopg2://app:pw@db:6432/shop | jdbc:postgresql://db:6432/shop | postgresql+psycopg2://app:****@db:6432/shop",
      "postgresql+asyncpg://app:pw@db/shop?ssl=require | jdbc:postgresql://db/shop?sslmode=require | postgresql+asyncpg://app:****@db/shop?sslmode=require",
      "postgresql://app:pw@[::1]:5432/shop | jdbc:postgresql://[::1]:5432/shop | postgresql://app:****@[::1]:5432/shop",
      "postgresql://app:pw@h1:5432,h2:5433/shop?target_session_attrs=read-write | jdbc:postgresql://h1:5432,h2:5433/shop?target_session_attrs=read-write | postgresql://app:****@h1:5432,h2:5433/shop?target_session_attrs=read-write",
      "postgresql://app:pw@db/shop?sslpassword=k3y | jdbc:postgresql://db/shop | postgresql://app:****@db/shop?sslpassword=****",
  })
  void parse_libpqForms_becomeJdbcWithCredentials(String text, String jdbc, String masked) {
    DatabaseUrl url = DatabaseUrl.parse(text);

    assertThat(url.jdbcUrl()).isEqualTo(jdbc);
    assertThat(url.user()).contains("app");
    assertThat(url.password().map(Secret::reveal)).contains("pw");
    assertThat(url.masked()).isEqualTo(masked);
    assertThat(url.toString()).isEqualTo(masked);
  }

  @Test
  void parse_queryParameters_passThroughAsWritten() {
    DatabaseUrl url = DatabaseUrl.parse(
        "postgresql://app@db/shop?sslmode=verify-full&sslrootcert=%2Fetc%2Fca.pem&connect_timeout=10");

    assertThat(url.jdbcUrl())
        .isEqualTo("jdbc:postgresql://db/shop?sslmode=verify-full&sslrootcert=%2Fetc%2Fca.pem&connect_timeout=10");
    assertThat(url.password()).isEmpty();
    assertThat(url.masked()).isEqualTo("postgresql://app@db/shop?sslmode=verify-full&sslrootcert=%2Fetc%2Fca.pem&connect_timeout=10");
  }

  @Test
  void parse_percentEncodedCredentials_areDecoded() {
    DatabaseUrl url = DatabaseUrl.parse("postgresql://us%40er:p%3Aa%2Fs%40s%25w%C3%B6rd@db/shop");

    assertThat(url.user()).contains("us@er");
    assertThat(url.password().map(Secret::reveal)).contains("p:a/s@s%wörd");
    assertThat(url.masked()).isEqualTo("postgresql://us%40er:****@db/shop");
  }

  @Test
  void parse_unescapedSpecialCharactersInPassword_endAtTheLastAtBeforeTheHost() {
    DatabaseUrl url = DatabaseUrl.parse("postgresql://app:p?ss@w:rd@db:5432/shop?application_name=a@b");

    assertThat(url.password().map(Secret::reveal)).contains("p?ss@w:rd");
    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/shop?application_name=a@b");
  }

  @Test
  void parse_userOnly_hasNoPassword() {
    DatabaseUrl url = DatabaseUrl.parse("postgresql://app@db");

    assertThat(url.user()).contains("app");
    assertThat(url.password()).isEmpty();
    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db/");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "postgresql:///shop", "postgresql://app:pw@/shop", "postgresql://%2Fvar%2Frun%2Fpostgresql/shop",
      "postgresql://app@localhost/shop?host=/var/run/postgresql", "postgres://app@%2Ftmp:5432/shop"})
  void parse_unixSocket_failsSayingToUseHostAndPort(String text) {
    assertThatThrownBy(() -> DatabaseUrl.parse(text, "the environment variable DATABASE_URL"))
        .isInstanceOfSatisfying(MigrateException.class, e -> assertThat(e.code()).isEqualTo("unix-socket-url"))
        .hasMessageContaining("the environment variable DATABASE_URL")
        .hasMessageContaining("give the host and port");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   "})
  void parse_empty_failsNamingTheSource(String text) {
    assertThatThrownBy(() -> DatabaseUrl.parse(text, "MIGRATE_URL in /p/.env"))
        .isInstanceOfSatisfying(MigrateException.class, e -> assertThat(e.code()).isEqualTo("empty-url"))
        .hasMessage("MIGRATE_URL in /p/.env is set but empty; give a URL (write jdbc:postgresql://host:port/database"
            + " or postgresql://user:password@host:port/database) or remove the setting to use the next source");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "mysql://app:pw@db/shop | is not a PostgreSQL URL",
      "jdbc:mysql://db/shop | is not a PostgreSQL URL",
      "db.internal:5432/shop | is not a PostgreSQL URL",
      "postgresql:db/shop | has no '//' after its scheme",
      "postgresql://app:pw@db:54x/shop | has a port that is not a number from 1 to 65535",
      "postgresql://app:pw@db:70000/shop | has a port that is not a number from 1 to 65535",
      "postgresql://app@[::1/shop | IPv6 address without its closing ']'"})
  void parse_unparsable_failsWithTheReasonAndTheForms(String text, String reason) {
    assertThatThrownBy(() -> DatabaseUrl.parse(text))
        .isInstanceOfSatisfying(MigrateException.class, e -> assertThat(e.code()).isEqualTo("invalid-url"))
        .hasMessageContaining(reason)
        .hasMessageContaining("postgresql://user:password@host:port/database");
  }

  @Test
  void parse_malformedPercentEscape_saysHowToWriteAPercent() {
    assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://app:p%zzw@db/shop"))
        .isInstanceOfSatisfying(MigrateException.class, e -> assertThat(e.code()).isEqualTo("invalid-url"))
        .hasMessage("the database URL has a '%' that is not followed by two hex digits;"
            + " write a '%' in a user name or password as %25");
  }

  @Test
  void parse_sslpassword_becomesASecretParameter() {
    DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://db/shop?sslmode=verify-full&sslpassword=k%3By");

    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db/shop?sslmode=verify-full");
    assertThat(url.secretParameters()).containsOnlyKeys("sslpassword");
    assertThat(url.secretParameters().get("sslpassword").reveal()).isEqualTo("k;y");
  }

  /**
   * Property: for every URL form, broken or not, and passwords full of URL syntax, the
   * password never shows in the masked form, toString, the JDBC URL or any message.
   */
  @Test
  void password_neverShown_inAnyFormOrMessage() {
    Random random = new Random(20261124);
    String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789:/?#@%&=+ ;'\"\\*$!";
    List<String> checked = new ArrayList<>();
    for (int trial = 0; trial < 300; trial++) {
      StringBuilder pw = new StringBuilder("Zq");
      for (int i = 0; i < 10 + random.nextInt(10); i++) {
        pw.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String password = pw.toString();
      String encoded = java.net.URLEncoder.encode(password, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
      for (String text : forms(password, encoded)) {
        checked.add(text);
        try {
          DatabaseUrl url = DatabaseUrl.parse(text, "the url parameter");
          assertThat(url.masked()).doesNotContain(password).doesNotContain(encoded);
          assertThat(url.toString()).doesNotContain(password).doesNotContain(encoded);
          assertThat(url.jdbcUrl()).doesNotContain(password).doesNotContain(encoded);
          url.password().ifPresent(s -> assertThat(s.toString()).isEqualTo("****"));
        } catch (MigrateException e) {
          assertThat(e.getMessage()).as(text).doesNotContain(password).doesNotContain(encoded);
        }
      }
    }
    assertThat(checked).hasSizeGreaterThan(3000);
  }

  private static List<String> forms(String password, String encoded) {
    List<String> forms = new ArrayList<>();
    for (String scheme : List.of("postgresql", "postgres", "postgresql+asyncpg", "postgresql+psycopg2")) {
      forms.add(scheme + "://app:" + encoded + "@db:5432/shop?sslmode=require");
      forms.add(scheme + "://app:" + encoded + "@db/shop");
      forms.add(scheme + "://app:" + encoded + "@/shop");
      forms.add(scheme + "://app:" + encoded + "@db:99999/shop");
      forms.add(scheme + "://app:" + encoded + "@db:5432/shop%zz?password=" + encoded);
      forms.add(scheme + "://app@db/shop?password=" + encoded);
      forms.add(scheme + ":app:" + encoded + "@db/shop");
    }
    forms.add("jdbc:postgresql://db:5432/shop?user=app&password=" + encoded + "&sslpassword=" + encoded);
    forms.add("jdbc:postgresql:shop?password=" + encoded);
    forms.add("jdbc:postgresql://app:" + encoded + "@db/shop");
    forms.add("mysql://app:" + encoded + "@db/shop");
    forms.add("app:" + encoded + "@db/shop");
    return forms;
  }
}
