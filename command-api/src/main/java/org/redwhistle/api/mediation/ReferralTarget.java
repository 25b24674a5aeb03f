package org.redwhistle.api.mediation;

/**
 * Where an unresolved dispute goes when it leaves the village, with its file (卷宗): the town's (street's)
 * people's mediation committee, or the district's legal aid centre. The names are completed with the
 * town's or district's name (八陡镇人民调解委员会, 博山区法律援助中心).
 */
public enum ReferralTarget {
    TOWN_COMMITTEE("人民调解委员会"),
    LEGAL_AID("法律援助中心");

    private final String suffix;

    ReferralTarget(String suffix) {
        this.suffix = suffix;
    }

    /** The body's name after {@code place} (the town for the committee, the district for legal aid). */
    public String name(String place) {
        return (place == null ? "" : place) + suffix;
    }
}
