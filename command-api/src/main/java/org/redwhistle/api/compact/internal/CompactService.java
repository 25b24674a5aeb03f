package org.redwhistle.api.compact.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.compact.Article;
import org.redwhistle.api.compact.ArticleCategory;
import org.redwhistle.api.compact.CompactVersion;
import org.redwhistle.api.compact.CompactVersionAdopted;
import org.redwhistle.api.compact.Compacts;
import org.redwhistle.api.compact.PenaltyEffect;
import org.redwhistle.api.compact.VersionState;
import org.redwhistle.api.compact.Violation;
import org.redwhistle.api.compact.ViolationState;
import org.redwhistle.api.decisions.MatterRejected;
import org.redwhistle.api.decisions.Matters;
import org.redwhistle.api.decisions.ResolutionPublished;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.mediation.DisputeRequested;
import org.redwhistle.api.mediation.DisputeSettled;
import org.redwhistle.api.registry.Household;
import org.redwhistle.api.registry.Person;
import org.redwhistle.api.registry.Registry;
import org.redwhistle.api.users.UserAccount;
import org.redwhistle.api.users.UserAccountRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The compact's rules: drafts edited only while drafts, versions adopted only by a published 四议两公开
 * resolution, violations against the version in force moved along {@link ViolationState}, the household
 * alerted (after the commit) of a penalty, a dismissal and a restoration, appeals handed to mediation.
 * A step out of order is a 409 with the reason in Chinese. Every change is audited.
 */
@Service
@Transactional
public class CompactService implements Compacts {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final String SUBJECT_KIND = "compact-version";
    static final String MATTER_KIND = "COMPACT";
    static final String ORIGIN = "compact-violation:";

    private static final Logger log = LoggerFactory.getLogger(CompactService.class);

    private final CompactStore versions;
    private final ViolationStore violations;
    private final Registry registry;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final UserAccountRepository users;
    private final Matters matters;
    private final java.time.Clock clock;

    public CompactService(CompactStore versions, ViolationStore violations, Registry registry, AuditLog audit, ApplicationEventPublisher events,
            UserAccountRepository users, Matters matters, java.time.Clock clock) {
        this.matters = matters;
        this.clock = clock;
        this.versions = versions;
        this.violations = violations;
        this.registry = registry;
        this.audit = audit;
        this.events = events;
        this.users = users;
    }

    static ApiException conflict(String reason) {
        return new ApiException(HttpStatus.CONFLICT, "Not allowed now", reason, List.of());
    }

    // ---- versions ----

    @Override
    @Transactional(readOnly = true)
    public Optional<CompactVersion> inForce(long areaId) {
        return versions.inForce(areaId);
    }

    @Override
    @Transactional(readOnly = true)
    public List<CompactVersion> versions(long areaId) {
        return versions.versions(areaId);
    }

    @Transactional(readOnly = true)
    public Optional<CompactVersion> version(long id) {
        return versions.find(id);
    }

    @Override
    public CompactVersion draft(String actor, long areaId, String title, Instant at) {
        if (versions.versions(areaId).stream().anyMatch(v -> v.state() == VersionState.DRAFT || v.state() == VersionState.PROPOSED)) {
            throw conflict("本村已有一份草案或正在四议两公开审议的版本，不能再起草新版本");
        }
        Optional<CompactVersion> current = versions.inForce(areaId);
        int number = versions.nextNumber(areaId);
        String t = title != null && !title.isBlank() ? title.strip() : current.map(CompactVersion::title).orElse("村规民约");
        long id = versions.insert(areaId, number, t, actor, at);
        current.ifPresent(c -> versions.replaceArticles(id, c.articles()));
        audit.record(actor, "compact.drafted", "compact-version", String.valueOf(id), null,
                Map.of("areaId", areaId, "number", number, "copiedFrom", current.map(c -> (Object) c.number()).orElse("")));
        return versions.find(id).orElseThrow();
    }

    @Override
    public CompactVersion saveDraft(String actor, long versionId, String title, List<Article> articles, Instant at) {
        CompactVersion v = versions.lock(versionId).orElseThrow(() -> ApiException.notFound("compact version " + versionId));
        if (v.state() != VersionState.DRAFT) {
            throw conflict("只有草案可以修改；第" + v.number() + "版" + v.stateLabel());
        }
        ArticleRules.check(articles);
        if (title != null && !title.isBlank()) {
            versions.setTitle(versionId, title.strip(), at);
        } else {
            versions.setTitle(versionId, v.title(), at);
        }
        versions.replaceArticles(versionId, articles.stream().sorted(java.util.Comparator.comparingInt(Article::number)).toList());
        audit.record(actor, "compact.draft-saved", "compact-version", String.valueOf(versionId), null, Map.of("articles", articles.size()));
        return versions.find(versionId).orElseThrow();
    }

