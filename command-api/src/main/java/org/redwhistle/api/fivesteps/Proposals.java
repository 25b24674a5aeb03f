package org.redwhistle.api.fivesteps;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.calendar.Calendars;
import org.redwhistle.api.calendar.WorkingCalendar;
import org.redwhistle.api.cases.CaseView;
import org.redwhistle.api.cases.Cases;
import org.redwhistle.api.decisions.Tally;
import org.redwhistle.api.decisions.VoteRule;
import org.redwhistle.api.decisions.VoteRules;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.fivesteps.internal.MeetingStore;
import org.redwhistle.api.fivesteps.internal.Notes;
import org.redwhistle.api.fivesteps.internal.ProposalAlerts;
import org.redwhistle.api.fivesteps.internal.ProposalStore;
import org.redwhistle.api.fivesteps.internal.ResidentCommunity;
import org.redwhistle.api.fivesteps.internal.TaskStore;
import org.redwhistle.api.registry.CivicRole;
import org.redwhistle.api.registry.Household;
import org.redwhistle.api.registry.Person;
import org.redwhistle.api.registry.Registry;
import org.redwhistle.api.security.CurrentUser;
import org.redwhistle.api.security.Role;
import org.redwhistle.api.units.Department;
import org.redwhistle.api.units.Departments;
import org.redwhistle.geo.area.AreaDirectory;
import org.redwhistle.geo.area.AreaLevel;
import org.redwhistle.geo.area.AreaRef;
import org.redwhistle.geo.grid.GridLocator;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * 五事工作法: 居民提事 → 网格议事 → 会议定事 → 联动办事 → 群众评事, each step only after the one before
 * ({@link ProposalStatus}; out of order: 409 in Chinese). A matter belongs to a community (and a grid when
 * known); residents of that community read its whole record, nobody else's residents do. Every change is
 * a step of the record and an audit entry in one transaction; alerts go out after it.
 */
@Service
public class Proposals {

    /** The meeting types a community decides a matter in (vote_rule codes). */
    public static final List<String> MEETING_TYPES = List.of("RESIDENTS_MEETING", "REPRESENTATIVES", "GRID_COUNCIL");

    private final ProposalStore store;
    private final MeetingStore meetings;
    private final TaskStore tasks;
    private final ProposalAlerts alerts;
    private final Registry registry;
    private final VoteRules rules;
    private final Departments departments;
    private final Calendars calendars;
    private final Cases cases;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final GridLocator grids;
    private final AreaDirectory areas;
    private final ResidentCommunity residents;

    public Proposals(ProposalStore store, MeetingStore meetings, TaskStore tasks, ProposalAlerts alerts, Registry registry, VoteRules rules,
            Departments departments, Calendars calendars, Cases cases, AuditLog audit, TransactionTemplate tx, GridLocator grids, AreaDirectory areas,
            ResidentCommunity residents) {
        this.store = store;
        this.meetings = meetings;
        this.tasks = tasks;
        this.alerts = alerts;
        this.registry = registry;
        this.rules = rules;
        this.departments = departments;
        this.calendars = calendars;
        this.cases = cases;
        this.audit = audit;
        this.tx = tx;
        this.grids = grids;
        this.areas = areas;
        this.residents = residents;
    }

    // ---- inputs ----

    /** A matter raised: {@code areaId} the community (the caller's own when left out), {@code gridId} its grid, {@code compound} the 小区 in words. */
    public record ProposalRaiseBody(Long areaId, Long gridId, String compound, String title, String description, Double lon, Double lat, String onBehalfOf) {
    }

    public record ProposalDeliberationBody(LocalDate heldOn, String place, List<ProposalView.DeliberationParticipant> participants, List<ProposalView.DeliberationOpinion> opinions,
            String minutes) {
    }

    public record ProposalOptionBody(String label, String description, BigDecimal amount, String unit, BigDecimal quantity, String quantityUnit,
            Integer perYear) {
    }

    /** A deciding meeting: its type ({@link #MEETING_TYPES}), date, place, the motion and the option it adopts, if any. */
    public record ProposalMeetingBody(String rule, LocalDate heldOn, String place, String motion, Long optionId) {
    }

    /** A member's attendance and vote (YES, NO, ABSTAIN; none: present without voting). */
    public record ProposalVoteLine(long memberId, boolean present, String vote) {
    }

    /** A task to a unit: {@code unitKind} with a department's code or another body's name, what to do, the limit in working days. */
    public record ProposalTaskBody(UnitKind unitKind, String department, String unitName, String title, Integer workingDays) {
    }

    // ---- reading ----

    /**
     * Whether the user's area holds the matter (its grid, or its community when it has no grid); a resident sees
     * their own community's matters ({@link ResidentCommunity}), none when they belong to no community.
     */
    boolean sees(CurrentUser u, ProposalStore.Row r) {
        if (u.isAdmin()) {
            return true;
        }
        if (u.role() == Role.RESIDENT) {
            return residents.of(u).filter(c -> c == r.areaId()).isPresent();
        }
        return u.areaId() != null && grids.chainOf(r.gridId() != null ? r.gridId() : r.areaId()).stream().anyMatch(a -> a.id() == u.areaId());
    }

