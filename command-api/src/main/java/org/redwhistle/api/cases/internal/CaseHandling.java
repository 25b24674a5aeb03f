package org.redwhistle.api.cases.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.redwhistle.api.calendar.WorkingCalendar;
import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.cases.CaseAction;
import org.redwhistle.api.cases.CaseLevel;
import org.redwhistle.api.cases.CaseStatus;
import org.redwhistle.api.cases.CaseView;
import org.redwhistle.api.cases.Cases;
import org.redwhistle.api.cases.PhotoStage;
import org.redwhistle.api.cases.CloseReason;
import org.redwhistle.api.cases.Satisfaction;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.security.CurrentUser;
import org.redwhistle.api.security.Role;
import org.redwhistle.api.users.UserAccount;
import org.redwhistle.api.users.UserAccountRepository;
import org.redwhistle.geo.area.AreaRef;
import org.redwhistle.geo.grid.GridLocator;
import org.springframework.stereotype.Component;

/**
 * What each workflow action does to a locked case whose status {@link CaseAction}'s table already
 * allowed: who may do it, what input it needs, the row's change and the timeline entry.
 */
@Component
public class CaseHandling {

    private static final ZoneId CHINA = WorkingCalendar.CHINA;

    private final CaseStore store;
    private final CaseTypeStore types;
    private final CaseDeadlines deadlines;
    private final UserAccountRepository users;
    private final GridLocator grids;
    private final CasePhotoAttachments photos;
    private final JointHandling joint;

    public CaseHandling(CaseStore store, CaseTypeStore types, CaseDeadlines deadlines, UserAccountRepository users, GridLocator grids,
            CasePhotoAttachments photos, JointHandling joint) {
        this.photos = photos;
        this.joint = joint;
        this.store = store;
        this.types = types;
        this.deadlines = deadlines;
        this.users = users;
        this.grids = grids;
    }

    public void apply(CaseAction action, CurrentUser user, CaseView c, Cases.Action in, Instant now) {
        switch (action) {
            case TAKE -> take(user, c, now);
            case ASSIGN -> assign(user, c, in, now);
            case REPORT -> report(user, c, in, now);
            case EVALUATE -> evaluate(user, c, in, now);
            case ESCALATE -> escalate(user, c, in, now);
            case COMPLEX -> complex(user, c, in, now);
            case WITHDRAW -> withdraw(user, c, in, now);
            case REJECT -> reject(user, c, in, now);
            case REMIND -> remind(user, c, now);
            case SEND_BACK -> joint.sendBack(user, c, in, now);
            case INSTRUCT -> instruct(user, c, in, now);
            case MERGE, AUTO_CLOSE -> throw new IllegalArgumentException(action + " has its own entry (merge, closeNotEvaluated)");
        }
    }

    /** The unit holding the case: the community's operators at community levels, the district's above. */
    private static void requireHolder(CurrentUser user, CaseView c) {
        if (user.isAdmin()) {
            return;
        }
        if (!user.hasAnyRole(Role.OPERATOR, Role.LEADER)) {
            throw ApiException.forbidden("only the unit holding the case acts on it");
        }
        // the holder's own operators, or anyone above them
        int holderDepth = c.areaPath().indexOf(c.holderArea());
        int userDepth = user.areaId() == null ? -1 : c.areaPath().indexOf(user.areaId());
        if (userDepth < 0 || userDepth > holderDepth) {
            throw ApiException.forbidden("the case is held by " + c.holderName() + " (" + c.level().label() + "), not by your unit");
        }
    }

    private static void requireReporter(CurrentUser user, CaseView c, String what) {
        if (!user.username().equals(c.reporter())) {
            throw ApiException.forbidden("only the resident who blew the whistle " + what);
        }
    }

