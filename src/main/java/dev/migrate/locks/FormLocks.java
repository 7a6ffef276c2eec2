package dev.migrate.locks;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one operation form did on a real server: the strongest lock mode it held on each
 * relation role (a role it took no lock on is absent), whether the table got a new
 * relfilenode (rewritten) and whether the table was read through (scanned).
 *
 * @param form the form's id, {@code <operation>/<variant>}, e.g. {@code alter-column/type-int-to-bigint}
 * @param statement the SQL that was measured, as the renderer emits it
 * @param locks the strongest mode per role
 * @param rewritesTable whether the table's relfilenode changed
 * @param scansTable whether the server counted a sequential scan of the table
 * @param method how the locks were observed: {@code in-transaction} or {@code second-session}
 */
public record FormLocks(String form, String statement, Map<RelationRole, LockMode> locks, boolean rewritesTable,
    boolean scansTable, String method) {

  public FormLocks {
    Objects.requireNonNull(form, "form");
    Objects.requireNonNull(statement, "statement");
    EnumMap<RelationRole, LockMode> copy = new EnumMap<>(RelationRole.class);
    copy.putAll(locks);
    locks = Collections.unmodifiableMap(copy);
    Objects.requireNonNull(method, "method");
  }

  /** The mode held on a role's relation, if any. */
  public Optional<LockMode> lock(RelationRole role) {
    return Optional.ofNullable(locks.get(role));
  }
}
