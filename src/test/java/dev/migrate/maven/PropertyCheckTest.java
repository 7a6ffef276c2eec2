package dev.migrate.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.migrate.MigrateException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugin.descriptor.PluginDescriptorBuilder;
import org.junit.jupiter.api.Test;

class PropertyCheckTest {

  private final PropertyCheck upgrade = new PropertyCheck("upgrade", Map.of(
      "upgrade", Set.of("migrate.target", "migrate.url", "migrate.skip"),
      "revision", Set.of("migrate.message", "migrate.revId", "migrate.skip"),
      "sql", Set.of("migrate.from", "migrate.target", "migrate.skip")), Set.of("migrate.skip"));

  private static Map<String, String> given(String... names) {
    Map<String, String> properties = new java.util.TreeMap<>();
    for (String name : names) {
      int eq = name.indexOf('=');
      properties.put(eq < 0 ? name : name.substring(0, eq), eq < 0 ? "x" : name.substring(eq + 1));
    }
    return properties;
  }

  @Test
  void check_typoOfThisGoalsProperty_failsSuggestingIt() {
    MigrateException e = catchThrowableOfType(MigrateException.class,
        () -> upgrade.check(given("migrate.taget")));

    assertThat(e.code()).isEqualTo("unknown-property");
    assertThat(e.getMessage()).contains("-Dmigrate.taget is not a property of this plugin; did you mean migrate.target?",
        "Nothing was run", "migrate:upgrade reads: migrate.skip, migrate.target, migrate.url");
    String meant = e.getMessage().replaceAll("(?s).*did you mean ([\\w.]+)\\?.*", "$1");
    assertThat(upgrade.check(given(meant + "=+1"))).as("the name suggested, followed").isEmpty();
  }

  @Test
  void check_typoOfAnotherGoalsProperty_suggestsThatOne() {
    MigrateException e = catchThrowableOfType(MigrateException.class, () -> upgrade.check(given("migrate.mesage")));

    assertThat(e.getMessage()).contains("did you mean migrate.message?");
  }

  @Test
  void check_nameFarFromEveryProperty_failsWithoutSuggestion() {
    MigrateException e = catchThrowableOfType(MigrateException.class, () -> upgrade.check(given("migrate.zzzzzzzzz")));

    assertThat(e.getMessage()).contains("-Dmigrate.zzzzzzzzz is not a property of this plugin.").doesNotContain("did you");
  }

  @Test
  void check_propertyOnlyAnotherGoalReads_warnsNamingThatGoal() {
    assertThat(upgrade.check(given("migrate.from", "migrate.target")))
        .containsExactly("-Dmigrate.from has no effect on migrate:upgrade; it is read by migrate:sql");
  }

  @Test
  void check_booleanThatIsNeitherTrueNorFalse_fails() {
    MigrateException e = catchThrowableOfType(MigrateException.class, () -> upgrade.check(given("migrate.skip=ture")));

    assertThat(e.code()).isEqualTo("invalid-property");
    assertThat(e.getMessage()).contains("-Dmigrate.skip=ture is not a boolean: write -Dmigrate.skip=true"
        + " (or -Dmigrate.skip alone) or -Dmigrate.skip=false.");
    assertThat(upgrade.check(given("migrate.skip=true", "migrate.target=head"))).isEmpty();
    assertThat(upgrade.check(given("migrate.skip=", "migrate.target=head"))).isEmpty();
    assertThat(upgrade.check(given("migrate.skip=FALSE"))).isEmpty();
  }

  @Test
  void check_otherProperties_ignored() {
    assertThat(upgrade.check(given("maven.repo.local", "migrateX", "skipTests", "migrate.url"))).isEmpty();
  }

  /** The names come from the plugin.xml the build generates, so every goal's parameters are known without a list. */
  @Test
  void of_thePluginsOwnDescriptor_knowsEveryGoalsProperties() throws Exception {
    PluginDescriptor plugin;
    try (Reader xml = Files.newBufferedReader(Path.of("target/classes/META-INF/maven/plugin.xml"))) {
      plugin = new PluginDescriptorBuilder().build(xml);
    }

    PropertyCheck check = PropertyCheck.of(plugin, "upgrade");

    assertThat(check.byGoal().get("upgrade")).contains("migrate.target", "migrate.url", "migrate.password",
        "migrate.skip", "migrate.lockTimeout", "migrate.serverId").doesNotContain("migrate.message");
    // revision reads a database only with autogenerate, but it does read one then
    assertThat(check.byGoal().get("revision")).contains("migrate.message", "migrate.revId", "migrate.autogenerate",
        "migrate.url", "migrate.referenceUrl", "migrate.desired");
    assertThat(check.byGoal().get("merge")).contains("migrate.message").doesNotContain("migrate.url");
    assertThat(check.byGoal().get("sql")).contains("migrate.from", "migrate.postgresVersion");
    assertThat(check.booleans()).contains("migrate.skip", "migrate.verbose", "migrate.autogenerate")
        .doesNotContain("migrate.target");
    assertThat(check.check(given("migrate.message"))).containsExactly(
        "-Dmigrate.message has no effect on migrate:upgrade; it is read by migrate:merge, migrate:revision");
  }

  @Test
  void of_thePluginsOwnDescriptor_knowsLintsProperties() throws Exception {
    PluginDescriptor plugin;
    try (Reader xml = Files.newBufferedReader(Path.of("target/classes/META-INF/maven/plugin.xml"))) {
      plugin = new PluginDescriptorBuilder().build(xml);
    }

    PropertyCheck check = PropertyCheck.of(plugin, "lint");

    assertThat(check.byGoal().get("lint")).contains("migrate.postgresVersion", "migrate.lockTimeout",
        "migrate.format", "migrate.outputFile", "migrate.directory", "migrate.skip").doesNotContain("migrate.url");
    assertThat(check.check(given("migrate.url"))).singleElement().asString()
        .startsWith("-Dmigrate.url has no effect on migrate:lint");
  }
}
