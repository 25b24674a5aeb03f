package org.redwhistle.api.allianceduty.internal;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.redwhistle.api.Blocking;
import org.redwhistle.api.access.Caller;
import org.redwhistle.api.allianceduty.Rosters;
import org.redwhistle.api.allianceduty.internal.RosterStore.OnShift;
import org.redwhistle.api.allianceduty.internal.RosterStore.Shift;
import org.redwhistle.api.allianceduty.internal.RosterStore.Team;
import org.redwhistle.api.calendar.WorkingCalendar;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.members.Members;
import org.redwhistle.api.members.Members.MemberView;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/**
 * Duty rosters over REST: the teams to plan for, a week (or more) of shifts per team or area, planning, staffing
 * and cancelling shifts, who is on duty now against who is scheduled (未到岗 flagged, unscheduled members on duty
 * listed), and a member's own next shifts ({@code …/mine}). Times are Asia/Shanghai.
 */
@RestController
public class RosterController {

    private final RosterService rosters;
    private final RosterStore store;
    private final DutyAccess access;
    private final Members members;
    private final Blocking blocking;
    private final Clock clock;

    RosterController(RosterService rosters, RosterStore store, DutyAccess access, Members members, Blocking blocking, Clock clock) {
        this.rosters = rosters;
        this.store = store;
        this.access = access;
        this.members = members;
        this.blocking = blocking;
        this.clock = clock;
    }

    /** A team of the alliance, led by a police station or a community police office. */
    public record DutyTeamView(long id, String name, long areaId, String areaName, String ledBy) {
    }

    public record DutyTeamList(List<DutyTeamView> items) {
    }

    /**
     * A member on a shift with their duty state now: {@code onDuty} when AVAILABLE or BUSY; {@code absent} (未到岗)
     * when the shift is under way and they are OFF_DUTY.
     */
    public record DutyShiftMember(long memberId, String name, String affiliation, String state, String stateLabel, boolean onDuty, boolean absent) {
    }

    /** A shift: its day and times in Asia/Shanghai ({@code end} may be the next day's), place or beat, guard tour, members; {@code now} when under way. */
    public record DutyShiftView(long id, long areaId, String areaName, Long teamId, String teamName, LocalDate day, String start, String end,
            Instant startsAt, Instant endsAt, String place, Long tourId, String tourName, String note, boolean now, List<DutyShiftMember> members) {
    }

    /** The shifts overlapping the days from {@code from} to {@code to} (inclusive), by start. */
    public record DutyShiftList(LocalDate from, LocalDate to, Long teamId, List<DutyShiftView> items) {
    }

    @GetMapping("/api/v1/alliance/rosters/teams")
    public Mono<DutyTeamList> teams(Caller caller) {
        return blocking.call(() -> new DutyTeamList(store.teams(access.scope(caller)).stream().map(RosterController::view).toList()));
    }

