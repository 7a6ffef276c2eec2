package dev.migrate.lint;

import java.util.Map;

/**
 * What lint is told by the build.
 *
 * @param postgresMajor the target major: rules about locks and rewrites read its measured lock table
 * @param severities the configured severity per rule id; a rule not named keeps its default
 * @param lockTimeoutConfigured whether the run sets a lock_timeout (the plugin's {@code lockTimeout})
 */
public record LintSettings(int postgresMajor, Map<String, Severity> severities, boolean lockTimeoutConfigured) {

  public LintSettings {
    severities = Map.copyOf(severities);
  }

  public Severity severityOf(Rule rule) {
    return severities.getOrDefault(rule.id(), rule.defaultSeverity());
  }
}
