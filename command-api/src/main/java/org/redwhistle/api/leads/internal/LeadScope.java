package org.redwhistle.api.leads.internal;

import java.util.List;

import org.redwhistle.api.access.Caller;
import org.redwhistle.api.access.Scope;
import org.redwhistle.api.members.Members;

/**
 * How far a caller reaches among leads and rewards: everything (administrators), what lies in their area
 * (police, their leaders, the command center, district leaders), or their own (a patrol member: the leads
 * they sent, the rewards proposed or paid to them).
 */
final class LeadScope {

    /** No member (an OWN caller without a member record) or no area (an AREA caller without one): nothing is theirs. */
    static final long NOBODY = -1;

    private LeadScope() {
    }

    /**
     * The area to filter by: null for everything (ALL, or OWN, which filters by member instead); an AREA caller
     * without an area reaches nothing ({@link #NOBODY}, an id no area has).
     */
    static Long area(Caller c) {
        if (!c.is(Scope.AREA)) {
            return null;
        }
        return c.user().areaId() == null ? NOBODY : c.user().areaId();
    }

    /** The member to filter by (OWN), else null. */
    static Long member(Caller c, Members members) {
        if (!c.is(Scope.OWN)) {
            return null;
        }
        return members.byUser(c.user().id()).map(Members.MemberView::id).orElse(NOBODY);
    }

    /** Whether a lead or reward (at {@code areaPath}, of {@code memberId}) is within the caller's reach. */
    static boolean reaches(Caller c, Members members, List<Long> areaPath, long memberId) {
        return switch (c.scope()) {
            case ALL -> true;
            case AREA -> c.user().covers(areaPath);
            case OWN -> member(c, members) == memberId;
            case SHARED -> throw c.unsupportedScope();
        };
    }
}
