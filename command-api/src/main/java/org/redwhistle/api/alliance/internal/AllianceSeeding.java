package org.redwhistle.api.alliance.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.redwhistle.api.alliance.AllianceLoader;
import org.redwhistle.api.alliance.LedBy;
import org.redwhistle.api.alliance.MembershipStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link AllianceLoader}: teams one by one, members in three statements for the whole batch (the ID numbers
 * already known, one insert from arrays, one history line each), so hundreds load in well under a second.
 */
@Component
class AllianceSeeding implements AllianceLoader {

    private static final String INSERT = """
            insert into alliance_member (area_id, team_id, name, phone, id_number, trade, employer, status, status_reason, badge_no, user_id,
                member_id, applied_by, applied_at, since, updated_at)
            select * , u.applied_at from unnest(cast(:area as bigint[]), cast(:team as bigint[]), cast(:name as text[]), cast(:phone as text[]),
                cast(:idn as text[]), cast(:trade as text[]), cast(:employer as text[]), cast(:status as text[]), cast(:reason as text[]),
                cast(:badge as text[]), cast(:userid as bigint[]), cast(:member as bigint[]), cast(:by as text[]), cast(:at as timestamptz[]),
                cast(:since as timestamptz[])) as u(area_id, team_id, name, phone, id_number, trade, employer, status, status_reason, badge_no, user_id,
                member_id, applied_by, applied_at, since)
            on conflict do nothing returning id""";

    private static final String HISTORY = """
            insert into alliance_member_history (alliance_member_id, from_status, to_status, reason, actor, at)
            select id, null, 'APPLIED', '申请入盟', applied_by, applied_at from alliance_member where id = any(cast(:ids as bigint[]))
            union all
            select id, 'APPLIED', case when status = 'REJECTED' then 'REJECTED' else 'ACTIVE' end,
                   case when status = 'REJECTED' then status_reason else '审核通过' end, applied_by, coalesce(since, applied_at + interval '3 days')
            from alliance_member where id = any(cast(:ids as bigint[])) and status <> 'APPLIED'
            union all
            select id, 'ACTIVE', status, status_reason, applied_by, applied_at + interval '30 days'
            from alliance_member where id = any(cast(:ids as bigint[])) and status in ('SUSPENDED', 'LEFT')""";

    private final TeamStore teams;
    private final AllianceStore store;
    private final AllianceAccess access;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    AllianceSeeding(TeamStore teams, AllianceStore store, AllianceAccess access, JdbcClient jdbc, TransactionTemplate tx) {
        this.teams = teams;
        this.store = store;
        this.access = access;
        this.jdbc = jdbc;
        this.tx = tx;
    }

    @Override
    public long team(long areaId, String name, LedBy ledBy, String ledByName, Long leaderUserId) {
        return teams.idOf(areaId, name).orElseGet(() -> teams.insert(areaId, name, ledBy, ledByName, leaderUserId, true));
    }

    @Override
    public int loadMembers(List<NewMember> members) {
        if (members.isEmpty()) {
            return 0;
        }
        return tx.execute(s -> {
            Set<String> known = new HashSet<>(jdbc.sql("select id_number from alliance_member where id_number = any(?)")
                    .param(members.stream().map(NewMember::idNumber).toArray(String[]::new)).query(String.class).list());
            List<NewMember> fresh = members.stream().filter(m -> !known.contains(m.idNumber())).toList();
            if (fresh.isEmpty()) {
                return 0;
            }
            int badged = (int) fresh.stream().filter(m -> m.status() != MembershipStatus.APPLIED && m.status() != MembershipStatus.REJECTED).count();
            List<String> badges = new ArrayList<>(store.nextBadgeNos(access.districtCode(fresh.get(0).areaId()), badged));
            int n = fresh.size();
            Long[] area = new Long[n], team = new Long[n], user = new Long[n], member = new Long[n];
            String[] name = new String[n], phone = new String[n], idn = new String[n], trade = new String[n], employer = new String[n],
                    status = new String[n], reason = new String[n], badge = new String[n], by = new String[n], at = new String[n], since = new String[n];
            int b = 0;
            for (int i = 0; i < n; i++) {
                NewMember m = fresh.get(i);
                area[i] = m.areaId();
                team[i] = m.teamId();
                user[i] = m.userId();
                member[i] = m.memberId();
                name[i] = m.name();
                phone[i] = m.phone();
                idn[i] = m.idNumber();
                trade[i] = m.trade().name();
                employer[i] = m.employer();
                status[i] = m.status().name();
                reason[i] = m.reason();
                badge[i] = m.status() != MembershipStatus.APPLIED && m.status() != MembershipStatus.REJECTED ? badges.get(b++) : null;
                by[i] = "police";
                at[i] = m.appliedAt().toString();
                since[i] = m.since() == null ? null : m.since().toString();
            }
            List<Long> ids = jdbc.sql(INSERT).param("area", area).param("team", team).param("name", name).param("phone", phone).param("idn", idn)
                    .param("trade", trade).param("employer", employer).param("status", status).param("reason", reason).param("badge", badge)
                    .param("userid", user).param("member", member).param("by", by).param("at", at).param("since", since).query(Long.class).list();
            jdbc.sql(HISTORY).param("ids", ids.toArray(Long[]::new)).update();
            return ids.size();
        });
    }

    @Override
    public long count() {
        return store.count();
    }
}