    /** The matters the user's area holds (a grid worker's grid, a community, a street's or the district's communities), newest first. */
    public List<ProposalView.ProposalSummary> list(CurrentUser u, ProposalStatus status, Long caseId, Instant now) {
        List<ProposalStore.Row> rows;
        if (caseId != null) {
            rows = store.byCase(caseId).filter(r -> sees(u, r)).stream().toList();
        } else if (u.isAdmin()) {
            rows = store.list(null, null, status, 300);
        } else if (u.role() == Role.GRID_WORKER) {
            Long community = communityOf(u.areaId()).orElse(null);
            rows = community == null ? List.of() : store.list(List.of(community), u.areaId(), status, 300);
        } else if (u.role() == Role.RESIDENT) {
            Long community = residents.of(u).orElse(null);
            rows = community == null ? List.of() : store.list(List.of(community), null, status, 300);
        } else {
            rows = store.list(communitiesUnder(u.areaId()), null, status, 300);
        }
        var hidden = residents.hiddenFrom(u);
        return rows.stream().map(r -> summary(r, raiserName(r, hidden), now)).toList();
    }

    Optional<ProposalStore.Row> visible(CurrentUser u, long id) {
        return store.find(id).filter(r -> sees(u, r));
    }

    /** The whole record; who voted how only for those who manage matters (the committee, grid workers). */
    public ProposalView view(CurrentUser u, long id, Instant now) {
        ProposalStore.Row r = visible(u, id).orElseThrow(() -> ApiException.notFound("matter " + id));
        return view(r, u, now);
    }

    /** Whether the user is shown who voted how: those who manage matters, not residents, operators or leaders. */
    static boolean seesRoster(CurrentUser u) {
        return u.isAdmin() || u.role() == Role.COMMITTEE || u.role() == Role.GRID_WORKER;
    }

    /** The raiser's display name, or {@link ResidentCommunity#ANOTHER_RESIDENT} to a resident who did not raise it. */
    private static String raiserName(ProposalStore.Row r, java.util.function.Predicate<String> hidden) {
        return hidden.test(r.raisedBy()) ? ResidentCommunity.ANOTHER_RESIDENT : r.raisedByName();
    }

    ProposalView view(ProposalStore.Row r, CurrentUser u, Instant now) {
        long viewer = u.id();
        var hidden = residents.hiddenFrom(u);
        boolean residentViewer = u.role() == Role.RESIDENT;
        boolean withRoster = seesRoster(u);
        String caseRef = r.caseId() == null ? null : cases.find(r.caseId(), false).map(CaseView::ref).orElse(null);
        List<ProposalView.ProposalMeeting> ms = meetings.ofProposal(r.id()).stream().map(m -> meeting(m, withRoster)).toList();
        List<ProposalView.ProposalEvaluation> evs = store.evaluations(r.id(), viewer).stream()
                .map(e -> residentViewer && !e.mine() ? new ProposalView.ProposalEvaluation(ResidentCommunity.ANOTHER_RESIDENT, e.verdict(), e.verdictLabel(),
                        e.comment(), e.at(), false) : e)
                .toList();
        var summary = new ProposalView.ProposalEvaluationSummary((int) evs.stream().filter(e -> e.verdict() == Verdict.SATISFIED).count(),
                (int) evs.stream().filter(e -> e.verdict() == Verdict.BASICALLY_SATISFIED).count(),
                (int) evs.stream().filter(e -> e.verdict() == Verdict.DISSATISFIED).count());
        return new ProposalView(r.id(), r.areaId(), name(r.areaId()), r.gridId(), r.gridId() == null ? null : name(r.gridId()), r.compound(), r.title(),
                r.description(), r.lon(), r.lat(), r.status(), r.status().label(), r.status().step(), raiserName(r, hidden), r.onBehalfOf(),
                r.caseId(), caseRef, r.resolution(), r.resolvedAt(), r.completedAt(), r.raisedAt(), store.deliberations(r.id()), store.options(r.id()), ms,
                tasks.ofProposal(r.id()).stream().map(t -> task(t, r, now)).toList(), evs, summary,
                store.steps(r.id(), hidden, ResidentCommunity.ANOTHER_RESIDENT));
    }

    private ProposalView.ProposalMeeting meeting(MeetingStore.Row m, boolean withRoster) {
        VoteRule rule = rules.rule(m.rule()).orElseThrow();
        List<ProposalView.MeetingMember> roster = meetings.members(m.id());
        int[] c = m.closed() ? new int[] {m.members(), m.present(), m.yes(), m.no(), m.abstain()} : meetings.counts(m.id());
        return new ProposalView.ProposalMeeting(m.id(), rule.code(), rule.name(), rule.describe(), m.heldOn(), m.place(), m.motion(), m.optionId(), m.closed(),
                c[0], c[1], c[2], c[3], c[4], m.presentNeeded(), m.yesNeeded(), m.quorate(), m.passed(), m.outcome(), m.convenedBy(), m.convenedAt(),
                m.closedAt(), withRoster ? roster : List.of());
    }

    private ProposalView.ProposalSummary summary(ProposalStore.Row r, String raisedByName, Instant now) {
        List<TaskStore.Row> ts = tasks.ofProposal(r.id());
        return new ProposalView.ProposalSummary(r.id(), r.areaId(), name(r.areaId()), r.compound(), r.title(), r.status(), r.status().label(),
                r.status().step(), raisedByName, r.raisedAt(), r.caseId(), ts.size(), (int) ts.stream().filter(t -> t.overdue(now)).count(),
                store.evaluationCount(r.id()));
    }

