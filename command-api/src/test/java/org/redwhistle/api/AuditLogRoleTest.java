package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.redwhistle.api.audit.internal.DatabaseRoleGuard;
import org.redwhistle.api.audit.internal.UnsafeDatabaseRoleException;
import org.redwhistle.testing.IntegrationTest;

/**
 * Issue 16, finding 5: the application's own database role must not be able to rewrite the audit
 * log. Everything here goes through the application's own connection pool (its JdbcClient), as an
 * attacker who took over the application would. Each attempt must be refused by PostgreSQL's
 * privilege checks (SQLSTATE 42501), not merely by a trigger the same role could switch off.
 */
class AuditLogRoleTest extends IntegrationTest {

    @Test
    void theApplicationsRoleCannotDisableTheTriggersOrRewriteTheAuditLog() {
        String key = UUID.randomUUID().toString();
        jdbc.sql("insert into audit_log (actor, action, entity, entity_id, reason) values ('test', 'test.role', 'test', ?, 'kept')").param(key).update();
        for (String sql : List.of(
                "alter table audit_log disable trigger audit_log_no_update",
                "alter table audit_log disable trigger all",
                "drop trigger audit_log_no_update on audit_log",
                "update audit_log set reason = 'rewritten' where entity_id = '" + key + "'",
                "delete from audit_log where entity_id = '" + key + "'",
                "truncate audit_log",
                "alter table audit_log owner to current_user",
                "set session_replication_role = replica")) {
            refusedByPrivileges(sql);
        }
        assertThat(jdbc.sql("select reason from audit_log where entity_id = ?").param(key).query(String.class).list()).containsExactly("kept");
    }

    @Test
    void theApplicationsRoleCannotWriteTheHashChain() {
        for (String sql : List.of(
                "alter table audit_chain disable trigger all",
                "insert into audit_chain (seq, audit_id, prev_hash, hash) values (1000000, 1000000, sha256(''), sha256(''))",
                "update audit_chain set hash = sha256('')",
                "delete from audit_chain",
                "truncate audit_chain",
                "alter table audit_log disable trigger audit_log_chain",
                "select audit_chain_append()")) {
            refusedByPrivileges(sql);
        }
    }

    @Test
    void theStartupGuardAcceptsTheApplicationsRoleAndRefusesTheOwner() {
        assertThat(new DatabaseRoleGuard(jdbc).problems()).isEmpty();

        DatabaseRoleGuard asOwner = new DatabaseRoleGuard(ownerJdbc());
        boolean superuser = ownerJdbc().sql("select rolsuper from pg_roles where rolname = current_user").query(Boolean.class).single();
        assertThat(asOwner.problems()).isEqualTo(superuser ? List.of("is a superuser") : List.of("owns audit_log", "owns audit_chain"));
        assertThatThrownBy(asOwner::afterPropertiesSet).isInstanceOf(UnsafeDatabaseRoleException.class)
                .hasMessageStartingWith("the database role \"" + SERVICES.dbOwnerUser() + "\" that the application connects as could change the audit log: it ");
    }

    @Test
    void theStartupGuardRefusesARoleGrantedMoreThanInsertAndRead() {
        try {
            // a single column is enough to rewrite what a row says
            ownerJdbc().sql("grant update (reason), truncate on audit_log to \"" + SERVICES.dbUser() + "\"").update();
            assertThat(new DatabaseRoleGuard(jdbc).problems()).containsExactly("has UPDATE, TRUNCATE on audit_log");
        } finally {
            ownerJdbc().sql("revoke update, truncate on audit_log from \"" + SERVICES.dbUser() + "\"").update();
        }
        assertThat(new DatabaseRoleGuard(jdbc).problems()).isEmpty();
    }

    /** Refused for want of a privilege (42501 with PostgreSQL's own wording), not by the append-only trigger. */
    private void refusedByPrivileges(String sql) {
        Throwable thrown = catchThrowable(() -> jdbc.sql(sql).update());
        assertThat(thrown).as("the application's role was allowed: " + sql).isNotNull();
        SQLException cause = sqlException(thrown);
        assertThat(cause.getSQLState()).as(sql).isEqualTo("42501");
        assertThat(cause.getMessage()).as(sql).containsAnyOf("permission denied", "must be owner").doesNotContain("append-only");
    }

    private static SQLException sqlException(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                return s;
            }
        }
        throw new AssertionError("no SQLException in " + e, e);
    }
}
