package org.redwhistle.api.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/**
 * The Java link hash against values PostgreSQL 15's {@code audit_link_hash} (V30) gave for the
 * same rows, e.g. {@code select encode(audit_link_hash('\x00…'::bytea, row(42, '2026-03-01
 * 08:15:30.123456+08', 'operator', …)::audit_log), 'hex')}: the two must agree byte for byte.
 */
class AuditLinkHashTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void matchesTheDatabaseForARowWithANullReasonAndChineseDetail() {
        AuditLinkHash.Row row = new AuditLinkHash.Row(42, OffsetDateTime.parse("2026-03-01T08:15:30.123456+08:00").toInstant(),
                "operator", "alarm.dispatch", "alarm", "17", null, "{\"note\": \"请前往\", \"members\": [3, 5]}");
        assertThat(HEX.formatHex(AuditLinkHash.of(AuditLinkHash.GENESIS, row)))
                .isEqualTo("ad4471cae8140a81c4d9dabe453602f0465aecede2133eec678facaae8229893");
    }

    @Test
    void matchesTheDatabaseForAChineseActorAfterAnotherLink() throws Exception {
        byte[] prev = MessageDigest.getInstance("SHA-256").digest("x".getBytes(StandardCharsets.UTF_8));
        AuditLinkHash.Row row = new AuditLinkHash.Row(7, Instant.parse("1999-12-31T23:59:59.000001Z"),
                "张三", "case.escalated", "case", "C-1", "超时 reason", "{}");
        assertThat(HEX.formatHex(AuditLinkHash.of(prev, row)))
                .isEqualTo("5ca2b16ca43539035d2d2694d217416d32908dd78a2084c74e3e18b3acdf53ce");
    }

    @Test
    void aNullReasonAndAnEmptyReasonHashDifferently() {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        byte[] nullReason = AuditLinkHash.of(AuditLinkHash.GENESIS, new AuditLinkHash.Row(1, at, "a", "b", "c", "d", null, "{}"));
        byte[] emptyReason = AuditLinkHash.of(AuditLinkHash.GENESIS, new AuditLinkHash.Row(1, at, "a", "b", "c", "d", "", "{}"));
        assertThat(nullReason).isNotEqualTo(emptyReason);
    }

    @Test
    void fieldBoundariesCannotBeShifted() {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        byte[] one = AuditLinkHash.of(AuditLinkHash.GENESIS, new AuditLinkHash.Row(1, at, "ab", "c", "e", "f", "r", "{}"));
        byte[] other = AuditLinkHash.of(AuditLinkHash.GENESIS, new AuditLinkHash.Row(1, at, "a", "bc", "e", "f", "r", "{}"));
        assertThat(one).isNotEqualTo(other);
    }
}
