package org.redwhistle.api.leads;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A reward: for which lead and member, how much (yuan), why, and where its approval stands; {@code fundYear} once paid. */
public record RewardView(long id, long leadId, String leadText, long memberId, String member, String affiliation, RewardKind kind,
        String kindLabel, BigDecimal amountYuan, String reason, RewardStatus status, String statusLabel, List<Long> areaPath,
        String proposedBy, Instant proposedAt, String decidedBy, Instant decidedAt, String decisionNote, Integer fundYear) {
}