    /**
     * The draft goes to 四议两公开: its matter is created here (kind COMPACT, subject {@code compact-version}
     * "<area>:<N>"), in this transaction, and the draft is frozen (PROPOSED) and tied to that matter.
     */
    @Override
    public CompactVersion propose(String actor, long versionId, Instant at) {
        CompactVersion v = versions.lock(versionId).orElseThrow(() -> ApiException.notFound("compact version " + versionId));
        if (!v.state().canMoveTo(VersionState.PROPOSED)) {
            throw conflict("第" + v.number() + "版" + v.stateLabel() + "，不能再提交四议两公开");
        }
        if (v.articles().isEmpty()) {
            throw conflict("草案没有条款，不能提交四议两公开");
        }
        long matterId = matters.create(actor, new Matters.NewMatter(v.areaId(), v.title() + "第 " + v.number() + " 版",
                "村“两委”提出的第" + v.number() + "版村规民约，共" + v.articles().size() + "条，提请按“四议两公开”程序审议决定。", MATTER_KIND, null,
                SUBJECT_KIND, v.areaId() + ":" + v.number())).id();
        versions.propose(versionId, matterId, at);
        audit.record(actor, "compact.proposed", "compact-version", String.valueOf(versionId), null, Map.of("matterId", matterId));
        return versions.find(versionId).orElseThrow();
    }

    /**
     * The one way a version comes into force: the representatives' resolution on it made public. A
     * resolution about something else is ignored; one that is not the proposed version's own matter, or
     * names a version that cannot be decided (already adopted, say), is logged and ignored, so a repeated
     * event changes nothing.
     */
    @EventListener
    public void on(ResolutionPublished e) {
        Optional<CompactVersion> found = proposedFor(e.matterId(), e.areaId(), e.subjectKind(), e.subjectRef());
        if (found.isEmpty()) {
            return;
        }
        CompactVersion v = found.get();
        long areaId = v.areaId();
        int number = v.number();
        String actor = "四议两公开决议#" + e.matterId();
        if (e.passed()) {
            versions.inForce(areaId).ifPresent(old -> {
                versions.supersede(old.id(), e.resolvedOn(), e.publishedAt());
                audit.record(actor, "compact.superseded", "compact-version", String.valueOf(old.id()), null, Map.of("by", v.number()));
            });
            versions.adopt(v.id(), e.matterId(), e.resolvedOn(), e.publishedAt());
            audit.record(actor, "compact.adopted", "compact-version", String.valueOf(v.id()), e.title(),
                    Map.of("matterId", e.matterId(), "inForceFrom", e.resolvedOn().toString()));
            events.publishEvent(new CompactVersionAdopted(v.id(), areaId, number, e.resolvedOn()));
        } else {
            versions.notAdopted(v.id(), e.matterId(), e.publishedAt());
            audit.record(actor, "compact.not-adopted", "compact-version", String.valueOf(v.id()), e.title(), Map.of("matterId", e.matterId()));
        }
    }

    /** The version's matter was rejected at one of the four steps: the version is not adopted, and a new draft may start. */
    @EventListener
    public void on(MatterRejected e) {
        Optional<CompactVersion> found = proposedFor(e.matterId(), e.areaId(), e.subjectKind(), e.subjectRef());
        if (found.isEmpty()) {
            return;
        }
        versions.notAdopted(found.get().id(), e.matterId(), e.at());
        audit.record("四议两公开议题#" + e.matterId(), "compact.not-adopted", "compact-version", String.valueOf(found.get().id()), null,
                Map.of("matterId", e.matterId(), "rejectedAt", e.step().name()));
    }

