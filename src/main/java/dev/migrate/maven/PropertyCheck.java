package dev.migrate.maven;

import dev.migrate.MigrateException;
import dev.migrate.graph.Suggestions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.Parameter;
import org.apache.maven.plugin.descriptor.PluginDescriptor;

/**
 * The {@code migrate.*} user properties of a run checked against the properties the plugin's
 * goals read, so a typo fails instead of silently running the default
 * ({@code -Dmigrate.taget=+1} would otherwise upgrade to head). A name no goal reads is an
 * error with the nearest names; a name only other goals read is a warning.
 *
 * <p>The names come from the plugin's own descriptor (META-INF/maven/plugin.xml), which lists
 * every goal's parameters with their {@code ${property}} expressions, so a new parameter is
 * known without a list to keep.
 *
 * <p>A boolean property with a value other than true or false ({@code -Dmigrate.verbose=yes})
 * is an error too: Maven would read it as false.
 *
 * @param goal the running goal
 * @param byGoal every goal of the plugin and the {@code migrate.*} properties it reads
 * @param booleans the properties of boolean parameters
 */
record PropertyCheck(String goal, Map<String, Set<String>> byGoal, Set<String> booleans) {

  static final String PREFIX = "migrate.";

  /**
   * Parameters without a {@code property} whose {@code -Dmigrate.<name>} the mojos read from the
   * session themselves, so that {@code mvn -X} never prints them (see {@link AbstractDatabaseMojo}).
   */
  static final Set<String> READ_FROM_SESSION = Set.of("url", "password");

  PropertyCheck {
    Map<String, Set<String>> sorted = new TreeMap<>();
    byGoal.forEach((g, names) -> sorted.put(g, Collections.unmodifiableSortedSet(new TreeSet<>(names))));
    byGoal = Collections.unmodifiableSortedMap(new TreeMap<>(sorted));
    booleans = Set.copyOf(booleans);
  }

  /** The check for {@code goal} over every goal of the plugin's descriptor. */
  static PropertyCheck of(PluginDescriptor plugin, String goal) {
    Map<String, Set<String>> byGoal = new TreeMap<>();
    Set<String> booleans = new TreeSet<>();
    for (MojoDescriptor mojo : plugin.getMojos()) {
      Set<String> names = new TreeSet<>();
      for (Parameter parameter : mojo.getParameters() == null ? List.<Parameter>of() : mojo.getParameters()) {
        String expression = parameter.getExpression();
        if (expression != null && expression.startsWith("${" + PREFIX) && expression.endsWith("}")) {
          String name = expression.substring(2, expression.length() - 1);
          names.add(name);
          if ("boolean".equals(parameter.getType()) || "java.lang.Boolean".equals(parameter.getType())) {
            booleans.add(name);
          }
        } else if (READ_FROM_SESSION.contains(parameter.getName())) {
          names.add(PREFIX + parameter.getName());
        }
      }
      byGoal.put(mojo.getGoal(), names);
    }
    return new PropertyCheck(goal, byGoal, booleans);
  }

  /**
   * Checks the user properties: throws {@code unknown-property} naming every {@code migrate.*}
   * name no goal reads, with the nearest known name, and every boolean that is neither true nor
   * false; returns one warning per name that only other goals read.
   */
  List<String> check(Map<String, String> userProperties) {
    Set<String> ours = byGoal.getOrDefault(goal, Set.of());
    Set<String> all = new TreeSet<>();
    byGoal.values().forEach(all::addAll);
    List<String> unknown = new ArrayList<>();
    List<String> invalid = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (String name : new TreeSet<>(userProperties.keySet())) {
      if (!name.startsWith(PREFIX)) {
        continue;
      }
      String value = userProperties.get(name);
      if (booleans.contains(name) && !value.isEmpty() && !value.equalsIgnoreCase("true")
          && !value.equalsIgnoreCase("false")) {
        invalid.add("-D" + name + "=" + value + " is not a boolean: write -D" + name + "=true (or -D" + name
            + " alone) or -D" + name + "=false.");
      }
      if (ours.contains(name)) {
        continue;
      }
      if (all.contains(name)) {
        warnings.add("-D" + name + " has no effect on migrate:" + goal + "; it is read by " + readers(name));
      } else {
        List<String> near = Suggestions.nearest(name, ours.isEmpty() ? all : nearFirst(ours, all, name), 1);
        unknown.add("-D" + name + " is not a property of this plugin" + Suggestions.didYouMean(near));
      }
    }
    if (!unknown.isEmpty()) {
      unknown.addAll(invalid);
      throw new MigrateException("unknown-property", String.join("\n", unknown)
          + " Nothing was run. migrate:" + goal + " reads: " + String.join(", ", ours) + ".");
    }
    if (!invalid.isEmpty()) {
      throw new MigrateException("invalid-property", String.join("\n", invalid) + " Nothing was run.");
    }
    return warnings;
  }

  /** The goal's own names when one is near, else every goal's: a typo most likely means this goal's. */
  private static Set<String> nearFirst(Set<String> ours, Set<String> all, String name) {
    return Suggestions.nearest(name, ours, 1).isEmpty() ? all : ours;
  }

  private String readers(String name) {
    List<String> goals = byGoal.entrySet().stream().filter(e -> e.getValue().contains(name))
        .map(e -> "migrate:" + e.getKey()).toList();
    return String.join(", ", goals);
  }
}
