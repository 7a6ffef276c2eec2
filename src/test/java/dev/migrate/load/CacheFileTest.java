package dev.migrate.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheFileTest {

  @TempDir
  Path dir;

  @Test
  void write_replacesTheFileWhole_andLeavesNoTemporaryFile() throws IOException {
    Path file = dir.resolve("migrate/rendered-1.txt");

    CacheFile.write(file, "first");
    CacheFile.write(file, "second");

    assertThat(file).hasContent("second");
    try (var files = Files.list(file.getParent())) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void removeOthers_deletesTheMatchingFilesButTheKeptOne() throws IOException {
    Path kept = Files.writeString(dir.resolve("rendered-2.txt"), "now");
    Path stale = Files.writeString(dir.resolve("rendered-1.txt"), "an earlier build's");
    Path other = Files.writeString(dir.resolve("stamps-1.txt"), "not of this kind");

    CacheFile.removeOthers(kept, "rendered-*");

    assertThat(kept).exists();
    assertThat(stale).doesNotExist();
    assertThat(other).exists();
  }
}