    private void take(CurrentUser user, CaseView c, Instant now) {
        requireHolder(user, c);
        store.taken(c.id(), now);
        store.step(c.id(), user.username(), "take", CaseStatus.TAKEN, c.level(),
                now.isAfter(c.acceptDue()) ? "接单（已超过受理时限 " + CaseNotes.time(c.acceptDue()) + "）" : c.holderName() + " 已接单", now);
    }

    private void assign(CurrentUser user, CaseView c, Cases.Action in, Instant now) {
        requireHolder(user, c);
        if (JointHandling.routesToDepartments(c.level(), in)) {
            joint.route(user, c, in, now);
            return;
        }
        if (in.assignments() != null && !in.assignments().isEmpty()) {
            throw ApiException.badField("assignments", "only the district center routes a case to departments; at "
                    + c.level().label() + " assign a person (assignee)");
        }
        if (in.assignee() == null) {
            throw ApiException.badField("assignee", "is required: the username of the grid worker (or handler)");
        }
        UserAccount assignee = users.findByUsername(in.assignee()).filter(UserAccount::isEnabled)
                .orElseThrow(() -> ApiException.badField("assignee", "no such user"));
        List<Long> assigneeChain = grids.chainOf(assignee.getAreaId() == null ? -1 : assignee.getAreaId()).stream().map(AreaRef::id).toList();
        if (c.communityId() != null && !assigneeChain.contains(c.communityId())) {
            throw ApiException.badField("assignee", in.assignee() + " does not work in the case's community");
        }
        store.assignedTo(c.id(), assignee.getId());
        store.step(c.id(), user.username(), "assign", CaseStatus.ASSIGNED, c.level(),
                CaseNotes.withNote("指派 " + assignee.getDisplayName() + "（" + assignee.getRole().label() + "）", in.note()), now);
    }

    private void report(CurrentUser user, CaseView c, Cases.Action in, Instant now) {
        if (user.role() == Role.DEPARTMENT) {
            if (!JointHandling.holdsParts(c.level())) {
                throw ApiException.forbidden("a department reports on cases routed to it (at the departments' or the leaders' level)");
            }
            joint.report(user, c, in, now);
            return;
        }
        boolean isAssignee = user.username().equals(c.assignee());
        if (!isAssignee) {
            requireHolder(user, c);
            if (JointHandling.holdsParts(c.level()) && joint.departmentsHold(c.id())) {
                throw CaseAction.notAllowedNow("the departments holding the case report for themselves (部门报到): "
                        + String.join("、", c.departments()), List.of(new ApiException.FieldError("assignments", "ASSIGNED")));
            }
        }
        if (in.note() == null || in.note().isBlank()) {
            throw ApiException.badField("note", "describe what was done");
        }
        List<CasePhotoAttachments.Listed> pictures = CasePhotoAttachments.uploadsOnly("photos", in.photos() == null ? List.of() : in.photos());
        PhotoStage stage = photoStage(in.photoStage());
        photos.attach("photos", user, pictures, c.id(), stage);
        store.handled(c.id(), now);
        store.step(c.id(), user.username(), "report", CaseStatus.HANDLED, c.level(), "处置完毕，待居民评价：" + in.note().strip()
                + (pictures.isEmpty() ? "" : "（附现场照片 " + pictures.size() + " 张，" + stage.label() + "）"), now);
    }

    /** The report's photos are taken before or after the work; after when not said. */
    static PhotoStage photoStage(String s) {
        if (s == null || s.isBlank()) {
            return PhotoStage.AFTER;
        }
        if (PhotoStage.BEFORE.name().equals(s) || PhotoStage.AFTER.name().equals(s)) {
            return PhotoStage.valueOf(s);
        }
        throw ApiException.badField("photoStage", "must be BEFORE or AFTER (the work)");
    }

