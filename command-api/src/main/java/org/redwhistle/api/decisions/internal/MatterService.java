package org.redwhistle.api.decisions.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.decisions.MatterKind;
import org.redwhistle.api.decisions.MatterRejected;
import org.redwhistle.api.decisions.MatterState;
import org.redwhistle.api.decisions.Matters;
import org.redwhistle.api.decisions.ResolutionPublished;
import org.redwhistle.api.decisions.Step;
import org.redwhistle.api.decisions.Tally;
import org.redwhistle.api.decisions.Vote;
import org.redwhistle.api.decisions.VoteRule;
import org.redwhistle.api.decisions.internal.MatterStore.MatterRow;
import org.redwhistle.api.decisions.internal.MatterStore.StepRow;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.registry.CivicRole;
import org.redwhistle.api.registry.Registry;
import org.redwhistle.geo.area.AreaDirectory;
import org.redwhistle.geo.area.AreaLevel;
import org.redwhistle.geo.area.AreaRef;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * 四议两公开 as rules: the four meetings one after another, none skipped, each counted by {@link Tally}
 * under its rule from {@code vote_rule} and its members from the registry; an invalid meeting kept but
 * deciding nothing; a failed motion rejecting the matter; the resolution made public (and
 * {@link ResolutionPublished} published then, once); a major matter carried out only after a passed,
 * published resolution.
 */
