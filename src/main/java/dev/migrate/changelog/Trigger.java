package dev.migrate.changelog;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A trigger as {@code CREATE TRIGGER} defines it: what {@code create-trigger} carries, what
 * the schema model keeps (so {@code drop-trigger} is undone by the exact prior definition) and
 * what introspection reads back from {@code pg_trigger}. Events are kept in PostgreSQL's order
 * (insert, update, delete, truncate), whatever order the author wrote them in.
 *
 * <pre>
 * new Trigger("users_updated_at", QualifiedName.parse("users"), Trigger.Timing.BEFORE, Set.of(Trigger.Event.UPDATE),
 *     List.of(), true, null, QualifiedName.parse("set_updated_at"), List.of())
 * </pre>
 *
 * @param updateOf the columns of {@code UPDATE OF a, b}; empty for any update
 * @param forEachRow FOR EACH ROW, else FOR EACH STATEMENT (PostgreSQL's default)
 * @param when the condition (the author's SQL), or null
 * @param function the trigger function, which takes no arguments and returns trigger
 * @param arguments the literal strings passed to the function (TG_ARGV)
 */
public record Trigger(String name, QualifiedName table, Timing timing, Set<Event> events, List<String> updateOf,
    boolean forEachRow, String when, QualifiedName function, List<String> arguments) {

  public Trigger {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(timing, "timing");
    Objects.requireNonNull(function, "function");
    if (events.isEmpty()) {
      throw new IllegalArgumentException("a trigger needs at least one event: insert, update, delete or truncate");
    }
    events = java.util.Collections.unmodifiableSet(EnumSet.copyOf(events));
    updateOf = List.copyOf(updateOf);
    arguments = List.copyOf(arguments);
    if (!updateOf.isEmpty() && !events.contains(Event.UPDATE)) {
      throw new IllegalArgumentException("update-of names columns, but the events do not include update; add update"
          + " to the events or remove update-of");
    }
    if (when != null && when.isBlank()) {
      when = null;
    }
  }

  public enum Timing {
    BEFORE, AFTER, INSTEAD_OF;

    /** {@code before}, {@code after}, {@code instead-of}. */
    public String key() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public String sql() {
      return name().replace('_', ' ');
    }
  }

  /** The events, in the order PostgreSQL prints them. */
  public enum Event {
    INSERT, UPDATE, DELETE, TRUNCATE;

    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public Trigger withTable(QualifiedName newTable) {
    return new Trigger(name, newTable, timing, events, updateOf, forEachRow, when, function, arguments);
  }

  public Trigger withFunction(QualifiedName newFunction) {
    return new Trigger(name, table, timing, events, updateOf, forEachRow, when, newFunction, arguments);
  }

  public Trigger withWhen(String newWhen) {
    return new Trigger(name, table, timing, events, updateOf, forEachRow, newWhen, function, arguments);
  }

  public Trigger withUpdateOf(List<String> columns) {
    return new Trigger(name, table, timing, events, columns, forEachRow, when, function, arguments);
  }
}
