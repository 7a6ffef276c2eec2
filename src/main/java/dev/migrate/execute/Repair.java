package dev.migrate.execute;

/** What {@code migrate:repair} recorded for one revision. */
public record Repair(String revision, Kind kind, String before, String after) {

  public enum Kind {
    /** An applied revision's file changed: its new checksum is accepted. */
    CHECKSUM,
    /** A non-transactional revision had stopped part-way and the user undid it: it runs again from the start. */
    FAILED_STATE
  }

  public String describe() {
    return kind == Kind.CHECKSUM ? "accepted checksum " + after + " (was " + before + ")"
        : "recorded that what it had committed was undone by hand; the next upgrade runs it from the start";
  }
}
