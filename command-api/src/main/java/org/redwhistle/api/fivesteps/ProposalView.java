package org.redwhistle.api.fivesteps;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A matter's whole record, as the community's residents and its committee read it: the matter (where,
 * who raised it — for whom, from which complaint case; by display name, never the user name, and to another
 * resident only as 居民), each deliberation with its participants, opinions
 * and minutes, the options with their costs, each deciding meeting with its rule and the counted vote,
 * the resolution, the tasks and the evaluations. Who voted how ({@link Meeting#members}) is shown to those
 * who manage matters only; residents see the figures.
 */
public record ProposalView(long id, long areaId, String communityName, Long gridId, String gridName, String compound, String title,
        String description, Double lon, Double lat, ProposalStatus status, String statusLabel, int step, String raisedByName,
        String onBehalfOf, Long caseId, String caseRef, String resolution, Instant resolvedAt, Instant completedAt, Instant raisedAt,
        List<ProposalDeliberation> deliberations, List<ProposalOption> options, List<ProposalMeeting> meetings, List<TaskView> tasks, List<ProposalEvaluation> evaluations,
        ProposalEvaluationSummary evaluationSummary, List<ProposalStep> timeline) {

    /** Someone at a deliberation: a person of the registry ({@code personId}) or, for outsiders, a name; {@code role} in words (业主代表, 物业). */
    public record DeliberationParticipant(Long personId, String name, String role) {
    }

    /** Who said what at a deliberation. */
    public record DeliberationOpinion(String speaker, String text) {
    }

    public record ProposalDeliberation(long id, LocalDate heldOn, String place, List<DeliberationParticipant> participants, List<DeliberationOpinion> opinions, String minutes,
            String recordedBy, Instant recordedAt) {
    }

    /**
     * An option with its cost: {@code amount} {@code unit} (0.60 元/平方米·月) over {@code quantity} {@code quantityUnit}
     * (建筑面积 平方米), {@code perYear} times a year (12 for a monthly price; 0 for a one-off cost); {@code total} the
     * compound's yearly total (or the one-off total), computed, and {@code costText} all of it in words.
     */
    public record ProposalOption(long id, String label, String description, BigDecimal amount, String unit, BigDecimal quantity, String quantityUnit,
            int perYear, BigDecimal total, String costText) {
    }

    /** A member of a deciding meeting (应到): a household (每户一票) or a person of the registry; attendance and vote as recorded. */
    public record MeetingMember(long id, Long personId, Long householdId, String name, boolean present, String vote, String voteLabel) {
    }

    /**
     * A deciding meeting under its rule ({@code rule}, {@code ruleName}, {@code ruleText} in words); while open its attendance
     * and votes are being recorded; once closed, the figures and the outcome as {@code Tally} counted them.
     */
    public record ProposalMeeting(long id, String rule, String ruleName, String ruleText, LocalDate heldOn, String place, String motion, Long optionId,
            boolean closed, int members, int present, int yes, int no, int abstain, Integer presentNeeded, Integer yesNeeded, Boolean quorate,
            Boolean passed, String outcome, String convenedBy, Instant convenedAt, Instant closedAt, List<MeetingMember> roster) {
    }

    public record ProposalEvaluation(String name, Verdict verdict, String verdictLabel, String comment, Instant at, boolean mine) {
    }

    public record ProposalEvaluationSummary(int satisfied, int basicallySatisfied, int dissatisfied) {
    }

    /** One step of the record: who did what and when, the status after it in words. */
    public record ProposalStep(Instant at, String actorName, String action, String statusLabel, String note) {
    }

    /** A line of a list of matters. */
    public record ProposalSummary(long id, long areaId, String communityName, String compound, String title, ProposalStatus status, String statusLabel,
            int step, String raisedByName, Instant raisedAt, Long caseId, int tasks, int tasksOverdue, int evaluations) {
    }
}
