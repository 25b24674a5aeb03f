package org.redwhistle.api.decisions;

/**
 * A vote counted against its meeting's {@link VoteRule}: the system, not the secretary, says whether
 * the meeting was valid and whether the motion passed, from the recorded attendance and votes.
 * Those present who cast no vote count as not voting yes.
 */
public record Tally(String rule, int members, int present, int yes, int no, int abstain, int presentNeeded, int yesNeeded, boolean quorate,
        boolean passed, String outcome) {

    /**
     * Counts a vote. Refuses counts that cannot be: more present than members, more votes than
     * people present, negative numbers.
     */
    public static Tally count(VoteRule rule, int members, int present, int yes, int no, int abstain) {
        if (members <= 0) {
            throw new IllegalArgumentException("a meeting has at least one member (应到人数 " + members + ")");
        }
        if (present < 0 || yes < 0 || no < 0 || abstain < 0) {
            throw new IllegalArgumentException("counts cannot be negative");
        }
        if (present > members) {
            throw new IllegalArgumentException("到会 " + present + " 人多于应到 " + members + " 人");
        }
        if (yes + no + abstain > present) {
            throw new IllegalArgumentException("票数 " + (yes + no + abstain) + " 多于到会 " + present + " 人");
        }
        int presentNeeded = rule.presentNeeded(members);
        int yesNeeded = rule.yesNeeded(members, present);
        boolean quorate = present >= presentNeeded;
        boolean passed = quorate && yes >= yesNeeded;
        String outcome = !quorate
                ? "会议无效：应到 " + members + " 人，实到 " + present + " 人，不足 " + presentNeeded + " 人"
                : passed ? "通过：赞成 " + yes + " 票，达到 " + yesNeeded + " 票"
                        : "未通过：赞成 " + yes + " 票，不足 " + yesNeeded + " 票";
        return new Tally(rule.code(), members, present, yes, no, abstain, presentNeeded, yesNeeded, quorate, passed, outcome);
    }
}
