package dev.migrate.locks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.changelog.Column;
import dev.migrate.changelog.ColumnType;
import dev.migrate.changelog.Operation;
import dev.migrate.changelog.QualifiedName;
import dev.migrate.changelog.Value;
import dev.migrate.schema.Constraint;
import dev.migrate.schema.SchemaModel;
import dev.migrate.schema.Table;
import dev.migrate.schema.TableColumn;
import java.util.List;
import org.junit.jupiter.api.Test;

class OperationFormTest {

  private static final QualifiedName ORDERS = QualifiedName.parse("orders");
  private static final Table TABLE = Table.of(QualifiedName.parse("public.orders"), List.of(
      TableColumn.of("id", ColumnType.parse("int")), TableColumn.of("qty", ColumnType.parse("int")),
      TableColumn.of("Qty", ColumnType.parse("int"))));
  private static final LockTable LOCKS = LockTable.load(17);

  private static SchemaModel with(Constraint... constraints) {
    Table table = TABLE;
    for (Constraint constraint : constraints) {
      table = table.withConstraint(constraint);
    }
    return SchemaModel.empty().withTable(table);
  }

  private static Operation setNotNull(String column) {
    return new Operation.AlterColumn(ORDERS, column, null, null, false, null, false, null);
  }

  private static Operation addColumn(Column... columns) {
    return new Operation.AddColumn(ORDERS, List.of(columns), false);
  }

  private static Column withDefault(String name, String type, String sql) {
    return new Column(name, ColumnType.parse(type), true, Value.sql(sql), null, false, false, null, null, null);
  }

  @Test
  void isNotNullOf_parenthesesQuotingAndCase_areReadAsPostgresqlReadsThem() {
    assertThat(OperationForm.isNotNullOf("qty IS NOT NULL", "qty")).isTrue();
    assertThat(OperationForm.isNotNullOf("((QTY) is not null)", "qty")).isTrue();
    assertThat(OperationForm.isNotNullOf("\"Qty\" IS NOT NULL", "Qty")).isTrue();
    assertThat(OperationForm.isNotNullOf("Qty IS NOT NULL", "Qty")).isFalse();
    assertThat(OperationForm.isNotNullOf("qty IS NULL", "qty")).isFalse();
    assertThat(OperationForm.isNotNullOf("qty IS NOT NULL OR id > 0", "qty")).isFalse();
    assertThat(OperationForm.isNotNullOf("(qty) IS NOT NULL) OR (id IS NOT NULL", "qty")).isFalse();
  }

  @Test
  void judged_setNotNull_isTheValidatedCheckFormOnlyWithAValidatedProof() {
    Constraint proof = new Constraint.Check("ck", "(qty IS NOT NULL)", true);

    assertThat(OperationForm.judged(setNotNull("qty"), with(proof), LOCKS)).map(OperationForm::form)
        .contains("set-not-null/validated-check");
    assertThat(OperationForm.judged(setNotNull("qty"), with(new Constraint.Check("ck", "qty IS NOT NULL", false)),
        LOCKS)).map(OperationForm::form).contains("set-not-null/plain");
    assertThat(OperationForm.judged(setNotNull("id"), with(proof), LOCKS)).map(OperationForm::form)
        .contains("set-not-null/plain");
    // migrate:sql's reading keeps saying nothing when a check is there
    assertThat(OperationForm.of(setNotNull("qty"), with(proof))).isEmpty();
    assertThat(OperationForm.of(setNotNull("qty"), with())).map(OperationForm::form).contains("set-not-null/plain");
  }

  @Test
  void judged_expressionDefault_isVolatileOnlyWhenItCallsAMeasuredVolatileFunction() {
    SchemaModel model = with();

    assertThat(OperationForm.judged(addColumn(withDefault("t", "float8", "random() * 2")), model, LOCKS))
        .map(OperationForm::form).contains("add-column/volatile-default");
    assertThat(OperationForm.judged(addColumn(withDefault("t", "timestamptz", "now()")), model, LOCKS))
        .map(OperationForm::form).contains("add-column/stable-default");
    assertThat(OperationForm.judged(addColumn(withDefault("t", "text", "'random()'")), model, LOCKS))
        .map(OperationForm::form).contains("add-column/stable-default");
    assertThat(OperationForm.of(addColumn(withDefault("t", "float8", "random()")), model)).isEmpty();
  }

  @Test
  void judged_severalColumns_isTheColumnThatDoesTheMost() {
    Operation op = addColumn(Column.of("a", ColumnType.parse("text")), withDefault("b", "uuid", "gen_random_uuid()"));

    assertThat(OperationForm.judged(op, with(), LOCKS)).map(OperationForm::form).contains("add-column/volatile-default");
    assertThat(OperationForm.of(op, with())).isEmpty();
  }

  @Test
  void of_serial_isTheMeasuredSerialForm() {
    assertThat(OperationForm.of(addColumn(Column.of("n", ColumnType.parse("bigserial"))), with()))
        .map(OperationForm::form).contains("add-column/serial");
    assertThat(LOCKS.lookup("add-column/serial").orElseThrow().rewritesTable()).isTrue();
  }

  @Test
  void calls_namesOutsideLiteralsQualifiedAndQuoted() {
    assertThat(OperationForm.calls("pg_catalog.random() + \"Weird\"(1) + length('nextval(x)')"))
        .containsExactly("random", "Weird", "length");
  }
}
