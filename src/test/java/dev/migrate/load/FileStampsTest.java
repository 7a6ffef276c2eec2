package dev.migrate.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.changelog.Revision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStampsTest {

  @TempDir
  Path dir;

  @TempDir
  Path cache;

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private static void settle() throws InterruptedException {
    Thread.sleep(FileStamps.SETTLED + 200); // only a file this much older than the run has its stamp kept
  }

  private List<Revision> outline() {
    return new ChangelogLoader(Map.of(), cache).outline(dir).revisions();
  }

  @Test
  void outline_aSettledFileUnchangedSinceTheLastRun_isNotReadAgain() throws Exception {
    write("r1.yaml", "revision: \"r1\"\nmessage: one\nupgrade: []\n");
    write("r2.yaml", "revision: \"r2\"\ndown-revision: \"r1\"\nmessage: two\nupgrade: []\n");
    settle();
    new ChangelogLoader(Map.of(), cache).load(dir); // validates both and keeps their stamps
    Path stamps = cache.resolve("stamps-1.txt");
    List<String> lines = Files.readAllLines(stamps);
    String r2Hash = lines.stream().filter(l -> l.startsWith(dir.resolve("r2.yaml") + "\t")).findFirst().orElseThrow()
        .split("\t")[2];
    // r1's stamp now claims r2's bytes: only a loader that trusts the stamp, and reads nothing, sees r2 there
    Files.write(stamps, lines.stream().map(l -> l.startsWith(dir.resolve("r1.yaml") + "\t")
        ? l.substring(0, l.lastIndexOf('\t') + 1) + r2Hash : l).toList());

    assertThat(outline()).extracting(Revision::message).containsExactly("two", "two");
  }

  @Test
  void outline_aFileRewrittenWithItsSizeAndModificationTimeKept_isReadAgain() throws Exception {
    Path file = write("r1.yaml", "revision: \"r1\"\nmessage: one\nupgrade: []\n");
    settle();
    assertThat(outline()).extracting(Revision::message).containsExactly("one"); // read, validated, stamped
    assertThat(outline()).extracting(Revision::message).containsExactly("one"); // from its stamp
    FileTime modified = Files.getLastModifiedTime(file);

    Files.writeString(file, "revision: \"r1\"\nmessage: two\nupgrade: []\n"); // the same size
    Files.setLastModifiedTime(file, modified); // as cp -p or an archive would leave it
    settle(); // and long enough ago for a stamp to count

    assertThat(outline()).as("the change time moved, so the stamp no longer matches")
        .extracting(Revision::message).containsExactly("two");
  }

  @Test
  void hash_aFileChangedJustBeforeTheRun_isNotKept() throws IOException {
    Path file = write("r1.yaml", "revision: \"r1\"\n");
    FileStamps first = FileStamps.open(cache);
    FileStamps.Stamp stamp = first.stamp(file);
    first.remember(file, stamp, "a-hash");
    first.save("over", "a-fingerprint");

    FileStamps second = FileStamps.open(cache);

    assertThat(stamp).isNotNull();
    assertThat(stamp.settled()).as("changed a moment ago: within a clock tick of being read").isFalse();
    assertThat(second.hash(file, second.stamp(file))).isNull();
  }

  @Test
  void fingerprint_isKeptOnlyForTheSameFilesHashesAndDirectory() throws Exception {
    Path a = write("a.yaml", "a");
    Path b = write("b.yaml", "b");
    settle();
    FileStamps first = FileStamps.open(cache);
    first.remember(a, first.stamp(a), "hash-a");
    first.remember(b, first.stamp(b), "hash-b");
    first.save("dir\nplaceholders", "the-fingerprint");

    FileStamps second = FileStamps.open(cache);

    assertThat(second.fingerprint(Map.of(a, "hash-a", b, "hash-b"), "dir\nplaceholders")).isEqualTo("the-fingerprint");
    assertThat(second.fingerprint(Map.of(a, "hash-a", b, "hash-b"), "dir\nother placeholders")).isNull();
    assertThat(second.fingerprint(Map.of(a, "hash-a", b, "changed"), "dir\nplaceholders")).isNull();
    assertThat(second.fingerprint(Map.of(a, "hash-a"), "dir\nplaceholders")).as("a file gone").isNull();
    Path c = write("c.yaml", "c");
    assertThat(second.fingerprint(Map.of(a, "hash-a", b, "hash-b", c, "hash-c"), "dir\nplaceholders"))
        .as("a file added").isNull();
  }
}
