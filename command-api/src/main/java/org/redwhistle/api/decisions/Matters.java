package org.redwhistle.api.decisions;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The villages' 四议两公开: matters taken through the four meetings in order, the resolution and the
 * result made public. Each call is one change, audited as {@code actor}; the caller runs it in a
 * transaction and checks the area. Refusals are {@link org.redwhistle.api.errors.ApiException}s (409 with
 * the reason in Chinese for a step out of order).
 */
public interface Matters {

    /** A new matter: kind from the list, amount in yuan (optional), what it is about when another feature asks (optional). */
    record NewMatter(long areaId, String title, String description, String kind, BigDecimal amountYuan, String subjectKind, String subjectRef) {
    }

    /**
     * A meeting for a step: date, place, chair, the members present (person ids of the body), and either
     * each present member's vote ({@code votes}) or, voted by show of hands, the counts.
     */
    record Meeting(Step step, LocalDate heldOn, String place, String chair, List<Long> attendance, Map<Long, Vote> votes, Integer yes, Integer no,
            Integer abstain, String note) {
    }

    /** 决议公开: from when, the text, until when it stays displayed. */
    record Publication(LocalDate publishedOn, String text, LocalDate displayUntil) {
    }

    /** 实施: from when, and what is being done. */
    record Implementation(LocalDate startedOn, String note) {
    }

    /** 实施结果公开: when, the text and the figures (spent, built, …). */
    record Result(LocalDate publishedOn, String text, String figures) {
    }

    /** A member of a step's body: person id and name (names are shown to the village's committee only). */
    record Member(long id, String name) {
    }

    /** A meeting as recorded, with the system's tally. {@code members}/{@code present} lists are null where names are not shown. */
    record StepView(long id, int round, Step step, String stepLabel, String body, LocalDate heldOn, String place, String chair, String rule,
            String ruleName, String ruleText, List<Member> members, List<Member> attendees, Map<Long, Vote> votes, boolean perPersonVotes,
            Tally tally, boolean valid, String note, String recordedBy, Instant recordedAt) {

        /** The same meeting without people's names (for readers outside the village's committee). */
        public StepView withoutNames() {
            return new StepView(id, round, step, stepLabel, body, heldOn, place, chair, rule, ruleName, ruleText, null, null, null, perPersonVotes,
                    tally, valid, note, recordedBy, recordedAt);
        }
    }

    /** A matter with its meetings, oldest first. */
    record MatterView(long id, long areaId, String areaName, String title, String description, String kind, String kindLabel, boolean major,
            BigDecimal amountYuan, String subjectKind, String subjectRef, MatterState state, String stateLabel, int round, Step nextStep,
            String nextStepLabel, Boolean resolutionPassed, LocalDate resolvedOn, LocalDate publishedOn, String publicationText,
            LocalDate displayUntil, Instant publishedAt, LocalDate implementedOn, String implementationNote, LocalDate resultOn, String resultText,
            String resultFigures, Instant resultPublishedAt, String createdBy, Instant createdAt, List<StepView> steps) {

        public MatterView withoutNames() {
            return new MatterView(id, areaId, areaName, title, description, kind, kindLabel, major, amountYuan, subjectKind, subjectRef, state,
                    stateLabel, round, nextStep, nextStepLabel, resolutionPassed, resolvedOn, publishedOn, publicationText, displayUntil,
                    publishedAt, implementedOn, implementationNote, resultOn, resultText, resultFigures, resultPublishedAt, null, createdAt,
                    steps.stream().map(StepView::withoutNames).toList());
        }
    }

    /** What a meeting came to: the matter after it, and the tally; {@code decided} false when it was invalid (no quorum) and decided nothing. */
    record StepOutcome(MatterView matter, Tally tally, boolean decided) {
    }

    MatterView create(String actor, NewMatter matter);

    StepOutcome record(String actor, long matterId, Meeting meeting);

    MatterView publish(String actor, long matterId, Publication publication);

    MatterView implement(String actor, long matterId, Implementation implementation);

    MatterView publishResult(String actor, long matterId, Result result);

    /** A rejected matter proposed again: a new round from the proposal. */
    MatterView repropose(String actor, long matterId);

    Optional<MatterView> matter(long id);

    List<MatterView> ofArea(long areaId);

    /** The members of the body that takes {@code step} for the village, as the registry lists them now. */
    List<Member> body(long areaId, Step step);
}
