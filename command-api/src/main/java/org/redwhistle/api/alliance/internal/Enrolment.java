package org.redwhistle.api.alliance.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.redwhistle.api.access.Caller;
import org.redwhistle.api.alliance.MembershipStatus;
import org.redwhistle.api.alliance.Trade;
import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.members.MemberRecords;
import org.redwhistle.api.members.Members;
import org.redwhistle.api.security.CurrentUser;
import org.redwhistle.api.security.Role;
import org.redwhistle.api.users.AccountChanges;
import org.redwhistle.api.users.UserAccount;
import org.redwhistle.geo.area.AreaRef;
import org.redwhistle.geo.responders.ResponderState;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The steps of a membership: an application (by the resident, or entered by the police for someone), the
 * police's vetting (在册 with a team, or 未通过), suspension and reinstatement, leaving, and the badge's reissue.
 * Each checks the status allows it (a 409 in Chinese otherwise), keeps the change in the member's history and
 * audits it. Activation makes the person a responder: their account (the applicant's own, promoted from
 * resident to patrol member; or one made with a one-time initial password) and their {@code member} row.
 */
@Component
class Enrolment {

    private final AllianceStore store;
    private final AllianceAccess access;
    private final AccountChanges accounts;
    private final MemberRecords records;
    private final Members members;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;

