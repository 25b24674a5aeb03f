package org.redwhistle.api.cases.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.redwhistle.api.calendar.WorkingCalendar;
import org.redwhistle.api.cases.AssignmentStatus;
import org.redwhistle.api.cases.CaseLevel;
import org.redwhistle.api.cases.CaseStatus;
import org.redwhistle.api.cases.CaseView;
import org.redwhistle.api.cases.Cases;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.security.CurrentUser;
import org.redwhistle.api.security.Role;
import org.redwhistle.api.units.Department;
import org.redwhistle.api.units.Departments;
import org.springframework.stereotype.Component;

/**
 * 多部门联办: the district center routes a case to one lead department and co-handlers, each with its
 * own deadline; every department reports for itself, and the case is handled when the lead and every
 * co-handler still holding it have reported. A department may send a wrong assignment back (退回) with
 * its reason; the district center must route it again within one working day.
 */
@Component
public class JointHandling {

    static final int MAX_WORKING_DAYS = 30;

    private final CaseStore store;
    private final CaseAssignmentStore assignments;
    private final Departments departments;
    private final CaseDeadlines deadlines;
    private final CasePhotoAttachments photos;

    public JointHandling(CaseStore store, CaseAssignmentStore assignments, Departments departments, CaseDeadlines deadlines,
            CasePhotoAttachments photos) {
        this.store = store;
        this.assignments = assignments;
        this.departments = departments;
        this.deadlines = deadlines;
        this.photos = photos;
    }

    java.util.Optional<Department> department(String code) {
        return departments.byCode(code);
    }

    java.util.Optional<Department> departmentOf(CurrentUser user) {
        return departments.of(user.id());
    }

    /** The levels at which departments hold parts of a case: the departments', and the leaders' when they route it themselves. */
    static boolean holdsParts(CaseLevel level) {
        return level == CaseLevel.DEPARTMENTS || level == CaseLevel.LEADERS;
    }

    /** Whether an assignment to departments is how this level assigns: always at theirs; at the center's and the leaders' when named. */
    static boolean routesToDepartments(CaseLevel level, Cases.Action in) {
        boolean named = in.assignments() != null && !in.assignments().isEmpty();
        return level == CaseLevel.DEPARTMENTS || named && (level == CaseLevel.DISTRICT_CENTER || level == CaseLevel.LEADERS);
    }