    private void evaluate(CurrentUser user, CaseView c, Cases.Action in, Instant now) {
        requireReporter(user, c, "evaluates it (群众评事)");
        if (in.resolved() == null) {
            throw ApiException.badField("resolved", "is required: true or false");
        }
        Satisfaction satisfaction = satisfaction(in.satisfaction());
        boolean rework = !in.resolved() || satisfaction == Satisfaction.DISSATISFIED;
        CaseStatus next = rework ? CaseStatus.ASSIGNED : CaseStatus.CLOSED;
        store.evaluated(c.id(), in.resolved(), satisfaction, next, now);
        if (rework && c.level() == CaseLevel.DEPARTMENTS && !c.assignments().isEmpty()) {
            joint.rework(c.id(), c.complex(), now);
        }
        store.step(c.id(), user.username(), rework ? "rework" : "evaluate", next, c.level(),
                CaseNotes.withNote("居民评价：" + (in.resolved() ? "已解决" : "未解决") + "，" + satisfaction.label() + (rework ? "，退回重办" : ""),
                        in.note()), now);
    }

    /** 撤回: only the reporter, only while nobody has taken it (the table allows it from DISPATCHED alone). */
    private void withdraw(CurrentUser user, CaseView c, Cases.Action in, Instant now) {
        requireReporter(user, c, "withdraws it");
        if (c.takenAt() != null) {
            // dispatched again after an escalation: a unit has had it in hand, so it is no longer the resident's to take back
            throw CaseAction.notAllowedNow("the case was taken by a unit at " + CaseNotes.time(c.takenAt()) + "; it can be withdrawn only before",
                    List.of(new ApiException.FieldError("status", "taken")));
        }
        store.ended(c.id(), CaseStatus.WITHDRAWN, null, null, now);
        store.step(c.id(), user.username(), "withdraw", CaseStatus.WITHDRAWN, c.level(), CaseNotes.withNote("居民已撤回诉求", in.note()), now);
    }

    /** 不予受理: the holding unit, with the reason the resident reads. */
    private void reject(CurrentUser user, CaseView c, Cases.Action in, Instant now) {
        requireHolder(user, c);
        if (in.note() == null || in.note().isBlank()) {
            throw ApiException.badField("note", "give the reason the resident will read (why the request is out of scope, where to turn instead)");
        }
        String reason = in.note().strip();
        if (reason.length() > 500) {
            throw ApiException.badField("note", "at most 500 characters");
        }
        store.ended(c.id(), CaseStatus.REJECTED, reason, null, now);
        store.step(c.id(), user.username(), "reject", CaseStatus.REJECTED, c.level(), c.holderName() + " 不予受理：" + reason
                + joint.withdrawParts(c.id()), now);
    }

    /**
     * 合并: the holding unit ends the duplicate {@code c} in favour of {@code into}, an open case in its
     * reach (both rows locked by the caller); the survivor's timeline notes it.
     */
    public void merge(CurrentUser user, CaseView c, CaseView into, String note, Instant now) {
        requireHolder(user, c);
        if (into.id() == c.id()) {
            throw ApiException.badField("into", "a case cannot be merged into itself");
        }
        if (!user.isAdmin() && !user.covers(into.areaPath())) {
            throw ApiException.badField("into", "case " + into.id() + " does not exist or is outside your area");
        }
        if (!into.status().isOpen()) {
            throw CaseAction.notAllowedNow("case " + into.ref() + " is " + into.status() + "; a duplicate is merged into an open case",
                    List.of(new ApiException.FieldError("into", into.status().name())));
        }
        store.ended(c.id(), CaseStatus.MERGED, null, into.id(), now);
        String withdrawn = joint.withdrawParts(c.id());
        // duplicates merged into this one before follow the survivor too
        int carried = store.remerged(c.id(), into.id());
        store.step(c.id(), user.username(), "merge", CaseStatus.MERGED, c.level(),
                CaseNotes.withNote("与诉求 " + into.ref() + " 重复，已合并办理，请关注该诉求的进展" + withdrawn, note), now);
        store.step(into.id(), user.username(), "merged-in", into.status(), into.level(),
                CaseNotes.withNote("合并重复诉求 " + c.ref() + (carried > 0 ? "（连同此前并入它的 " + carried + " 件）" : "")
                        + "，其反映人将一并收到本诉求的办理进展", note), now);
    }

