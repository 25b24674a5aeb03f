package org.redwhistle.api.cases;

import java.time.Instant;
import java.util.List;

/**
 * A case as the API shows it; {@code timeline} only in the detail view; {@code photos} in both
 * (the residents' and Open311 links first, then uploads in the order they came). Status, level and
 * satisfaction are written by their enum names, as the dashboard and Open311 read them.
 * {@code deadlineProvisional}: a deadline in force now was counted on a year whose official holiday
 * notice is not loaded yet (statutory holidays and weekends only); it is counted again, and may
 * move, when that year is loaded.
 */
public record CaseView(long id, String ref, String type, String category, String description, double lon, double lat, Long gridId,
        String gridName, Long communityId, List<Long> areaPath, String reporter, String channel, CaseStatus status, CaseLevel level,
        String assignee, List<String> departments, boolean complex, Instant submittedAt, Instant acceptDue, Instant resolveDue,
        Instant takenAt, Instant handledAt, Instant closedAt, Boolean resolved, Satisfaction satisfaction, boolean overdue,
        boolean deadlineProvisional, List<CasePhoto> photos, List<Step> timeline) {

    /** One step of the case's life: who did what, when, and where the case stood after it. */
    public record Step(Instant at, String actor, String action, CaseStatus status, CaseLevel level, String note) {
    }

    /** The area of the unit holding the case now. */
    public long holderArea() {
        return level.holderArea(communityId, areaPath);
    }

    public CaseChanged changed() {
        return new CaseChanged(this);
    }

    /** Published after a case changed (committed): pushed on /topic/cases to the area's operators. */
    public record CaseChanged(CaseView view) {
    }
}
