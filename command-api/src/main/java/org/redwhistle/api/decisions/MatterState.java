package org.redwhistle.api.decisions;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Where a matter stands. The four steps move it OPEN → PROPOSED → DISCUSSED → DELIBERATED → RESOLVED,
 * one at a time; a motion that fails at any step leaves it REJECTED until it is proposed again (a new
 * round, OPEN). A resolution is made public (PUBLISHED; a failed representatives' vote may be made public
 * too, the matter stays REJECTED), carried out (IMPLEMENTING) and its result made public
 * (RESULT_PUBLISHED). A matter not on the major list may be carried out without the four steps.
 */
public enum MatterState {
    OPEN("待提议"),
    PROPOSED("已提议，待两委商议"),
    DISCUSSED("已商议，待党员大会审议"),
    DELIBERATED("已审议，待村民代表会议决议"),
    RESOLVED("已决议，待公开"),
    REJECTED("未通过"),
    PUBLISHED("决议已公开"),
    IMPLEMENTING("实施中"),
    RESULT_PUBLISHED("实施结果已公开");

    private final String label;

    MatterState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The step a meeting may take now; empty when no meeting is due. */
    public Optional<Step> nextStep() {
        return switch (this) {
            case OPEN -> Optional.of(Step.PROPOSAL);
            case PROPOSED -> Optional.of(Step.DISCUSSION);
            case DISCUSSED -> Optional.of(Step.DELIBERATION);
            case DELIBERATED -> Optional.of(Step.RESOLUTION);
            default -> Optional.empty();
        };
    }

    /** The state a passed vote at {@code step} leads to. */
    public static MatterState after(Step step) {
        return switch (step) {
            case PROPOSAL -> PROPOSED;
            case DISCUSSION -> DISCUSSED;
            case DELIBERATION -> DELIBERATED;
            case RESOLUTION -> RESOLVED;
        };
    }

    /** The states this one may move to. */
    public Set<MatterState> next() {
        return switch (this) {
            case OPEN -> EnumSet.of(PROPOSED, REJECTED, IMPLEMENTING);
            case PROPOSED -> EnumSet.of(DISCUSSED, REJECTED, IMPLEMENTING);
            case DISCUSSED -> EnumSet.of(DELIBERATED, REJECTED, IMPLEMENTING);
            case DELIBERATED -> EnumSet.of(RESOLVED, REJECTED, IMPLEMENTING);
            case RESOLVED -> EnumSet.of(PUBLISHED);
            case REJECTED -> EnumSet.of(OPEN);
            case PUBLISHED -> EnumSet.of(IMPLEMENTING);
            case IMPLEMENTING -> EnumSet.of(RESULT_PUBLISHED);
            case RESULT_PUBLISHED -> EnumSet.noneOf(MatterState.class);
        };
    }

    public boolean mayMoveTo(MatterState s) {
        return next().contains(s);
    }
}
