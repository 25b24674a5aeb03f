package org.redwhistle.api.cases;

import java.util.Arrays;
import java.util.List;

/**
 * The unit holding a case, a step of its type's escalation chain. Community-side levels (the
 * community and the village mediation chain) come before district-side ones; which level follows
 * which is the case type's chain, within that rule.
 */
public enum CaseLevel {
    COMMUNITY("社区", false),
    HOUSEHOLD_HELPER("代办员", false),
    MEDIATORS("调解员、和事佬", false),
    LEGAL_ADVISER("法律顾问", false),
    DISTRICT_CENTER("区社会治理服务中心", true),
    DEPARTMENTS("区职能部门", true),
    LEADERS("区领导", true);

    private final String label;
    private final boolean districtSide;

    CaseLevel(String label, boolean districtSide) {
        this.label = label;
        this.districtSide = districtSide;
    }

    /** The unit's name in zh-CN. */
    public String label() {
        return label;
    }

    /** Held by the district (its center, departments or leaders) rather than the community. */
    public boolean isDistrictSide() {
        return districtSide;
    }

    /** Whether a chain may go from {@code previous} to this level: never from the district back to the community. */
    public boolean mayFollow(CaseLevel previous) {
        return districtSide || !previous.districtSide;
    }

    /**
     * The area of the unit holding a case at this level: the district (the path's root) at district
     * levels or when the case has no community, else the community.
     */
    public long holderArea(Long communityId, List<Long> areaPath) {
        return districtSide || communityId == null ? areaPath.get(0) : communityId;
    }

    public static List<CaseLevel> communitySide() {
        return Arrays.stream(values()).filter(l -> !l.districtSide).toList();
    }

    public static List<CaseLevel> districtSide() {
        return Arrays.stream(values()).filter(l -> l.districtSide).toList();
    }
}
