package dev.migrate.maven;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code <lint>} element of the plugin's configuration. Maven ignores attributes, so each
 * rule's severity is an element named after the rule:
 *
 * <pre>{@code
 * <lint>
 *   <rules>
 *     <destructive-drop>warning</destructive-drop>
 *     <prefer-text>off</prefer-text>
 *   </rules>
 * </lint>
 * }</pre>
 */
public class LintOptions {

  /** Rule id to severity: off, info, warning or error. Maven fills it from the elements. */
  private Map<String, String> rules = new LinkedHashMap<>();

  Map<String, String> rules() {
    return rules == null ? Map.of() : rules;
  }
}
