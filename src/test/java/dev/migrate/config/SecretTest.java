package dev.migrate.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretTest {

  @Test
  void toString_masksTheValue() {
    assertThat(Secret.of("hunter2")).hasToString("****");
    assertThat(String.valueOf(Secret.of(""))).isEqualTo("****");
  }

  @Test
  void set_asMavenInjectsIt_revealsTheValue() {
    Secret secret = new Secret();
    assertThat(secret.isSet()).isFalse();

    secret.set("hunter2");

    assertThat(secret.isSet()).isTrue();
    assertThat(secret.reveal()).isEqualTo("hunter2");
    assertThat(secret).hasToString("****");
  }

  @Test
  void serverCredentials_toString_masksThePassword() {
    assertThat(new ServerCredentials("prod-db", "app", Secret.of("hunter2")).toString())
        .doesNotContain("hunter2").contains("prod-db", "app");
  }
}