    /**
     * 催办: the reporter, once a deadline in force has passed (the accept deadline while nobody took the
     * case, the resolve deadline while it is not handled), at most once per calendar day in China.
     */
    private void remind(CurrentUser user, CaseView c, Instant now) {
        requireReporter(user, c, "reminds the unit (催办)");
        String passed;
        if (c.status().awaitsTaking() && now.isAfter(c.acceptDue())) {
            passed = "已超过受理时限 " + CaseNotes.time(c.acceptDue());
        } else if (c.status().awaitsResolution() && now.isAfter(c.resolveDue())) {
            passed = "已超过办结时限 " + CaseNotes.time(c.resolveDue());
        } else {
            Instant due = c.status().awaitsTaking() ? c.acceptDue() : c.resolveDue();
            throw CaseAction.notAllowedNow("no deadline has passed yet: you can remind the unit (催办) once " + (c.status().awaitsTaking()
                    ? "the accept deadline " : "the resolve deadline ") + CaseNotes.time(due) + " (Asia/Shanghai) has passed",
                    List.of(new ApiException.FieldError(c.status().awaitsTaking() ? "acceptDue" : "resolveDue", due.toString())));
        }
        if (c.lastReminderAt() != null && c.lastReminderAt().atZone(CHINA).toLocalDate().equals(now.atZone(CHINA).toLocalDate())) {
            Instant tomorrow = now.atZone(CHINA).toLocalDate().plusDays(1).atStartOfDay(CHINA).toInstant();
            throw ApiException.tooManyRequests("you already reminded the unit today (" + CaseNotes.time(c.lastReminderAt())
                    + "); one reminder per day, the next from 0:00 tomorrow (Asia/Shanghai)", Duration.between(now, tomorrow));
        }
        store.reminded(c.id(), now);
        store.step(c.id(), user.username(), "remind", c.status(), c.level(), "居民催办：" + passed + "，请 " + c.holderName() + " 尽快办理", now);
    }

    /** The user ids of the unit holding the case: the departments' accounts while they hold it, else the holder area's operators. */
    public List<Long> holders(CaseView c) {
        List<String> inHand = c.assignments().stream().filter(a -> a.status() == org.redwhistle.api.cases.AssignmentStatus.ASSIGNED)
                .map(CaseView.Assignment::department).toList();
        if (c.level() == CaseLevel.DEPARTMENTS && !inHand.isEmpty()) {
            return accountsOf(inHand);
        }
        return users.findByAreaIdAndRoleAndEnabledTrue(c.holderArea(), Role.OPERATOR).stream().map(UserAccount::getId).toList();
    }

    /** The user ids of the accounts of every department the case was routed to (holding it, reported or sent back). */
    public List<Long> departmentAccounts(CaseView c) {
        return accountsOf(c.assignments().stream().map(CaseView.Assignment::department).distinct().toList());
    }

    /** The user ids of the enabled accounts of the departments with these codes. */
    private List<Long> accountsOf(List<String> departmentCodes) {
        return departmentCodes.stream().flatMap(code -> joint.department(code).stream())
                .flatMap(d -> users.findByDepartmentIdAndEnabledTrue(d.id()).stream()).map(UserAccount::getId).toList();
    }

    public boolean isDepartment(String code) {
        return joint.department(code).isPresent();
    }

    /** The id of the department a DEPARTMENT account works for, if any. */
    public java.util.Optional<Long> departmentOf(CurrentUser user) {
        return joint.departmentOf(user).map(org.redwhistle.api.units.Department::id);
    }

