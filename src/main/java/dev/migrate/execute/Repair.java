package dev.migrate.execute;

/** What {@code migrate:repair} recorded for one revision. */
public record Repair(String revision, Kind kind, String before, String after) {

  public enum Kind {
    /** An applied revision's file changed: its new checksum is accepted. */
    CHECKSUM,
    /** An applied revision's down-revision or depends-on changed: its new parents are accepted. */
    PARENTS,
    /** A non-transactional revision had stopped part-way and the user undid it: it runs again from the start. */
    FAILED_STATE
  }

  public String describe() {
    return switch (kind) {
      case CHECKSUM -> "accepted checksum " + after + " (was " + before + ")";
      case PARENTS -> "accepted the parents '" + after + "' (were '" + before + "')";
      case FAILED_STATE -> "recorded that what it had committed was undone by hand; the next upgrade runs it from the"
          + " start";
    };
  }
}
