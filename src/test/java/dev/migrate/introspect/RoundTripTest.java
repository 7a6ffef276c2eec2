package dev.migrate.introspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.changelog.Change;
import dev.migrate.changelog.Changelog;
import dev.migrate.changelog.Revision;
import dev.migrate.config.EmbeddedDatabase;
import dev.migrate.graph.RevisionGraph;
import dev.migrate.load.ChangelogLoader;
import dev.migrate.render.PostgresRenderer;
import dev.migrate.schema.Replay;
import dev.migrate.schema.SchemaModel;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The requirement of migrate:check: a database made by this tool from its own changelog shows
 * no difference from the changelog's model (safety.md). The sample changelog is rendered,
 * applied, introspected and compared.
 */
class RoundTripTest {

  private static final Path CHANGELOG = Path.of("src/test/resources/introspect/roundtrip");
  private static final Path SAMPLE = Path.of("src-samples/chat-support/src/main/migrations");

  private static LiveDatabase live;

  @BeforeAll
  static void start() {
    live = new LiveDatabase();
  }

  @AfterAll
  static void stop() {
    live.close();
  }

  /** The chat-support sample, YAML and XML revisions, a branch and its merge, declared existing types. */
  @Test
  void sampleChangelog_appliedAndIntrospected_hasNoDifferenceFromItsModel() throws Exception {
    Changelog changelog = new ChangelogLoader(Map.of("support_email", "support@example.com"), null).load(SAMPLE);
    RevisionGraph graph = RevisionGraph.of(changelog.revisions());
    Replay replay = Replay.of(changelog, graph);
    SchemaModel model = replay.finalModel();

    try (Connection connection = live.newDatabase()) {
      apply(connection, changelog, graph);

      List<Difference> differences = new Introspector(connection).compareWith(model, Set.of());

      assertThat(SchemaDiff.failures(differences)).isEmpty();
    }
  }

  private static void apply(Connection connection, Changelog changelog, RevisionGraph graph) throws Exception {
    PostgresRenderer renderer = new PostgresRenderer(live.majorVersion());
    EmbeddedDatabase.createMissingEnums(connection, changelog.existingTypes());
    for (Revision revision : graph.topologicalOrder()) {
      for (Change change : revision.upgrade()) {
        for (String sql : renderer.render(change.operation())) {
          LiveDatabase.execute(connection, sql);
        }
      }
    }
  }

  /**
   * Every kind of object the model knows, with names that need quoting, a second schema,
   * serial and identity columns, defaults of each kind, expression and partial indexes, and
   * changes made after creation (renames, type changes, an enum value added).
   */
  @Test
  void changelog_appliedAndIntrospected_hasNoDifferenceFromItsModel() throws Exception {
    Changelog changelog = new ChangelogLoader(Map.of(), null).load(CHANGELOG);
    RevisionGraph graph = RevisionGraph.of(changelog.revisions());
    Replay replay = Replay.of(changelog, graph);
    assertThat(replay.diagnostics()).isEmpty();
    SchemaModel model = replay.finalModel();

    try (Connection connection = live.newDatabase()) {
      apply(connection, changelog, graph);
      SchemaModel live = new Introspector(connection).read(model.defaultSchema(), model.schemas(), Set.of());
      SchemaModel expected = new ModelNormalizer(connection).normalize(model);

      List<Difference> differences = new Introspector(connection).compareWith(model, Set.of());

      assertThat(SchemaDiff.failures(differences)).isEmpty();
      assertThat(live.tables()).hasSize(4);
      assertThat(live.enums()).hasSize(2);
      assertThat(live.sequences()).hasSize(1);
      assertThat(live.views()).hasSize(1);
      assertThat(differences).allSatisfy(d -> assertThat(d.failure()).isFalse());

      // and a database patched by hand shows each patch
      LiveDatabase.execute(connection,
          "alter table organizations alter column plan set default 'pro'",
          "drop index ix_users_active_score",
          "alter table \"Users\" add column extra integer",
          "create table stray (id integer)",
          "alter table billing.invoices drop constraint ck_amount_positive",
          "alter table billing.invoices add constraint ck_amount_positive check (amount >= 0)",
          "alter table billing.invoices alter column issued_at drop not null",
          "alter table audit_log alter column payload set not null");
      SchemaModel patched = new Introspector(connection).read(model.defaultSchema(), model.schemas(), Set.of());

      List<Difference> drift = SchemaDiff.failures(SchemaDiff.between(expected, patched));

      assertThat(drift).extracting(Difference::kind, Difference::object).containsExactlyInAnyOrder(
          org.assertj.core.groups.Tuple.tuple(Difference.Kind.DIFFERENT, "organizations.plan"),
          org.assertj.core.groups.Tuple.tuple(Difference.Kind.MISSING, "ix_users_active_score on Users"),
          org.assertj.core.groups.Tuple.tuple(Difference.Kind.EXTRA, "Users.extra"),
          org.assertj.core.groups.Tuple.tuple(Difference.Kind.EXTRA, "stray"),
          org.assertj.core.groups.Tuple.tuple(Difference.Kind.DIFFERENT, "ck_amount_positive on billing.invoices"),
          org.assertj.core.groups.Tuple.tuple(Difference.Kind.DIFFERENT, "audit_log.payload"));
      assertThat(drift).extracting(Difference::description).contains(
          "column organizations.plan: default 'pro'::character varying, expected 'free'::character varying",
          "extra column Users.extra (integer)",
          "extra table stray",
          "column audit_log.payload: not null, expected nullable");
    }
  }
}
