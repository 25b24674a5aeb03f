package org.redwhistle.api.audit;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Appends to the audit log (the database refuses updates and deletes on it). The alarm path's
 * single statements (raising an alarm, a dispatch) insert their audit row inside the statement,
 * with {@link #INSERT}, so that the change and its record still commit together.
 */
@Component
public class AuditLog {

    /** The platform itself, for changes made by rules rather than people. */
    public static final String SYSTEM = "system";

    /** The insert's head, for a statement that supplies the values (or a select) of the six columns itself. */
    public static final String INSERT = "insert into audit_log (actor, action, entity, entity_id, reason, detail) ";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public AuditLog(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void record(String actor, String action, String entity, String entityId, String reason, Object detail) {
        jdbc.sql(INSERT + "values (?,?,?,?,?,?::jsonb)")
                .params(actor, action, entity, entityId, reason, json.writeValueAsString(detail == null ? java.util.Map.of() : detail))
                .update();
    }
}
