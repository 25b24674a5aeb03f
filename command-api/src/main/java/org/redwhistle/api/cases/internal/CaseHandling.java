package org.redwhistle.api.cases.internal;

import java.time.Instant;
import java.util.List;

import org.redwhistle.api.calendar.WorkingCalendar;
import org.redwhistle.api.cases.CaseAction;
import org.redwhistle.api.cases.CaseLevel;
import org.redwhistle.api.cases.CaseStatus;
import org.redwhistle.api.cases.CaseView;
import org.redwhistle.api.cases.Cases;
import org.redwhistle.api.cases.PhotoStage;
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

    private final CaseStore store;
    private final CaseTypeStore types;
    private final CaseDeadlines deadlines;
    private final UserAccountRepository users;
    private final GridLocator grids;
    private final CasePhotoAttachments photos;

    public CaseHandling(CaseStore store, CaseTypeStore types, CaseDeadlines deadlines, UserAccountRepository users, GridLocator grids,
            CasePhotoAttachments photos) {
        this.photos = photos;
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
            throw ApiException.forbidden("the case is held by " + (c.level().isDistrictSide() ? "the district" : "the community") + ", not by your unit");
        }
    }

    private void take(CurrentUser user, CaseView c, Instant now) {
        requireHolder(user, c);
        store.taken(c.id(), now);
        store.step(c.id(), user.username(), "take", CaseStatus.TAKEN, c.level(), now.isAfter(c.acceptDue()) ? "接单（已超过受理时限）" : "接单", now);
    }

    private void assign(CurrentUser user, CaseView c, Cases.Action in, Instant now) {
        requireHolder(user, c);
        if (c.level() == CaseLevel.DEPARTMENTS) {
            if (in.departments() == null || in.departments().isEmpty()) {
                throw ApiException.badField("departments", "name the departments that must report (部门报到)");
            }
            store.assignedToDepartments(c.id(), in.departments());
            store.step(c.id(), user.username(), "assign", CaseStatus.ASSIGNED, c.level(), "部门报到：" + String.join("、", in.departments()), now);
            return;
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
        store.step(c.id(), user.username(), "assign", CaseStatus.ASSIGNED, c.level(), "指派 " + in.assignee(), now);
    }

    private void report(CurrentUser user, CaseView c, Cases.Action in, Instant now) {
        boolean isAssignee = user.username().equals(c.assignee());
        boolean isDepartment = user.role() == Role.DEPARTMENT && c.level() == CaseLevel.DEPARTMENTS && user.covers(c.areaPath());
        if (!isAssignee && !isDepartment) {
            requireHolder(user, c);
        }
        if (in.note() == null || in.note().isBlank()) {
            throw ApiException.badField("note", "describe what was done");
        }
        List<CasePhotoAttachments.Listed> pictures = CasePhotoAttachments.uploadsOnly("photos", in.photos() == null ? List.of() : in.photos());
        PhotoStage stage = photoStage(in.photoStage());
        photos.attach("photos", user, pictures, c.id(), stage);
        store.handled(c.id(), now);
        store.step(c.id(), user.username(), "report", CaseStatus.HANDLED, c.level(),
                in.note() + (pictures.isEmpty() ? "" : "（附现场照片 " + pictures.size() + " 张，" + stage.label() + "）"), now);
    }

    /** The report's photos are taken before or after the work; after when not said. */
    private static PhotoStage photoStage(String s) {
        if (s == null || s.isBlank()) {
            return PhotoStage.AFTER;
        }
        if (PhotoStage.BEFORE.name().equals(s) || PhotoStage.AFTER.name().equals(s)) {
            return PhotoStage.valueOf(s);
        }
        throw ApiException.badField("photoStage", "must be BEFORE or AFTER (the work)");
    }

    private void evaluate(CurrentUser user, CaseView c, Cases.Action in, Instant now) {
        if (!user.username().equals(c.reporter())) {
            throw ApiException.forbidden("only the resident who blew the whistle evaluates it (群众评事)");
        }
        if (in.resolved() == null) {
            throw ApiException.badField("resolved", "is required: true or false");
        }
        Satisfaction satisfaction = satisfaction(in.satisfaction());
        boolean rework = !in.resolved() || satisfaction == Satisfaction.DISSATISFIED;
        CaseStatus next = rework ? CaseStatus.ASSIGNED : CaseStatus.CLOSED;
        store.evaluated(c.id(), in.resolved(), satisfaction, next, now);
        store.step(c.id(), user.username(), rework ? "rework" : "evaluate", next, c.level(),
                (in.resolved() ? "已解决" : "未解决") + "，" + satisfaction + (in.note() == null ? "" : "：" + in.note()), now);
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
        moveUp(c.id(), next, c.complex(), now);
        store.step(c.id(), user.username(), "escalate", CaseStatus.DISPATCHED, next, in.note(), now);
    }

    /**
     * Hands the case to the next unit of its chain, which gets its own time limits from now: take
     * within 1 working day, resolve within 3 (5 if complex).
     */
    public void moveUp(long caseId, CaseLevel next, boolean complex, Instant now) {
        store.movedUp(caseId, next, deadlines.accept(now), deadlines.resolve(now, complex), now);
    }

    private void complex(CurrentUser user, CaseView c, Cases.Action in, Instant now) {
        requireHolder(user, c);
        boolean complex = in.complex() == null || in.complex();
        WorkingCalendar.Deadline due = deadlines.resolve(c.submittedAt(), complex);
        store.complex(c.id(), complex, due, c.submittedAt());
        store.step(c.id(), user.username(), "complex", c.status(), c.level(), (complex ? "认定为复杂疑难，办结时限 " : "取消复杂认定，办结时限 ") + due.at()
                + (in.note() == null ? "" : "：" + in.note()), now);
    }
}