    TaskView task(TaskStore.Row t, ProposalStore.Row r, Instant now) {
        String code = t.departmentId() == null ? null : departments.byId(t.departmentId()).map(Department::code).orElse(null);
        return new TaskView(t.id(), r.id(), r.title(), r.areaId(), name(r.areaId()), t.unitKind(), t.unitKind().label(), t.unitAreaId(), code,
                t.unitName(), t.title(), t.workingDays(), t.status(), t.status().label(), t.assignedBy(), t.assignedAt(), t.dueAt(), t.dueProvisional(),
                t.reportedBy(), t.reportedAt(), t.reportNote(), t.acceptedBy(), t.acceptedAt(), t.overdue(now), t.overdueAt());
    }

    /**
     * The tasks of the caller's unit: a department's, those to the operator's community or street, all of the committee's
     * community's matters; only the overdue ones with {@code overdueOnly}.
     */
    public List<TaskView> unitTasks(CurrentUser u, boolean overdueOnly, Instant now) {
        TaskStore.Filter f = switch (u.role()) {
            case ADMIN -> new TaskStore.Filter(null, null, null, null, overdueOnly, now);
            case DEPARTMENT -> new TaskStore.Filter(null, departments.of(u.id()).map(Department::id).orElse(-1L), null, null, overdueOnly, now);
            case OPERATOR -> new TaskStore.Filter(null, null, List.of(u.areaId()), null, overdueOnly, now);
            case COMMITTEE -> new TaskStore.Filter(null, null, null, List.of(u.areaId()), overdueOnly, now);
            default -> throw ApiException.forbidden("no tasks of a unit for " + u.role().label());
        };
        return withProposals(tasks.list(f), now);
    }

    /** 督办: the overdue tasks of every matter in the caller's area (a street's or the district's operators and leaders). */
    public List<TaskView> overdue(CurrentUser u, Instant now) {
        List<Long> communities = u.isAdmin() ? null : communitiesUnder(u.areaId());
        return withProposals(tasks.list(new TaskStore.Filter(null, null, null, communities, true, now)), now);
    }

    private List<TaskView> withProposals(List<TaskStore.Row> rows, Instant now) {
        Map<Long, ProposalStore.Row> ps = new HashMap<>();
        return rows.stream().map(t -> task(t, ps.computeIfAbsent(t.proposalId(), id -> store.find(id).orElseThrow()), now)).toList();
    }

    /** The active departments serving the user's area (all departments for an administrator). */
    public List<Department> departmentsServing(CurrentUser u) {
        Long area = u.areaId();
        if (area == null) {
            List<Department> all = new ArrayList<>();
            for (AreaRef a : areas.all().values()) {
                if (a.level() == AreaLevel.DISTRICT) {
                    all.addAll(departments.serving(List.of(a.id())));
                }
            }
            return all;
        }
        return departments.serving(grids.chainOf(area).stream().map(AreaRef::id).toList());
    }

    // ---- 1 居民提事 ----

    public ProposalView raise(CurrentUser u, String userName, ProposalRaiseBody in, Instant now) {
        String title = text("title", in.title(), 2, 100);
        String description = text("description", in.description(), 2, 4000);
        long community;
        Long grid = in.gridId();
        if (u.role() == Role.GRID_WORKER) {
            community = communityOf(u.areaId()).orElseThrow(() -> ApiException.badField("areaId", "your grid lies in no community"));
            grid = u.areaId();
        } else if (u.isAdmin()) {
            if (in.areaId() == null) {
                throw ApiException.badField("areaId", "is required: the community");
            }
            community = in.areaId();
        } else if (u.role() == Role.RESIDENT) {
            community = residents.of(u).orElseThrow(() -> new ApiException(HttpStatus.CONFLICT, "Not registered", ResidentCommunity.NOT_REGISTERED,
                    List.of(new ApiException.FieldError("areaId", "not registered in a community"))));
            if (in.areaId() != null && in.areaId() != community) {
                throw ApiException.badField("areaId", "is not your community");
            }
        } else {
            community = u.areaId();
            if (in.areaId() != null && in.areaId() != community) {
                throw ApiException.badField("areaId", "is not your community");
            }
        }
        requireLevel(community, AreaLevel.COMMUNITY, "areaId");
        if (grid != null) {
            final long c = community;
            List<AreaRef> chain = grids.chainOf(grid);
            if (chain.isEmpty() || chain.get(0).level() != AreaLevel.GRID || chain.stream().noneMatch(a -> a.id() == c)) {
                throw ApiException.badField("gridId", "is not a grid of the community");
            }
        }
        if ((in.lon() == null) != (in.lat() == null)) {
            throw ApiException.badField("lat", "lon and lat go together");
        }
        String behalf = u.role() == Role.RESIDENT ? null : blankToNull(in.onBehalfOf());
        String compound = blankToNull(in.compound());
        final Long g = grid;
        long id = tx.execute(s -> {
            long created = store.insert(new ProposalStore.NewRow(community, g, compound, title, description, in.lon(), in.lat(), u.username(), userName,
                    behalf, null, now));
            store.step(created, u.username(), userName, "raise", ProposalStatus.RAISED,
                    (behalf == null ? userName + " 提出议事事项" : userName + " 代 " + behalf + " 提出议事事项") + "：" + title, now);
            audit.record(u.username(), "proposal.raised", "proposal", String.valueOf(created), null, Map.of("areaId", community, "title", title));
            return created;
        });
        return view(store.find(id).orElseThrow(), u, now);
    }

