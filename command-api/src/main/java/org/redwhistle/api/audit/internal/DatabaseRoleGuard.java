package org.redwhistle.api.audit.internal;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Refuses to start the application, after the migrations, when the role its connection pool uses
 * could change the audit log: a superuser, the owner of audit_log or audit_chain (or a member of
 * the owner), or a role granted more than inserting into and reading audit_log and reading
 * audit_chain. Security by default: a deployment that still connects as the owner learns it at
 * once instead of running without the protection. docs/audit.md.
 */
@Component
@DependsOnDatabaseInitialization
public class DatabaseRoleGuard implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(DatabaseRoleGuard.class);

    private static final String AUDIT_TABLES = """
            select c.relname, pg_get_userbyid(c.relowner) owner, c.relowner = (select oid from pg_roles where rolname = current_user) owns,
                   pg_has_role(current_user, c.relowner, 'MEMBER') member,
                   has_table_privilege(c.oid, 'SELECT') can_select, has_table_privilege(c.oid, 'INSERT') can_insert,
                   has_any_column_privilege(c.oid, 'INSERT') can_insert_any, has_any_column_privilege(c.oid, 'UPDATE') can_update,
                   has_table_privilege(c.oid, 'DELETE') can_delete, has_table_privilege(c.oid, 'TRUNCATE') can_truncate,
                   has_table_privilege(c.oid, 'TRIGGER') can_trigger, has_any_column_privilege(c.oid, 'REFERENCES') can_references
            from pg_class c
            where c.oid in (to_regclass('audit_log'), to_regclass('audit_chain'))
            order by c.relname desc""";

    private final JdbcClient jdbc;

    public DatabaseRoleGuard(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void afterPropertiesSet() {
        String role = jdbc.sql("select current_user").query(String.class).single();
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new UnsafeDatabaseRoleException(role, problems);
        }
        warnings().forEach(w -> log.warn("database role {} {}", role, w));
    }

    /** Why the current role may not run the application; empty when it may. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (jdbc.sql("select rolsuper from pg_roles where rolname = current_user").query(Boolean.class).single()) {
            return List.of("is a superuser");
        }
        List<String> seen = new ArrayList<>();
        jdbc.sql(AUDIT_TABLES).query(rs -> {
            String table = rs.getString("relname");
            seen.add(table);
            if (rs.getBoolean("owns")) {
                problems.add("owns " + table);
                return;
            }
            if (rs.getBoolean("member")) {
                problems.add("is a member of " + rs.getString("owner") + ", which owns " + table);
                return;
            }
            // column privileges count too (has_any_column_privilege): UPDATE of one column is enough to rewrite it
            List<String> extra = new ArrayList<>();
            for (String p : table.equals("audit_log") ? List.of("update", "delete", "truncate", "trigger", "references")
                    : List.of("insert_any", "update", "delete", "truncate", "trigger", "references")) {
                if (rs.getBoolean("can_" + p)) {
                    extra.add(p.replace("_any", "").toUpperCase());
                }
            }
            if (!extra.isEmpty()) {
                problems.add("has " + String.join(", ", extra) + " on " + table);
            }
            if (table.equals("audit_log") && !(rs.getBoolean("can_select") && rs.getBoolean("can_insert"))) {
                problems.add("cannot insert into and read audit_log");
            }
        });
        for (String table : List.of("audit_log", "audit_chain")) {
            if (!seen.contains(table)) {
                problems.add("finds no " + table + " table (have the migrations run?)");
            }
        }
        return problems;
    }

    /** Weaker than the rules above: grants that afterMigrate.sql revokes, back again. */
    private List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        if (jdbc.sql("select has_database_privilege(current_database(), 'TEMPORARY')").query(Boolean.class).single()) {
            warnings.add("may create temporary tables; afterMigrate.sql revokes that (docs/audit.md)");
        }
        if (jdbc.sql("select has_schema_privilege(current_schema(), 'CREATE')").query(Boolean.class).single()) {
            warnings.add("may create objects in the application's schema; afterMigrate.sql revokes that (docs/audit.md)");
        }
        return warnings;
    }
}
