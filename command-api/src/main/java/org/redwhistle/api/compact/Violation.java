package org.redwhistle.api.compact;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A breach of an article by a household, with everything that followed: the committee's decision (the
 * penalty article and its effects, or the reason it was dismissed), the restoration (by which article,
 * on what evidence, checked by whom) and the appeal to mediation with its outcome. {@code photoIds} are
 * the evidence pictures (GET /api/v1/compact/violations/{id}/photos/{photoId}).
 */
public record Violation(long id, long areaId, long versionId, int versionNumber, int articleNo, String articleText, long householdId,
        String householdCode, String householdAddress, String householdHead, String description, String place, LocalDate occurredOn,
        ViolationState state, String stateLabel, String reportedBy, Instant reportedAt, List<Long> photoIds,
        String decidedBy, Instant decidedAt, Integer penaltyArticle, String penaltyText, List<PenaltyEffect> effects, List<String> effectLabels,
        String measure, String decisionNote, LocalDate suspendedFrom,
        String restoredBy, Instant restoredAt, Integer restorationArticle, String restorationEvidence, String restorationChecker,
        LocalDate restoredFrom, Appeal appeal) {

    /** An appeal: who made it and why, then the mediation's outcome ({@code resolved} null while mediation goes on). */
    public record Appeal(String by, Instant at, String reason, Long disputeId, Boolean resolved, String level, String outcome, Instant settledAt) {
    }

    /** True while the household's welfare is suspended by this violation. */
    /** Welfare suspended on {@code day}: the suspension begun by then and not yet lifted then (a restoration counts from its date). */
    public boolean suspendsWelfareOn(java.time.LocalDate day) {
        return effects.contains(PenaltyEffect.WELFARE_SUSPENDED) && suspendedFrom != null && !suspendedFrom.isAfter(day)
                && (restoredFrom == null || restoredFrom.isAfter(day));
    }
}
