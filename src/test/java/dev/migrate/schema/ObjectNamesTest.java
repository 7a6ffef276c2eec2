package dev.migrate.schema;

import static dev.migrate.schema.Revisions.addColumn;
import static dev.migrate.schema.Revisions.column;
import static dev.migrate.schema.Revisions.createTable;
import static dev.migrate.schema.Revisions.id;
import static dev.migrate.schema.Revisions.name;
import static dev.migrate.schema.Revisions.references;
import static dev.migrate.schema.Revisions.revision;
import static dev.migrate.schema.Revisions.unique;
import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.OwnerRole;
import dev.migrate.changelog.CheckSpec;
import dev.migrate.changelog.ForeignKeySpec;
import dev.migrate.changelog.KeySpec;
import dev.migrate.changelog.Operation;
import dev.migrate.changelog.Revision;
import dev.migrate.render.PostgresRenderer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The names the model gives unnamed constraints are the names PostgreSQL gives them. */
class ObjectNamesTest {

  private static EmbeddedPostgres server;

  @BeforeAll
  static void start() throws Exception {
    server = EmbeddedPostgres.builder().setServerConfig("fsync", "off").start();
    try (Connection admin = server.getPostgresDatabase().getConnection()) {
      OwnerRole.createDatabase(admin, "names");
    }
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void make_joinsAndTruncatesAsMakeObjectName() {
    assertThat(ObjectNames.make("users", null, "pkey")).isEqualTo("users_pkey");
    assertThat(ObjectNames.make("users", "email", "key")).isEqualTo("users_email_key");
    String sixty = "a".repeat(60);
    // 63 bytes at most; the longer part loses bytes first
    assertThat(ObjectNames.make(sixty, "id", "fkey")).isEqualTo("a".repeat(55) + "_id_fkey").hasSize(63);
    assertThat(ObjectNames.make("t", sixty, "key")).isEqualTo("t_" + "a".repeat(57) + "_key");
    assertThat(ObjectNames.choose("t", "a", "check", n -> n.equals("t_a_check") || n.equals("t_a_check1")))
        .isEqualTo("t_a_check2");
    assertThat(ObjectNames.truncate("é".repeat(40))).isEqualTo("é".repeat(31));
  }

  @Test
  void generatedNames_matchPostgres() throws Exception {
    String longTable = "t" + "x".repeat(58);
    String longColumn = "c" + "y".repeat(61);
    String wide = "ü".repeat(40);
    List<Operation> ops = List.of(
        createTable("users", id("id"), unique("email", "text")),
        new Operation.CreateTable(name("items"),
            List.of(column("a", "int"), column("b", "int"), column("price", "int")),
            new KeySpec(null, List.of("a", "b"), false),
            List.of(new KeySpec(null, List.of("b", "price"), false), new KeySpec(null, List.of("price"), false)),
            List.of(new ForeignKeySpec(null, List.of("a"), name("users"), List.of(), null, null, false)),
            List.of(new CheckSpec(null, "price > 0"), new CheckSpec(null, "a < b"), new CheckSpec(null, "price < 10")),
            false, null, Map.of()),
        createTable(longTable, id("id"), unique(longColumn, "text"),
            references("user_id", "bigint", "users", "id")),
        createTable(wide, id("id"), unique("email", "text")),
        addColumn("users", unique("nick", "text")),
        addColumn("users", references("boss", "bigint", "users", "id")),
        new Operation.AddUniqueConstraint(name("users"), List.of("email"), null, false, null),
        new Operation.AddForeignKey(name("items"), new ForeignKeySpec(null, List.of("b"), name("users"),
            List.of("id"), null, null, false), false));
    Revision revision = revision("r", ops.toArray(Operation[]::new));
    SchemaModel model = Revisions.replay(revision).finalModel();
    assertThat(Revisions.replay(revision).diagnostics()).isEmpty();

    PostgresRenderer renderer = new PostgresRenderer(18);
    try (Connection connection = server.getDatabase(OwnerRole.NAME, "names").getConnection();
        Statement statement = connection.createStatement()) {
      for (Operation op : ops) {
        for (String sql : renderer.render(op)) {
          statement.execute(sql);
        }
      }
      TreeSet<String> database = new TreeSet<>();
      try (ResultSet rows = statement.executeQuery("SELECT conrelid::regclass::text || ' ' || conname FROM pg_constraint"
          + " WHERE connamespace = 'public'::regnamespace AND contype IN ('p', 'u', 'f', 'c')")) {
        while (rows.next()) {
          database.add(rows.getString(1).replace("\"", ""));
        }
      }
      TreeSet<String> predicted = new TreeSet<>();
      for (Table table : model.tables()) {
        table.constraints().keySet().forEach(c -> predicted.add(table.name().name() + " " + c));
      }
      assertThat(new ArrayList<>(predicted)).isEqualTo(new ArrayList<>(database));
    }
  }
}
