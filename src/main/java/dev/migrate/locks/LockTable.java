package dev.migrate.locks;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The lock table of one PostgreSQL major, as measured by the generator in the tests and
 * committed as {@code /dev/migrate/locks/pg<major>.json}. Nothing here is typed by hand.
 *
 * @param major the PostgreSQL major the forms ran on
 * @param server the full version of the server that measured them
 * @param forms the forms, in the generator's order
 * @param volatileFunctions the names of the functions in {@code pg_catalog} of which at least one
 *     overload is volatile ({@code provolatile = 'v'}), sorted: a column default that calls one is
 *     evaluated per row, so adding the column rewrites the table
 */
public record LockTable(int major, String server, List<FormLocks> forms, List<String> volatileFunctions) {

  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  public LockTable {
    Objects.requireNonNull(server, "server");
    forms = List.copyOf(forms);
    volatileFunctions = List.copyOf(volatileFunctions);
  }

  /** The resource path of a major's table. */
  public static String resource(int major) {
    return "/dev/migrate/locks/pg" + major + ".json";
  }

  /** Whether a table was measured and committed for this major. */
  public static boolean available(int major) {
    return LockTable.class.getResource(resource(major)) != null;
  }

  /** The committed table of a major; fails naming the major when none was measured. */
  public static LockTable load(int major) {
    try (InputStream in = LockTable.class.getResourceAsStream(resource(major))) {
      if (in == null) {
        throw new IllegalArgumentException("no measured lock table for PostgreSQL " + major + " (" + resource(major)
            + "); README.md, \"What each statement locks\", says how to measure one");
      }
      return read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource(major), e);
    }
  }

  static LockTable read(InputStream in) throws IOException {
    return JSON.readValue(in, LockTable.class);
  }

  /** The measured entry of a form id, e.g. {@code create-index/plain}. */
  public Optional<FormLocks> lookup(String form) {
    return forms.stream().filter(f -> f.form().equals(form)).findFirst();
  }

  /** Whether a built-in function of this name is volatile (in one of its overloads at least). */
  public boolean volatileFunction(String name) {
    return Collections.binarySearch(volatileFunctions, name) >= 0;
  }

  /** The table as the committed JSON (stable: keys sorted, forms in order, a final newline). */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The ids of all forms. */
  public List<String> formIds() {
    List<String> ids = new ArrayList<>();
    forms.forEach(f -> ids.add(f.form()));
    return ids;
  }
}