    /**
     * A complaint case turned into a matter by the community's committee or operator: the case is read through the cases
     * API, the link kept on the matter (one matter per case); the case itself is left as it is.
     */
    public ProposalView fromCase(CurrentUser u, String userName, long caseId, ProposalRaiseBody in, Instant now) {
        // read through the cases API; the committee holds no cases.read, so the community is checked here
        CaseView c = cases.find(caseId, false).orElseThrow(() -> ApiException.notFound("case " + caseId));
        if (c.communityId() == null) {
            throw new ApiException(HttpStatus.CONFLICT, "Not allowed now", "该诉求不在任何社区内，不能转为议事事项", List.of());
        }
        if (!u.isAdmin() && !grids.chainOf(c.communityId()).stream().anyMatch(a -> a.id() == u.areaId())) {
            throw ApiException.notFound("case " + caseId);
        }
        String title = text("title", in.title(), 2, 100);
        long id = tx.execute(s -> {
            if (store.byCase(caseId).isPresent()) {
                throw new ApiException(HttpStatus.CONFLICT, "Not allowed now", "诉求 " + c.ref() + " 已转为议事事项", List.of());
            }
            String description = blankToNull(in.description()) == null ? c.description() : in.description().trim();
            long created = store.insert(new ProposalStore.NewRow(c.communityId(), c.gridId(), blankToNull(in.compound()), title, description, c.lon(),
                    c.lat(), u.username(), userName, "诉求 " + c.ref() + " 的提出人", caseId, now));
            store.step(created, u.username(), userName, "from-case", ProposalStatus.RAISED, userName + " 将诉求 " + c.ref() + " 转为议事事项：" + title, now);
            audit.record(u.username(), "proposal.raised", "proposal", String.valueOf(created), "from case " + c.ref(),
                    Map.of("areaId", c.communityId(), "caseId", caseId, "title", title));
            return created;
        });
        return view(store.find(id).orElseThrow(), u, now);
    }

    // ---- 2 网格议事 ----

    public ProposalView deliberate(CurrentUser u, String userName, long id, ProposalDeliberationBody in, Instant now) {
        if (in.heldOn() == null) {
            throw ApiException.badField("heldOn", "is required: the date of the deliberation");
        }
        String place = text("place", in.place(), 1, 200);
        String minutes = text("minutes", in.minutes(), 2, 8000);
        List<ProposalView.DeliberationParticipant> people = participants(visible(u, id).orElseThrow(() -> ApiException.notFound("matter " + id)), in.participants());
        List<ProposalView.DeliberationOpinion> opinions = new ArrayList<>();
        List<ProposalView.DeliberationOpinion> given = in.opinions() == null ? List.of() : in.opinions();
        for (int i = 0; i < given.size(); i++) {
            opinions.add(new ProposalView.DeliberationOpinion(text("opinions[" + i + "].speaker", given.get(i).speaker(), 1, 60),
                    text("opinions[" + i + "].text", given.get(i).text(), 1, 2000)));
        }
        return change(u, userName, id, true, now, (r) -> {
            move(r, ProposalStatus.DELIBERATING, "记录网格议事");
            long d = store.deliberation(id, in.heldOn(), place, people, opinions, minutes, u.username(), now);
            store.status(id, ProposalStatus.DELIBERATING, now);
            store.step(id, u.username(), userName, "deliberate", ProposalStatus.DELIBERATING,
                    "网格议事（" + in.heldOn() + "，" + place + "）：参加 " + people.size() + " 人，发表意见 " + opinions.size() + " 条", now);
            audit.record(u.username(), "proposal.deliberated", "proposal", String.valueOf(id), null,
                    Map.of("deliberation", d, "participants", people.size(), "opinions", opinions.size()));
        });
    }

