package dev.migrate.introspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.changelog.ColumnType;
import dev.migrate.changelog.IndexElement;
import dev.migrate.changelog.QualifiedName;
import dev.migrate.changelog.Value;
import dev.migrate.schema.Constraint;
import dev.migrate.schema.EnumType;
import dev.migrate.schema.Index;
import dev.migrate.schema.SchemaModel;
import dev.migrate.schema.Table;
import dev.migrate.schema.TableColumn;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaDiffTest {

  private static final QualifiedName USERS = new QualifiedName("public", "users");

  private static TableColumn column(String name, String type) {
    return TableColumn.of(name, ColumnType.parse(type));
  }

  private static SchemaModel users(TableColumn... columns) {
    return SchemaModel.empty().withTable(Table.of(USERS, List.of(columns)));
  }

  @Test
  void between_equalModels_hasNoDifference() {
    SchemaModel model = users(column("id", "bigint"), column("name", "text"))
        .withEnum(new EnumType(QualifiedName.parse("status"), List.of("A", "B")));

    assertThat(SchemaDiff.between(model, model)).isEmpty();
  }

  @Test
  void between_missingExtraAndChangedColumns_describesEach() {
    SchemaModel expected = users(column("id", "bigint"), column("name", "text"), column("email", "text").withNullable(false));
    SchemaModel actual = users(column("id", "integer"), column("name", "text"), column("fax", "text"));

    assertThat(SchemaDiff.between(expected, actual)).extracting(Difference::description).containsExactly(
        "column users.id: type integer, expected bigint",
        "missing column users.email (text not null)",
        "extra column users.fax (text)");
  }

  @Test
  void between_columnsInAnotherOrder_isReportedButNoFailure() {
    SchemaModel expected = users(column("id", "bigint"), column("name", "text"));
    SchemaModel actual = users(column("name", "text"), column("id", "bigint"));

    List<Difference> differences = SchemaDiff.between(expected, actual);

    assertThat(differences).extracting(Difference::kind, Difference::description).containsExactly(
        org.assertj.core.groups.Tuple.tuple(Difference.Kind.COLUMN_ORDER,
            "columns of users are in the order name, id, the model's is id, name"));
    assertThat(SchemaDiff.failures(differences)).isEmpty();
  }

  @Test
  void between_defaultsConstraintsIndexes_comparedAsPostgresPrintsThem() {
    Table wanted = Table.of(USERS, List.of(column("id", "bigint").withDefault(new Value.Expression("now()"))))
        .withConstraint(new Constraint.Check("ck", "(id > 0)", true))
        .withIndex(new Index("ix", List.of(IndexElement.column("id")), false, "btree", null, List.of(), Map.of()));
    Table found = Table.of(USERS, List.of(column("id", "bigint")))
        .withConstraint(new Constraint.Check("ck", "(id > 1)", true))
        .withIndex(new Index("ix", List.of(new IndexElement("id", null, IndexElement.Order.DESC, null, null, null)),
            false, "btree", null, List.of(), Map.of()));

    assertThat(SchemaDiff.between(SchemaModel.empty().withTable(wanted), SchemaModel.empty().withTable(found)))
        .extracting(Difference::description).containsExactly(
            "column users.id: default none, expected now()",
            "constraint ck on users: check (id > 1), expected check (id > 0)",
            "index ix on users: using btree (id desc), expected using btree (id)");
  }

  @Test
  void between_enumValuesAndMissingObjects_inTheirSchemas_orderedBySchemaThenName() {
    SchemaModel expected = SchemaModel.empty().withSchema("billing")
        .withEnum(new EnumType(QualifiedName.parse("status"), List.of("A", "B")))
        .withEnum(new EnumType(QualifiedName.parse("billing.currency"), List.of("EUR")));
    SchemaModel actual = SchemaModel.empty()
        .withEnum(new EnumType(QualifiedName.parse("public.status"), List.of("B", "A")));

    assertThat(SchemaDiff.between(expected, actual)).extracting(Difference::description).containsExactly(
        "missing schema billing",
        "missing enum billing.currency (EUR)",
        "enum status: values B, A, expected A, B");
  }

  @Test
  void between_incompleteModel_reportsUnknownObjectsAsWarnings() {
    SchemaModel expected = users(column("id", "bigint")).asOpaque();
    SchemaModel actual = users(column("id", "bigint"))
        .withTable(Table.of(new QualifiedName("public", "made_by_sql"), List.of(column("id", "integer"))));

    List<Difference> differences = SchemaDiff.between(expected, actual);

    assertThat(differences).extracting(Difference::description)
        .containsExactly("extra table made_by_sql, which the model cannot know after an sql operation");
    assertThat(SchemaDiff.failures(differences)).isEmpty();
  }
}
