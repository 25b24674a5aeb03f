package org.redwhistle.api.mediation.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A dispute as a reader sees it: everything in words beside the codes; {@code parties[].details} (address,
 * phone, ID number) only for those who handle it ({@code mayHandle}); times are instants, shown in Asia/Shanghai.
 *
 * @param overdue       the current level's time limit ({@code levelDue}) has passed while it is open
 * @param nextLevel     the level it may be escalated to (null at the legal advisers' or once ended)
 * @param hasAgreement  the agreement's PDF can be downloaded ({@code GET …/agreement.pdf})
 * @param hasFile       the referral file's PDF can be downloaded ({@code GET …/file.pdf})
 */
public record DisputeView(long id, String number, long areaId, String villageName, String title, String category, String categoryLabel,
        String description, String origin, String originLabel, String level, String levelLabel, String status, String statusLabel,
        Instant levelSince, Instant levelDue, boolean overdue, Instant overdueAt, String agentName, String openedBy, Instant openedAt,
        Instant closedAt, String outcome, String referredTo, String nextLevel, String nextLevelLabel, boolean mayHandle, List<PartyView> parties,
        List<SessionView> sessions, List<StepView> steps, AgreementView agreement, boolean hasAgreement, boolean hasFile) {

    public record PartyView(String side, String sideLabel, String name, Long householdId, Long personId, String details) {
    }

    public record SessionView(long id, Instant heldAt, String place, String levelLabel, String mediators, String present, String notes,
            String recordedBy) {
    }

    public record StepView(Instant at, String action, String levelLabel, String actor, String note) {
    }

    /** The agreement's text and sign-off; null fields until drafted, generated or signed. */
    public record AgreementView(String facts, String terms, String performance, LocalDate performanceDue, Instant generatedAt,
            String partiesConfirmed, String mediatorSignedBy, Instant signedAt) {
    }
}
