package dev.migrate.changelog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RevisionIdTest {

  @ParameterizedTest
  @ValueSource(strings = {"a", "0", "_", "1a2b3c4d5e6f", "add_users_2",
      "0123456789012345678901234567890123456789012345678901234567890123"})
  void isValidId_lowercaseLettersDigitsAndUnderscoresUpTo64_areIds(String id) {
    assertThat(Revision.isValidId(id)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "A", "add-users", "add users", "ä", "a.b", "a/b", "`", "{", "/", ":",
      "01234567890123456789012345678901234567890123456789012345678901234"})
  void isValidId_anythingElse_isNot(String id) {
    assertThat(Revision.isValidId(id)).isFalse();
  }
}
