package dev.migrate.changelog;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The checksum of a revision's meaning: {@code "1:"} and the SHA-256 of a canonical text of its
 * normalized operations, {@code transactional} and preconditions. Comments, key order, quoting
 * and YAML-versus-XML spelling do not change it (the operations are equal records; maps are
 * written sorted by key); {@code message}, {@code downgrade}, {@code acknowledge}/{@code reason}
 * and positions are left out; any argument of any operation changes it. The {@code 1:} prefix
 * versions this normal form, so a later one can be told apart from a changed file.
 */
public final class Checksum {

  /** The version of the normal form, the part before the colon. */
  public static final String VERSION = "1";

  private Checksum() {}

  /** The checksum of {@code revision} as its model stands; {@link Revision#checksum()} is the one to record. */
  public static String of(Revision revision) {
    return of(revision.transactional(), revision.preconditions(), revision.upgrade());
  }

  static String of(boolean transactional, Preconditions preconditions, List<Change> upgrade) {
    StringBuilder text = new StringBuilder();
    text.append("transactional=").append(transactional).append('\n');
    write(text, preconditions);
    text.append('\n');
    for (Change change : upgrade) {
      write(text, change.operation());
      text.append('\n');
    }
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
      return VERSION + ":" + HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** The canonical text: records by component, maps sorted by key, strings quoted. */
  private static void write(StringBuilder out, Object value) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      out.append('"').append(s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")).append('"');
    } else if (value instanceof BigDecimal number) {
      out.append(number.toString());
    } else if (value instanceof Number || value instanceof Boolean) {
      out.append(value);
    } else if (value instanceof Enum<?> e) {
      out.append(e.name());
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      Map<String, Object> sorted = new TreeMap<>();
      map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
      sorted.forEach((k, v) -> {
        write(out, k);
        out.append('=');
        write(out, v);
        out.append(',');
      });
      out.append('}');
    } else if (value instanceof Collection<?> list) {
      out.append('[');
      list.forEach(v -> {
        write(out, v);
        out.append(',');
      });
      out.append(']');
    } else if (value instanceof Record record) {
      writeRecord(out, record);
    } else {
      throw new IllegalStateException("no canonical form for " + value.getClass());
    }
  }

  private static void writeRecord(StringBuilder out, Record record) {
    out.append(record instanceof Operation op ? op.kind().key() : record.getClass().getSimpleName()).append('(');
    for (Component component : COMPONENTS.get(record.getClass())) {
      out.append(component.name()).append('=');
      try {
        write(out, component.accessor().invoke(record));
      } catch (Throwable e) {
        throw new IllegalStateException("cannot read " + component.name() + " of " + record.getClass(), e);
      }
      out.append(';');
    }
    out.append(')');
  }

  /** A record component's name and accessor, looked up once per class: reflection per call was most of the cost. */
  private record Component(String name, MethodHandle accessor) {}

  private static final ClassValue<List<Component>> COMPONENTS = new ClassValue<>() {
    @Override
    protected List<Component> computeValue(Class<?> type) {
      List<Component> components = new ArrayList<>();
      for (RecordComponent component : type.getRecordComponents()) {
        // the path of an sql file is where it lies, not what it says; its text is in `up`
        if (type == Operation.Sql.class && component.getName().equals("file")) {
          continue;
        }
        try {
          components.add(new Component(component.getName(), MethodHandles.publicLookup().unreflect(component.getAccessor())));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException("cannot read " + component, e);
        }
      }
      return List.copyOf(components);
    }
  };
}
