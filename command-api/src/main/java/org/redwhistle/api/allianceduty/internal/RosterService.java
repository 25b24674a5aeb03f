package org.redwhistle.api.allianceduty.internal;

import static org.redwhistle.api.allianceduty.internal.EquipmentService.blank;
import static org.redwhistle.api.allianceduty.internal.EquipmentService.detail;
import static org.redwhistle.api.allianceduty.internal.EquipmentService.required;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.LinkedHashSet;
import java.util.List;

import org.redwhistle.api.allianceduty.Rosters;
import org.redwhistle.api.allianceduty.internal.RosterStore.Shift;
import org.redwhistle.api.allianceduty.internal.RosterStore.Team;
import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.calendar.WorkingCalendar;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.members.Members;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** {@link Rosters}: shifts planned, members put on them and shifts cancelled, each in one transaction with its audit row. */
@Service
class RosterService implements Rosters {

    private final RosterStore store;
    private final Members members;
    private final AuditLog audit;
    private final TransactionTemplate tx;

    RosterService(RosterStore store, Members members, AuditLog audit, TransactionTemplate tx) {
        this.store = store;
        this.members = members;
        this.audit = audit;
        this.tx = tx;
    }

    @Override
    public long plan(NewShift s, String by, Instant at) {
        Team team = s.teamId() == null ? null : store.team(s.teamId()).orElseThrow(() -> ApiException.badField("teamId", "no such team"));
        Long areaId = team != null ? Long.valueOf(team.areaId()) : s.areaId();
        if (areaId == null) {
            throw ApiException.badField("teamId", "a team, or an areaId, is required");
        }
        if (s.day() == null) {
            throw ApiException.badField("day", "required (YYYY-MM-DD)");
        }
        if (s.start() == null || s.end() == null) {
            throw ApiException.badField(s.start() == null ? "start" : "end", "required (HH:mm, Asia/Shanghai)");
        }
        if (s.end().equals(s.start())) {
            throw ApiException.badField("end", "下班时间不能与上班时间相同");
        }
        if (s.tourId() != null && store.tour(s.tourId()).isEmpty()) {
            throw ApiException.badField("tourId", "no such guard tour");
        }
        String place = required("place", s.place());
        Instant startsAt = s.day().atTime(s.start()).atZone(WorkingCalendar.CHINA).toInstant();
        // an end at or before the start is the next day's: a night shift 20:00–02:00
        LocalDateTime end = s.end().isAfter(s.start()) ? s.day().atTime(s.end()) : s.day().plusDays(1).atTime(s.end());
        Instant endsAt = end.atZone(WorkingCalendar.CHINA).toInstant();
        List<Long> ids = memberIds(s.memberIds());
        return tx.execute(t -> {
            long id = store.insert(areaId, team == null ? null : team.id(), startsAt, endsAt, place, s.tourId(), blank(s.note()), by, at);
            store.assign(id, ids);
            audit.record(by, "alliance.roster.plan", "duty_shift", String.valueOf(id), null, detail("areaId", areaId, "teamId",
                    team == null ? null : team.id(), "startsAt", startsAt.toString(), "endsAt", endsAt.toString(), "place", place, "memberIds", ids));
            return id;
        });
    }

    @Override
    public void assign(long shiftId, List<Long> memberIds, String by, Instant at) {
        List<Long> ids = memberIds(memberIds);
        tx.executeWithoutResult(t -> {
            Shift s = store.shift(shiftId).orElseThrow(() -> ApiException.notFound("shift " + shiftId));
            List<Long> before = store.onShifts(List.of(s.id())).stream().map(RosterStore.OnShift::memberId).toList();
            store.assign(shiftId, ids);
            audit.record(by, "alliance.roster.assign", "duty_shift", String.valueOf(shiftId), null, detail("before", before, "after", ids));
        });
    }

    /** Cancels a shift (its members are off it). */
    void cancel(long shiftId, String reason, String by) {
        tx.executeWithoutResult(t -> {
            Shift s = store.shift(shiftId).orElseThrow(() -> ApiException.notFound("shift " + shiftId));
            List<Long> on = store.onShifts(List.of(s.id())).stream().map(RosterStore.OnShift::memberId).toList();
            store.delete(shiftId);
            audit.record(by, "alliance.roster.cancel", "duty_shift", String.valueOf(shiftId), blank(reason), detail("areaId", s.areaId(), "startsAt",
                    s.startsAt().toString(), "endsAt", s.endsAt().toString(), "place", s.place(), "memberIds", on));
        });
    }

    @Override
    public boolean exists(Long teamId, long areaId, Instant startsAt, String place) {
        return store.exists(teamId, areaId, startsAt, place);
    }

    @Override
    public java.util.Optional<Long> teamIn(long areaId) {
        return store.teams(areaId).stream().findFirst().map(Team::id);
    }

    private List<Long> memberIds(List<Long> raw) {
        if (raw != null && raw.stream().anyMatch(java.util.Objects::isNull)) {
            throw ApiException.badField("memberIds", "a member id is missing");
        }
        List<Long> ids = List.copyOf(new LinkedHashSet<>(raw == null ? List.of() : raw));
        for (Long id : ids) {
            if (members.byId(id).isEmpty()) {
                throw ApiException.badField("memberIds", "no such member: " + id);
            }
        }
        return ids;
    }
}
