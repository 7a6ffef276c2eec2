package dev.migrate.lint;

import dev.migrate.changelog.CheckSpec;
import dev.migrate.changelog.Column;
import dev.migrate.changelog.ForeignKeySpec;
import dev.migrate.changelog.KeySpec;
import dev.migrate.changelog.Operation;
import dev.migrate.schema.ObjectNames;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code identifier-too-long}: a name the changelog gives an object (a table, column, index,
 * constraint, enum, sequence, view or schema, when it is made or renamed) longer than 63 bytes
 * in UTF-8. PostgreSQL cuts it without an error, so the database holds another name than the
 * changelog, and two long names that share their first 63 bytes are one name.
 */
final class IdentifierTooLong implements Rule {

  static final String ID = "identifier-too-long";

  /** One name an operation gives, and what it names. */
  private record Named(String what, String name) {}

  private static final About ABOUT = new About(ID, Severity.ERROR,
      "a name longer than 63 bytes, which PostgreSQL cuts",
      "PostgreSQL keeps at most " + ObjectNames.MAX_BYTES + " bytes of an identifier and silently drops the"
          + " rest, so the database holds a different name than the changelog and two names that share their first "
          + ObjectNames.MAX_BYTES + " bytes collide. Shorten the name to at most " + ObjectNames.MAX_BYTES
          + " bytes (UTF-8: a non-ASCII letter takes two or more).");

  @Override
  public About about() {
    return ABOUT;
  }

  @Override
  public List<Draft> check(RevisionScope revision) {
    List<Draft> out = new ArrayList<>();
    for (RevisionScope.Step step : revision.steps()) {
      for (Named named : names(step.operation())) {
        int bytes = named.name().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > ObjectNames.MAX_BYTES) {
          out.add(Draft.on(step, named.what() + " name " + named.name() + " has " + bytes + " bytes; PostgreSQL"
              + " silently cuts it to " + ObjectNames.MAX_BYTES + ": " + ObjectNames.truncate(named.name())
              + ", so two names alike in their first " + ObjectNames.MAX_BYTES + " bytes collide.",
              "Shorten " + named.what() + " name " + named.name() + " to at most " + ObjectNames.MAX_BYTES
                  + " bytes."));
        }
      }
    }
    return out;
  }

  /** The names an operation gives to what it makes or renames. */
  private static List<Named> names(Operation operation) {
    List<Named> out = new ArrayList<>();
    if (operation instanceof Operation.CreateTable op) {
      out.add(new Named("table", op.name().name()));
      op.columns().forEach(c -> out.add(new Named("column", c.name())));
      if (op.primaryKey() != null) {
        constraint(out, op.primaryKey().name());
      }
      op.unique().stream().map(KeySpec::name).forEach(n -> constraint(out, n));
      op.foreignKeys().stream().map(ForeignKeySpec::name).forEach(n -> constraint(out, n));
      op.checks().stream().map(CheckSpec::name).forEach(n -> constraint(out, n));
    } else if (operation instanceof Operation.AddColumn op) {
      op.columns().stream().map(Column::name).forEach(n -> out.add(new Named("column", n)));
    } else if (operation instanceof Operation.RenameTable op) {
      out.add(new Named("table", op.to()));
    } else if (operation instanceof Operation.RenameColumn op) {
      out.add(new Named("column", op.to()));
    } else if (operation instanceof Operation.CreateIndex op) {
      out.add(new Named("index", op.name()));
    } else if (operation instanceof Operation.RenameIndex op) {
      out.add(new Named("index", op.to()));
    } else if (operation instanceof Operation.AddPrimaryKey op) {
      constraint(out, op.name());
    } else if (operation instanceof Operation.AddForeignKey op) {
      constraint(out, op.key().name());
    } else if (operation instanceof Operation.AddUniqueConstraint op) {
      constraint(out, op.name());
    } else if (operation instanceof Operation.AddCheckConstraint op) {
      constraint(out, op.name());
    } else if (operation instanceof Operation.RenameConstraint op) {
      constraint(out, op.to());
    } else if (operation instanceof Operation.CreateEnum op) {
      out.add(new Named("enum", op.name().name()));
    } else if (operation instanceof Operation.CreateSchema op) {
      out.add(new Named("schema", op.name()));
    } else if (operation instanceof Operation.CreateSequence op) {
      out.add(new Named("sequence", op.name().name()));
    } else if (operation instanceof Operation.CreateView op) {
      out.add(new Named("view", op.name().name()));
    }
    return out;
  }

  /** A constraint name, when the author gave one (else PostgreSQL makes one that fits). */
  private static void constraint(List<Named> out, String name) {
    if (name != null) {
      out.add(new Named("constraint", name));
    }
  }
}