    /** Routes (or re-routes, adding departments) the case held by the district center; the caller checked the holder. */
    void route(CurrentUser user, CaseView c, Cases.Action in, Instant now) {
        List<Cases.DepartmentAssignment> wanted = in.assignments();
        if (wanted == null || wanted.isEmpty()) {
            throw ApiException.badField("assignments", "name the departments that must report (部门报到): [{department: \"HOUSING\", lead: true}, …]");
        }
        List<CaseAssignmentStore.Row> existing = assignments.of(c.id());
        // a lead holding the case or having reported (not one that sent it back or had it taken back)
        boolean leadInHand = existing.stream().anyMatch(a -> a.lead() && (a.status() == AssignmentStatus.ASSIGNED
                || a.status() == AssignmentStatus.REPORTED));
        Set<Long> inHand = existing.stream().filter(a -> a.status() == AssignmentStatus.ASSIGNED).map(CaseAssignmentStore.Row::departmentId)
                .collect(Collectors.toSet());
        List<Department> picked = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        int leads = 0;
        for (int i = 0; i < wanted.size(); i++) {
            Cases.DepartmentAssignment a = wanted.get(i);
            String field = "assignments[" + i + "]";
            if (a == null || a.department() == null || a.department().isBlank()) {
                throw ApiException.badField(field + ".department", "is required: a department code (GET /api/v1/departments)");
            }
            Department d = departments.byCode(a.department()).filter(Department::active)
                    .filter(x -> c.areaPath().contains(x.areaId()))
                    .orElseThrow(() -> ApiException.badField(field + ".department", a.department() + " is not an active department serving the case's area"));
            if (!seen.add(d.id()) || inHand.contains(d.id())) {
                throw ApiException.badField(field + ".department", d.shortName() + " already holds the case");
            }
            if (a.workingDays() != null && (a.workingDays() < 1 || a.workingDays() > MAX_WORKING_DAYS)) {
                throw ApiException.badField(field + ".workingDays", "from 1 to " + MAX_WORKING_DAYS + " working days");
            }
            if (Boolean.TRUE.equals(a.lead())) {
                leads++;
            }
            picked.add(d);
        }
        boolean soleLead = leads == 0 && wanted.size() == 1 && !leadInHand;
        if (leads > 1 || leads == 1 && leadInHand) {
            throw ApiException.badField("assignments", "exactly one lead department (牵头单位)" + (leadInHand ? "; the case has one already" : ""));
        }
        if (leads == 0 && !leadInHand && !soleLead) {
            throw ApiException.badField("assignments", "mark the lead department (牵头单位): lead: true on exactly one");
        }
        List<String> parts = new ArrayList<>();
        WorkingCalendar.Deadline latest = null;
        for (int i = 0; i < picked.size(); i++) {
            Cases.DepartmentAssignment a = wanted.get(i);
            boolean lead = soleLead || Boolean.TRUE.equals(a.lead());
            WorkingCalendar.Deadline due = a.workingDays() == null ? deadlines.resolve(now, c.complex()) : deadlines.workingDays(now, a.workingDays());
            assignments.insert(c.id(), picked.get(i).id(), lead, user.username(), now, due);
            parts.add(picked.get(i).shortName() + "（" + (lead ? "牵头" : "协办") + "，" + CaseNotes.time(due.at()) + " 前报到处置）");
            latest = latest == null || due.at().isAfter(latest.at()) ? due : latest;
        }
        // routed by the leaders, it stays theirs; else it is at the departments'
        CaseLevel level = c.level() == CaseLevel.LEADERS ? CaseLevel.LEADERS : CaseLevel.DEPARTMENTS;
        store.routedToDepartments(c.id(), level, latest, now);
        boolean again = existing.stream().anyMatch(a -> a.status() == AssignmentStatus.SENT_BACK);
        String what = existing.isEmpty() ? (picked.size() > 1 ? "派发多部门联办：" : "派发职能部门办理：") : again ? "重新派发：" : "增派：";
        store.step(c.id(), user.username(), "assign", CaseStatus.ASSIGNED, level, CaseNotes.withNote(what + String.join("、", parts), in.note()), now);
    }

    /** A department's own report; the case is handled once the lead and every co-handler still holding it have reported. */
    void report(CurrentUser user, CaseView c, Cases.Action in, Instant now) {
        Department mine = departments.of(user.id())
                .orElseThrow(() -> ApiException.forbidden("your account belongs to no department; a department reports for itself"));
        CaseAssignmentStore.Row part = assignments.inHand(c.id(), mine.id())
                .orElseThrow(() -> ApiException.forbidden("the case is not in the hands of " + mine.shortName()));
        if (in.note() == null || in.note().isBlank()) {
            throw ApiException.badField("note", "describe what " + mine.shortName() + " did");
        }
        List<CasePhotoAttachments.Listed> pictures = CasePhotoAttachments.uploadsOnly("photos", in.photos() == null ? List.of() : in.photos());
        photos.attach("photos", user, pictures, c.id(), CaseHandling.photoStage(in.photoStage()));
        assignments.reported(part.id(), user.username(), in.note().strip(), now);
        List<CaseAssignmentStore.Row> after = assignments.of(c.id());
        List<String> waiting = after.stream().filter(a -> a.status() == AssignmentStatus.ASSIGNED).map(CaseAssignmentStore.Row::name).toList();
        boolean leadReported = after.stream().anyMatch(a -> a.lead() && a.status() == AssignmentStatus.REPORTED);
        String what = mine.shortName() + "（" + (part.lead() ? "牵头" : "协办") + "）报到处置：" + in.note().strip()
                + (pictures.isEmpty() ? "" : "（附现场照片 " + pictures.size() + " 张）")
                + (now.isAfter(part.dueAt()) ? "（已超过本部门时限 " + CaseNotes.time(part.dueAt()) + "）" : "");
        if (waiting.isEmpty() && leadReported) {
            store.handled(c.id(), now);
            store.step(c.id(), user.username(), "report", CaseStatus.HANDLED, c.level(), what + "；各部门均已报到，处置完毕，待居民评价", now);
        } else if (waiting.isEmpty()) {
            // the lead sent its part back and the others have reported: the center must name a lead again
            store.backToCenter(c.id());
            store.step(c.id(), user.username(), "report", CaseStatus.TAKEN, c.level(), what + "；牵头单位已退回，待区社会治理服务中心重新指定牵头单位", now);
        } else {
            store.step(c.id(), user.username(), "report", CaseStatus.ASSIGNED, c.level(), what + "；待 " + String.join("、", waiting) + " 报到", now);
        }
    }