    /** The proposed version (locked) the matter {@code matterId} decides; empty (logged) when the event names none or another matter's. */
    private Optional<CompactVersion> proposedFor(long matterId, long eventArea, String subjectKind, String subjectRef) {
        if (!SUBJECT_KIND.equals(subjectKind)) {
            return Optional.empty();
        }
        String[] ref = subjectRef == null ? new String[0] : subjectRef.split(":");
        long areaId;
        int number;
        try {
            areaId = Long.parseLong(ref[0]);
            number = Integer.parseInt(ref[1]);
        } catch (RuntimeException ex) {
            log.warn("matter {} names compact version '{}', which is not <areaId>:<N>; ignored", matterId, subjectRef);
            return Optional.empty();
        }
        if (areaId != eventArea) {
            log.warn("matter {} of area {} names a compact version of area {}; ignored", matterId, eventArea, areaId);
            return Optional.empty();
        }
        Optional<CompactVersion> found = versions.byNumber(areaId, number);
        if (found.isEmpty()) {
            log.warn("matter {} names compact version {}:{}, which does not exist; ignored", matterId, areaId, number);
            return Optional.empty();
        }
        CompactVersion v = versions.lock(found.get().id()).orElseThrow();
        if (v.state() != VersionState.PROPOSED || v.matterId() == null || v.matterId() != matterId) {
            log.warn("matter {} on compact version {}:{} ({}, matter {}) is not the version's proposal; ignored", matterId, areaId, number, v.state(),
                    v.matterId());
            return Optional.empty();
        }
        return Optional.of(v);
    }

    // ---- violations ----

    @Override
    public Violation report(String actor, long areaId, Report r, Instant at) {
        CompactVersion v = versions.inForce(areaId).orElseThrow(() -> conflict("本村尚无现行有效的村规民约，不能登记违约"));
        Household h = registry.household(r.householdId()).filter(x -> x.areaId() == areaId)
                .orElseThrow(() -> ApiException.badField("householdId", "不是本村的住户"));
        Article a = v.article(r.articleNo()).orElseThrow(() -> ApiException.badField("articleNo", "现行村规民约没有第" + r.articleNo() + "条"));
        if (a.category() != ArticleCategory.SHALL && a.category() != ArticleCategory.MUST_NOT) {
            throw ApiException.badField("articleNo", "第" + a.number() + "条是" + a.categoryLabel() + "条款；违约须对应“应当”或“严禁”条款");
        }
        if (r.description() == null || r.description().isBlank()) {
            throw ApiException.badField("description", "请写明违约情况");
        }
        long id = violations.insert(areaId, v.id(), a.number(), h.id(), r.description().strip(), blankToNull(r.place()), r.occurredOn(), actor, at);
        audit.record(actor, "compact.violation-reported", "compact-violation", String.valueOf(id), null,
                Map.of("householdId", h.id(), "article", a.number(), "version", v.number()));
        return view(id);
    }

    @Override
    public long addPhoto(String actor, long violationId, byte[] jpeg, int width, int height, Instant at) {
        Violation x = violations.lock(violationId).orElseThrow(() -> ApiException.notFound("violation " + violationId));
        if (x.state() != ViolationState.REPORTED) {
            throw conflict("违约已" + x.stateLabel() + "，不能再补充证据照片");
        }
        if (violations.photoCount(violationId) >= 9) {
            throw conflict("每条违约最多 9 张证据照片");
        }
        long id = violations.insertPhoto(violationId, "image/jpeg", jpeg, width, height, actor, at);
        audit.record(actor, "compact.photo-added", "compact-violation", String.valueOf(violationId), null, Map.of("photoId", id));
        return id;
    }

    @Override
    public Violation confirm(String actor, long violationId, int penaltyArticle, String note, LocalDate effectiveFrom, Instant at) {
        Violation x = move(violationId, ViolationState.CONFIRMED, "认定处罚");
        CompactVersion v = versions.find(x.versionId()).orElseThrow();
        Article p = v.article(penaltyArticle).filter(a -> a.category() == ArticleCategory.PENALTY)
                .orElseThrow(() -> ApiException.badField("penaltyArticle", "第" + penaltyArticle + "条不是第" + v.number() + "版村规民约的处罚条款"));
        if (!p.refs().isEmpty() && !p.refs().contains(x.articleNo())) {
            throw ApiException.badField("penaltyArticle", "第" + p.number() + "条不处罚违反第" + x.articleNo() + "条的行为");
        }
        LocalDate from = effectiveFrom != null ? effectiveFrom : LocalDate.ofInstant(at, ZONE);
        LocalDate suspendedFrom = p.effects().contains(PenaltyEffect.WELFARE_SUSPENDED) ? from : null;
        violations.confirm(violationId, actor, at, p.number(), p.effects(), p.measure(), blankToNull(note), suspendedFrom);
        audit.record(actor, "compact.violation-confirmed", "compact-violation", String.valueOf(violationId), note,
                Map.of("penaltyArticle", p.number(), "effects", p.effects().stream().map(Enum::name).toList()));
        Violation done = view(violationId);
        alert(done, "compact-penalty", "依据村规民约第" + p.number() + "条：" + String.join("、", done.effectLabels())
                + (p.measure() != null ? "（" + p.measure() + "）" : ""), actor, at);
        return done;
    }