@Service
public class MatterService implements Matters {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final MatterStore store;
    private final MatterKindStore kinds;
    private final VoteRuleStore rules;
    private final Registry registry;
    private final AreaDirectory areas;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    public MatterService(MatterStore store, MatterKindStore kinds, VoteRuleStore rules, Registry registry, AreaDirectory areas, AuditLog audit,
            ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.kinds = kinds;
        this.rules = rules;
        this.registry = registry;
        this.areas = areas;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public MatterView create(String actor, NewMatter m) {
        AreaRef area = areas.all().get(m.areaId());
        if (area == null || area.level() != AreaLevel.COMMUNITY) {
            throw ApiException.badField("areaId", "must be a village or community (COMMUNITY-level area)");
        }
        String title = required("title", m.title(), 200);
        MatterKind kind = m.kind() == null ? null : kinds.byCode(m.kind()).filter(MatterKind::active).orElse(null);
        if (kind == null) {
            throw ApiException.badField("kind", "must be one of the active kinds of GET /api/v1/decisions/matter-kinds");
        }
        if (m.amountYuan() != null && m.amountYuan().signum() < 0) {
            throw ApiException.badField("amountYuan", "cannot be negative");
        }
        if (kind.thresholdYuan() != null && m.amountYuan() == null) {
            // whether the matter is major depends on its amount: without it, it would slip past the resolution
            throw ApiException.badField("amountYuan", "is required for " + kind.name() + " (major from " + kind.thresholdYuan().toPlainString()
                    + " yuan on)");
        }
        if ((m.subjectKind() == null) != (m.subjectRef() == null)) {
            throw ApiException.badField(m.subjectKind() == null ? "subjectKind" : "subjectRef", "subjectKind and subjectRef go together");
        }
        if (m.subjectKind() != null && (m.subjectKind().length() > 60 || m.subjectRef().length() > 120 || m.subjectKind().isBlank())) {
            throw ApiException.badField("subjectKind", "at most 60 characters (subjectRef at most 120)");
        }
        boolean major = kind.isMajor(m.amountYuan(), kinds.spendingThreshold());
        long id = store.insert(m.areaId(), title, m.description(), kind.code(), m.amountYuan(), major, m.subjectKind(), m.subjectRef(), actor);
        audit.record(actor, "matter.created", "matter", String.valueOf(id), null, detail("areaId", m.areaId(), "title", title, "kind", kind.code(),
                "amountYuan", m.amountYuan(), "major", major, "subjectKind", m.subjectKind(), "subjectRef", m.subjectRef()));
        return matter(id).orElseThrow();
    }

    @Override
    public StepOutcome record(String actor, long matterId, Meeting meeting) {
        MatterRow m = store.lock(matterId).orElseThrow(() -> ApiException.notFound("matter " + matterId));
        if (meeting == null || meeting.step() == null) {
            throw ApiException.badField("step", "is required: PROPOSAL, DISCUSSION, DELIBERATION or RESOLUTION");
        }
        Step step = meeting.step();
        Step due = m.state().nextStep().orElseThrow(() -> conflict(m.state() == MatterState.REJECTED
                ? "议题未获通过，须重新提议后方可再议"
                : "“四议”已经完成（" + m.state().label() + "），不能再召开" + step.label()));
        if (step != due) {
            throw conflict(step.ordinal() > due.ordinal() ? "须先完成：" + due.label() : step.label() + "已经完成，当前应进行：" + due.label());
        }
        if (meeting.heldOn() == null) {
            throw ApiException.badField("heldOn", "is required (the meeting's date)");
        }
        if (meeting.heldOn().isAfter(LocalDate.now(clock.withZone(CHINA)))) {
            throw ApiException.badField("heldOn", "cannot be in the future");
        }
        List<StepRow> earlier = store.steps(matterId).stream().filter(s -> s.round() == m.round() && s.tally().quorate()).toList();
        if (!earlier.isEmpty() && meeting.heldOn().isBefore(earlier.get(earlier.size() - 1).heldOn())) {
            throw ApiException.badField("heldOn", "cannot be before the previous step's meeting (" + earlier.get(earlier.size() - 1).heldOn() + ")");
        }
        String place = required("place", meeting.place(), 200);
        String chair = required("chair", meeting.chair(), 60);
        VoteRule rule = rules.rule(step.rule()).orElseThrow(() -> new IllegalStateException("vote rule " + step.rule() + " missing"));
        List<Member> members = body(m.areaId(), step);
        if (members.isEmpty()) {
            throw conflict("户籍台账中没有登记" + step.body() + "，无法确定应到人数：请先在户籍台账登记");
        }
        Set<Long> memberIds = new LinkedHashSet<>(members.stream().map(Member::id).toList());
        if (meeting.attendance() == null) {
            throw ApiException.badField("attendance", "is required: the person ids of the members present (may be empty)");
        }
        List<Long> present = new ArrayList<>(new LinkedHashSet<>(meeting.attendance()));
        if (!memberIds.containsAll(present)) {
            throw ApiException.badField("attendance", "lists people who are not members of the " + step.body() + " (" + step.label() + ")");
        }
        int yes;
        int no;
        int abstain;
        Map<Long, Vote> votes = meeting.votes() == null || meeting.votes().isEmpty() ? null : new LinkedHashMap<>(meeting.votes());
        if (votes != null) {
            if (!present.containsAll(votes.keySet()) || votes.containsValue(null)) {
                throw ApiException.badField("votes", "only members present vote, each YES, NO or ABSTAIN");
            }
            yes = (int) votes.values().stream().filter(v -> v == Vote.YES).count();
            no = (int) votes.values().stream().filter(v -> v == Vote.NO).count();
            abstain = (int) votes.values().stream().filter(v -> v == Vote.ABSTAIN).count();
        } else {
            if (meeting.yes() == null) {
                throw ApiException.badField("votes", "give each present member's vote (votes), or the counts (yes, no, abstain) of a show of hands");
            }
            yes = meeting.yes();
            no = meeting.no() == null ? 0 : meeting.no();
            abstain = meeting.abstain() == null ? 0 : meeting.abstain();
        }
        Tally tally;
        try {
            tally = Tally.count(rule, members.size(), present.size(), yes, no, abstain);
        } catch (IllegalArgumentException e) {
            throw ApiException.badField("votes", e.getMessage());
        }
        long stepId = store.insertStep(matterId, m.round(), step, meeting.heldOn(), place, chair, rule.code(), rule.describe(), members, present,
                votes, tally, meeting.note(), actor);
        Map<String, Object> detail = detail("stepId", stepId, "step", step.name(), "round", m.round(), "heldOn", meeting.heldOn(), "members",
                tally.members(), "present", tally.present(), "yes", yes, "no", no, "abstain", abstain, "outcome", tally.outcome());
        if (!tally.quorate()) {
            audit.record(actor, "matter.meeting-invalid", "matter", String.valueOf(matterId), tally.outcome(), detail);
            return new StepOutcome(matter(matterId).orElseThrow(), tally, false);
        }
        MatterState next = tally.passed() ? MatterState.after(step) : MatterState.REJECTED;
        move(m, next);
        if (step == Step.RESOLUTION) {
            store.resolved(matterId, tally.passed(), meeting.heldOn());
        }
        if (!tally.passed()) {
            events.publishEvent(new MatterRejected(matterId, m.areaId(), m.subjectKind(), m.subjectRef(), step, clock.instant()));
        }
        audit.record(actor, "matter.step-recorded", "matter", String.valueOf(matterId), null, detail);
        return new StepOutcome(matter(matterId).orElseThrow(), tally, true);
    }

    @Override
    public MatterView publish(String actor, long matterId, Publication p) {
        MatterRow m = store.lock(matterId).orElseThrow(() -> ApiException.notFound("matter " + matterId));
        if (m.publishedAt() != null) {
            throw conflict("决议已于 " + m.publishedOn() + " 公开");
        }
        if (m.resolutionPassed() == null) {
            throw conflict("须先完成：" + m.state().nextStep().map(Step::label).orElse(Step.RESOLUTION.label()));
        }
        if (p == null || p.publishedOn() == null) {
            throw ApiException.badField("publishedOn", "is required");
        }
        if (p.publishedOn().isBefore(m.resolvedOn())) {
            throw ApiException.badField("publishedOn", "cannot be before the resolution (" + m.resolvedOn() + ")");
        }
        String text = required("text", p.text(), 4000);
        if (p.displayUntil() == null || p.displayUntil().isBefore(p.publishedOn())) {
            throw ApiException.badField("displayUntil", "is required, on or after publishedOn (the period of display)");
        }
        Instant at = clock.instant();
        store.publish(matterId, p.publishedOn(), text, p.displayUntil(), at);
        if (m.state() == MatterState.RESOLVED) {
            move(m, MatterState.PUBLISHED);
        }
        audit.record(actor, "matter.resolution-published", "matter", String.valueOf(matterId), null, detail("publishedOn", p.publishedOn(),
                "displayUntil", p.displayUntil(), "passed", m.resolutionPassed()));
        events.publishEvent(new ResolutionPublished(matterId, m.areaId(), m.subjectKind(), m.subjectRef(), m.title(), m.resolutionPassed(),
                m.resolvedOn(), at));
        return matter(matterId).orElseThrow();
    }

    @Override
    public MatterView implement(String actor, long matterId, Implementation impl) {
        MatterRow m = store.lock(matterId).orElseThrow(() -> ApiException.notFound("matter " + matterId));
        if (m.state() == MatterState.REJECTED) {
            throw conflict("议题未获通过，不得实施");
        }
        // major as the kinds' list and threshold say now (a kind made major, a threshold lowered since creation)
        boolean major = m.major() || kinds.byCode(m.kind()).map(k -> k.isMajor(m.amountYuan(), kinds.spendingThreshold())).orElse(false)
                || (m.amountYuan() == null && kinds.byCode(m.kind()).map(k -> k.major() && k.thresholdYuan() != null).orElse(false));
        if (major && m.state() != MatterState.PUBLISHED) {
            throw conflict("重大事项须经村民代表会议决议通过并公开后方可实施；"
                    + (m.state() == MatterState.RESOLVED ? "须先完成：决议公开" : "须先完成：" + m.state().nextStep().map(Step::label).orElse("决议公开")));
        }
        if (!m.state().mayMoveTo(MatterState.IMPLEMENTING)) {
            throw conflict("议题当前" + m.state().label() + "，不能登记实施");
        }
        if (impl == null || impl.startedOn() == null) {
            throw ApiException.badField("startedOn", "is required");
        }
        String note = required("note", impl.note(), 4000);
        store.implement(matterId, impl.startedOn(), note);
        move(m, MatterState.IMPLEMENTING);
        audit.record(actor, "matter.implemented", "matter", String.valueOf(matterId), null, detail("startedOn", impl.startedOn(), "major", major));
        return matter(matterId).orElseThrow();
    }

    @Override
    public MatterView publishResult(String actor, long matterId, Result r) {
        MatterRow m = store.lock(matterId).orElseThrow(() -> ApiException.notFound("matter " + matterId));
        if (m.state() != MatterState.IMPLEMENTING) {
            throw conflict(m.state() == MatterState.RESULT_PUBLISHED ? "实施结果已经公开" : "须先完成：实施（当前" + m.state().label() + "）");
        }
        if (r == null || r.publishedOn() == null) {
            throw ApiException.badField("publishedOn", "is required");
        }
        if (r.publishedOn().isBefore(m.implementedOn())) {
            throw ApiException.badField("publishedOn", "cannot be before the implementation began (" + m.implementedOn() + ")");
        }
        String text = required("text", r.text(), 4000);
        store.result(matterId, r.publishedOn(), text, r.figures(), clock.instant());
        move(m, MatterState.RESULT_PUBLISHED);
        audit.record(actor, "matter.result-published", "matter", String.valueOf(matterId), null, detail("publishedOn", r.publishedOn()));
        return matter(matterId).orElseThrow();
    }

    @Override
    public MatterView repropose(String actor, long matterId) {
        MatterRow m = store.lock(matterId).orElseThrow(() -> ApiException.notFound("matter " + matterId));
        if (!m.state().mayMoveTo(MatterState.OPEN)) {
            throw conflict("只有未获通过的议题可以重新提议（当前" + m.state().label() + "）");
        }
        if (m.publishedAt() != null) {
            // the village was told this resolution failed: that record stays as it is; asking again is a new matter
            throw conflict("未通过的决议已于 " + m.publishedOn() + " 公开，如需再议请新建议题");
        }
        if (m.subjectKind() != null) {
            // the feature that asked for it (a compact version, say) was told of the rejection and let its subject go
            throw conflict("本议题由其他功能提交，未通过后已退回原处；如需再议请在原处重新提交");
        }
        store.newRound(matterId);
        audit.record(actor, "matter.reproposed", "matter", String.valueOf(matterId), null, detail("round", m.round() + 1));
        return matter(matterId).orElseThrow();
    }

    @Override
    public Optional<MatterView> matter(long id) {
        return store.byId(id).map(m -> view(m, store.steps(id), new HashMap<>()));
    }

    @Override
    public List<MatterView> ofArea(long areaId) {
        Map<String, VoteRule> cache = new HashMap<>();
        return store.ofArea(areaId).stream().map(m -> view(m, store.steps(m.id()), cache)).toList();
    }

    @Override
    public List<Member> body(long areaId, Step step) {
        var people = switch (step) {
            case PROPOSAL -> registry.withRole(areaId, CivicRole.COMMITTEE_MEMBER).stream().filter(p -> p.has(CivicRole.PARTY_MEMBER)).toList();
            case DISCUSSION -> registry.withRole(areaId, CivicRole.COMMITTEE_MEMBER);
            case DELIBERATION -> registry.withRole(areaId, CivicRole.PARTY_MEMBER);
            case RESOLUTION -> registry.withRole(areaId, CivicRole.REPRESENTATIVE);
        };
        return people.stream().map(p -> new Member(p.id(), p.name())).toList();
    }

    private void move(MatterRow m, MatterState to) {
        if (!m.state().mayMoveTo(to)) {
            throw new IllegalStateException("matter " + m.id() + ": " + m.state() + " → " + to);
        }
        store.setState(m.id(), to);
    }

    private MatterView view(MatterRow m, List<StepRow> steps, Map<String, VoteRule> cache) {
        AreaRef area = areas.all().get(m.areaId());
        String kindLabel = kinds.byCode(m.kind()).map(MatterKind::name).orElse(m.kind());
        List<StepView> sv = steps.stream().map(s -> {
            VoteRule rule = cache.computeIfAbsent(s.ruleCode(), c -> rules.rule(c).orElse(null));
            Set<Long> present = Set.copyOf(s.attendance());
            return new StepView(s.id(), s.round(), s.step(), s.step().label(), s.step().body(), s.heldOn(), s.place(), s.chair(), s.ruleCode(),
                    rule == null ? s.ruleCode() : rule.name(), s.ruleText(), s.members(),
                    s.members().stream().filter(x -> present.contains(x.id())).toList(), s.votes(), s.votes() != null, s.tally(),
                    s.tally().quorate(), s.note(), s.recordedBy(), s.recordedAt());
        }).toList();
        Step next = m.state().nextStep().orElse(null);
        return new MatterView(m.id(), m.areaId(), area == null ? null : area.name(), m.title(), m.description(), m.kind(), kindLabel, m.major(),
                m.amountYuan(), m.subjectKind(), m.subjectRef(), m.state(), m.state().label(), m.round(), next, next == null ? null : next.label(),
                m.resolutionPassed(), m.resolvedOn(), m.publishedOn(), m.publicationText(), m.displayUntil(), m.publishedAt(), m.implementedOn(),
                m.implementationNote(), m.resultOn(), m.resultText(), m.resultFigures(), m.resultPublishedAt(), m.createdBy(), m.createdAt(), sv);
    }

    private static ApiException conflict(String reason) {
        return new ApiException(HttpStatus.CONFLICT, "Not allowed now", reason, List.of());
    }

    private static String required(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw ApiException.badField(field, "is required");
        }
        if (value.length() > max) {
            throw ApiException.badField(field, "at most " + max + " characters");
        }
        return value.strip();
    }

    private static Map<String, Object> detail(Object... kv) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i + 1] != null) {
                out.put((String) kv[i], kv[i + 1] instanceof BigDecimal b ? b.toPlainString() : kv[i + 1] instanceof LocalDate d ? d.toString() : kv[i + 1]);
            }
        }
        return out;
    }
}
