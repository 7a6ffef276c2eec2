package dev.migrate.changelog;

import java.util.List;

/** What a revision's {@code downgrade} says: derive it, these operations, or irreversible. */
public sealed interface Downgrade {

  /** No {@code downgrade} key: the inverse of the upgrade, derived from the schema model. */
  record Derived() implements Downgrade {}

  /** A list of operations, used as written ({@code []} is an explicit no-op). */
  record Written(List<Change> changes) implements Downgrade {
    public Written {
      changes = List.copyOf(changes);
    }
  }

  /** {@code downgrade: irreversible}: a downgrade past this revision stops before doing anything. */
  record Irreversible() implements Downgrade {}

  static Downgrade derived() {
    return new Derived();
  }

  static Downgrade irreversible() {
    return new Irreversible();
  }
}
