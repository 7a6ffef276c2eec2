package dev.migrate.locks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LockModeTest {

  @Test
  void conflictsWith_isSymmetricAsPostgresqlsTable() {
    for (LockMode a : LockMode.values()) {
      for (LockMode b : LockMode.values()) {
        assertThat(a.conflictsWith(b)).as(a + " vs " + b).isEqualTo(b.conflictsWith(a));
      }
    }
  }

  @Test
  void blocksReadsAndWrites_followTheModesThatSelectAndInsertTake() {
    assertThat(LockMode.values()).filteredOn(LockMode::blocksReads).containsExactly(LockMode.ACCESS_EXCLUSIVE);
    assertThat(LockMode.values()).filteredOn(LockMode::blocksWrites).containsExactly(LockMode.SHARE,
        LockMode.SHARE_ROW_EXCLUSIVE, LockMode.EXCLUSIVE, LockMode.ACCESS_EXCLUSIVE);
    assertThat(LockMode.SHARE_UPDATE_EXCLUSIVE.conflictsWith(LockMode.SHARE_UPDATE_EXCLUSIVE)).isTrue();
  }
}