    private List<ProposalView.DeliberationParticipant> participants(ProposalStore.Row r, List<ProposalView.DeliberationParticipant> given) {
        if (given == null || given.isEmpty()) {
            throw ApiException.badField("participants", "is required: at least one participant");
        }
        List<ProposalView.DeliberationParticipant> out = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            ProposalView.DeliberationParticipant p = given.get(i);
            String role = blankToNull(p.role());
            if (p.personId() != null) {
                Person person = registry.person(p.personId()).filter(x -> x.areaId() == r.areaId())
                        .orElseThrow(() -> ApiException.badField("participants[" + (out.size()) + "].personId", "is not a person of the community's registry"));
                out.add(new ProposalView.DeliberationParticipant(person.id(), person.name(), role));
            } else {
                out.add(new ProposalView.DeliberationParticipant(null, text("participants[" + i + "].name", p.name(), 1, 60), role));
            }
        }
        return out;
    }

    public ProposalView addOption(CurrentUser u, String userName, long id, ProposalOptionBody in, Instant now) {
        String label = text("label", in.label(), 1, 100);
        String unit = text("unit", in.unit(), 1, 30);
        if (in.amount() == null || in.amount().signum() < 0) {
            throw ApiException.badField("amount", "is required: the price or cost, 0 or more");
        }
        if (in.quantity() == null || in.quantity().signum() <= 0) {
            throw ApiException.badField("quantity", "is required: how much of it (e.g. the compound's floor area in m²; 1 for a one-off cost)");
        }
        int perYear = in.perYear() == null ? 0 : in.perYear();
        if (perYear < 0 || perYear > 12) {
            throw ApiException.badField("perYear", "is 12 for a monthly price, 0 for a one-off cost");
        }
        return change(u, userName, id, true, now, (r) -> {
            if (r.status() != ProposalStatus.DELIBERATING) {
                throw conflict(r, "只有在网格议事阶段才能提出方案");
            }
            long o = store.option(id, new ProposalStore.NewOption(label, blankToNull(in.description()), in.amount(), unit, in.quantity(),
                    blankToNull(in.quantityUnit()), perYear), u.username(), now);
            ProposalView.ProposalOption shown = store.options(id).stream().filter(x -> x.id() == o).findFirst().orElseThrow();
            store.step(id, u.username(), userName, "option", r.status(), "提出方案“" + label + "”：" + shown.costText(), now);
            audit.record(u.username(), "proposal.option-added", "proposal", String.valueOf(id), null, Map.of("option", o, "total", shown.total()));
        });
    }

    // ---- 3 会议定事 ----

    public ProposalView convene(CurrentUser u, String userName, long id, ProposalMeetingBody in, Instant now) {
        if (in.rule() == null || !MEETING_TYPES.contains(in.rule())) {
            throw ApiException.badField("rule", "is one of " + MEETING_TYPES);
        }
        VoteRule rule = rules.rule(in.rule()).orElseThrow(() -> ApiException.badField("rule", "is not a vote rule"));
        if (in.heldOn() == null) {
            throw ApiException.badField("heldOn", "is required: the meeting's date");
        }
        String place = text("place", in.place(), 1, 200);
        String motion = text("motion", in.motion(), 2, 2000);
        ProposalStore.Row seen = visible(u, id).orElseThrow(() -> ApiException.notFound("matter " + id));
        // the members first, outside the transaction: a refusal here leaves a caller's own transaction (the demo's) usable
        List<MeetingStore.NewMember> roster = roster(seen, rule.code());
        if (roster.isEmpty()) {
            throw conflict(seen, "户籍台账中没有" + rule.name() + "的成员（" + whoVotes(rule.code()) + "），无法召开会议");
        }
        return change(u, userName, id, false, now, (r) -> {
            move(r, ProposalStatus.VOTING, "召开" + rule.name());
            if (in.optionId() != null && store.options(id).stream().noneMatch(o -> o.id() == in.optionId())) {
                throw ApiException.badField("optionId", "is not an option of this matter");
            }
            long m = meetings.convene(id, rule.code(), in.heldOn(), place, motion, in.optionId(), u.username(), now, roster);
            store.status(id, ProposalStatus.VOTING, now);
            store.step(id, u.username(), userName, "convene", ProposalStatus.VOTING, "召开" + rule.name() + "（" + in.heldOn() + "，" + place + "），应到 "
                    + roster.size() + (rule.code().equals("RESIDENTS_MEETING") ? " 户" : " 人") + "；表决事项：" + motion, now);
            audit.record(u.username(), "proposal.meeting-convened", "proposal", String.valueOf(id), null,
                    Map.of("meeting", m, "rule", rule.code(), "members", roster.size()));
        });
    }

    /** In words, who the members of a meeting type are. */
    public static String whoVotes(String rule) {
        return switch (rule) {
            case "RESIDENTS_MEETING" -> "事项所在网格（小区）的住户，每户一票";
            case "REPRESENTATIVES" -> "社区的居民代表";
            default -> "网格员和事项所在网格的居民代表";
        };
    }

    /**
     * The members (应到) of a meeting type, from the registry: a residents' meeting votes by household (每户派代表) — the
     * households of the matter's grid, or of the community without a grid; the representatives' meeting is the community's
     * representatives; the grid council the community's grid workers and the representatives living in the matter's grid.
     */
    List<MeetingStore.NewMember> roster(ProposalStore.Row r, String rule) {
        List<MeetingStore.NewMember> out = new ArrayList<>();
        switch (rule) {
            case "RESIDENTS_MEETING" -> {
                for (Household h : registry.households(r.areaId(), r.gridId())) {
                    List<Person> people = registry.members(h.id());
                    String head = people.isEmpty() ? "" : " " + people.get(0).name();
                    out.add(new MeetingStore.NewMember(people.isEmpty() ? null : people.get(0).id(), h.id(), h.code() + "户" + head));
                }
            }
            case "REPRESENTATIVES" -> registry.withRole(r.areaId(), CivicRole.REPRESENTATIVE)
                    .forEach(p -> out.add(new MeetingStore.NewMember(p.id(), null, p.name())));
            default -> {
                Map<Long, Person> council = new LinkedHashMap<>();
                registry.withRole(r.areaId(), CivicRole.GRID_WORKER).forEach(p -> council.put(p.id(), p));
                for (Person p : registry.withRole(r.areaId(), CivicRole.REPRESENTATIVE)) {
                    Long grid = p.householdId() == null ? null : registry.household(p.householdId()).map(Household::gridId).orElse(null);
                    if (r.gridId() == null || r.gridId().equals(grid)) {
                        council.put(p.id(), p);
                    }
                }
                council.values().forEach(p -> out.add(new MeetingStore.NewMember(p.id(), null, p.name())));
            }
        }
        return out;
    }

    public ProposalView recordVotes(CurrentUser u, String userName, long id, long meetingId, List<ProposalVoteLine> lines, Instant now) {
        if (lines == null || lines.isEmpty()) {
            throw ApiException.badField("votes", "is required: each member's attendance and vote");
        }
        List<MeetingStore.Vote> votes = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String v = lines.get(i).vote();
            try {
                votes.add(v == null || v.isBlank() ? null : MeetingStore.Vote.valueOf(v));
            } catch (IllegalArgumentException e) {
                throw ApiException.badField("votes[" + i + "].vote", "is YES, NO or ABSTAIN");
            }
            if (votes.get(i) != null && !lines.get(i).present()) {
                throw ApiException.badField("votes[" + i + "].vote", "an absent member does not vote");
            }
        }
        return change(u, userName, id, false, now, (r) -> {
            MeetingStore.Row m = openMeeting(r, meetingId);
            for (int i = 0; i < lines.size(); i++) {
                if (!meetings.record(m.id(), lines.get(i).memberId(), lines.get(i).present(), votes.get(i))) {
                    throw ApiException.badField("votes[" + i + "].memberId", "is not a member of this meeting");
                }
            }
            int[] c = meetings.counts(m.id());
            store.step(id, u.username(), userName, "votes", r.status(), "登记到会和表决：应到 " + c[0] + "，到会 " + c[1] + "，赞成 " + c[2] + "，反对 " + c[3]
                    + "，弃权 " + c[4], now);
            audit.record(u.username(), "proposal.votes-recorded", "proposal", String.valueOf(id), null,
                    Map.of("meeting", m.id(), "members", c[0], "present", c[1], "yes", c[2], "no", c[3], "abstain", c[4]));
        });
    }

    /**
     * Closes the meeting: the result is counted by {@link Tally} from the recorded attendance and votes under the meeting's
     * rule. Passed: the resolution is published (the record, and an alert to every resident of the community); not passed
     * or not quorate: the matter goes back to deliberation.
     */
    public ProposalView closeMeeting(CurrentUser u, String userName, long id, long meetingId, Instant now) {
        String[] published = new String[1];
        ProposalView v = change(u, userName, id, false, now, (r) -> {
            MeetingStore.Row m = openMeeting(r, meetingId);
            VoteRule rule = rules.rule(m.rule()).orElseThrow();
            int[] c = meetings.counts(m.id());
            Tally t = Tally.count(rule, c[0], c[1], c[2], c[3], c[4]);
            meetings.close(m.id(), t, now);
            if (t.passed()) {
                String resolution = rule.name() + "（" + m.heldOn() + "）决议：" + m.motion() + "。" + t.outcome() + "（应到 " + t.members() + "，到会 "
                        + t.present() + "，反对 " + t.no() + "，弃权 " + t.abstain() + "）";
                store.resolved(id, resolution, now);
                store.step(id, u.username(), userName, "resolve", ProposalStatus.RESOLVED, "决议公开：" + resolution, now);
                published[0] = resolution;
            } else {
                store.status(id, ProposalStatus.DELIBERATING, now);
                store.step(id, u.username(), userName, "not-passed", ProposalStatus.DELIBERATING, rule.name() + "：" + t.outcome() + "；退回网格议事", now);
            }
            audit.record(u.username(), "proposal.meeting-closed", "proposal", String.valueOf(id), t.outcome(),
                    Map.of("meeting", m.id(), "rule", rule.code(), "members", t.members(), "present", t.present(), "yes", t.yes(), "no", t.no(),
                            "abstain", t.abstain(), "quorate", t.quorate(), "passed", t.passed()));
        });
        if (published[0] != null) {
            alerts.resolutionPublished(id, v.areaId(), v.title(), published[0], now);
        }
        return v;
    }

    private MeetingStore.Row openMeeting(ProposalStore.Row r, long meetingId) {
        MeetingStore.Row m = meetings.lock(meetingId).filter(x -> x.proposalId() == r.id())
                .orElseThrow(() -> ApiException.notFound("meeting " + meetingId + " of matter " + r.id()));
        if (m.closed() || r.status() != ProposalStatus.VOTING) {
            throw conflict(r, "该会议已结束表决");
        }
        return m;
    }

    // ---- 4 联动办事 ----

    public ProposalView assign(CurrentUser u, String userName, long id, ProposalTaskBody in, Instant now) {
        if (in.unitKind() == null) {
            throw ApiException.badField("unitKind", "is required: COMMUNITY, STREET, DEPARTMENT or OTHER");
        }
        String title = text("title", in.title(), 2, 500);
        int days = in.workingDays() == null ? 5 : in.workingDays();
        if (days < 1 || days > 60) {
            throw ApiException.badField("workingDays", "is 1–60 working days");
        }
        ProposalStore.Row seen = visible(u, id).orElseThrow(() -> ApiException.notFound("matter " + id));
        Long unitArea = null;
        Long department = null;
        String unitName;
        switch (in.unitKind()) {
            case COMMUNITY -> {
                unitArea = seen.areaId();
                unitName = name(seen.areaId());
            }
            case STREET -> {
                AreaRef street = grids.chainOf(seen.areaId()).stream().filter(a -> a.level() == AreaLevel.STREET).findFirst()
                        .orElseThrow(() -> ApiException.badField("unitKind", "the community lies in no street"));
                unitArea = street.id();
                unitName = street.name();
            }
            case DEPARTMENT -> {
                List<Long> path = grids.chainOf(seen.areaId()).stream().map(AreaRef::id).toList();
                Department d = departments.byCode(in.department() == null ? "" : in.department()).filter(Department::active)
                        .filter(x -> departments.serving(path).stream().anyMatch(s -> s.id() == x.id()))
                        .orElseThrow(() -> ApiException.badField("department", "is not an active department serving the community (GET /api/v1/departments)"));
                department = d.id();
                unitName = d.name();
            }
            default -> unitName = text("unitName", in.unitName(), 2, 100);
        }
        WorkingCalendar.Deadline due;
        try {
            due = calendars.calendar().due(now, days);
        } catch (WorkingCalendar.CalendarNotLoadedException e) {
            throw ApiException.badField("workingDays", "the deadline falls in a year the working calendar cannot count (" + e.year() + ")");
        }
        final Long ua = unitArea;
        final Long dep = department;
        final WorkingCalendar.Deadline d = due;
        long[] taskId = new long[1];
        ProposalView v = change(u, userName, id, false, now, (r) -> {
            move(r, ProposalStatus.ACTING, "派发联动办事任务");
            taskId[0] = tasks.insert(new TaskStore.NewRow(id, in.unitKind(), ua, dep, unitName, title, days, u.username(), now, d));
            store.status(id, ProposalStatus.ACTING, now);
            store.step(id, u.username(), userName, "assign", ProposalStatus.ACTING, "派发任务至" + unitName + "：" + title + "；" + days + " 个工作日内（"
                    + Notes.time(d.at()) + " 前）办结" + (d.provisional() ? "（时限按法定节假日暂定）" : ""), now);
            audit.record(u.username(), "proposal.task-assigned", "proposal", String.valueOf(id), null,
                    Map.of("task", taskId[0], "unitKind", in.unitKind().name(), "unit", unitName, "workingDays", days, "dueAt", d.at().toString()));
        });
        alerts.taskAssigned(tasks.find(taskId[0]).orElseThrow(), v.areaId(), v.title());
        return v;
    }

    /** Whether the task is the caller's unit's to report: their department's, their community's or street's, or (the committee) their community's own and outside bodies'. */
    boolean reportsFor(CurrentUser u, TaskStore.Row t, ProposalStore.Row r) {
        return switch (u.role()) {
            case ADMIN -> true;
            case DEPARTMENT -> t.departmentId() != null && departments.of(u.id()).map(Department::id).filter(t.departmentId()::equals).isPresent();
            case OPERATOR -> t.unitAreaId() != null && t.unitAreaId().equals(u.areaId());
            case COMMITTEE -> r.areaId() == u.areaId() && (t.unitKind() == UnitKind.COMMUNITY || t.unitKind() == UnitKind.OTHER);
            default -> false;
        };
    }

    public TaskView report(CurrentUser u, String userName, long taskId, String note, Instant now) {
        String text = text("note", note, 2, 2000);
        return taskChange(u, userName, taskId, now, (t, r) -> {
            if (!reportsFor(u, t, r)) {
                throw ApiException.notFound("task " + taskId);
            }
            requireTask(t, TaskStatus.REPORTED, "该任务当前为“" + t.status().label() + "”，不能上报办结");
            tasks.reported(taskId, u.username(), text, now);
            store.step(r.id(), u.username(), userName, "task-reported", r.status(), t.unitName() + " 报告任务“" + t.title() + "”已办结：" + text, now);
            audit.record(u.username(), "proposal.task-reported", "proposal_task", String.valueOf(taskId), null, Map.of("proposal", r.id()));
        });
    }

    public TaskView accept(CurrentUser u, String userName, long taskId, Instant now) {
        return taskChange(u, userName, taskId, now, (t, r) -> {
            requireManager(u, r, false);
            requireTask(t, TaskStatus.ACCEPTED, "任务尚未上报办结，不能验收");
            tasks.accepted(taskId, u.username(), now);
            store.step(r.id(), u.username(), userName, "task-accepted", r.status(), "社区验收 " + t.unitName() + " 的任务“" + t.title() + "”", now);
            audit.record(u.username(), "proposal.task-accepted", "proposal_task", String.valueOf(taskId), null, Map.of("proposal", r.id()));
        });
    }

    public TaskView sendBack(CurrentUser u, String userName, long taskId, String reason, Instant now) {
        String why = text("note", reason, 2, 1000);
        return taskChange(u, userName, taskId, now, (t, r) -> {
            requireManager(u, r, false);
            requireTask(t, TaskStatus.ASSIGNED, "任务尚未上报办结，不能退回");
            WorkingCalendar.Deadline due = calendars.calendar().due(now, t.workingDays());
            tasks.sentBack(taskId, due);
            store.step(r.id(), u.username(), userName, "task-sent-back", r.status(), "退回 " + t.unitName() + " 的任务“" + t.title() + "”：" + why
                    + "；请于 " + Notes.time(due.at()) + " 前重新办结", now);
            audit.record(u.username(), "proposal.task-sent-back", "proposal_task", String.valueOf(taskId), why, Map.of("proposal", r.id()));
        });
    }

    /** All tasks accepted: the matter is done and open to the residents' evaluation. */
    public ProposalView complete(CurrentUser u, String userName, long id, String note, Instant now) {
        return change(u, userName, id, false, now, (r) -> {
            move(r, ProposalStatus.COMPLETED, "办结");
            List<TaskStore.Row> ts = tasks.ofProposal(id);
            if (ts.isEmpty() || ts.stream().anyMatch(t -> t.status() != TaskStatus.ACCEPTED)) {
                throw conflict(r, "尚有联动办事任务未验收，不能办结");
            }
            store.completed(id, now);
            store.step(id, u.username(), userName, "complete", ProposalStatus.COMPLETED,
                    "事项办结，" + ts.size() + " 项任务均已验收" + (blankToNull(note) == null ? "" : "：" + note.trim()) + "；请居民评议", now);
            audit.record(u.username(), "proposal.completed", "proposal", String.valueOf(id), null, Map.of("tasks", ts.size()));
        });
    }

    // ---- 5 群众评事 ----

    public ProposalView evaluate(CurrentUser u, String userName, long id, String verdict, String comment, Instant now) {
        Verdict v;
        try {
            v = Verdict.valueOf(verdict == null ? "" : verdict);
        } catch (IllegalArgumentException e) {
            throw ApiException.badField("satisfaction", "is SATISFIED, BASICALLY_SATISFIED or DISSATISFIED");
        }
        String text = comment == null || comment.isBlank() ? null : text("comment", comment, 1, 1000);
        return change(u, userName, id, false, now, (r) -> {
            if (u.role() == Role.RESIDENT && residents.of(u).filter(c -> c == r.areaId()).isEmpty()) {
                throw ApiException.notFound("matter " + id);
            }
            if (r.status() != ProposalStatus.COMPLETED) {
                throw conflict(r, "事项尚未办结，暂不能评价");
            }
            if (!store.evaluate(id, u.id(), userName, v, text, now)) {
                throw conflict(r, "您已评价过该事项，每人只能评价一次");
            }
            store.step(id, u.username(), userName, "evaluate", r.status(), userName + " 评价：" + v.label() + (text == null ? "" : "，" + text), now);
            audit.record(u.username(), "proposal.evaluated", "proposal", String.valueOf(id), null, Map.of("satisfaction", v.name()));
        }, true);
    }

    // ---- the frame of every change ----

    private ProposalView change(CurrentUser u, String userName, long id, boolean deliberation, Instant now, java.util.function.Consumer<ProposalStore.Row> work) {
        return change(u, userName, id, deliberation, now, work, false);
    }

    private ProposalView change(CurrentUser u, String userName, long id, boolean deliberation, Instant now, java.util.function.Consumer<ProposalStore.Row> work,
            boolean anyone) {
        tx.executeWithoutResult(s -> {
            ProposalStore.Row r = store.lock(id).filter(x -> sees(u, x)).orElseThrow(() -> ApiException.notFound("matter " + id));
            if (!anyone) {
                requireManager(u, r, deliberation);
            }
            work.accept(r);
        });
        return view(store.find(id).orElseThrow(), u, now);
    }

    private TaskView taskChange(CurrentUser u, String userName, long taskId, Instant now, java.util.function.BiConsumer<TaskStore.Row, ProposalStore.Row> work) {
        long proposal = tx.execute(s -> {
            TaskStore.Row t = tasks.lock(taskId).orElseThrow(() -> ApiException.notFound("task " + taskId));
            ProposalStore.Row r = store.lock(t.proposalId()).orElseThrow();
            if (!sees(u, r) && !reportsFor(u, t, r)) {
                throw ApiException.notFound("task " + taskId);
            }
            work.accept(t, r);
            return r.id();
        });
        return task(tasks.find(taskId).orElseThrow(), store.find(proposal).orElseThrow(), now);
    }

    /** The committee (and the platform's administrators) manage a community's matters; a grid worker records its grid's deliberations only. */
    private void requireManager(CurrentUser u, ProposalStore.Row r, boolean deliberation) {
        if (u.isAdmin() || (u.role() == Role.COMMITTEE && r.areaId() == u.areaId())) {
            return;
        }
        if (u.role() == Role.GRID_WORKER && deliberation && r.gridId() != null && r.gridId().equals(u.areaId())) {
            return;
        }
        throw ApiException.forbidden(u.role() == Role.GRID_WORKER ? "网格员只记录本网格事项的网格议事和方案；会议定事、联动办事由社区“两委”办理"
                : "只有本社区“两委”可以办理该事项");
    }

    private void move(ProposalStore.Row r, ProposalStatus to, String what) {
        if (!r.status().canMoveTo(to)) {
            throw conflict(r, "事项当前处于“" + r.status().label() + "”阶段，不能" + what);
        }
    }

    private static void requireTask(TaskStore.Row t, TaskStatus to, String reason) {
        if (!t.status().canMoveTo(to)) {
            throw new ApiException(HttpStatus.CONFLICT, "Not allowed now", reason, List.of(new ApiException.FieldError("status", t.status().name())));
        }
    }

    private static ApiException conflict(ProposalStore.Row r, String reason) {
        return new ApiException(HttpStatus.CONFLICT, "Not allowed now", reason, List.of(new ApiException.FieldError("status", r.status().name())));
    }

    // ---- areas and text ----

    private String name(long areaId) {
        AreaRef a = areas.all().get(areaId);
        return a == null ? String.valueOf(areaId) : a.name();
    }

    private void requireLevel(long areaId, AreaLevel level, String field) {
        AreaRef a = areas.all().get(areaId);
        if (a == null || a.level() != level) {
            throw ApiException.badField(field, "is not a community of the platform");
        }
    }

    /** The community a grid (or the community itself) lies in. */
    public Optional<Long> communityOf(Long areaId) {
        if (areaId == null) {
            return Optional.empty();
        }
        return grids.chainOf(areaId).stream().filter(a -> a.level() == AreaLevel.COMMUNITY).map(AreaRef::id).findFirst();
    }

    /** The communities inside an area (itself when it is one, or the community of a grid). */
    public List<Long> communitiesUnder(Long areaId) {
        if (areaId == null) {
            return List.of();
        }
        Optional<Long> own = communityOf(areaId);
        if (own.isPresent()) {
            return List.of(own.get());
        }
        Map<Long, AreaRef> all = areas.all();
        Set<Long> out = new java.util.TreeSet<>();
        for (AreaRef a : all.values()) {
            if (a.level() == AreaLevel.COMMUNITY && AreaDirectory.chain(all, a.id()).stream().anyMatch(x -> x.id() == areaId)) {
                out.add(a.id());
            }
        }
        return List.copyOf(out);
    }

    private static String text(String field, String value, int min, int max) {
        String v = value == null ? "" : value.trim();
        if (v.length() < min || v.length() > max) {
            throw ApiException.badField(field, "is required: " + min + "–" + max + " characters");
        }
        return v;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
