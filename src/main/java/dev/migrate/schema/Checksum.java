package dev.migrate.schema;

import dev.migrate.changelog.Revision;

/** The checksum of a revision's normalized model. (Skeleton: being built.) */
public final class Checksum {

  private Checksum() {}

  public static String of(Revision revision) {
    throw new UnsupportedOperationException(revision.id());
  }
}
