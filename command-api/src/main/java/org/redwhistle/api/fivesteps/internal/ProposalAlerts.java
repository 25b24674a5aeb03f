package org.redwhistle.api.fivesteps.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.redwhistle.api.fivesteps.UnitKind;
import org.redwhistle.api.push.Audience;
import org.redwhistle.api.push.Destinations;
import org.redwhistle.api.push.PushHub;
import org.redwhistle.api.security.Role;
import org.redwhistle.api.users.UserAccount;
import org.redwhistle.api.users.UserAccountRepository;
import org.springframework.stereotype.Component;

/**
 * The alerts of 五事工作法 on /user/queue/alerts: a task assigned to a unit and a task overdue go to the
 * unit's accounts (a department's staff; the community's or street's operators; the community's committee
 * for its own tasks and those of bodies outside the platform), a published resolution to every resident
 * account of the community.
 */
@Component
public class ProposalAlerts {

    private final PushHub push;
    private final UserAccountRepository users;

    public ProposalAlerts(PushHub push, UserAccountRepository users) {
        this.push = push;
        this.users = users;
    }

    /** The accounts that work for a task's unit. */
    public Set<Long> unitAccounts(TaskStore.Row t, long communityId) {
        Set<Long> ids = new LinkedHashSet<>();
        if (t.unitKind() == UnitKind.DEPARTMENT) {
            users.findByDepartmentIdAndEnabledTrue(t.departmentId()).forEach(u -> ids.add(u.getId()));
        } else if (t.unitKind() == UnitKind.STREET || t.unitKind() == UnitKind.COMMUNITY) {
            users.findByAreaIdAndRoleAndEnabledTrue(t.unitAreaId(), Role.OPERATOR).forEach(u -> ids.add(u.getId()));
        }
        if (t.unitKind() == UnitKind.COMMUNITY || t.unitKind() == UnitKind.OTHER) {
            users.findByAreaIdAndRoleAndEnabledTrue(communityId, Role.COMMITTEE).forEach(u -> ids.add(u.getId()));
        }
        return ids;
    }

    public void taskAssigned(TaskStore.Row t, long communityId, String proposalTitle) {
        send(unitAccounts(t, communityId), alert("proposal-task-assigned", t.proposalId(), proposalTitle,
                "联动办事任务：" + t.title() + "（" + t.unitName() + "），请于 " + Notes.time(t.dueAt()) + " 前办结", t.assignedAt(), t.id()));
    }

    /** To the unit and to the community's committee, which supervises its matter's tasks. */
    public void taskOverdue(TaskStore.Row t, long communityId, String proposalTitle, Instant at) {
        Set<Long> to = unitAccounts(t, communityId);
        users.findByAreaIdAndRoleAndEnabledTrue(communityId, Role.COMMITTEE).forEach(u -> to.add(u.getId()));
        send(to, alert("proposal-task-overdue", t.proposalId(), proposalTitle,
                "督办：联动办事任务“" + t.title() + "”（" + t.unitName() + "）已超过办结时限 " + Notes.time(t.dueAt()), at, t.id()));
    }

    public void resolutionPublished(long proposalId, long communityId, String title, String resolution, Instant at) {
        Set<Long> to = new LinkedHashSet<>();
        for (UserAccount u : users.findByAreaIdAndRoleAndEnabledTrue(communityId, Role.RESIDENT)) {
            to.add(u.getId());
        }
        send(to, alert("proposal-resolution", proposalId, title, resolution, at, null));
    }

    private static Map<String, Object> alert(String kind, long proposalId, String title, String text, Instant at, Long taskId) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("kind", kind);
        a.put("proposalId", proposalId);
        a.put("title", title);
        a.put("text", text);
        a.put("at", at.toString());
        if (taskId != null) {
            a.put("taskId", taskId);
        }
        return a;
    }

    private void send(Set<Long> to, Map<String, Object> alert) {
        for (long id : to) {
            push.publish(Destinations.ALERTS, alert, Audience.user(id));
        }
    }
}
