package org.redwhistle.api.mediation.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.redwhistle.api.Blocking;
import org.redwhistle.api.access.Caller;
import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.calendar.WorkingCalendar;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.errors.Params;
import org.redwhistle.api.errors.Refuses;
import org.redwhistle.api.mediation.DisputeCategory;
import org.redwhistle.api.mediation.DisputeStatus;
import org.redwhistle.api.mediation.Disputes;
import org.redwhistle.api.mediation.MediationLevel;
import org.redwhistle.api.mediation.ReferralTarget;
import org.redwhistle.api.mediation.internal.MediationAccess.Who;
import org.redwhistle.api.mediation.internal.MediationStore.Row;
import org.redwhistle.api.registry.CivicRole;
import org.redwhistle.api.registry.Person;
import org.redwhistle.api.registry.Registry;
import org.redwhistle.api.security.Role;
import org.redwhistle.geo.area.AreaDirectory;
import org.redwhistle.geo.area.AreaLevel;
import org.redwhistle.geo.area.AreaRef;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import reactor.core.publisher.Mono;

/**
 * 小调解 over REST: the village's rosters, its disputes (as the caller may see them), the steps of the chain
 * (open, session, escalate, agreement, sign-off, refer out, withdraw), the documents (PDF, downloads audited)
 * and the statistics. Who may take a step on a dispute is {@link MediationAccess}'s answer; the steps are
 * {@link DisputeService}'s.
 */
@RestController
public class MediationController {

    private final DisputeService disputes;
    private final MediationStore store;
    private final MediationAccess access;
    private final Registry registry;
    private final AreaDirectory areas;
    private final Blocking blocking;
    private final Clock clock;
    private final AuditLog audit;

    public MediationController(DisputeService disputes, MediationStore store, MediationAccess access, Registry registry, AreaDirectory areas,
            Blocking blocking, Clock clock, AuditLog audit) {
        this.disputes = disputes;
        this.store = store;
        this.access = access;
        this.registry = registry;
        this.areas = areas;
        this.blocking = blocking;
        this.clock = clock;
        this.audit = audit;
    }

    // ---- rosters ----

    /** A member of a team: the person's name and whether they sign in. */
    public record Member(long personId, String name, boolean hasAccount) {
    }

    /** A team of the village's mediation chain: its role in words and the level it handles. */
    public record Team(String role, String roleLabel, String level, String levelLabel, List<Member> members) {
    }

    /**
     * The village's rosters; {@code you} is the caller's person and the levels they handle (null for the committee).
     */
    public record Rosters(long areaId, String villageName, List<Team> teams, You you) {
    }

    public record You(String name, List<String> roleLabels, List<String> levels, List<String> levelLabels) {
    }

    @GetMapping("/api/v1/mediation/rosters")
    public Mono<Rosters> rosters(Caller caller, @RequestParam(required = false) Long areaId) {
        return blocking.call(() -> {
            Who w = access.who(caller.user());
            long village = village(w, areaId);
            List<Team> teams = new ArrayList<>();
            for (CivicRole r : List.of(CivicRole.AGENT, CivicRole.MEDIATOR, CivicRole.PEACEMAKER, CivicRole.LEGAL_ADVISER)) {
                MediationLevel level = java.util.Arrays.stream(MediationLevel.values()).filter(l -> l.handlers().contains(r)).findFirst().orElseThrow();
                teams.add(new Team(r.name(), r.label(), level.name(), level.label(),
                        registry.withRole(village, r).stream().map(p -> new Member(p.id(), p.name(), p.userId() != null)).toList()));
            }
            You you = w.person() == null ? null : new You(w.person().name(), w.person().roles().stream().map(CivicRole::label).toList(),
                    w.handles().stream().map(Enum::name).toList(), w.handles().stream().map(MediationLevel::label).toList());
            return new Rosters(village, disputes.villageName(village), teams, you);
        });
    }

    // ---- disputes ----

    public record DisputeList(List<DisputeView> items) {
    }

