package org.redwhistle.api.audit.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Logs the head of the audit chain (one INFO line, hourly by default): a copy outside the database.
 * The owner role can bypass the triggers and recompute the whole chain after changing a row, so the
 * chain alone proves nothing against it; a head that was shipped off this machine with the logs
 * cannot be rewritten, and a rewritten chain no longer contains it (GET /api/v1/audit/verify with
 * anchorSeq and anchorHash). docs/audit.md.
 */
@Component
public class AuditChainAnchor {

    private static final Logger log = LoggerFactory.getLogger(AuditChainAnchor.class);

    private final JdbcClient jdbc;

    public AuditChainAnchor(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every {@code redwhistle.audit.anchor-interval} (1 h), from a minute after start. */
    // per instance, no cluster lock: writes nothing, and each instance's log keeps a copy (docs/jobs.md)
    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "${redwhistle.audit.anchor-interval:1h}")
    public void logHead() {
        jdbc.sql("select seq, encode(hash, 'hex') from audit_chain order by seq desc limit 1")
                .query((rs, n) -> new ChainVerification.Link(rs.getLong(1), rs.getString(2)))
                .optional()
                .ifPresentOrElse(head -> log.info("audit chain head: seq={} hash={}", head.seq(), head.hash()),
                        () -> log.info("audit chain head: empty"));
    }
}
