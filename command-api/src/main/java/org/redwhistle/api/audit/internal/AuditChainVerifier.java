package org.redwhistle.api.audit.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HexFormat;

import javax.sql.DataSource;

import org.redwhistle.api.audit.internal.ChainVerification.AnchorCheck;
import org.redwhistle.api.audit.internal.ChainVerification.Break;
import org.redwhistle.api.audit.internal.ChainVerification.Link;
import org.redwhistle.api.audit.internal.ChainVerification.Problem;
import org.springframework.stereotype.Component;

/**
 * Recomputes the audit log's hash chain from the rows themselves (see {@link AuditLinkHash}),
 * streaming link by link in one repeatable-read snapshot, so a long log is never held in memory and
 * rows committing meanwhile are neither half-seen nor reported as unchained.
 */
@Component
public class AuditChainVerifier {

    private static final HexFormat HEX = HexFormat.of();
    private static final int FETCH = 2_000;
    private static final String LINKS = """
            select c.seq, c.audit_id, c.prev_hash, c.hash,
                   l.id, l.at, l.actor, l.action, l.entity, l.entity_id, l.reason, l.detail::text
            from audit_chain c left join audit_log l on l.id = c.audit_id
            order by c.seq""";
    private static final String UNCHAINED = """
            select count(*), min(l.id) from audit_log l
            where not exists (select 1 from audit_chain c where c.audit_id = l.id)""";

    private final DataSource dataSource;

    public AuditChainVerifier(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** An anchor to look for: a link's position and its hash as copied from the log earlier. */
    public record Anchor(long seq, byte[] hash) {
    }

    /** Verifies the whole chain, and that it still holds {@code anchor} (may be null). */
    public ChainVerification verify(Anchor anchor) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                Walk walk = new Walk(anchor);
                try (PreparedStatement s = c.prepareStatement(LINKS)) {
                    s.setFetchSize(FETCH);
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            walk.link(rs);
                        }
                    }
                }
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(UNCHAINED)) {
                    rs.next();
                    walk.unchained(rs.getLong(1), (Long) rs.getObject(2));
                }
                return walk.result();
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("verifying the audit chain failed: " + e.getMessage(), e);
        }
    }

    /** The state of one pass over the chain. */
    private static final class Walk {
        private final Anchor anchor;
        private long expectedSeq = 1;
        private byte[] prev = AuditLinkHash.GENESIS;
        private long rows;
        private long breaks;
        private Break first;
        private Link head;
        private Boolean anchorMatches;

        Walk(Anchor anchor) {
            this.anchor = anchor;
        }

        void link(ResultSet rs) throws SQLException {
            long seq = rs.getLong(1);
            long auditId = rs.getLong(2);
            byte[] prevHash = rs.getBytes(3);
            byte[] hash = rs.getBytes(4);
            rows++;
            Break problem;
            if (seq != expectedSeq) {
                problem = new Break(expectedSeq, null, Problem.LINK_MISSING,
                        "links " + expectedSeq + (seq - 1 > expectedSeq ? " to " + (seq - 1) : "") + " are missing before link " + seq);
            } else if (!Arrays.equals(prevHash, prev)) {
                problem = new Break(seq, auditId, Problem.LINK_BROKEN, "its previous hash is not the hash of link " + (seq - 1));
            } else if (rs.getObject(5) == null) {
                problem = new Break(seq, auditId, Problem.ROW_MISSING, "audit row " + auditId + " was deleted");
            } else if (!Arrays.equals(hash, AuditLinkHash.of(prevHash, row(rs)))) {
                problem = new Break(seq, auditId, Problem.ROW_CHANGED, "audit row " + auditId + " was changed after it was chained");
            } else {
                problem = null;
            }
            if (problem != null) {
                broken(problem);
            }
            if (anchor != null && seq == anchor.seq()) {
                anchorMatches = Arrays.equals(hash, anchor.hash());
            }
            // carry on from the stored link, so that one change is reported once, not at every later link
            expectedSeq = seq + 1;
            prev = hash;
            head = new Link(seq, HEX.formatHex(hash));
        }

        void unchained(long count, Long firstId) {
            if (count > 0) {
                breaks += count - 1;
                broken(new Break(expectedSeq, firstId, Problem.LINK_MISSING,
                        count + " audit row(s) have no link, the first being " + firstId + " (written while the chain trigger was off)"));
            }
        }

        private void broken(Break b) {
            breaks++;
            if (first == null) {
                first = b;
            }
        }

        ChainVerification result() {
            AnchorCheck anchorCheck = anchor == null ? null
                    : new AnchorCheck(anchor.seq(), HEX.formatHex(anchor.hash()), Boolean.TRUE.equals(anchorMatches));
            boolean ok = breaks == 0 && (anchorCheck == null || anchorCheck.matches());
            return new ChainVerification(ok, rows, head, first, breaks, anchorCheck);
        }

        private static AuditLinkHash.Row row(ResultSet rs) throws SQLException {
            return new AuditLinkHash.Row(rs.getLong(5), rs.getObject(6, OffsetDateTime.class).toInstant(), rs.getString(7), rs.getString(8),
                    rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12));
        }
    }
}