    @Override
    public Violation dismiss(String actor, long violationId, String reason, Instant at) {
        if (reason == null || reason.isBlank()) {
            throw ApiException.badField("reason", "请写明不予认定的理由");
        }
        move(violationId, ViolationState.DISMISSED, "不予认定");
        violations.dismiss(violationId, actor, at, reason.strip());
        audit.record(actor, "compact.violation-dismissed", "compact-violation", String.valueOf(violationId), reason, Map.of());
        Violation done = view(violationId);
        alert(done, "compact-dismissed", "村“两委”不予认定：" + reason.strip(), actor, at);
        return done;
    }

    @Override
    public Violation restore(String actor, long violationId, int restorationArticle, String evidence, String checkedBy, LocalDate from,
            Instant at) {
        if (evidence == null || evidence.isBlank()) {
            throw ApiException.badField("evidence", "请写明整改到位的情况");
        }
        if (checkedBy == null || checkedBy.isBlank()) {
            throw ApiException.badField("checkedBy", "请写明验收人");
        }
        Violation x = move(violationId, ViolationState.RESTORED, "恢复");
        CompactVersion v = versions.find(x.versionId()).orElseThrow();
        Article r = v.article(restorationArticle).filter(a -> a.category() == ArticleCategory.RESTORATION)
                .orElseThrow(() -> ApiException.badField("restorationArticle", "第" + restorationArticle + "条不是第" + v.number() + "版村规民约的恢复条款"));
        if (!r.lifts().contains(x.penaltyArticle())) {
            throw ApiException.badField("restorationArticle", "第" + r.number() + "条不解除第" + x.penaltyArticle() + "条的处罚");
        }
        LocalDate restoredFrom = from != null ? from : LocalDate.ofInstant(at, ZONE).withDayOfMonth(1).plusMonths(1);
        violations.restore(violationId, actor, at, r.number(), evidence.strip(), checkedBy.strip(), restoredFrom);
        audit.record(actor, "compact.violation-restored", "compact-violation", String.valueOf(violationId), evidence,
                Map.of("restorationArticle", r.number(), "checkedBy", checkedBy, "from", restoredFrom.toString()));
        Violation done = view(violationId);
        alert(done, "compact-restored", "依据村规民约第" + r.number() + "条，自" + restoredFrom + "起恢复：" + String.join("、", x.effectLabels()),
                actor, at);
        return done;
    }

    @Override
    public Violation appeal(String actor, long violationId, String reason, Instant at) {
        if (reason == null || reason.isBlank()) {
            throw ApiException.badField("reason", "请写明申诉理由");
        }
        Violation x = move(violationId, ViolationState.APPEALED, "申诉");
        if (x.appeal() != null) {
            throw conflict("这条违约已申诉过一次，调解结果：" + x.appeal().outcome());
        }
        violations.appeal(violationId, actor, at, reason.strip());
        Violation done = view(violationId);
        audit.record(actor, "compact.appealed", "compact-violation", String.valueOf(violationId), reason, Map.of());
        events.publishEvent(new DisputeRequested(ORIGIN + violationId, x.areaId(),
                "村规民约处罚申诉：" + done.householdAddress() + "（第" + x.articleNo() + "条）",
                "违约情况：" + x.description() + "；依第" + x.penaltyArticle() + "条" + String.join("、", x.effectLabels()) + "。申诉理由："
                        + reason.strip(),
                List.of(x.householdId()), actor, at));
        return done;
    }

    /** Mediation ended an appeal: its outcome is recorded and the violation is back to confirmed, for the committee to act on. */
    @EventListener
    public void on(DisputeSettled e) {
        if (e.origin() == null || !e.origin().startsWith(ORIGIN)) {
            return;
        }
        long id;
        try {
            id = Long.parseLong(e.origin().substring(ORIGIN.length()));
        } catch (NumberFormatException ex) {
            log.warn("dispute {} settled with origin '{}'; ignored", e.disputeId(), e.origin());
            return;
        }
        Optional<Violation> x = violations.lock(id);
        if (x.isEmpty() || x.get().state() != ViolationState.APPEALED) {
            log.warn("dispute {} settled for violation {}, which is not under appeal; ignored", e.disputeId(), id);
            return;
        }
        violations.settle(id, e.disputeId(), e.resolved(), e.level(), e.outcome(), e.at());
        audit.record("调解#" + e.disputeId(), "compact.appeal-settled", "compact-violation", String.valueOf(id), e.outcome(),
                Map.of("resolved", e.resolved(), "level", String.valueOf(e.level())));
        Violation done = view(id);
        alert(done, "compact-appeal-settled", (e.resolved() ? "申诉经调解达成协议：" : "申诉未能在村内调解，已移交：") + e.outcome(), "小调解", e.at());
    }