    /** The disputes the caller may see in their village ({@code status}: OPEN, SETTLED, REFERRED or WITHDRAWN; all when absent). */
    @GetMapping("/api/v1/mediation/disputes")
    public Mono<DisputeList> list(Caller caller, @RequestParam(required = false) Long areaId, @RequestParam(required = false) String status) {
        return blocking.call(() -> {
            Who w = access.who(caller.user());
            DisputeStatus s = status == null || status.isBlank() ? null : Params.enumValue(DisputeStatus.class, "status", status);
            List<Long> villages = areaId != null ? List.of(village(w, areaId)) : villagesOf(w).keySet().stream().toList();
            return new DisputeList(store.inAreas(villages).stream().filter(d -> s == null || d.status() == s).filter(d -> access.sees(w, d))
                    .map(d -> view(w, d)).toList());
        });
    }

    @GetMapping("/api/v1/mediation/disputes/{id}")
    public Mono<DisputeView> get(Caller caller, @PathVariable long id) {
        return blocking.call(() -> {
            Who w = access.who(caller.user());
            return view(w, visible(w, id));
        });
    }

    /** A party: {@code personId} or {@code householdId} of the registry (completed from it), or an outsider by {@code name}. */
    public record PartyBody(String side, Long householdId, Long personId, String name, String details) {
    }

    /**
     * A dispute to open. {@code level} AGENT (the parties' household's 代办员, or the caller when they are one) or
     * MEDIATION (default); a resident is the applicant themselves, at their household's 代办员 (or the mediators
     * when it has none), and names the other parties; {@code category} one of NEIGHBOURS, MARRIAGE_FAMILY, SUPPORT, HOMESTEAD_LAND,
     * BUILDING_ADJACENCY, CONTRACT_DEBT, DAMAGES, OTHER; {@code areaId} the village (default: the caller's).
     */
    public record OpenBody(Long areaId, String title, String category, String description, String level, List<PartyBody> parties) {
    }

    @Refuses(status = 409, when = "level AGENT without a 代办员 for the parties' household, or LEGAL (reached only by escalation)")
    @PostMapping("/api/v1/mediation/disputes")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<DisputeView> open(Caller caller, @RequestBody OpenBody body) {
        return blocking.call(() -> {
            Who w = access.who(caller.user());
            long village = village(w, body.areaId());
            MediationLevel level = body.level() == null || body.level().isBlank() ? MediationLevel.MEDIATION
                    : Params.enumValue(MediationLevel.class, "level", body.level());
            Long agent = null;
            List<Disputes.PartyInput> parties = new ArrayList<>();
            if (caller.user().role() == Role.RESIDENT) {
                // a resident asks as the applicant: at their household's 代办员 when it has one, else at the mediators
                if (w.person() == null || w.person().areaId() != village) {
                    throw ApiException.forbidden("您尚未登记在本村（社区）户籍台账中，请到村（居）委会申请调解");
                }
                Long householdAgent = w.person().householdId() == null ? null
                        : registry.household(w.person().householdId()).map(org.redwhistle.api.registry.Household::agentId).orElse(null);
                level = householdAgent != null ? MediationLevel.AGENT : MediationLevel.MEDIATION;
                parties.add(new Disputes.PartyInput(Disputes.Side.APPLICANT, null, w.person().id(), null, null));
            }
            if (caller.user().role() == Role.MEDIATOR) {
                // the mediation team opens at a level of its own: an agent at theirs, mediators and 和事佬 at theirs
                if (!w.handles().contains(level)) {
                    throw ApiException.forbidden("您在调解组织中的角色不能在" + level.label() + "一级受理纠纷");
                }
                if (level == MediationLevel.AGENT) {
                    agent = w.person().id();
                }
            }
            for (PartyBody p : body.parties() == null ? List.<PartyBody>of() : body.parties()) {
                if (caller.user().role() == Role.RESIDENT && (p.personId() != null || p.householdId() != null)) {
                    throw ApiException.badField("parties", "a resident names the other parties (by name); the registry's people are linked by the mediators");
                }
                parties.add(new Disputes.PartyInput(p.side() == null ? null : Params.enumValue(Disputes.Side.class, "parties.side", p.side()),
                        p.householdId(), p.personId(), p.name(), p.details()));
            }
            long id = disputes.open(new Disputes.NewDispute(village, required("title", body.title()),
                    Params.enumValue(DisputeCategory.class, "category", required("category", body.category())),
                    required("description", body.description()), null, level, agent, parties), actor(w), clock.instant());
            return view(w, store.find(id).orElseThrow());
        });
    }

