package dev.migrate.lint;

import dev.migrate.changelog.SourceSpan;

/**
 * One lint finding as reported.
 *
 * @param rule the rule id
 * @param revision the id of the revision it is in
 * @param acknowledgement the author's reason when an operation acknowledges the rule, else null
 */
public record Finding(String rule, Severity severity, SourceSpan at, String revision, String risk, String safeWay,
    String acknowledgement) {

  public boolean acknowledged() {
    return acknowledgement != null;
  }

  /** An error nobody acknowledged: it fails the build. */
  public boolean failsTheBuild() {
    return severity == Severity.ERROR && !acknowledged();
  }
}