    @Override
    @Transactional(readOnly = true)
    public List<Violation> ofHousehold(long householdId) {
        return violations.ofHousehold(householdId).stream().map(this::enrich).toList();
    }

    @Transactional(readOnly = true)
    public List<Violation> ofArea(long areaId, ViolationState state) {
        return violations.ofArea(areaId, state).stream().map(this::enrich).toList();
    }

    @Transactional(readOnly = true)
    public List<Violation> suspending(Long areaId, LocalDate on) {
        return violations.suspending(areaId, on).stream().map(this::enrich).toList();
    }

    /** Today in Asia/Shanghai, by the injected clock: the day "suspended now" means. */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(ZONE));
    }

    @Transactional(readOnly = true)
    public List<Long> areasSuspending() {
        return violations.areasSuspending(today());
    }

    @Transactional(readOnly = true)
    public Optional<Violation> find(long id) {
        return violations.find(id).map(this::enrich);
    }

    @Transactional(readOnly = true)
    public Optional<ViolationStore.Photo> photo(long violationId, long photoId) {
        return violations.photo(violationId, photoId);
    }

    private Violation move(long id, ViolationState to, String step) {
        Violation x = violations.lock(id).orElseThrow(() -> ApiException.notFound("violation " + id));
        if (!x.state().canMoveTo(to)) {
            throw conflict("这条违约" + x.stateLabel() + "，不能" + step);
        }
        return x;
    }

    private Violation view(long id) {
        return violations.find(id).map(this::enrich).orElseThrow();
    }

    /** Adds the household's words and the articles' texts, and puts the actors' names (as their accounts give them) for their user names. */
    private Violation enrich(Violation x) {
        Optional<Household> h = registry.household(x.householdId());
        String head = registry.members(x.householdId()).stream().findFirst().map(Person::name).orElse(null);
        CompactVersion v = versions.find(x.versionId()).orElseThrow();
        String articleText = v.article(x.articleNo()).map(Article::text).orElse(null);
        String penaltyText = x.penaltyArticle() == null ? null : v.article(x.penaltyArticle()).map(Article::text).orElse(null);
        Violation.Appeal a = x.appeal() == null ? null
                : new Violation.Appeal(name(x.appeal().by()), x.appeal().at(), x.appeal().reason(), x.appeal().disputeId(), x.appeal().resolved(),
                        x.appeal().level(), x.appeal().outcome(), x.appeal().settledAt());
        return new Violation(x.id(), x.areaId(), x.versionId(), x.versionNumber(), x.articleNo(), articleText, x.householdId(),
                h.map(Household::code).orElse(null), h.map(Household::address).orElse(null), head, x.description(), x.place(), x.occurredOn(),
                x.state(), x.stateLabel(), name(x.reportedBy()), x.reportedAt(), x.photoIds(), name(x.decidedBy()), x.decidedAt(), x.penaltyArticle(),
                penaltyText, x.effects(), x.effectLabels(), x.measure(), x.decisionNote(), x.suspendedFrom(), name(x.restoredBy()), x.restoredAt(),
                x.restorationArticle(), x.restorationEvidence(), x.restorationChecker(), x.restoredFrom(), a);
    }

    /** An account's display name (e.g. 东顶村网格员 蒋（第一网格）); the recorded name itself when it is no account's. */
    private String name(String username) {
        return username == null ? null : users.findByUsername(username).map(UserAccount::getDisplayName).filter(n -> !n.isBlank()).orElse(username);
    }

    // ---- the household's alert ----

    private void alert(Violation x, String kind, String text, String by, Instant at) {
        List<Long> accounts = registry.members(x.householdId()).stream().map(Person::userId).filter(java.util.Objects::nonNull).toList();
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("kind", kind);
        alert.put("violationId", x.id());
        alert.put("householdId", x.householdId());
        alert.put("articleNo", x.articleNo());
        alert.put("state", x.state().name());
        alert.put("stateLabel", x.stateLabel());
        alert.put("text", text);
        alert.put("by", by);
        alert.put("at", at.toString());
        events.publishEvent(new HouseholdAlerts.Alert(accounts, alert));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
