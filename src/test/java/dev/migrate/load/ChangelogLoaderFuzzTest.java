package dev.migrate.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random mutations and truncations of valid changelog files: whatever the bytes, the loader
 * either loads or throws {@link ChangelogException} with diagnostics, never anything else.
 * The seed is fixed, so a failure reproduces.
 */
class ChangelogLoaderFuzzTest {

  private static final long SEED = 20261124L;
  private static final int ITERATIONS = 300;
  private static final String[] FRAGMENTS = {":", ": ", "-", "- ", "[", "]", "{", "}", "'", "\"", "#", "&a", "*a",
      "!!int ", "|", ">", "\t", "\n", "  ", "0", "yes", "null", "~", "${x}", "$${x}", "${", "<", ">", "</", "/>",
      "&amp;", "<!--", "]]>", "\u00e9", "\uFFFF", "create-table", "columns", "name", "type", "99999999999999999999"};

  @TempDir
  Path dir;

  private static List<String> seeds() throws Exception {
    List<String> seeds = new ArrayList<>();
    Path everyOperation = Path.of(ChangelogLoaderFuzzTest.class.getResource("/every-operation").toURI());
    seeds.add(Files.readString(everyOperation.resolve("a1_every_operation.yaml")));
    seeds.add("existing-types:\n  - enum: replytype\n    values: [text, flex]\n");
    seeds.add("""
        <revision xmlns="urn:migrate:changelog:1" revision="a1" down-revision="p1">
          <message>add table</message>
          <upgrade>
            <create-table name="t">
              <column name="id" type="integer" primary-key="true"/>
              <column name="at" type="timestamptz"><default sql="now()"/></column>
            </create-table>
          </upgrade>
        </revision>
        """);
    return seeds;
  }

  @Test
  void load_mutatedFiles_throwsOnlyChangelogException() throws Exception {
    Random random = new Random(SEED);
    List<String> seeds = seeds();
    int loaded = 0;
    int rejected = 0;
    for (int i = 0; i < ITERATIONS; i++) {
      int pick = random.nextInt(seeds.size());
      String text = mutate(seeds.get(pick), random);
      Path run = Files.createDirectories(dir.resolve("run" + i));
      Files.writeString(run.resolve(pick == 2 ? "r.xml" : "r.yaml"), text);
      try {
        new ChangelogLoader(Map.of("x", "1"), null).load(run);
        loaded++;
      } catch (ChangelogException e) {
        assertThat(e.diagnostics()).as("a ChangelogException carries its diagnostics").isNotEmpty();
        rejected++;
      } catch (RuntimeException | StackOverflowError e) {
        fail("iteration " + i + " threw " + e + " for:\n" + text, e);
      }
    }
    assertThat(rejected).as("most mutations break the file").isGreaterThan(ITERATIONS / 4);
    assertThat(loaded + rejected).isEqualTo(ITERATIONS);
  }

  private static String mutate(String text, Random random) throws IOException {
    StringBuilder out = new StringBuilder(text);
    int edits = 1 + random.nextInt(4);
    for (int e = 0; e < edits && out.length() > 0; e++) {
      int at = random.nextInt(out.length());
      switch (random.nextInt(5)) {
        case 0 -> out.delete(at, Math.min(out.length(), at + 1 + random.nextInt(20)));
        case 1 -> out.insert(at, FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
        case 2 -> out.setLength(at);
        case 3 -> {
          int end = out.indexOf("\n", at);
          if (end > 0) {
            out.insert(end + 1, out.substring(at, end + 1));
          }
        }
        default -> out.setCharAt(at, FRAGMENTS[random.nextInt(FRAGMENTS.length)].charAt(0));
      }
    }
    return out.toString();
  }
}
