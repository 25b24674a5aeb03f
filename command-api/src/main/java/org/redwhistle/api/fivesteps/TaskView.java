package org.redwhistle.api.fivesteps;

import java.time.Instant;

/**
 * A 联动办事 task as its unit, the community and the supervisors read it: the unit ({@code unitKind},
 * {@code unitName}, a department's {@code departmentCode}), what to do, the deadline counted in working days on the
 * official calendar ({@code dueProvisional}: a year counted provisionally), where it stands, and whether it is
 * overdue ({@code overdue}: past the deadline and not reported; {@code overdueFlaggedAt}: when supervision flagged it).
 */
public record TaskView(long id, long proposalId, String proposalTitle, long communityId, String communityName, UnitKind unitKind,
        String unitKindLabel, Long unitAreaId, String departmentCode, String unitName, String title, int workingDays, TaskStatus status,
        String statusLabel, String assignedBy, Instant assignedAt, Instant dueAt, boolean dueProvisional, String reportedBy, Instant reportedAt,
        String reportNote, String acceptedBy, Instant acceptedAt, boolean overdue, Instant overdueFlaggedAt) {
}
