package dev.migrate.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.changelog.Changelog;
import dev.migrate.changelog.Checksum;
import dev.migrate.changelog.Downgrade;
import dev.migrate.changelog.Operation;
import dev.migrate.changelog.QualifiedName;
import dev.migrate.changelog.Revision;
import dev.migrate.graph.RevisionGraph;
import dev.migrate.load.ChangelogLoader;
import dev.migrate.load.Diagnostic;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chat-support sample replays clean into the schema its revisions describe, and every revision has a downgrade. */
class SampleReplayTest {

  private static final Path SAMPLE = Path.of("src-samples/chat-support/src/main/migrations");

  private static Replay replay(Changelog changelog) {
    return Replay.of(changelog, RevisionGraph.of(changelog.revisions()));
  }

  private static Changelog sample() {
    return new ChangelogLoader(Map.of("support_email", "support@example.com"), null).load(SAMPLE);
  }

  private static List<String> tableNames(SchemaModel model) {
    return model.tables().stream().map(t -> t.name().toString()).sorted().toList();
  }

  private static List<String> columns(SchemaModel model, String table) {
    return model.table(QualifiedName.parse(table)).orElseThrow().columns().stream().map(TableColumn::name).toList();
  }

  @Test
  void sample_replaysIntoTheTablesAndEnumsItsRevisionsCreate() {
    Replay replay = replay(sample());
    SchemaModel model = replay.finalModel();

    assertThat(replay.diagnostics()).extracting(Diagnostic::toString).isEmpty();
    assertThat(tableNames(model)).containsExactly("public.audit_logs", "public.auto_replies",
        "public.business_hours", "public.business_hours_exceptions", "public.canned_responses",
        "public.chat_sessions", "public.credentials", "public.csat_surveys", "public.handoff_keywords",
        "public.intent_categories", "public.intent_keywords", "public.intent_responses", "public.media",
        "public.messages", "public.organizations", "public.queue_positions", "public.service_requests",
        "public.system_config", "public.users");
    // the declared existing types, then the enums the revisions create
    assertThat(model.enums()).extracting(e -> e.name().toString() + e.values()).containsExactlyInAnyOrder(
        "public.replytype[text, flex, image, sticker, video, template, audio, location, imagemap]",
        "public.matchtype[exact, contains, starts_with, regex]",
        "public.userrole[SUPER_ADMIN, ADMIN, AGENT, USER]",
        "public.servicestatus[PENDING, IN_PROGRESS, COMPLETED, REJECTED]",
        "public.servicecategory[GENERAL, BILLING, TECHNICAL, COMPLAINT]",
        "public.chatmode[BOT, HUMAN]",
        "public.sessionstatus[WAITING, ACTIVE, CLOSED]",
        "public.messagedirection[INCOMING, OUTGOING]",
        "public.closedby[OPERATOR, USER, SYSTEM, SYSTEM_TIMEOUT]");
    // a column added by a later revision (6cf7e239a515) lands at the end of its table
    assertThat(columns(model, "chat_sessions")).endsWith("closed_at", "closed_by");
    // the updated_at trigger every backend has, as operations (a8b9c0d1e216)
    assertThat(model.routines()).extracting(r -> r.name().toString()).containsExactly("public.set_updated_at");
    assertThat(model.triggers()).extracting(t -> t.name() + " on " + t.table())
        .containsExactly("service_requests_updated_at on public.service_requests",
            "system_config_updated_at on public.system_config");
    assertThat(model.table(QualifiedName.parse("users")).orElseThrow().column("role").orElseThrow().type().toString())
        .isEqualTo("userrole");
    // the first revision alone makes organizations and users, over the existing types only
    assertThat(tableNames(replay.modelAfter("4c1e7a9b2d01"))).containsExactly("public.organizations", "public.users");
    assertThat(replay.initialModel().tables()).isEmpty();
    assertThat(replay.initialModel().enums()).extracting(e -> e.name().toString())
        .containsExactlyInAnyOrder("public.replytype", "public.matchtype");
  }

  @Test
  void sample_everyRevisionHasADowngradeThatRestoresTheModelBeforeIt() {
    Changelog changelog = sample();
    List<Revision> order = RevisionGraph.of(changelog.revisions()).topologicalOrder();
    Replay replay = Replay.of(changelog, order);

    for (int i = 0; i < order.size(); i++) {
      Revision revision = order.get(i);
      assertThat(replay.downgradeOf(revision.id())).as(revision.id()).isInstanceOf(Reversal.Operations.class);
      assertThat(replay.downgradeOperations(revision.id()).isEmpty()).as("%s: an empty downgrade", revision.id())
          .isEqualTo(revision.upgrade().isEmpty());
      assertThat(Checksum.of(revision)).startsWith("1:").hasSize(66);

      // the revisions up to this one, then its downgrade: the model is the one before it again
      List<Revision> undone = new ArrayList<>(order.subList(0, i + 1));
      undone.add(Revisions.revision("undo", revision.transactional(), Downgrade.irreversible(),
          replay.downgradeOperations(revision.id()).toArray(Operation[]::new)));
      Replay after = Replay.of(changelog, undone);
      assertThat(after.diagnostics()).as("replaying the downgrade of %s", revision.id()).isEmpty();
      assertThat(columnsByName(after.modelAfter("undo"))).as("the model after undoing %s", revision.id())
          .isEqualTo(columnsByName(replay.modelBefore(revision.id())));
    }
  }

  /** Column order aside: a column added back by a downgrade goes to the end of its table. */
  private static SchemaModel columnsByName(SchemaModel model) {
    SchemaModel out = model;
    for (Table table : model.tables()) {
      out = out.withTable(new Table(table.name(),
          table.columns().stream().sorted(Comparator.comparing(TableColumn::name)).toList(),
          table.constraints(), table.indexes(), table.comment(), table.with()));
    }
    return out;
  }
}
