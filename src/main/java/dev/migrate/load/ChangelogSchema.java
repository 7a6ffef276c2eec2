package dev.migrate.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * The published JSON Schema of changelog files ({@code changelog-schema/changelog.schema.json},
 * shipped in the jar), and validation of a {@link Document} against it.
 *
 * <p>Building the validator takes a few hundred milliseconds, so it is built on first use
 * only: goals that never load a changelog, and loads whose files are all in the validation
 * cache, never pay for it.
 */
final class ChangelogSchema {

  static final String RESOURCE = "/changelog-schema/changelog.schema.json";

  private final JsonNode tree;
  private final JsonSchema schema;

  private ChangelogSchema(JsonNode tree) {
    this.tree = tree;
    SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).build();
    this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(tree, config);
    this.schema.initializeValidators();
  }

  /** The schema, built on first call. */
  static ChangelogSchema instance() {
    return Holder.INSTANCE;
  }

  /** The schema as a tree, for what the validator does not say (allowed keys, descriptions). */
  JsonNode tree() {
    return tree;
  }

  /** Every schema violation of {@code document}, one diagnostic each, in file order. */
  List<Diagnostic> check(Document document) {
    Set<ValidationMessage> messages = schema.validate(document.root());
    if (messages.isEmpty()) {
      return List.of();
    }
    return new SchemaFindings(tree, document).diagnostics(messages);
  }

  /**
   * A CRC-32 of the schema's bytes: validation cached under another schema (a different plugin
   * version) does not count. Every run asks for it, so it is the JDK's native CRC, not SHA-256,
   * which a cold JVM interprets: 30 ms for these 100 KB, a tenth of a no-op upgrade. It tells our
   * own schema's versions apart; nobody else writes that resource.
   */
  static String fingerprint() {
    CRC32 crc = new CRC32();
    crc.update(resourceBytes());
    return Long.toHexString(crc.getValue());
  }

  private static byte[] resourceBytes() {
    try (InputStream in = ChangelogSchema.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the plugin jar lacks " + RESOURCE + "; the build is broken");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The initialization-on-demand holder: the JVM builds the schema once, on first use. */
  private static final class Holder {
    static final ChangelogSchema INSTANCE;

    static {
      try {
        INSTANCE = new ChangelogSchema(new ObjectMapper().readTree(resourceBytes()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