    /** A session: {@code heldAt} ISO-8601 with an offset (default now), {@code mediators} (default: the caller). */
    public record SessionBody(String heldAt, String place, String mediators, String present, String notes) {
    }

    @Refuses(status = 409, when = "the dispute has ended")
    @PostMapping("/api/v1/mediation/disputes/{id}/sessions")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<DisputeView> session(Caller caller, @PathVariable long id, @RequestBody SessionBody body) {
        return step(caller, id, (w, now) -> disputes.recordSession(id, new Disputes.NewSession(
                body.heldAt() == null || body.heldAt().isBlank() ? now : Params.instant("heldAt", body.heldAt()), required("place", body.place()),
                body.mediators() == null || body.mediators().isBlank() ? w.name() : body.mediators(), required("present", body.present()),
                required("notes", body.notes())), actor(w), now));
    }

    /** Up one level: {@code to} the next level (MEDIATION after AGENT, LEGAL after MEDIATION), {@code reason} why. */
    public record EscalateBody(String to, String reason) {
    }

    @Refuses(status = 409, when = "to is not the next level (a level skipped or a step back), the dispute is at the legal advisers' already, or it has ended")
    @PostMapping("/api/v1/mediation/disputes/{id}/escalate")
    public Mono<DisputeView> escalate(Caller caller, @PathVariable long id, @RequestBody EscalateBody body) {
        return step(caller, id, (w, now) -> disputes.escalate(id, Params.enumValue(MediationLevel.class, "to", required("to", body.to())),
                required("reason", body.reason()), actor(w), now));
    }

    /** The agreement's text; {@code performanceDue} an ISO date. Drafting again replaces it (and the generated PDF). */
    public record AgreementBody(String facts, String terms, String performance, String performanceDue) {
    }

    @Refuses(status = 409, when = "the dispute has ended")
    @PutMapping("/api/v1/mediation/disputes/{id}/agreement")
    public Mono<DisputeView> draft(Caller caller, @PathVariable long id, @RequestBody AgreementBody body) {
        return step(caller, id, (w, now) -> disputes.draftAgreement(id, new Disputes.AgreementDraft(body.facts(), required("terms", body.terms()),
                body.performance(), date("performanceDue", body.performanceDue())), actor(w), now));
    }

    @Refuses(status = 409, when = "no terms drafted yet, or the dispute has ended")
    @PostMapping("/api/v1/mediation/disputes/{id}/agreement/generate")
    public Mono<DisputeView> generate(Caller caller, @PathVariable long id) {
        return step(caller, id, (w, now) -> disputes.generateAgreement(id, actor(w), now));
    }

    /** The parties' confirmation (who confirmed, in words); the caller signs as the mediator. */
    public record SignOffBody(String partiesConfirmed) {
    }

    @Refuses(status = 409, when = "the agreement has not been generated, or the dispute has ended")
    @PostMapping("/api/v1/mediation/disputes/{id}/sign-off")
    public Mono<DisputeView> signOff(Caller caller, @PathVariable long id, @RequestBody SignOffBody body) {
        return step(caller, id, (w, now) -> disputes.signOff(id, body.partiesConfirmed(), actor(w), now));
    }

    /** Out of the village: {@code to} TOWN_COMMITTEE (the town's people's mediation committee) or LEGAL_AID, {@code reason}. */
    public record ReferBody(String to, String reason) {
    }

    @Refuses(status = 409, when = "the dispute is not at the legal advisers' level, or has ended")
    @PostMapping("/api/v1/mediation/disputes/{id}/refer")
    public Mono<DisputeView> refer(Caller caller, @PathVariable long id, @RequestBody ReferBody body) {
        return step(caller, id, (w, now) -> disputes.refer(id, Params.enumValue(ReferralTarget.class, "to", required("to", body.to())),
                required("reason", body.reason()), actor(w), now));
    }

    public record WithdrawBody(String reason) {
    }

    @Refuses(status = 409, when = "the dispute has ended")
    @PostMapping("/api/v1/mediation/disputes/{id}/withdraw")
    public Mono<DisputeView> withdraw(Caller caller, @PathVariable long id, @RequestBody WithdrawBody body) {
        return step(caller, id, (w, now) -> disputes.withdraw(id, required("reason", body.reason()), actor(w), now));
    }

