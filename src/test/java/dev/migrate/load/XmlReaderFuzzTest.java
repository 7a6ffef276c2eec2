package dev.migrate.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Broken XML of every kind must come out as diagnostics with a place, never as an exception:
 * the spec example and a file using most of the schema, truncated and mutated at random (fixed
 * seed, so a failure reproduces).
 */
class XmlReaderFuzzTest {

  private static final Set<String> CODES =
      Set.of("xml-syntax", "unknown-key", "missing-key", "wrong-type", "invalid-value", "duplicate-key");
  private static final String NOISE = "<>/\"'&=; \n\tx-:!?[]#0é\u0000";

  @Test
  void read_randomlyBrokenFiles_givesOnlyDiagnostics() throws IOException {
    List<String> seeds = List.of(
        Files.readString(XmlReaderTest.resource("xml/example.xml")),
        Files.readString(XmlReaderTest.resource("xml/broken/unknown-attribute.xml")),
        Files.readString(XmlReaderTest.resource("parity/xml/0002_orders.xml")));
    Random random = new Random(20261124L);
    Path file = Path.of("fuzz.xml");
    int diagnosed = 0;

    for (int run = 0; run < 300; run++) {
      String text = mutate(seeds.get(run % seeds.size()), random);
      List<Diagnostic> sink = new ArrayList<>();
      Document[] document = new Document[1];

      assertThatCode(() -> document[0] = XmlReader.read(file, text, sink)).as("run %d:%n%s", run, text)
          .doesNotThrowAnyException();

      if (document[0] == null) {
        assertThat(sink).as("run %d: a refused file says why", run).isNotEmpty();
        diagnosed++;
      }
      for (Diagnostic d : sink) {
        assertThat(d.code()).as("run %d: %s", run, d).isIn(CODES);
        assertThat(d.at().file()).isEqualTo(file);
        assertThat(d.at().line()).isPositive();
        assertThat(d.at().column()).isPositive();
        assertThat(d.message()).isNotBlank().doesNotContain("cvc-");
      }
    }
    assertThat(diagnosed).as("most mutations break the file").isGreaterThan(150);
  }

  private static String mutate(String text, Random random) {
    StringBuilder out = new StringBuilder(text);
    int edits = 1 + random.nextInt(3);
    for (int i = 0; i < edits && out.length() > 0; i++) {
      int at = random.nextInt(out.length());
      switch (random.nextInt(5)) {
        case 0:
          out.setLength(at);
          break;
        case 1:
          out.delete(at, Math.min(out.length(), at + 1 + random.nextInt(12)));
          break;
        case 2:
          out.insert(at, NOISE.charAt(random.nextInt(NOISE.length())));
          break;
        case 3:
          out.setCharAt(at, NOISE.charAt(random.nextInt(NOISE.length())));
          break;
        default:
          int from = random.nextInt(out.length());
          int to = Math.min(out.length(), from + random.nextInt(40));
          out.insert(at, out.substring(from, to));
          break;
      }
    }
    return out.toString();
  }
}