    /** The holder (the district center) cannot report for the departments while they hold the case. */
    boolean departmentsHold(long caseId) {
        return assignments.of(caseId).stream().anyMatch(a -> a.status() == AssignmentStatus.ASSIGNED);
    }

    /** 退回: a department sends back a wrong assignment with its reason; the district center routes it again within 1 working day. */
    void sendBack(CurrentUser user, CaseView c, Cases.Action in, Instant now) {
        if (user.role() != Role.DEPARTMENT || !holdsParts(c.level())) {
            throw ApiException.forbidden("only a department holding the case sends it back");
        }
        Department mine = departments.of(user.id())
                .orElseThrow(() -> ApiException.forbidden("your account belongs to no department; a department sends back its own part"));
        CaseAssignmentStore.Row part = assignments.inHand(c.id(), mine.id())
                .orElseThrow(() -> ApiException.forbidden("the case is not in the hands of " + mine.shortName()));
        if (in.note() == null || in.note().isBlank() || in.note().length() > 500) {
            throw ApiException.badField("note", "give the reason (why the case is not " + mine.shortName() + "'s, who should have it), at most 500 characters");
        }
        WorkingCalendar.Deadline reroute = deadlines.accept(now);
        assignments.sentBack(part.id(), in.note().strip(), now, reroute.at());
        List<CaseAssignmentStore.Row> after = assignments.of(c.id());
        boolean anyInHand = after.stream().anyMatch(a -> a.status() == AssignmentStatus.ASSIGNED);
        boolean leadReported = after.stream().anyMatch(a -> a.lead() && a.status() == AssignmentStatus.REPORTED);
        String said = mine.shortName() + "（" + (part.lead() ? "牵头" : "协办") + "）退回：" + in.note().strip();
        CaseStatus next;
        String then;
        if (!anyInHand && leadReported) {
            next = CaseStatus.HANDLED;
            then = "；牵头单位已报到处置，处置完毕，待居民评价";
            store.handled(c.id(), now);
        } else {
            // every send-back is answered by the center within its limit: a new lead, or another department for the co-handler's part
            next = anyInHand ? CaseStatus.ASSIGNED : CaseStatus.TAKEN;
            then = "；请区社会治理服务中心于 " + CaseNotes.time(reroute.at()) + " 前重新" + (part.lead() ? "指定牵头单位" : "派发")
                    + (anyInHand && !part.lead() ? "（牵头单位继续办理）" : "");
            if (!anyInHand) {
                store.backToCenter(c.id());
            }
        }
        store.step(c.id(), user.username(), "send-back", next, c.level(), said + then, now);
    }

    /** The resident sent the work back for rework: the lead department has it again, with a new limit (and the case's not before it). */
    void rework(long caseId, boolean complex, Instant now) {
        WorkingCalendar.Deadline due = deadlines.resolve(now, complex);
        assignments.reopenLead(caseId, due);
        store.resolveAtLeast(caseId, due.at(), due.provisional(), now);
    }

    /** The case leaves the departments (escalated, rejected, merged): their parts in hand are taken back; a note for the step, or "". */
    String withdrawParts(long caseId) {
        int n = assignments.withdrawInHand(caseId);
        return n == 0 ? "" : "（收回 " + n + " 个部门的在办任务）";
    }

    /** After the resolve limit was counted again (complex), it is not before the limit of a part in hand. */
    void keepAfterParts(long caseId, Instant now) {
        assignments.latestInHand(caseId).ifPresent(latest -> store.resolveAtLeast(caseId, latest, false, now));
    }
}
