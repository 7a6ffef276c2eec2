package dev.migrate.execute;

/** What {@code migrate:repair} recorded for one revision. */
public record Repair(String revision, Kind kind, String before, String after) {

  public enum Kind {
    /** An applied revision's file changed: its new checksum is accepted. */
    CHECKSUM,
    /** A non-transactional revision had stopped part-way: its failed state is cleared. */
    FAILED_STATE
  }

  public String describe() {
    return kind == Kind.CHECKSUM ? "accepted checksum " + after + " (was " + before + ")"
        : "cleared the failed state; the next upgrade runs it again";
  }
}
