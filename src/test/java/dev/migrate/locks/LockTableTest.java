package dev.migrate.locks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The committed table of the running major still says what the server does: the forms are
 * measured again, in memory, and compared with the resource.
 */
class LockTableTest {

  static EmbeddedPostgres start() throws IOException {
    // scratch databases need not survive a crash; skipping fsync keeps one database per form cheap
    return EmbeddedPostgres.builder().setServerConfig("fsync", "off").setServerConfig("full_page_writes", "off")
        .start();
  }

  @Test
  void committedTable_ofTheRunningMajor_matchesTheServer() throws Exception {
    try (EmbeddedPostgres server = start()) {
      LockTable measured = LockMeter.measure(server);
      LockTable committed = LockTable.load(measured.major());

      assertThat(committed.formIds()).isEqualTo(measured.formIds());
      for (FormLocks form : measured.forms()) {
        assertThat(committed.lookup(form.form())).as(form.form()).contains(form);
      }
      assertThat(committed.volatileFunctions()).isEqualTo(measured.volatileFunctions());
    }
  }

  @Test
  void volatileFunctions_everyMajor_isSortedForBinarySearchAndHasTheUsualSuspects() {
    for (int major = 14; major <= 18; major++) {
      LockTable table = LockTable.load(major);

      assertThat(table.volatileFunctions()).as("PostgreSQL %d", major).isSorted();
      assertThat(table.volatileFunction("random")).isTrue();
      assertThat(table.volatileFunction("nextval")).isTrue();
      assertThat(table.volatileFunction("now")).as("now() is stable").isFalse();
    }
  }

  @Test
  void load_everyMajorFrom14To18_hasEveryFormTheGeneratorMeasures() {
    List<String> ids = Forms.all().stream().map(Form::id).toList();
    for (int major = 14; major <= 18; major++) {
      LockTable table = LockTable.load(major);

      assertThat(table.major()).isEqualTo(major);
      assertThat(table.formIds()).as("PostgreSQL %d", major).isEqualTo(ids);
    }
    assertThat(LockTable.load(18).lookup("create-index/concurrently").orElseThrow().lock(RelationRole.TABLE))
        .contains(LockMode.SHARE_UPDATE_EXCLUSIVE);
  }

  @Test
  void load_unmeasuredMajor_failsNamingItAndTheResource() {
    assertThat(LockTable.available(13)).isFalse();
    assertThatThrownBy(() -> LockTable.load(13)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PostgreSQL 13").hasMessageContaining("/dev/migrate/locks/pg13.json");
  }

  @Test
  void json_readBack_equalsTheTable() throws IOException {
    LockTable table = LockTable.load(18);

    LockTable read = LockTable.read(new ByteArrayInputStream(table.toJson().getBytes(StandardCharsets.UTF_8)));

    assertThat(read).isEqualTo(table);
    assertThat(table.toJson()).isEqualTo(new String(
        LockTable.class.getResourceAsStream(LockTable.resource(18)).readAllBytes(), StandardCharsets.UTF_8));
  }
}
