package org.redwhistle.api.cases;

import java.util.Arrays;
import java.util.List;

/**
 * The unit holding a case, a step of its type's escalation chain. Levels belong to three tiers, climbed
 * in order and never back: the community's side (the community and the village mediation chain), the
 * street (街道), and the district's side (its center, departments and leaders). Which level follows which
 * is the case type's chain, within that rule.
 */
public enum CaseLevel {
    COMMUNITY("社区", Tier.COMMUNITY),
    HOUSEHOLD_HELPER("代办员", Tier.COMMUNITY),
    MEDIATORS("调解员、和事佬", Tier.COMMUNITY),
    LEGAL_ADVISER("法律顾问", Tier.COMMUNITY),
    STREET("街道", Tier.STREET),
    DISTRICT_CENTER("区社会治理服务中心", Tier.DISTRICT),
    DEPARTMENTS("区职能部门", Tier.DISTRICT),
    LEADERS("区领导", Tier.DISTRICT);

    /** Where a level's unit sits: the community, its street, or the district. */
    public enum Tier {
        COMMUNITY, STREET, DISTRICT
    }

    private final String label;
    private final Tier tier;

    CaseLevel(String label, Tier tier) {
        this.label = label;
        this.tier = tier;
    }

    /** The unit's name in zh-CN. */
    public String label() {
        return label;
    }

    public Tier tier() {
        return tier;
    }

    /** Held by the district (its center, departments or leaders) rather than the community or the street. */
    public boolean isDistrictSide() {
        return tier == Tier.DISTRICT;
    }

    /** Whether a chain may go from {@code previous} to this level: up the tiers or along one, never down. */
    public boolean mayFollow(CaseLevel previous) {
        return tier.compareTo(previous.tier) >= 0;
    }

    /**
     * The area of the unit holding a case at this level ({@code areaPath} root first): the district (the
     * root) at district levels or when the case has no community; the community's parent (its street)
     * at the street level; else the community.
     */
    public long holderArea(Long communityId, List<Long> areaPath) {
        int community = communityId == null ? -1 : areaPath.indexOf(communityId);
        return switch (tier) {
            case DISTRICT -> areaPath.get(0);
            case STREET -> community >= 1 ? areaPath.get(community - 1) : areaPath.get(Math.min(1, areaPath.size() - 1));
            case COMMUNITY -> communityId == null ? areaPath.get(0) : communityId;
        };
    }

    public static List<CaseLevel> of(Tier tier) {
        return Arrays.stream(values()).filter(l -> l.tier == tier).toList();
    }
}
