package org.redwhistle.api.cases;

import java.time.Instant;
import java.util.List;

/**
 * A case as the API shows it; {@code timeline} only in the detail view. Status, level and
 * satisfaction are written by their enum names, as the dashboard and Open311 read them, with the
 * words people read beside them ({@code statusLabel}, {@code levelLabel}, {@code categoryName}).
 * {@code holderName} is the unit holding the case (the community's name, or the district-side
 * unit's); {@code assigneeName} and {@code assigneePhone} the grid worker's, for the resident.
 * {@code rejectReason} is the holding unit's reason when it rejected the case (不予受理);
 * {@code mergedInto}/{@code mergedIntoRef} the case a duplicate was merged into; {@code closeReason}
 * why a CLOSED case closed ({@link CloseReason}); {@code lastReminderAt} the resident's last 催办.
 * {@code departments} the short names of the departments that hold or held it, {@code assignments}
 * their parts (lead first). {@code photos} in both views (the residents' and Open311 links first, then uploads in the order
 * they came). {@code deadlineProvisional}: a deadline in force now was counted on a year whose
 * official holiday notice is not loaded yet (statutory holidays and weekends only); it is counted
 * again, and may move, when that year is loaded.
 */
public record CaseView(long id, String ref, String type, String category, String description, double lon, double lat, Long gridId,
        String gridName, Long communityId, List<Long> areaPath, String reporter, String channel, CaseStatus status, CaseLevel level,
        String assignee, List<String> departments, List<Assignment> assignments, boolean complex, Instant submittedAt, Instant acceptDue, Instant resolveDue,
        Instant takenAt, Instant handledAt, Instant closedAt, Boolean resolved, Satisfaction satisfaction, boolean overdue,
        boolean deadlineProvisional, List<CasePhoto> photos, String categoryName, String statusLabel, String levelLabel, String holderName,
        String assigneeName, String assigneePhone, String rejectReason, Long mergedInto, String mergedIntoRef, String closeReason,
        Instant lastReminderAt, List<Step> timeline) {

    /**
     * One step of the case's life: who did what, when, and where the case stood after it. {@code note}
     * is Chinese text with times in Asia/Shanghai; {@code actorName} the actor's display name (系统 for
     * the system).
     */
    public record Step(Instant at, String actor, String action, CaseStatus status, CaseLevel level, String note, String actorName) {
    }

    /**
     * One department's part of a jointly handled case (多部门联办): its code and short name, whether it
     * leads, where it stands, its own deadline and whether that passed before it reported (or still
     * stands passed), its report, and, when it sent the case back (退回), why and by when the district
     * center must route it again.
     */
    public record Assignment(String department, String departmentName, boolean lead, AssignmentStatus status, String statusLabel,
            Instant assignedAt, Instant dueAt, boolean overdue, Instant reportedAt, String report, Instant sentBackAt, String sentBackReason,
            Instant rerouteDue) {
    }

    /** The area of the unit holding the case now. */
    public long holderArea() {
        return level.holderArea(communityId, areaPath);
    }

    /** Timeline actions between the units that a resident is not shown. */
    private static final java.util.Set<String> INTERNAL_STEPS = java.util.Set.of("instruct", "send-back", "supervision-warning");

    /** How a resident who did not file the case is shown the one who did, in the timeline and under its photos. */
    public static final String ANOTHER_RESIDENT = "居民";

    /**
     * The case as the resident {@code username} sees it: without what the units write to each other (批示,
     * 退回 and its reason, warnings before a deadline); whole otherwise when they filed it; else (they follow it
     * because their own request was merged into it) without who filed it, which stays with the
     * community: no reporter, and the reporter's steps and photos signed 居民. Requests are
     * anonymous to the public, and a resident's user name is their mobile number.
     */
    public CaseView asSeenByResident(String username) {
        // what the units write to each other (a leader's 批示, a department's 退回, warnings before a deadline) stays with them
        List<Step> told = timeline.stream().filter(s -> !INTERNAL_STEPS.contains(s.action())).toList();
        List<Assignment> parts = assignments.stream().map(a -> new Assignment(a.department(), a.departmentName(), a.lead(), a.status(),
                a.statusLabel(), a.assignedAt(), a.dueAt(), a.overdue(), a.reportedAt(), a.report(), a.sentBackAt(), null, null)).toList();
        if (reporter == null || reporter.equals(username)) {
            return new CaseView(id, ref, type, category, description, lon, lat, gridId, gridName, communityId, areaPath, reporter, channel, status,
                    level, assignee, departments, parts, complex, submittedAt, acceptDue, resolveDue, takenAt, handledAt, closedAt, resolved,
                    satisfaction, overdue, deadlineProvisional, photos, categoryName, statusLabel, levelLabel, holderName, assigneeName,
                    assigneePhone, rejectReason, mergedInto, mergedIntoRef, closeReason, lastReminderAt, told);
        }
        String filer = reporter;
        List<Step> steps = told.stream().map(s -> filer.equals(s.actor())
                ? new Step(s.at(), ANOTHER_RESIDENT, s.action(), s.status(), s.level(), s.note(), ANOTHER_RESIDENT) : s).toList();
        List<CasePhoto> pictures = photos.stream().map(p -> filer.equals(p.uploadedBy())
                ? new CasePhoto(p.id(), p.url(), p.stage(), p.stageLabel(), ANOTHER_RESIDENT, p.at()) : p).toList();
        return new CaseView(id, ref, type, category, description, lon, lat, gridId, gridName, communityId, areaPath, null, channel, status, level,
                assignee, departments, parts, complex, submittedAt, acceptDue, resolveDue, takenAt, handledAt, closedAt, resolved, satisfaction, overdue,
                deadlineProvisional, pictures, categoryName, statusLabel, levelLabel, holderName, assigneeName, assigneePhone, rejectReason,
                mergedInto, mergedIntoRef, closeReason, lastReminderAt, steps);
    }

    /** The change of this case, for {@code followers} and the accounts of the departments it was routed to: the residents who follow it ({@link Cases#followers}). */
    public CaseChanged changed(List<String> followers, List<Long> departmentAccounts) {
        return new CaseChanged(this, List.copyOf(followers), List.copyOf(departmentAccounts));
    }

    /**
     * Published after a case changed (committed): pushed on /topic/cases to the area's operators, and on
     * /user/queue/cases to its {@code followers}, the usernames of the residents who filed it or a
     * duplicate merged into it; departments' accounts get /topic/cases only for the cases routed to their
     * department ({@code departmentAccounts}, user ids), never by area.
     */
    public record CaseChanged(CaseView view, List<String> followers, List<Long> departmentAccounts) {
    }
}
