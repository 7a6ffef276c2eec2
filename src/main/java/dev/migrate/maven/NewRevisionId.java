package dev.migrate.maven;

import dev.migrate.MigrateException;
import dev.migrate.changelog.Revision;
import dev.migrate.load.RevisionTemplate;
import java.util.function.Predicate;

/**
 * The id of a revision {@code migrate:revision} or {@code migrate:merge} is about to write: the
 * user's {@code -Dmigrate.revId}, checked as the changelog's loader would check it, or a new
 * random one. Checked before the file is written, so a bad id never lands in the changelog.
 */
final class NewRevisionId {

  private NewRevisionId() {}

  /** {@code requested} when it is a valid, free id; a new 12-hex id when it is null. */
  static String of(String requested, Predicate<String> taken) {
    if (requested == null) {
      return RevisionTemplate.newId(taken);
    }
    if (Revision.RESERVED_IDS.contains(requested)) {
      throw new MigrateException("reserved-revision-id", "-Dmigrate.revId=" + requested + " cannot be a revision id:"
          + " head, heads and base name targets; choose another id, or leave out -Dmigrate.revId for 12 random hex digits");
    }
    if (!Revision.isValidId(requested)) {
      throw new MigrateException("invalid-revision-id", "-Dmigrate.revId='" + requested + "' is not a valid revision id:"
          + " use 1 to 64 lowercase letters, digits and underscores, or leave out -Dmigrate.revId for 12 random hex digits");
    }
    if (taken.test(requested)) {
      throw new MigrateException("duplicate-revision", "Revision " + requested + " already exists; choose another"
          + " -Dmigrate.revId, or leave it out for 12 random hex digits");
    }
    return requested;
  }
}
