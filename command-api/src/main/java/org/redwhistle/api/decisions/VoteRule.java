package org.redwhistle.api.decisions;

/**
 * A meeting's rules, as data: when it is valid (quorum: how many of its members must be present) and
 * when a motion passes (how many yes votes, counted against those present or against all members).
 * Each fraction is compared either strictly ("more than half") or not ("at least two thirds").
 * The villagers' representatives' meeting of 村民委员会组织法 art. 26 is {@link #REPRESENTATIVES}.
 */
public record VoteRule(String code, String name, int quorumNum, int quorumDen, boolean quorumStrict, int majorityNum, int majorityDen,
        boolean majorityStrict, Base base) {

    /** What the yes votes are counted against. */
    public enum Base {
        PRESENT("到会人员"), MEMBERS("应到人员");

        private final String label;

        Base(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** 村民代表会议: valid with at least two thirds of the representatives present; passes with more than half of those present. */
    public static final VoteRule REPRESENTATIVES = new VoteRule("REPRESENTATIVES", "村民代表会议", 2, 3, false, 1, 2, true, Base.PRESENT);

    public VoteRule {
        if (quorumDen <= 0 || majorityDen <= 0 || quorumNum < 0 || majorityNum < 0 || quorumNum > quorumDen || majorityNum > majorityDen) {
            throw new IllegalArgumentException("a rule's fractions lie between 0 and 1 with a positive denominator");
        }
    }

    /** The fewest present that make a meeting of {@code members} valid. */
    public int presentNeeded(int members) {
        return needed(members, quorumNum, quorumDen, quorumStrict);
    }

    /** The fewest yes votes that pass a motion, with {@code members} members of whom {@code present} are present. */
    public int yesNeeded(int members, int present) {
        return needed(base == Base.PRESENT ? present : members, majorityNum, majorityDen, majorityStrict);
    }

    /** The rule in words, e.g. "应到人员三分之二以上（含）到会方为有效；赞成票超过到会人员的二分之一方为通过". */
    public String describe() {
        return "到会人数" + (quorumStrict ? "超过" : "不少于") + "应到人员的 " + quorumNum + "/" + quorumDen + " 方为有效；赞成票"
                + (majorityStrict ? "超过" : "不少于") + base.label() + "的 " + majorityNum + "/" + majorityDen + " 方为通过";
    }

    /** The smallest n with n/of ≥ num/den (or > when strict). */
    static int needed(int of, int num, int den, boolean strict) {
        long product = (long) num * of;
        long n = product / den;
        if (strict) {
            return (int) (n + 1);
        }
        return (int) (product % den == 0 ? n : n + 1);
    }
}