    Enrolment(AllianceStore store, AllianceAccess access, AccountChanges accounts, MemberRecords records, Members members, AuditLog audit,
            TransactionTemplate tx, Clock clock) {
        this.store = store;
        this.access = access;
        this.accounts = accounts;
        this.records = records;
        this.members = members;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /** An application's fields, checked. */
    record Form(String name, String phone, String idNumber, Trade trade, String employer) {
    }

    static Form form(String name, String phone, String idNumber, String trade, String employer) {
        check("name", AllianceRules.name(name));
        check("phone", AllianceRules.phone(phone));
        check("idNumber", AllianceRules.idNumber(idNumber));
        check("trade", AllianceRules.trade(trade));
        check("employer", AllianceRules.employer(employer));
        return new Form(name.strip(), phone.strip(), idNumber.strip().toUpperCase(), Trade.parse(trade).orElseThrow(), AllianceRules.clean(employer));
    }

    private static void check(String field, Optional<String> why) {
        why.ifPresent(w -> {
            throw ApiException.badField(field, w);
        });
    }

    static ApiException conflict(String why) {
        return new ApiException(HttpStatus.CONFLICT, "Not allowed now", why, List.of());
    }

    /** A resident applies for themselves, in their own area; someone refused or gone applies again. */
    long applyAsResident(CurrentUser user, Form f) {
        if (user.areaId() == null) {
            throw ApiException.badField("areaId", "您的账号没有所属社区，请联系社区");
        }
        return tx.execute(s -> {
            Optional<AllianceStore.Row> mine = store.byUser(user.id());
            Optional<AllianceStore.Row> same = store.byIdNumber(f.idNumber());
            if (same.isPresent() && !java.util.Objects.equals(same.get().userId(), user.id()) && same.get().userId() != null) {
                throw conflict("该身份证号已由其他账号申请入盟，请联系社区民警");
            }
            AllianceStore.Row existing = mine.or(() -> same).orElse(null);
            return apply(user.username(), user.areaId(), f, user.id(), existing, "本人申请");
        });
    }

    /** The police enter an application for someone (who has no account yet, or applies by paper). */
    long enter(Caller caller, Form f, Long areaId) {
        AreaRef area = access.area(caller, areaId);
        return tx.execute(s -> apply(caller.user().username(), area.id(), f, null, store.byIdNumber(f.idNumber()).orElse(null), "民警代为录入"));
    }

    private long apply(String actor, long areaId, Form f, Long userId, AllianceStore.Row existing, String how) {
        Instant now = clock.instant();
        if (existing != null) {
            if (!existing.status().canBecome(MembershipStatus.APPLIED)) {
                throw conflict(existing.status() == MembershipStatus.APPLIED ? "已有待审核的入盟申请，请等待派出所审核"
                        : "该身份证号已是平安联盟队员（" + existing.status().label() + "），不能重复申请");
            }
            store.reapply(existing.id(), areaId, f.name(), f.phone(), f.trade(), f.employer(), userId, actor, now);
            move(actor, existing, MembershipStatus.APPLIED, "重新申请（" + how + "）", "alliance.apply", now);
            return existing.id();
        }
        long id = store.insert(areaId, null, f.name(), f.phone(), f.idNumber(), f.trade(), f.employer(), MembershipStatus.APPLIED, null, null, userId,
                null, actor, now, null).orElseThrow(() -> conflict("该身份证号已有入盟记录"));
        store.history(id, null, MembershipStatus.APPLIED, how, actor, now);
        audit.record(actor, "alliance.apply", "alliance_member", String.valueOf(id), how, Map.of("trade", f.trade().name(), "areaId", areaId));
        return id;
    }

    /** The account an activation gave: its login name, the initial password when it was made now (shown once), and whether a resident's became a patrol member's. */
    record Account(String username, String initialPassword, boolean promoted) {
    }

    /** The police vet an application: 在册 in a team (an account and a responder made or linked), or 未通过 with the reason. */
    Optional<Account> vet(Caller caller, long id, boolean approve, Long teamId, String note) {
        String actor = caller.user().username();
        access.member(caller, id);
        TeamStore.Team team = approve ? access.team(caller, requireTeam(teamId), "teamId") : null;
        if (team != null && !team.active()) {
            throw ApiException.badField("teamId", "队伍「" + team.name() + "」已停用");
        }
        if (!approve && (note == null || note.isBlank())) {
            throw ApiException.badField("note", "请填写未通过的原因");
        }
        return tx.execute(s -> {
            AllianceStore.Row m = locked(caller, id);
            Instant now = clock.instant();
            if (m.status() != MembershipStatus.APPLIED) {
                throw conflict(m.name() + " 当前为「" + m.status().label() + "」，不是待审核的申请，不能审核");
            }
            if (!approve) {
                move(actor, m, MembershipStatus.REJECTED, note.strip(), "alliance.reject", now);
                return Optional.<Account>empty();
            }
            Linked linked = link(actor, m);
            long memberId = records.ensurePatrol(linked.userId(), m.name(), m.phone(), affiliation(m), m.areaId());
            String badge = m.badgeNo() != null ? m.badgeNo() : store.nextBadgeNo(access.districtCode(m.areaId()));
            store.activate(m.id(), team.id(), badge, now, linked.userId(), memberId);
            move(actor, m, MembershipStatus.ACTIVE, note == null || note.isBlank() ? "审核通过，编入" + team.name() : note.strip(), "alliance.approve", now);
            return Optional.of(linked.account());
        });
    }

    /**
     * An account for a member in the register who has none (imported as 在册, or seeded): linked or made as at the
     * vetting, and their responder; refused when they have one already.
     */
    Account openAccount(Caller caller, long id) {
        String actor = caller.user().username();
        return tx.execute(s -> {
            AllianceStore.Row m = locked(caller, id);
            if (m.status() != MembershipStatus.ACTIVE) {
                throw conflict(m.name() + " 当前为「" + m.status().label() + "」，在册队员才能开通账号");
            }
            if (m.userId() != null && m.memberId() != null) {
                throw conflict(m.name() + " 已有账号 " + m.username() + "，不能重复开通");
            }
            Linked linked = link(actor, m);
            long memberId = records.ensurePatrol(linked.userId(), m.name(), m.phone(), affiliation(m), m.areaId());
            store.activate(m.id(), m.teamId(), m.badgeNo(), m.since() == null ? clock.instant() : m.since(), linked.userId(), memberId);
            audit.record(actor, "alliance.account", "alliance_member", String.valueOf(m.id()), "为在册队员开通账号", Map.of("username", linked.account().username()));
            return linked.account();
        });
    }

    private static long requireTeam(Long teamId) {
        if (teamId == null) {
            throw ApiException.badField("teamId", "审核通过须编入一支队伍");
        }
        return teamId;
    }

    static String affiliation(AllianceStore.Row m) {
        return m.employer() == null ? m.trade().label() : m.trade().label() + " · " + m.employer();
    }

    private record Linked(long userId, Account account) {
    }

    /**
     * The account of an activated member: the applicant's own, or the one whose login name is their phone, or a
     * new one; a resident's account becomes a patrol member's (audited). Staff accounts are not turned into
     * patrol members.
     */
    private Linked link(String actor, AllianceStore.Row m) {
        Optional<UserAccount> known = m.userId() != null ? accounts.byId(m.userId()) : accounts.byUsername(m.phone());
        if (known.isEmpty()) {
            AccountChanges.Created c = accounts.create(m.phone(), m.name(), m.phone(), Role.PATROL, m.areaId());
            audit.record(actor, "user.create", "app_user", String.valueOf(c.userId()), "平安联盟队员审核通过",
                    Map.of("username", c.username(), "role", Role.PATROL.name(), "allianceMemberId", m.id()));
            return new Linked(c.userId(), new Account(c.username(), c.initialPassword(), false));
        }
        UserAccount u = known.get();
        if (u.getRole() == Role.PATROL) {
            return new Linked(u.getId(), new Account(u.getUsername(), null, false));
        }
        if (u.getRole() != Role.RESIDENT) {
            throw conflict("手机号 " + m.phone() + " 已是" + u.getRole().label() + "的账号，不能作为平安联盟队员账号；请核对手机号");
        }
        accounts.changeRole(u.getId(), Role.PATROL);
        audit.record(actor, "user.role", "app_user", String.valueOf(u.getId()), "平安联盟队员审核通过",
                Map.of("from", Role.RESIDENT.name(), "to", Role.PATROL.name(), "allianceMemberId", m.id()));
        return new Linked(u.getId(), new Account(u.getUsername(), null, true));
    }

    /** 在册 → 暂停, with a reason; a member on duty goes off duty (one on a task, when it ends). */
    void suspend(Caller caller, long id, String reason) {
        if (reason == null || reason.isBlank()) {
            throw ApiException.badField("reason", "请填写暂停的原因");
        }
        change(caller, id, MembershipStatus.SUSPENDED, reason.strip(), "alliance.suspend", "暂停");
    }

    /** 暂停 → 在册. */
    void reinstate(Caller caller, long id, String reason) {
        change(caller, id, MembershipStatus.ACTIVE, reason == null || reason.isBlank() ? "恢复在册" : reason.strip(), "alliance.reinstate", "恢复");
    }

    /** 在册 or 暂停 → 已退出; a member on duty goes off duty (one on a task, when it ends). */
    void leave(Caller caller, long id, String reason) {
        if (reason == null || reason.isBlank()) {
            throw ApiException.badField("reason", "请填写退出的原因");
        }
        change(caller, id, MembershipStatus.LEFT, reason.strip(), "alliance.leave", "退出");
    }

    private void change(Caller caller, long id, MembershipStatus to, String reason, String action, String doing) {
        String actor = caller.user().username();
        Long offDuty = tx.execute(s -> {
            AllianceStore.Row m = locked(caller, id);
            allowed(m, to, doing);
            move(actor, m, to, reason, action, clock.instant());
            // a member on duty goes off duty now; one on a task (BUSY) stays on it and goes off duty when it ends: freeing
            // asks the duty gates (members' DutyGates), and this membership's gate (AllianceDutyGate) then refuses
            if (to != MembershipStatus.ACTIVE && m.memberId() != null) {
                Optional<String> was = members.byId(m.memberId()).map(Members.MemberView::state);
                if (was.filter(ResponderState.AVAILABLE.name()::equals).isPresent()) {
                    members.setState(m.memberId(), ResponderState.OFF_DUTY);
                    audit.record(actor, "member.state", "member", String.valueOf(m.memberId()), "平安联盟队员资格" + to.label(),
                            Map.of("from", ResponderState.AVAILABLE.name(), "to", ResponderState.OFF_DUTY.name()));
                    return m.memberId();
                }
            }
            return null;
        });
        if (offDuty != null) {
            members.stateCommitted(offDuty, ResponderState.OFF_DUTY);
        }
    }

    /** A new badge version: the QR codes printed before show 已失效. Returns the new version. */
    int reissue(Caller caller, long id, String reason) {
        String actor = caller.user().username();
        return tx.execute(s -> {
            AllianceStore.Row m = locked(caller, id);
            if (m.badgeNo() == null || (m.status() != MembershipStatus.ACTIVE && m.status() != MembershipStatus.SUSPENDED)) {
                throw conflict("该队员当前为「" + m.status().label() + "」，没有可补发的标识");
            }
            int v = store.bumpBadge(m.id());
            audit.record(actor, "alliance.badge", "alliance_member", String.valueOf(m.id()), reason == null || reason.isBlank() ? "补发标识" : reason.strip(),
                    Map.of("badgeNo", m.badgeNo(), "version", v));
            return v;
        });
    }

    private AllianceStore.Row locked(Caller caller, long id) {
        access.member(caller, id);
        return store.lock(id).orElseThrow(() -> ApiException.notFound("alliance member " + id));
    }

    private static void allowed(AllianceStore.Row m, MembershipStatus to, String doing) {
        if (!m.status().canBecome(to)) {
            throw conflict(m.name() + " 当前为「" + m.status().label() + "」，不能" + doing);
        }
    }

    private void move(String actor, AllianceStore.Row m, MembershipStatus to, String reason, String action, Instant at) {
        allowed(m, to, switch (to) {
            case APPLIED -> "重新申请";
            case ACTIVE -> "审核通过";
            case REJECTED -> "审核";
            case SUSPENDED -> "暂停";
            case LEFT -> "退出";
        });
        store.setStatus(m.id(), to, reason, at);
        store.history(m.id(), m.status(), to, reason, actor, at);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("from", m.status().name());
        detail.put("to", to.name());
        audit.record(actor, action, "alliance_member", String.valueOf(m.id()), reason, detail);
    }
}
