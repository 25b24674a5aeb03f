package org.redwhistle.ingest.cluster;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The record of who held the ingestion lease and when ({@code ingestion_leader}, V62), for an
 * operator: each term opens when an instance takes the lease and closes, with its reason, when it
 * gives it up, or when the next holder finds it still open (the previous holder died).
 */
@Component
public class IngestionTerms {

    /** One term of the lease; {@code endedAt} is null while it lasts. */
    public record Term(String sessionName, String instanceId, Instant activeSince, Instant endedAt, String endReason) {
    }

    private final JdbcClient jdbc;

    public IngestionTerms(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Called by the new holder of the lease: closes what a dead holder left open, opens this term. */
    void began(String sessionName, String instanceId, Instant at) {
        jdbc.sql("update ingestion_leader set ended_at = :at, end_reason = 'lease taken over by ' || :me"
                + " where session_name = :s and ended_at is null")
                .param("at", Timestamp.from(at)).param("me", instanceId).param("s", sessionName).update();
        jdbc.sql("insert into ingestion_leader (session_name, instance_id, active_since) values (?, ?, ?)")
                .params(sessionName, instanceId, Timestamp.from(at)).update();
    }

    /** Closes this instance's term that began at {@code activeSince}, if nothing closed it meanwhile. */
    void ended(String sessionName, String instanceId, Instant activeSince, Instant at, String reason) {
        jdbc.sql("update ingestion_leader set ended_at = ?, end_reason = ? where session_name = ? and instance_id = ? and active_since = ?"
                + " and ended_at is null")
                .params(Timestamp.from(at), reason, sessionName, instanceId, Timestamp.from(activeSince)).update();
    }

    /** The latest term of these sessions, open or not. */
    public Optional<Term> latest(String sessionName) {
        return jdbc.sql("select session_name, instance_id, active_since, ended_at, end_reason from ingestion_leader"
                + " where session_name = ? order by active_since desc, id desc limit 1").param(sessionName)
                .query((rs, i) -> new Term(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant(), rs.getString(5)))
                .optional();
    }
}