    // ---- documents ----

    /** The agreement (调解协议书) as generated, or as signed; for those who handle the dispute (it holds the parties' personal data). Audited. */
    @ApiResponse(responseCode = "200", description = "the PDF", content = @Content(mediaType = MediaType.APPLICATION_PDF_VALUE,
            schema = @Schema(type = "string", format = "binary")))
    @GetMapping("/api/v1/mediation/disputes/{id}/agreement.pdf")
    public Mono<ResponseEntity<byte[]>> agreementPdf(Caller caller, @PathVariable long id) {
        return document(caller, id, "agreement", store::agreementPdf, "调解协议书");
    }

    /** The referral file (卷宗) of a dispute referred out of the village; for those who handle it. Audited. */
    @ApiResponse(responseCode = "200", description = "the PDF", content = @Content(mediaType = MediaType.APPLICATION_PDF_VALUE,
            schema = @Schema(type = "string", format = "binary")))
    @GetMapping("/api/v1/mediation/disputes/{id}/file.pdf")
    public Mono<ResponseEntity<byte[]>> filePdf(Caller caller, @PathVariable long id) {
        return document(caller, id, "file", store::filePdf, "调解卷宗");
    }

    // ---- statistics ----

    /**
     * The statistics of the villages in the caller's area (or of {@code areaId}, a village or a town inside it) for
     * the disputes that ended from {@code from} (an ISO date, Asia/Shanghai; default a year ago) to {@code to}
     * (exclusive; default tomorrow). See {@link MediationStats} for the 小事不出村 rate.
     */
    @GetMapping("/api/v1/mediation/stats")
    public Mono<MediationStats> stats(Caller caller, @RequestParam(required = false) Long areaId, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        return blocking.call(() -> {
            Who w = access.who(caller.user());
            Instant now = clock.instant();
            LocalDate today = now.atZone(WorkingCalendar.CHINA).toLocalDate();
            Instant f = from == null || from.isBlank() ? today.minusYears(1).atStartOfDay(WorkingCalendar.CHINA).toInstant()
                    : Params.instantOrDate("from", from, WorkingCalendar.CHINA);
            Instant t = to == null || to.isBlank() ? today.plusDays(1).atStartOfDay(WorkingCalendar.CHINA).toInstant()
                    : Params.instantOrDate("to", to, WorkingCalendar.CHINA);
            if (!f.isBefore(t)) {
                throw ApiException.badField("to", "must be after from");
            }
            Map<Long, String> villages = villagesOf(w);
            if (areaId != null) {
                if (!access.inArea(w, areaId)) {
                    throw ApiException.notFound("area " + areaId);
                }
                Map<Long, AreaRef> all = areas.all();
                villages.keySet().removeIf(v -> AreaDirectory.chain(all, v).stream().noneMatch(a -> a.id() == areaId));
            }
            return MediationStats.of(f, t, store.inAreas(villages.keySet()), villages, now);
        });
    }

    // ---- helpers ----

    private interface StepAction {
        void run(Who w, Instant now);
    }

    /** A step on a dispute by one who handles it at its level; the dispute as it is afterwards. */
    private Mono<DisputeView> step(Caller caller, long id, StepAction action) {
        return blocking.call(() -> {
            Who w = access.who(caller.user());
            Row d = visible(w, id);
            if (!access.handles(w, d)) {
                throw ApiException.forbidden("本纠纷现在" + d.level().label() + "一级，由" + (d.level() == MediationLevel.AGENT ? "当事人户的代办员"
                        : d.level().label()) + "办理");
            }
            action.run(w, clock.instant());
            return view(w, store.find(id).orElseThrow());
        });
    }

