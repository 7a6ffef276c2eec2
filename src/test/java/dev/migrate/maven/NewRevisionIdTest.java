package dev.migrate.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.migrate.MigrateException;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NewRevisionIdTest {

  private final Set<String> taken = Set.of("a1b2c3d4e5f6");

  @Test
  void of_noRequest_isTwelveFreeHexDigits() {
    assertThat(NewRevisionId.of(null, taken::contains)).matches("[0-9a-f]{12}");
  }

  @Test
  void of_validFreeId_isTaken() {
    assertThat(NewRevisionId.of("add_users_2", taken::contains)).isEqualTo("add_users_2");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "head | reserved-revision-id | head, heads and base name targets",
      "base | reserved-revision-id | head, heads and base name targets",
      "heads | reserved-revision-id | head, heads and base name targets",
      "Add-Users | invalid-revision-id | 1 to 64 lowercase letters, digits and underscores",
      "a1b2c3d4e5f6 | duplicate-revision | Revision a1b2c3d4e5f6 already exists"})
  void of_badRequest_failsSayingWhyAndHowToFix(String requested, String code, String why) {
    MigrateException e = catchThrowableOfType(MigrateException.class, () -> NewRevisionId.of(requested, taken::contains));

    assertThat(e.code()).isEqualTo(code);
    assertThat(e.getMessage()).contains(why, "-Dmigrate.revId");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a b", "../x", "a@head"})
  void of_idTheLoaderWouldRefuse_fails(String requested) {
    assertThat(catchThrowableOfType(MigrateException.class, () -> NewRevisionId.of(requested, taken::contains)).code())
        .isEqualTo("invalid-revision-id");
  }

  @Test
  void of_sixtyFiveCharacters_fails() {
    assertThat(catchThrowableOfType(MigrateException.class, () -> NewRevisionId.of("a".repeat(65), taken::contains))
        .code()).isEqualTo("invalid-revision-id");
  }
}