    /** A department's account sees the cases routed to its department; an account of no department, its area's. */
    public boolean departmentSees(CurrentUser user, CaseView c) {
        return joint.departmentOf(user).map(d -> c.assignments().stream().anyMatch(a -> a.department().equals(d.code())))
                .orElseGet(() -> user.covers(c.areaPath()));
    }

    /** 批示: a leader's written instruction on an open case in their area, for the unit holding it. */
    private void instruct(CurrentUser user, CaseView c, Cases.Action in, Instant now) {
        if (user.role() != Role.LEADER && !user.isAdmin()) {
            throw ApiException.forbidden("only the district's leaders write instructions (批示)");
        }
        if (in.note() == null || in.note().isBlank() || in.note().length() > 500) {
            throw ApiException.badField("note", "write the instruction (批示), at most 500 characters");
        }
        store.step(c.id(), user.username(), CaseAction.INSTRUCT.wire(), c.status(), c.level(), "领导批示（致" + c.holderName() + "）：" + in.note().strip(), now);
    }

    /** Closes a HANDLED case nobody evaluated within the window that ended at {@code due}. */
    public void closeNotEvaluated(CaseView c, int windowDays, Instant due, Instant at) {
        store.closedNotEvaluated(c.id(), at);
        store.step(c.id(), AuditLog.SYSTEM, CaseAction.AUTO_CLOSE.wire(), CaseStatus.CLOSED, c.level(), CloseReason.NOT_EVALUATED.label()
                + "（" + CaseNotes.time(c.handledAt()) + " 处置完毕，" + windowDays + " 个工作日内即 " + CaseNotes.time(due) + " 前未评价）", at);
    }

    private static Satisfaction satisfaction(String s) {
        for (Satisfaction v : Satisfaction.values()) {
            if (v.name().equals(s)) {
                return v;
            }
        }
        throw ApiException.badField("satisfaction", "must be SATISFIED, BASICALLY_SATISFIED or DISSATISFIED");
    }

    private void escalate(CurrentUser user, CaseView c, Cases.Action in, Instant now) {
        requireHolder(user, c);
        if (in.note() == null || in.note().isBlank()) {
            throw ApiException.badField("note", "give the reason for escalating");
        }
        CaseType type = types.find(c.type()).orElseThrow();
        CaseLevel next = type.after(c.level())
                .orElseThrow(() -> CaseAction.notAllowedNow("the case is at the top of its chain (" + c.level() + ")", List.of()));
        String withdrawn = moveUp(c.id(), next, c.complex(), now);
        store.step(c.id(), user.username(), "escalate", CaseStatus.DISPATCHED, next, "上报至" + next.label() + "：" + in.note().strip() + withdrawn, now);
    }

    /**
     * Hands the case to the next unit of its chain, which gets its own time limits from now: take
     * within 1 working day, resolve within 3 (5 if complex).
     */
    public String moveUp(long caseId, CaseLevel next, boolean complex, Instant now) {
        store.movedUp(caseId, next, deadlines.accept(now), deadlines.resolve(now, complex), now);
        return joint.withdrawParts(caseId);
    }

    private void complex(CurrentUser user, CaseView c, Cases.Action in, Instant now) {
        requireHolder(user, c);
        boolean complex = in.complex() == null || in.complex();
        // counted from where the unit's own limit starts: the submission, or the escalation that handed it the case
        Instant from = store.resolveCountedFrom(c.id()).orElse(c.submittedAt());
        WorkingCalendar.Deadline due = deadlines.resolve(from, complex);
        store.complex(c.id(), complex, due, from);
        joint.keepAfterParts(c.id(), now);
        store.step(c.id(), user.username(), "complex", c.status(), c.level(),
                CaseNotes.withNote((complex ? "认定为复杂疑难，办结时限延至 " : "取消复杂疑难认定，办结时限为 ") + CaseNotes.time(due.at())
                        + (due.provisional() ? "（暂定）" : ""), in.note()), now);
    }
}
