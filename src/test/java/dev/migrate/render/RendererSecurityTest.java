package dev.migrate.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.changelog.Column;
import dev.migrate.changelog.ColumnType;
import dev.migrate.changelog.Operation;
import dev.migrate.changelog.QualifiedName;
import dev.migrate.changelog.Value;
import dev.migrate.render.ScratchServer.Scratch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Names and values an attacker (or an unlucky author) might write go through the renderer
 * onto a real PostgreSQL: each must come back from the catalog and the rows exactly as
 * written, and nothing else may be created or run. Queries that read them back are built
 * by PostgreSQL's own {@code format('%I')} or bind parameters, never by the code under test.
 */
class RendererSecurityTest {

  private static final PostgresRenderer RENDERER = new PostgresRenderer(18);

  /** Names that need quoting or try to break out of it. */
  static List<String> hostileNames() {
    return List.of(
        "it's",
        "say \"hi\"",
        "a;b",
        "with space",
        "\"; DROP TABLE victim; --",
        "'); DROP TABLE victim; --",
        "\\\"; DROP TABLE victim; --",
        "Ünïcödé ✓ 表",
        "select",
        "MixedCase",
        "dotted.name",
        "line\nbreak",
        "$1",
        "--",
        "/*");
  }

  /** Values that try to end their literal early or change its meaning. */
  static List<String> hostileLiterals() {
    return List.of(
        "it's",
        "back\\slash",
        "'); DROP TABLE victim; --",
        "\\'); DROP TABLE victim; --",
        "ends with a backslash\\",
        "line1\nline2\r\n\tend",
        "$$; DROP TABLE victim; $$",
        "E'x'",
        "-- not a comment",
        "/* not a comment */",
        "Ünïcödé ✓ 表 😀",
        "");
  }

  private static ScratchServer server;

