package dev.migrate.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.migrate.changelog.Changelog;
import dev.migrate.changelog.Operation;
import dev.migrate.changelog.Revision;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the loader reads and refuses: sql files outside the changelog, link loops, FIFOs, huge
 * files. A loop or a FIFO used to hang the loader, hence the timeout in a thread of its own.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ChangelogFilesTest {

  private static final String SQL_REVISION = "revision: \"r1\"\nmessage: m\nupgrade:\n  - sql: { file: %s }\n";

  @TempDir
  Path root;

  Path dir;

  Path outside;

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }

  private Changelog load(Path cache) {
    return new ChangelogLoader(Map.of(), cache).load(dir);
  }

  private List<Diagnostic> problems(Path cache) {
    ChangelogException thrown = catchThrowableOfType(ChangelogException.class, () -> load(cache));
    assertThat(thrown).as("loading must fail").isNotNull();
    return thrown.diagnostics();
  }

  private Path secret() throws IOException {
    return Files.writeString(outside.resolve("secret.txt"), "PASSWORD=hunter2\n");
  }

  @BeforeEach
  void changelogDirectory() throws IOException {
    dir = Files.createDirectories(root.resolve("migrations"));
    outside = Files.createDirectories(root.resolve("outside"));
  }

  // ---- item 1: sql files stay inside the changelog directory

  @Test
  void sqlFile_absolutePath_isALocatedErrorAndNeverRead() throws IOException {
    Path secret = secret();
    Path revision = write("r1.yaml", SQL_REVISION.formatted("\"" + secret + "\""));

    List<Diagnostic> problems = problems(null);

    assertThat(problems).singleElement().satisfies(d -> {
      assertThat(d.code()).isEqualTo("sql-file-outside-changelog");
      assertThat(d.at().file()).isEqualTo(revision);
      assertThat(d.at().line()).isEqualTo(4);
      assertThat(d.message()).contains("absolute path", "move it there").doesNotContain("hunter2");
    });
  }

  @Test
  void sqlFile_dotDotOutOfTheDirectory_isALocatedError() throws IOException {
    secret();
    write("r1.yaml", SQL_REVISION.formatted("../outside/secret.txt"));

    assertThat(problems(null)).singleElement().satisfies(d -> {
      assertThat(d.code()).isEqualTo("sql-file-outside-changelog");
      assertThat(d.at().line()).isEqualTo(4);
      assertThat(d.message()).contains("outside the changelog directory").doesNotContain("hunter2");
    });
  }

  @Test
  void sqlFile_symlinkOut_isALocatedError() throws IOException {
    Files.createSymbolicLink(dir.resolve("x.sql"), secret());
    write("r1.yaml", SQL_REVISION.formatted("x.sql"));

    assertThat(problems(null)).singleElement().satisfies(d -> {
      assertThat(d.code()).isEqualTo("sql-file-outside-changelog");
      assertThat(d.message()).contains("outside the changelog directory").doesNotContain("hunter2");
    });
  }

  @Test
  void sqlFile_symlinkOut_inXml_isALocatedError() throws IOException {
    Files.createSymbolicLink(dir.resolve("x.sql"), secret());
    Path revision = write("r1.xml", """
        <?xml version="1.0" encoding="UTF-8"?>
        <revision xmlns="urn:migrate:changelog:1" revision="r1">
          <message>m</message>
          <upgrade>
            <sql file="x.sql"/>
          </upgrade>
        </revision>
        """);

    assertThat(problems(null)).singleElement().satisfies(d -> {
      assertThat(d.code()).isEqualTo("sql-file-outside-changelog");
      assertThat(d.at().file()).isEqualTo(revision);
      assertThat(d.at().line()).isEqualTo(5);
    });
  }

  @Test
  void sqlFile_insideThroughDotDotOrALinkInside_isRead() throws IOException {
    write("shared/grant.sql", "GRANT SELECT ON t TO app;\n");
    Files.createSymbolicLink(dir.resolve("linked.sql"), dir.resolve("shared/grant.sql"));
    write("sub/r1.yaml", SQL_REVISION.formatted("../shared/grant.sql"));
    write("r2.yaml", "revision: \"r2\"\ndown-revision: \"r1\"\nmessage: m\nupgrade:\n  - sql: { file: linked.sql }\n");

    List<Revision> revisions = load(null).revisions();

    assertThat(revisions).extracting(r -> ((Operation.Sql) r.upgradeOperations().get(0)).up())
        .containsOnly("GRANT SELECT ON t TO app;\n");
  }

  @Test
  void sqlFile_replacedByALinkOut_isCheckedThoughTheRevisionIsCached() throws IOException {
    Path cache = root.resolve("cache");
    write("r1.yaml", SQL_REVISION.formatted("x.sql"));
    Path sql = write("x.sql", "SELECT 1;\n");
    load(cache);

    Files.delete(sql);
    Files.createSymbolicLink(sql, secret());

    assertThat(problems(cache)).singleElement().extracting(Diagnostic::code).isEqualTo("sql-file-outside-changelog");
  }

  @Test
  void sqlFile_aFifo_isRefusedNotRead() throws Exception {
    write("r1.yaml", SQL_REVISION.formatted("x.sql"));
    mkfifo(dir.resolve("x.sql"));

    assertThat(problems(null)).singleElement().satisfies(d -> {
      assertThat(d.code()).isEqualTo("not-a-regular-file");
      assertThat(d.at().line()).isEqualTo(4);
    });
  }

  @Test
  void sqlFile_overTheLimit_isRefusedByItsSize() throws IOException {
    write("r1.yaml", SQL_REVISION.formatted("big.sql"));
    sparse(dir.resolve("big.sql"), ChangelogFiles.MAX_SQL_FILE + 1);

    assertThat(problems(null)).singleElement().satisfies(d -> {
      assertThat(d.code()).isEqualTo("file-too-large");
      assertThat(d.at().line()).isEqualTo(4);
      assertThat(d.message()).contains(String.valueOf(ChangelogFiles.MAX_SQL_FILE), "16 MiB");
    });
  }

  // ---- item 6: links and special files in the tree

  @Test
  void load_twoLinksToItsOwnDirectory_reportsEachLoopOnce() throws IOException {
    write("r1.yaml", "revision: \"r1\"\nmessage: m\nupgrade: []\n");
    Files.createSymbolicLink(dir.resolve("l1"), Path.of("."));
    Files.createSymbolicLink(dir.resolve("l2"), Path.of("."));

    List<Diagnostic> problems = problems(null);

    assertThat(problems).extracting(Diagnostic::code).containsExactly("symlink-loop", "symlink-loop");
    assertThat(problems).extracting(d -> d.at().file().getFileName().toString()).containsExactly("l1", "l2");
    assertThat(problems.get(0).message()).contains("symlink loop", "remove the link");
  }

  @Test
  void load_aLinkToAnAncestorBelow_isALoop() throws IOException {
    write("a/b/r1.yaml", "revision: \"r1\"\nmessage: m\nupgrade: []\n");
    Files.createSymbolicLink(dir.resolve("a/b/up"), Path.of("../.."));

    assertThat(problems(null)).singleElement().extracting(Diagnostic::code).isEqualTo("symlink-loop");
  }

  @Test
  void load_aSecondLinkToADirectoryReadAlready_isReportedOnceNotAsDuplicates() throws IOException {
    write("real/r1.yaml", "revision: \"r1\"\nmessage: m\nupgrade: []\n");
    write("real/r2.yaml", "revision: \"r2\"\ndown-revision: \"r1\"\nmessage: m\nupgrade: []\n");
    Files.createSymbolicLink(dir.resolve("zlink"), dir.resolve("real"));

    assertThat(problems(null)).singleElement().satisfies(d -> {
      assertThat(d.code()).isEqualTo("directory-read-twice");
      assertThat(d.message()).contains("zlink", "real");
    });
  }

  @Test
  void load_aLinkToADirectoryOutsideReadOnce_isFollowed() throws IOException {
    Files.writeString(outside.resolve("r1.yaml"), "revision: \"r1\"\nmessage: m\nupgrade: []\n");
    Files.createSymbolicLink(dir.resolve("shared"), outside);

    assertThat(load(null).revisions()).extracting(Revision::id).containsExactly("r1");
  }

  @Test
  void load_aFifoNamedLikeARevision_isRefusedNotOpened() throws Exception {
    write("r1.yaml", "revision: \"r1\"\nmessage: m\nupgrade: []\n");
    mkfifo(dir.resolve("b2.yaml"));

    assertThat(problems(null)).singleElement().satisfies(d -> {
      assertThat(d.code()).isEqualTo("not-a-regular-file");
      assertThat(d.at().file().getFileName().toString()).isEqualTo("b2.yaml");
      assertThat(d.message()).contains("not a regular file");
    });
    assertThat(catchThrowableOfType(ChangelogException.class, () -> new ChangelogLoader(Map.of(), null)
        .outline(dir)).diagnostics()).extracting(Diagnostic::code).containsExactly("not-a-regular-file");
  }

  @Test
  void load_aDanglingLinkOrALoopOfFileLinks_isRefusedNamingIt() throws IOException {
    write("r1.yaml", "revision: \"r1\"\nmessage: m\nupgrade: []\n");
    Files.createSymbolicLink(dir.resolve("gone.yaml"), dir.resolve("nothing.yaml"));
    Files.createSymbolicLink(dir.resolve("x.yaml"), dir.resolve("y.yaml"));
    Files.createSymbolicLink(dir.resolve("y.yaml"), dir.resolve("x.yaml"));

    List<Diagnostic> problems = problems(null);

    assertThat(problems).extracting(d -> d.at().file().getFileName() + " " + d.code())
        .containsExactly("gone.yaml not-a-regular-file", "x.yaml not-a-regular-file", "y.yaml not-a-regular-file");
    assertThat(problems.get(0).message()).contains("symbolic link that leads to no file", "fix or remove it");
  }

  @Test
  void load_aDirectoryNamedLikeARevision_isRefused() throws IOException {
    write("r1.yaml", "revision: \"r1\"\nmessage: m\nupgrade: []\n");
    Files.createDirectories(dir.resolve("old.yaml"));

    assertThat(problems(null)).singleElement().satisfies(d -> {
      assertThat(d.code()).isEqualTo("not-a-regular-file");
      assertThat(d.message()).contains("a directory");
    });
  }

  // ---- item 7: size before parsing

  @Test
  @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void load_aFileOverTheLimit_isRefusedByItsSizeBeforeParsing() throws IOException {
    Path big = dir.resolve("r1.yaml");
    try (var out = Files.newBufferedWriter(big)) {
      out.write("revision: \"r1\"\nmessage: \"");
      char[] block = new char[1 << 16];
      java.util.Arrays.fill(block, 'x');
      for (long n = 0; n < 50L * 1024 * 1024; n += block.length) {
        out.write(block);
      }
      out.write("\"\nupgrade: []\n");
    }

    long start = System.nanoTime();
    List<Diagnostic> problems = problems(null);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(problems).singleElement().satisfies(d -> {
      assertThat(d.code()).isEqualTo("file-too-large");
      assertThat(d.at().file()).isEqualTo(big);
      assertThat(d.message()).contains(String.valueOf(ChangelogFiles.MAX_CHANGELOG_FILE), "3 MiB", "split it");
    });
  }

  @Test
  void load_anXmlFileOverTheLimit_isRefusedByItsSize() throws IOException {
    sparse(dir.resolve("r1.xml"), ChangelogFiles.MAX_CHANGELOG_FILE + 1);

    assertThat(problems(null)).singleElement().extracting(Diagnostic::code).isEqualTo("file-too-large");
  }

  private static void sparse(Path file, long size) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(size);
    }
  }

  private static void mkfifo(Path path) throws IOException, InterruptedException {
    Process process = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
    assertThat(process.waitFor()).as("mkfifo").isZero();
  }
}
