package dev.migrate.lint;

import dev.migrate.MigrateException;
import dev.migrate.graph.Suggestions;
import dev.migrate.locks.LockTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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

  /**
   * The settings from the build's configuration: {@code configured} maps rule ids to severity
   * words, as {@code <lint><rules><destructive-drop>warning</destructive-drop></rules></lint>}
   * gives them.
   *
   * @throws MigrateException {@code invalid-lint-configuration}, naming every unknown rule id
   *     (with the nearest) and every unknown severity at once, and the known ones; or
   *     {@code unsupported-postgres-version} for a major with no measured lock table
   */
  public static LintSettings configured(int postgresMajor, Map<String, String> configured, boolean lockTimeout,
      List<Rule> known) {
    if (!LockTable.available(postgresMajor)) {
      throw new MigrateException("unsupported-postgres-version", "lint has no measured lock table for PostgreSQL "
          + postgresMajor + "; set postgresVersion (migrate.postgresVersion) to a major from 14 to 18");
    }
    List<String> ids = known.stream().map(Rule::id).toList();
    Map<String, Severity> severities = new HashMap<>();
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, String> entry : new TreeMap<>(configured).entrySet()) {
      String id = entry.getKey().strip();
      if (!ids.contains(id)) {
        problems.add("'" + id + "' is not a lint rule" + Suggestions.didYouMean(Suggestions.nearest(id, ids, 1)));
        continue;
      }
      try {
        severities.put(id, Severity.parse(entry.getValue()));
      } catch (IllegalArgumentException e) {
        problems.add("<" + id + ">: " + e.getMessage() + ".");
      }
    }
    if (!problems.isEmpty()) {
      throw new MigrateException("invalid-lint-configuration", "<lint><rules> in the plugin's configuration: "
          + String.join(" ", problems) + " The rules are: " + String.join(", ", ids) + ".");
    }
    return new LintSettings(postgresMajor, severities, lockTimeout);
  }
}