    /** The shifts of a team ({@code teamId}) or of the caller's area, {@code days} days (1–31, default 7) from {@code from} (default: this week's Monday). */
    @GetMapping("/api/v1/alliance/rosters/shifts")
    public Mono<DutyShiftList> shifts(Caller caller, @RequestParam(required = false) Long teamId, @RequestParam(required = false) String from,
            @RequestParam(required = false) Integer days) {
        return blocking.call(() -> {
            Long scope = access.scope(caller);
            if (teamId != null) {
                team(caller, teamId);
            }
            int n = days == null ? 7 : days;
            if (n < 1 || n > 31) {
                throw ApiException.badField("days", "1 to 31");
            }
            LocalDate first = DutyAccess.day("from", from, access.today().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
            Instant a = first.atStartOfDay(WorkingCalendar.CHINA).toInstant();
            Instant b = first.plusDays(n).atStartOfDay(WorkingCalendar.CHINA).toInstant();
            return new DutyShiftList(first, first.plusDays(n - 1), teamId, views(store.shifts(scope, teamId, a, b)));
        });
    }

    /**
     * A shift to plan: {@code teamId} (or {@code areaId}: an area's shift), {@code day} (YYYY-MM-DD), {@code start} and
     * {@code end} (HH:mm, Asia/Shanghai; an end at or before the start is the next day's), {@code place} (place or beat),
     * {@code tourId} (a guard tour, optional), {@code memberIds}.
     */
    public record DutyShiftBody(Long teamId, Long areaId, String day, String start, String end, String place, Long tourId, String note,
            List<Long> memberIds) {
    }

    @PostMapping("/api/v1/alliance/rosters/shifts")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<DutyShiftView> plan(Caller caller, @RequestBody DutyShiftBody body) {
        return blocking.call(() -> {
            LocalDate day = DutyAccess.day("day", body.day(), null);
            LocalTime start = time("start", body.start());
            LocalTime end = time("end", body.end());
            EquipmentService.required("place", body.place());
            Long area = body.teamId() != null ? Long.valueOf(team(caller, body.teamId()).areaId()) : access.area(caller, body.areaId(), "areaId");
            if (body.tourId() != null) {
                store.tour(body.tourId()).filter(t -> access.reaches(caller, t.areaId()))
                        .orElseThrow(() -> ApiException.badField("tourId", "no such guard tour in your area"));
            }
            visibleMembers(caller, body.memberIds());
            long id = rosters.plan(new Rosters.NewShift(body.teamId(), area, day, start, end, body.place(), body.tourId(), body.note(),
                    body.memberIds()), caller.user().username(), clock.instant());
            return shift(id);
        });
    }

    /** Exactly these members on the shift. */
    public record DutyShiftMembersBody(List<Long> memberIds) {
    }

    @PutMapping("/api/v1/alliance/rosters/shifts/{id}/members")
    public Mono<DutyShiftView> assign(Caller caller, @PathVariable long id, @RequestBody DutyShiftMembersBody body) {
        return blocking.call(() -> {
            if (body.memberIds() == null) {
                throw ApiException.badField("memberIds", "required (an empty list takes everyone off the shift)");
            }
            visible(caller, id);
            visibleMembers(caller, body.memberIds());
            rosters.assign(id, body.memberIds(), caller.user().username(), clock.instant());
            return shift(id);
        });
    }

    public record DutyShiftCancelled(long id) {
    }

    /** Cancels the shift ({@code reason} kept in the audit log). */
    @DeleteMapping("/api/v1/alliance/rosters/shifts/{id}")
    public Mono<DutyShiftCancelled> cancel(Caller caller, @PathVariable long id, @RequestParam(required = false) String reason) {
        return blocking.call(() -> {
            visible(caller, id);
            rosters.cancel(id, reason, caller.user().username());
            return new DutyShiftCancelled(id);
        });
    }

    /** A member on duty with no shift under way: a PATROL member who went on duty unscheduled. */
    public record DutyUnscheduled(long memberId, String name, String affiliation, String state, String stateLabel) {
    }

    /** Who is on duty now: the shifts under way with their members (未到岗 flagged), and PATROL members on duty unscheduled. */
    public record DutyNowBoard(Instant at, int scheduled, int present, int absent, List<DutyShiftView> shifts, List<DutyUnscheduled> unscheduled) {
    }

    @GetMapping("/api/v1/alliance/rosters/now")
    public Mono<DutyNowBoard> now(Caller caller, @RequestParam(required = false) Long teamId) {
        return blocking.call(() -> {
            Long scope = access.scope(caller);
            if (teamId != null) {
                team(caller, teamId);
            }
            Instant now = clock.instant();
            List<DutyShiftView> shifts = views(store.shifts(scope, teamId, now, now.plusMillis(1)));
            Set<Long> scheduled = new HashSet<>();
            int present = 0;
            int absent = 0;
            for (DutyShiftView s : shifts) {
                for (DutyShiftMember m : s.members()) {
                    if (scheduled.add(m.memberId())) {
                        present += m.onDuty() ? 1 : 0;
                        absent += m.absent() ? 1 : 0;
                    }
                }
            }
            List<DutyUnscheduled> unscheduled = teamId != null ? List.of() : members.list(scope, "PATROL", null).stream()
                    .filter(m -> !"OFF_DUTY".equals(m.state()) && !scheduled.contains(m.id()))
                    .map(m -> new DutyUnscheduled(m.id(), m.name(), m.affiliation(), m.state(), stateLabel(m.state(), false))).toList();
            return new DutyNowBoard(now, scheduled.size(), present, absent, shifts, unscheduled);
        });
    }

    /** A member's next shifts (those under way and the coming ones, at most 20), with their duty state now. */
    public record MemberShifts(Long memberId, String name, String state, String stateLabel, List<DutyShiftView> items) {
    }

    @GetMapping("/api/v1/alliance/rosters/mine")
    public Mono<MemberShifts> mine(Caller caller) {
        return blocking.call(() -> access.me(caller).map(this::next).orElse(new MemberShifts(null, null, null, null, List.of())));
    }

    @GetMapping("/api/v1/alliance/rosters/members/{id}")
    public Mono<MemberShifts> ofMember(Caller caller, @PathVariable long id) {
        return blocking.call(() -> next(access.member(caller, id)));
    }

    private MemberShifts next(MemberView m) {
        return new MemberShifts(m.id(), m.name(), m.state(), stateLabel(m.state(), false), views(store.shiftsOf(m.id(), clock.instant(), 20)));
    }

    private Team team(Caller caller, long id) {
        return store.team(id).filter(t -> access.reaches(caller, t.areaId())).orElseThrow(() -> ApiException.notFound("team " + id));
    }

    private void visible(Caller caller, long id) {
        store.shift(id).filter(s -> access.reaches(caller, s.areaId())).orElseThrow(() -> ApiException.notFound("shift " + id));
    }

    private void visibleMembers(Caller caller, List<Long> ids) {
        for (Long id : ids == null ? List.<Long>of() : ids) {
            if (id == null) {
                throw ApiException.badField("memberIds", "a member id is missing");
            }
            access.member(caller, id);
        }
    }

    private DutyShiftView shift(long id) {
        return views(List.of(store.shift(id).orElseThrow())).get(0);
    }

    private List<DutyShiftView> views(List<Shift> shifts) {
        Map<Long, List<OnShift>> on = store.onShifts(shifts.stream().map(Shift::id).toList()).stream()
                .collect(Collectors.groupingBy(OnShift::shiftId));
        Instant now = clock.instant();
        return shifts.stream().map(s -> {
            boolean under = !now.isBefore(s.startsAt()) && now.isBefore(s.endsAt());
            ZonedDateTime a = s.startsAt().atZone(WorkingCalendar.CHINA);
            ZonedDateTime b = s.endsAt().atZone(WorkingCalendar.CHINA);
            List<DutyShiftMember> ms = on.getOrDefault(s.id(), List.of()).stream().map(m -> {
                boolean onDuty = !"OFF_DUTY".equals(m.state());
                return new DutyShiftMember(m.memberId(), m.name(), m.affiliation(), m.state(), stateLabel(m.state(), under), onDuty, under && !onDuty);
            }).toList();
            return new DutyShiftView(s.id(), s.areaId(), s.areaName(), s.teamId(), s.teamName(), a.toLocalDate(), hhmm(a), hhmm(b), s.startsAt(),
                    s.endsAt(), s.place(), s.tourId(), s.tourName(), s.note(), under, ms);
        }).toList();
    }

    /** The duty state in words; OFF_DUTY during one's shift is 未到岗. */
    static String stateLabel(String state, boolean scheduledNow) {
        return switch (state) {
            case "AVAILABLE" -> "在岗（待命）";
            case "BUSY" -> "在岗（出警中）";
            default -> scheduledNow ? "未到岗" : "未上岗";
        };
    }

    private static String hhmm(ZonedDateTime t) {
        return String.format("%02d:%02d", t.getHour(), t.getMinute());
    }

    private static LocalTime time(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            throw ApiException.badField(field, "required (HH:mm, Asia/Shanghai)");
        }
        try {
            return LocalTime.parse(raw.trim());
        } catch (DateTimeParseException e) {
            throw ApiException.badField(field, "a time as HH:mm, not " + raw);
        }
    }

    static DutyTeamView view(Team t) {
        return new DutyTeamView(t.id(), t.name(), t.areaId(), t.areaName(), t.ledBy());
    }
}
