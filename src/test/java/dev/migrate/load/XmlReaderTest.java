package dev.migrate.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.migrate.changelog.OperationKind;
import dev.migrate.changelog.SourceSpan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class XmlReaderTest {

  /** Numbers as the readers make them: integers BigInteger, others BigDecimal with their scale. */
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS, DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
      .build();

  static Path resource(String name) {
    try {
      return Path.of(XmlReaderTest.class.getClassLoader().getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void read_specExample_givesTheYamlSpelling() {
    List<Diagnostic> sink = new ArrayList<>();
    Document document = XmlReader.read(resource("xml/example.xml"), sink);

    assertThat(sink).isEmpty();
    assertThat(document.root()).isEqualTo(json("""
        {"revision": "a1b2c3d4e5f6", "down-revision": "0c9d8e7f6a5b", "message": "add new features table",
         "upgrade": [
           {"create-table": {"name": "new_features", "columns": [
              {"name": "id", "type": "integer", "identity": "by-default", "primary-key": true},
              {"name": "name", "type": "varchar", "nullable": false},
              {"name": "is_active", "type": "boolean", "nullable": false, "default": true},
              {"name": "created_at", "type": "timestamptz", "default": {"sql": "now()"}}]}},
           {"create-index": {"name": "ix_new_features_name", "table": "new_features", "columns": ["name"]}}]}
        """));
  }

  @Test
  void read_specExample_recordsWhereEachElementAndAttributeStarts() {
    Path file = resource("xml/example.xml");
    Document document = XmlReader.read(file, new ArrayList<>());

    assertThat(document.positions().get("")).isEqualTo(SourceSpan.of(file, 2, 1));
    assertThat(document.positions().get("/upgrade/0")).isEqualTo(SourceSpan.of(file, 5, 5));
    assertThat(document.positions().get("/upgrade/0/create-table/columns/1")).isEqualTo(SourceSpan.of(file, 7, 7));
    assertThat(document.positions().get("/upgrade/0/create-table/columns/1/nullable"))
        .isEqualTo(SourceSpan.of(file, 7, 42));
    assertThat(document.positions().get("/upgrade/1/create-index/columns/0")).isEqualTo(SourceSpan.of(file, 11, 68));
  }

  @Test
  void read_schemaHintCommentsAndCdata_areAccepted() {
    String text = """
        <?xml version="1.0" encoding="UTF-8"?>
        <revision xmlns="urn:migrate:changelog:1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                  xsi:schemaLocation="urn:migrate:changelog:1 https://example.invalid/changelog.xsd"
                  revision="a1">
          <!-- the IDE finds the schema through the hint; the reader never fetches it -->
          <message>with a schema hint</message>
          <upgrade><sql><![CDATA[SELECT 1 < 2]]></sql></upgrade>
        </revision>
        """;
    List<Diagnostic> sink = new ArrayList<>();

    Document document = XmlReader.read(Path.of("hint.xml"), text, sink);

    assertThat(sink).isEmpty();
    assertThat(document.root()).isEqualTo(json("""
        {"revision": "a1", "message": "with a schema hint", "upgrade": [{"sql": "SELECT 1 < 2"}]}
        """));
  }

  @Test
  void load_xmlFileWithAModelError_isPlacedInTheXmlFile(@TempDir Path directory) throws IOException {
    Path file = directory.resolve("a1_bad_type.xml");
    Files.writeString(file, """
        <revision xmlns="urn:migrate:changelog:1" revision="a1">
          <message>a type that is not one</message>
          <upgrade>
            <create-table name="t">
              <column name="id" type="varchar(x"/>
            </create-table>
          </upgrade>
        </revision>
        """);

    ChangelogException thrown = catchThrowableOfType(ChangelogException.class,
        () -> new ChangelogLoader(Map.of(), null).load(directory));

    assertThat(thrown.diagnostics()).singleElement().satisfies(d -> {
      assertThat(d.at().file()).isEqualTo(file);
      assertThat(d.at().line()).isEqualTo(5);
      assertThat(d.message()).contains("varchar(x");
    });
  }

  @Nested
  class BrokenFiles {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        malformed.xml            | xml-syntax    | 6 | 5  | must be terminated by the matching end-tag "</drop-table>"
        unknown-element.xml      | unknown-key   | 5 | 5  | unknown element <create-tabel> in <upgrade>; did you mean <create-table>?
        unknown-attribute.xml    | unknown-key   | 7 | 15 | unknown attribute 'nullabel' on <column>; did you mean 'nullable'?
        missing-attribute.xml    | missing-key   | 5 | 5  | <create-table> is missing the required attribute 'name'; add name="..."
        wrong-boolean.xml        | wrong-type    | 6 | 40 | attribute 'nullable' of <column> is 'yes'; write true or false
        wrong-enum.xml           | invalid-value | 6 | 40 | attribute 'identity' of <column> is 'by_default'; did you mean 'by-default'?
        bad-revision-id.xml      | invalid-value | 2 | 43 | a revision id is 1 to 64 lowercase letters, digits and underscores
        doctype.xml              | xml-syntax    | 2 | 10 | a DOCTYPE is not allowed in a changelog file
        no-namespace.xml         | unknown-key   | 2 | 1  | write <revision xmlns="urn:migrate:changelog:1" ...>
        missing-upgrade.xml      | missing-key   | 2 | 1  | <revision> is incomplete: it needs <preconditions> or <upgrade>
        misplaced-element.xml    | unknown-key   | 8 | 7  | <column> cannot come here in <create-table>; expected <unique>
        text-in-operation.xml    | wrong-type    | 5 | 5  | <drop-table> takes no text or child elements; write its arguments as attributes
        default-not-a-number.xml | wrong-type    | 6 | 45 | the default of column 'retries' is 'three', but the column is integer; write a number
        sql-twice.xml            | invalid-value | 5 | 5  | <sql> gives its SQL twice; write it in one place
        trigger-events-typo.xml  | invalid-value | 5 | 60 | attribute 'events' of <create-trigger> is 'updat'
        """)
    void read_brokenFile_givesOneDiagnosticWithCodePlaceAndFix(String name, String code, int line, int column,
        String message) {
      Path file = resource("xml/broken/" + name);
      List<Diagnostic> sink = new ArrayList<>();

      Document document = XmlReader.read(file, sink);

      assertThat(document).isNull();
      assertThat(sink).hasSize(1);
      Diagnostic diagnostic = sink.get(0);
      assertThat(diagnostic.code()).isEqualTo(code);
      assertThat(diagnostic.at()).isEqualTo(SourceSpan.of(file, line, column));
      assertThat(diagnostic.message()).contains(message);
    }

    @Test
    void read_severalProblems_reportsEveryOne() {
      Path file = Path.of("several.xml");
      String text = """
          <revision xmlns="urn:migrate:changelog:1" revision="a1">
            <message>two problems</message>
            <upgrade>
              <drop-table name="a" cascad="true"/>
              <drop-table name="b" if-exists="maybe"/>
            </upgrade>
          </revision>
          """;
      List<Diagnostic> sink = new ArrayList<>();

      assertThat(XmlReader.read(file, text, sink)).isNull();

      assertThat(sink).extracting(Diagnostic::code).containsExactly("unknown-key", "wrong-type");
      assertThat(sink).extracting(d -> d.at().line()).containsExactly(4, 5);
      assertThat(sink.get(0).message()).contains("did you mean 'cascade'?");
    }
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', textBlock = """
      <add-foreign-key table="a" columns="b"><column>b</column><references table="c" columns="d"/></add-foreign-key> | invalid-value | <add-foreign-key> gives its columns twice
      <add-foreign-key table="a"><references table="c" columns="d"/></add-foreign-key>                           | missing-key   | <add-foreign-key> needs its columns
      <add-foreign-key table="a" columns="b"><references table="c"/></add-foreign-key>                           | missing-key   | <references> needs its columns
      """)
  void read_columnsGivenTwiceOrNotAtAll_saysWhichAndHow(String operation, String code, String message) {
    String text = "<revision xmlns=\"urn:migrate:changelog:1\" revision=\"a1\"><message>m</message>\n<upgrade>"
        + operation + "</upgrade></revision>";
    List<Diagnostic> sink = new ArrayList<>();

    assertThat(XmlReader.read(Path.of("c.xml"), text, sink)).isNull();

    assertThat(sink).singleElement().satisfies(d -> {
      assertThat(d.code()).isEqualTo(code);
      assertThat(d.at().line()).isEqualTo(2);
      assertThat(d.message()).contains(message);
    });
  }

  @Test
  void schema_everyNamedElementAndAttribute_isDocumented() throws Exception {
    var factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    var schema = factory.newDocumentBuilder().parse(resource(ChangelogXsd.RESOURCE).toFile());
    List<String> undocumented = new ArrayList<>();
    for (String tag : List.of("element", "attribute")) {
      var nodes = schema.getElementsByTagNameNS(javax.xml.XMLConstants.W3C_XML_SCHEMA_NS_URI, tag);
      for (int i = 0; i < nodes.getLength(); i++) {
        var declaration = (org.w3c.dom.Element) nodes.item(i);
        boolean documented = declaration.getElementsByTagNameNS(javax.xml.XMLConstants.W3C_XML_SCHEMA_NS_URI,
            "documentation").getLength() > 0;
        if (declaration.hasAttribute("name") && !documented) {
          undocumented.add(tag + " " + declaration.getAttribute("name"));
        }
      }
    }

    assertThat(undocumented).isEmpty();
  }

  @Test
  void schema_operationElements_areExactlyTheOperationKinds() {
    List<String> keys = Arrays.stream(OperationKind.values()).map(OperationKind::key).toList();

    assertThat(ChangelogXsd.get().operations()).containsExactlyElementsOf(keys);
  }
}