    private Mono<ResponseEntity<byte[]>> document(Caller caller, long id, String kind, java.util.function.LongFunction<java.util.Optional<byte[]>> load,
            String name) {
        return blocking.call(() -> {
            Who w = access.who(caller.user());
            Row d = visible(w, id);
            if (!access.handles(w, d)) {
                throw ApiException.forbidden("文书含当事人个人信息，仅限办理本纠纷的调解人员下载");
            }
            byte[] pdf = load.apply(id).orElseThrow(() -> ApiException.notFound(name + " of dispute " + id));
            audit.record(caller.user().username(), "mediation." + kind + "-downloaded", "dispute", String.valueOf(id), null, Map.of("bytes", pdf.length));
            String filename = name + "-" + MediationDocuments.number(d) + ".pdf";
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                    .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename, java.nio.charset.StandardCharsets.UTF_8)
                            .build().toString())
                    .body(pdf);
        });
    }

    private static Disputes.Actor actor(Who w) {
        return new Disputes.Actor(w.user().username(), w.name());
    }

    private Row visible(Who w, long id) {
        return store.find(id).filter(d -> access.sees(w, d)).orElseThrow(() -> ApiException.notFound("dispute " + id));
    }

    /** The village a call is about: {@code areaId} when inside the caller's area, else the caller's own area. */
    private long village(Who w, Long areaId) {
        long v = areaId != null ? areaId : w.user().areaId() == null ? -1 : w.user().areaId();
        AreaRef a = areas.all().get(v);
        if (a == null || a.level() != AreaLevel.COMMUNITY || !access.inArea(w, v)) {
            throw areaId == null ? ApiException.badField("areaId", "the village (your area is not one)") : ApiException.notFound("village " + areaId);
        }
        return v;
    }

    /** The villages and communities in the caller's area, by id. */
    private Map<Long, String> villagesOf(Who w) {
        Map<Long, AreaRef> all = areas.all();
        Map<Long, String> out = new LinkedHashMap<>();
        all.values().stream().filter(a -> a.level() == AreaLevel.COMMUNITY).filter(a -> access.inArea(w, a.id()))
                .sorted(java.util.Comparator.comparing(AreaRef::code)).forEach(a -> out.put(a.id(), a.name()));
        return out;
    }

    private DisputeView view(Who w, Row d) {
        boolean handles = access.handles(w, d);
        List<DisputeView.PartyView> parties = store.parties(d.id()).stream().map(p -> new DisputeView.PartyView(p.side().name(), p.side().label(),
                p.name(), p.householdId(), p.personId(), handles ? p.details() : null)).toList();
        List<DisputeView.SessionView> sessions = store.sessions(d.id()).stream().map(s -> new DisputeView.SessionView(s.id(), s.heldAt(), s.place(),
                s.level().label(), s.mediators(), s.present(), s.notes(), s.recordedBy())).toList();
        List<DisputeView.StepView> steps = store.steps(d.id()).stream().map(s -> new DisputeView.StepView(s.at(), s.action(), s.level().label(),
                s.actor(), s.note())).toList();
        String agentName = d.agentId() == null ? null : registry.person(d.agentId()).map(Person::name).orElse(null);
        boolean open = d.status() == DisputeStatus.OPEN;
        MediationLevel next = open ? d.level().next().orElse(null) : null;
        DisputeView.AgreementView agreement = d.terms() == null ? null : new DisputeView.AgreementView(d.facts(), d.terms(), d.performance(),
                d.performanceDue(), d.agreementAt(), d.partiesConfirmed(), d.mediatorSignedBy(), d.signedAt());
        return new DisputeView(d.id(), MediationDocuments.number(d), d.areaId(), disputes.villageName(d.areaId()), d.title(), d.category().name(),
                d.category().label(), d.description(), d.origin(), originLabel(d.origin()), d.level().name(), d.level().label(), d.status().name(),
                d.status().label(), d.levelSince(), d.levelDue(), open && d.levelDue().isBefore(clock.instant()), d.overdueAt(), agentName,
                d.openedBy(), d.openedAt(), d.closedAt(), d.outcome(), d.referredTo() == null ? null : disputes.referralName(d.areaId(), d.referredTo()),
                next == null ? null : next.name(), next == null ? null : next.label(), handles && open, parties, sessions, steps, agreement,
                d.agreementAt() != null && handles, d.hasFile() && handles);
    }

    private static String originLabel(String origin) {
        if (origin == null) {
            return null;
        }
        return origin.startsWith("compact-violation:") ? "村规民约违约处理申诉（第 " + origin.substring("compact-violation:".length()) + " 号违约记录）" : origin;
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.badField(field, "required");
        }
        return value.strip();
    }

    private static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.badField(field, "an ISO date, e.g. 2026-12-31");
        }
    }
}
