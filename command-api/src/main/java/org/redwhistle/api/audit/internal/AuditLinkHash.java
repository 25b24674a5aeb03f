package org.redwhistle.api.audit.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;

/**
 * The hash chain's link for one audit row, computed here exactly as the database's
 * {@code audit_link_hash} (migration V30) computes it when the row commits, so that the verifier
 * does not take the database's word for it: {@code sha256(prev || canonical bytes of the row)}.
 * The canonical bytes are each field as {@code <UTF-8 length>:<text>} (a null as {@code -}), in the
 * order id, at, actor, action, entity, entity_id, reason, detail; {@code at} as microseconds since
 * the Unix epoch, so that no time zone enters; {@code detail} as PostgreSQL's jsonb text.
 */
public final class AuditLinkHash {

    /** The previous hash of the first link: 32 zero bytes. */
    public static final byte[] GENESIS = new byte[32];

    private AuditLinkHash() {
    }

    /** One audit_log row, with {@code detail} as PostgreSQL prints the jsonb ({@code detail::text}). */
    public record Row(long id, Instant at, String actor, String action, String entity, String entityId, String reason, String detail) {
    }

    public static byte[] of(byte[] prev, Row row) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(prev);
            return sha.digest(canonical(row));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    static byte[] canonical(Row row) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        field(out, Long.toString(row.id()));
        field(out, Long.toString(epochMicros(row.at())));
        field(out, row.actor());
        field(out, row.action());
        field(out, row.entity());
        field(out, row.entityId());
        field(out, row.reason());
        field(out, row.detail());
        return out.toByteArray();
    }

    static long epochMicros(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000);
    }

    private static void field(ByteArrayOutputStream out, String value) {
        if (value == null) {
            out.writeBytes(new byte[] {'-'});
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeBytes((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(bytes);
    }
}
