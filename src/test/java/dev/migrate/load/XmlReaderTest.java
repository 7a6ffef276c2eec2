package dev.migrate.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class XmlReaderTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  static Path resource(String name) {
    try {
      return Path.of(XmlReaderTest.class.getClassLoader().getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void read_specExample_givesTheYamlSpelling() throws Exception {
    List<Diagnostic> sink = new ArrayList<>();
    Document document = XmlReader.read(resource("xml/example.xml"), sink);
    assertThat(sink).isEmpty();
    System.out.println(document.root().toPrettyString());
    System.out.println(document.positions());
  }
}
