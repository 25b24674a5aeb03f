package org.redwhistle.api.decisions;

import java.util.Optional;

/**
 * The four deliberations of 四议两公开, in their order, each with the meeting that takes it, the rule it
 * votes under ({@code vote_rule} code) and its body in the registry.
 */
public enum Step {
    PROPOSAL("村党组织提议", "BRANCH_COMMITTEE", "村党组织委员（两委委员中的党员）"),
    DISCUSSION("村“两委”会议商议", "TWO_COMMITTEES", "村“两委”委员"),
    DELIBERATION("党员大会审议", "PARTY_MEMBERS", "全体党员"),
    RESOLUTION("村民代表会议决议", "REPRESENTATIVES", "村民代表");

    private final String label;
    private final String rule;
    private final String body;

    Step(String label, String rule, String body) {
        this.label = label;
        this.rule = rule;
        this.body = body;
    }

    public String label() {
        return label;
    }

    /** The code of the vote rule the step's meeting votes under. */
    public String rule() {
        return rule;
    }

    /** Who the meeting's members are, in words. */
    public String body() {
        return body;
    }

    /** The step that must come before this one; empty for the proposal. */
    public Optional<Step> previous() {
        return ordinal() == 0 ? Optional.empty() : Optional.of(values()[ordinal() - 1]);
    }
}