  @BeforeAll
  static void startServer() throws Exception {
    server = ScratchServer.start();
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  @ParameterizedTest
  @MethodSource("hostileNames")
  void hostileName_asEveryKindOfName_roundTripsAndCreatesNothingElse(String name) throws Exception {
    QualifiedName table = new QualifiedName(name, name);
    QualifiedName enumType = new QualifiedName(name, name + "_e");
    String renamed = name + "!";
    List<Operation> ops = List.of(
        new Operation.CreateSchema(name, false),
        new Operation.CreateEnum(enumType, List.of(name, "other")),
        new Operation.CreateTable(table, List.of(
            new Column("id", ColumnType.parse("int"), false, null, null, true, false, null, null, null),
            new Column(name, ColumnType.parse("text"), true, Value.text(name), null, false, false, null, name, null),
            Column.of(name + "_e", new ColumnType(enumType, List.of(), 0, false))),
            null, List.of(), List.of(), List.of(), false, name, Map.of()),
        new Operation.CreateIndex(name + "_i", table, List.of(new dev.migrate.changelog.IndexElement(name, null, null, null,
            null, null)), false, false, null, null, List.of(), false, Map.of()),
        new Operation.AddCheckConstraint(table, name, "true", false),
        new Operation.Insert(table, List.of(row("id", Value.Number.of("1"), name + "_e", Value.text(name)),
            row("id", Value.Number.of("2"), name, Value.text(name)))),
        new Operation.RenameColumn(table, name, renamed),
        new Operation.Update(table, row(renamed, Value.text(name + name)), "id = 2"));

    try (Scratch db = server.fresh()) {
      db.run("CREATE TABLE victim (id int)");
      db.run("INSERT INTO victim VALUES (1)");
      String relationsBefore = db.one(RELATIONS);
      String functionsBefore = db.one("SELECT count(*) FROM pg_proc");

      for (Operation op : ops) {
        db.run(RENDERER.render(op));
      }

      assertThat(db.rows("SELECT nspname FROM pg_namespace WHERE nspname = ?", name)).containsExactly(name);
      assertThat(db.rows("SELECT c.relname || ' ' || c.relkind::text FROM pg_class c JOIN pg_namespace n ON n.oid ="
          + " c.relnamespace WHERE n.nspname = ? AND c.relkind IN ('r', 'i') AND c.relname NOT LIKE '%pkey'"
          + " ORDER BY c.relkind DESC", name)).containsExactly(name + " r", name + "_i i");
      String oid = db.one("SELECT format('%I.%I', ?::text, ?::text)::regclass::oid", name, name);
      assertThat(db.rows("SELECT attname FROM pg_attribute WHERE attrelid = ?::oid AND attnum > 0 ORDER BY attnum",
          oid)).containsExactly("id", renamed, name + "_e");
      assertThat(db.rows("SELECT enumlabel FROM pg_enum WHERE enumtypid = format('%I.%I', ?::text, ?::text)::regtype"
          + " ORDER BY enumsortorder", name, name + "_e")).containsExactly(name, "other");
      assertThat(db.rows("SELECT conname FROM pg_constraint WHERE conrelid = ?::oid AND contype = 'c'", oid))
          .containsExactly(name);
      assertThat(db.one("SELECT obj_description(?::oid, 'pg_class')", oid)).isEqualTo(name);
      assertThat(db.one("SELECT col_description(?::oid, 2)", oid)).isEqualTo(name);
      String select = db.one("SELECT format('SELECT id, %I, %I::text FROM %I.%I ORDER BY id', ?::text, ?::text,"
          + " ?::text, ?::text)", renamed, name + "_e", name, name);
      assertThat(db.rows(select)).containsExactly("1 | " + name + " | " + name, "2 | " + name + name + " | NULL");

      // schema, table, its primary key index, the named index; no other relation, no function
      assertThat(Integer.parseInt(db.one(RELATIONS))).isEqualTo(Integer.parseInt(relationsBefore) + 3);
      assertThat(db.one("SELECT count(*) FROM pg_proc")).isEqualTo(functionsBefore);
      assertThat(db.rows("SELECT id FROM victim")).containsExactly("1");
    }
  }

  @ParameterizedTest
  @MethodSource("hostileLiterals")
  void hostileLiteral_asEveryKindOfValue_roundTripsExactly(String literal) throws Exception {
    runLiteralCase(literal, "on");
  }

  /** The E'' form keeps a backslash literal's meaning where an old server still treats it as an escape. */
  @ParameterizedTest
  @MethodSource("hostileLiterals")
  void hostileLiteral_withStandardConformingStringsOff_roundTripsExactly(String literal) throws Exception {
    runLiteralCase(literal, "off");
  }

  private static void runLiteralCase(String literal, String standardConformingStrings) throws Exception {
    QualifiedName table = QualifiedName.parse("notes");
    // an enum label cannot be empty, so the empty case labels its enum with a marker
    String label = literal.isEmpty() ? "(empty)" : literal;
    List<Operation> ops = List.of(
        new Operation.CreateEnum(QualifiedName.parse("mood"), List.of(label)),
        new Operation.AddEnumValue(QualifiedName.parse("mood"), label + "2", null, label, false),
        new Operation.CreateTable(table, List.of(
            new Column("id", ColumnType.parse("int"), false, null, null, true, false, null, null, null),
            new Column("body", ColumnType.parse("text"), true, Value.text(literal), null, false, false, null, literal,
                null),
            Column.of("mood", ColumnType.parse("mood"))),
            null, List.of(), List.of(), List.of(), false, literal, Map.of()),
        new Operation.Insert(table, List.of(row("id", Value.Number.of("1")),
            row("id", Value.Number.of("2"), "body", Value.text(literal), "mood", Value.text(label + "2")),
            row("id", Value.Number.of("3"), "body", Value.text("x")))),
        new Operation.Update(table, row("body", Value.text(literal + literal)), "id = 3"),
        new Operation.Comment(table, "mood", literal));

    try (Scratch db = server.fresh()) {
      db.run("CREATE TABLE victim (id int)");
      db.run("SET standard_conforming_strings = " + standardConformingStrings);
      String relationsBefore = db.one(RELATIONS);

      for (Operation op : ops) {
        db.run(RENDERER.render(op));
      }

      assertThat(db.rows("SELECT enumlabel FROM pg_enum WHERE enumtypid = 'mood'::regtype ORDER BY enumsortorder"))
          .containsExactly(label, label + "2");
      // PostgreSQL stores an empty comment as no comment at all
      String comment = literal.isEmpty() ? "NULL" : literal;
      assertThat(db.one("SELECT obj_description('notes'::regclass, 'pg_class')")).isEqualTo(comment);
      assertThat(db.one("SELECT col_description('notes'::regclass, 2)")).isEqualTo(comment);
      assertThat(db.one("SELECT col_description('notes'::regclass, 3)")).isEqualTo(comment);
      List<String> bodies = new ArrayList<>();
      for (String id : List.of("1", "2", "3")) {
        bodies.add(db.one("SELECT body FROM notes WHERE id = " + id));
      }
      assertThat(bodies).containsExactly(literal, literal, literal + literal);
      assertThat(db.one("SELECT mood::text FROM notes WHERE id = 2")).isEqualTo(label + "2");
      // the table and its primary key index, nothing else
      assertThat(Integer.parseInt(db.one(RELATIONS))).isEqualTo(Integer.parseInt(relationsBefore) + 2);
      assertThat(db.exists("victim")).isTrue();
    }
  }

  /** Relations outside pg_toast (a text column's toast table is PostgreSQL's, not a statement's). */
  private static final String RELATIONS =
      "SELECT count(*) FROM pg_class WHERE relnamespace <> 'pg_toast'::regnamespace";

  private static Map<String, Value> row(Object... keysAndValues) {
    Map<String, Value> row = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      row.put((String) keysAndValues[i], (Value) keysAndValues[i + 1]);
    }
    return row;
  }

}
