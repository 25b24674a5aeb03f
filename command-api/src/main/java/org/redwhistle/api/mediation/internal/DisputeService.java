package org.redwhistle.api.mediation.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.calendar.Calendars;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.mediation.DisputeCategory;
import org.redwhistle.api.mediation.DisputeRequested;
import org.redwhistle.api.mediation.DisputeSettled;
import org.redwhistle.api.mediation.DisputeStatus;
import org.redwhistle.api.mediation.Disputes;
import org.redwhistle.api.mediation.MediationLevel;
import org.redwhistle.api.mediation.ReferralTarget;
import org.redwhistle.api.mediation.internal.MediationStore.Row;
import org.redwhistle.api.registry.CivicRole;
import org.redwhistle.api.registry.Household;
import org.redwhistle.api.registry.Person;
import org.redwhistle.api.registry.Registry;
import org.redwhistle.api.users.UserAccountRepository;
import org.redwhistle.geo.area.AreaDirectory;
import org.redwhistle.geo.area.AreaRef;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The mediation chain's steps ({@link Disputes}): the levels' time limits on the working calendar, the
 * state checks (a 409 in words for a step out of order), the documents, the audit, the alerts to the
 * next level's people, and {@link DisputeSettled} at every end. It also opens the disputes other
 * features ask for ({@link DisputeRequested}, at the mediators' level).
 */
@Service
public class DisputeService implements Disputes {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DisputeService.class);

    private final MediationStore store;
    private final Registry registry;
    private final Calendars calendars;
    private final MediationProperties props;
    private final MediationDocuments documents;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final AreaDirectory areas;
    private final UserAccountRepository users;

    public DisputeService(MediationStore store, Registry registry, Calendars calendars, MediationProperties props, MediationDocuments documents,
            AuditLog audit, ApplicationEventPublisher events, TransactionTemplate tx, AreaDirectory areas, UserAccountRepository users) {
        this.store = store;
        this.registry = registry;
        this.calendars = calendars;
        this.props = props;
        this.documents = documents;
        this.audit = audit;
        this.events = events;
        this.tx = tx;
        this.areas = areas;
        this.users = users;
    }

    /** Another feature asks for a mediation (an appeal against a compact penalty): opened at the mediators' level, with its origin. */
    @EventListener
    public void on(DisputeRequested e) {
        List<PartyInput> parties = new ArrayList<>();
        for (Long h : e.householdIds() == null ? List.<Long>of() : e.householdIds()) {
            parties.add(new PartyInput(Side.APPLICANT, h, null, null, null));
        }
        open(new NewDispute(e.areaId(), e.title(), DisputeCategory.OTHER, e.summary() == null || e.summary().isBlank() ? e.title() : e.summary(),
                e.origin(), MediationLevel.MEDIATION, null, parties), requester(e.by()), e.at());
    }

    /**
     * Who asked, as the dispute shows them: the account's display name, or 居民 when there is none (a resident's
     * username is their phone number, which must never appear in the dispute's steps or documents).
     */
    private Actor requester(String username) {
        if (username == null) {
            return new Actor(AuditLog.SYSTEM, "系统");
        }
        return users.findByUsername(username)
                .map(u -> new Actor(username, u.getDisplayName() == null || u.getDisplayName().isBlank()
                        || u.getDisplayName().contains(username) ? "居民" : u.getDisplayName().strip()))
                .orElse(new Actor(username, "居民"));
    }

    @Override
    @Transactional
    public long open(NewDispute d, Actor by, Instant at) {
        if (d.level() == MediationLevel.LEGAL) {
            throw conflict("纠纷只能由代办员或调解员、和事佬受理，法律顾问一级须逐级升级后介入");
        }
        List<PartyInput> parties = new ArrayList<>();
        Long agent = d.agentId();
        for (PartyInput p : d.parties()) {
            PartyInput resolved = resolve(d.areaId(), p);
            parties.add(resolved);
            if (agent == null && resolved.householdId() != null) {
                agent = registry.household(resolved.householdId()).map(Household::agentId).orElse(null);
            }
        }
        if (parties.isEmpty()) {
            throw ApiException.badField("parties", "at least one party");
        }
        if (d.level() == MediationLevel.AGENT) {
            Long a = agent;
            Person p = a == null ? null : registry.person(a).filter(x -> x.has(CivicRole.AGENT) && x.areaId() == d.areaId()).orElse(null);
            if (p == null) {
                throw conflict("当事人户没有代办员，不能在代办员一级受理：请由调解员、和事佬直接受理");
            }
        }
        Instant due = calendars.calendar().deadline(at, props.days(d.level()));
        long id = store.insert(d.areaId(), d.title().strip(), d.category(), d.description().strip(), d.origin(), d.level(),
                agent, at, due, by.name());
        for (PartyInput p : parties) {
            store.insertParty(id, p.side(), p.householdId(), p.personId(), p.name(), p.details());
        }
        store.step(id, at, "受理", d.level(), by.name(), d.origin() == null ? null : "来源：" + origin(d.origin()));
        audit.record(by.username(), "mediation.opened", "dispute", String.valueOf(id), null,
                detail("level", d.level().name(), "category", d.category().name(), "origin", d.origin(), "due", due.toString()));
        alertLevel(store.find(id).orElseThrow(), d.level(), "mediation-assigned", "新纠纷待调解：" + d.title(), at);
        return id;
    }

    @Override
    @Transactional
    public void escalate(long id, MediationLevel to, String reason, Actor by, Instant at) {
        Row d = open(id);
        MediationLevel next = d.level().next().orElseThrow(() -> conflict("已在法律顾问一级，村内不能再升级：请达成协议或移交村外"));
        if (to != next) {
            throw conflict("不能越级或回退：纠纷现在" + d.level().label() + "一级，只能升至" + next.label() + "一级");
        }
        if (reason == null || reason.isBlank()) {
            throw ApiException.badField("reason", "the reason for escalating");
        }
        Instant due = calendars.calendar().deadline(at, props.days(next));
        store.moveLevel(id, next, at, due);
        store.step(id, at, "升级至" + next.label(), d.level(), by.name(), reason.strip());
        audit.record(by.username(), "mediation.escalated", "dispute", String.valueOf(id), reason.strip(),
                detail("from", d.level().name(), "to", next.name(), "due", due.toString()));
        alertLevel(d, next, "mediation-escalated", "纠纷升级至" + next.label() + "：" + d.title(), at);
    }

    @Override
    @Transactional
    public long recordSession(long id, NewSession s, Actor by, Instant at) {
        Row d = open(id);
        long sid = store.insertSession(id, s.heldAt(), s.place().strip(), d.level(), s.mediators().strip(), s.present().strip(), s.notes().strip(),
                by.name(), at);
        store.step(id, at, "调解记录", d.level(), by.name(), s.place().strip());
        audit.record(by.username(), "mediation.session", "dispute", String.valueOf(id), null, detail("session", sid, "heldAt", s.heldAt().toString()));
        return sid;
    }

    @Override
    @Transactional
    public void draftAgreement(long id, AgreementDraft a, Actor by, Instant at) {
        open(id);
        store.draft(id, blankToNull(a.facts()), a.terms().strip(), blankToNull(a.performance()), a.performanceDue());
        store.step(id, at, "拟定协议条款", open(id).level(), by.name(), null);
        audit.record(by.username(), "mediation.agreement-drafted", "dispute", String.valueOf(id), null, detail("performanceDue", a.performanceDue()));
    }

    @Override
    @Transactional
    public void generateAgreement(long id, Actor by, Instant at) {
        Row d = open(id);
        if (d.terms() == null) {
            throw conflict("尚未拟定协议条款，不能生成调解协议书");
        }
        store.storeAgreement(id, documents.agreement(d, villageName(d.areaId()), forDocument(store.parties(id)), store.sessions(id)), at);
        store.step(id, at, "生成调解协议书", d.level(), by.name(), null);
        audit.record(by.username(), "mediation.agreement-generated", "dispute", String.valueOf(id), null, Map.of());
    }

    @Override
    @Transactional
    public void signOff(long id, String partiesConfirmed, Actor by, Instant at) {
        Row d = open(id);
        if (d.agreementAt() == null) {
            throw conflict("尚未生成调解协议书，不能签字确认");
        }
        if (partiesConfirmed == null || partiesConfirmed.isBlank()) {
            throw ApiException.badField("partiesConfirmed", "the parties who confirmed the agreement");
        }
        String outcome = "调解成功：在" + d.level().label() + "一级达成调解协议";
        Row signed = new Row(d.id(), d.areaId(), d.title(), d.category(), d.description(), d.origin(), d.level(), DisputeStatus.SETTLED, d.agentId(),
                d.levelSince(), d.levelDue(), d.overdueAt(), d.openedBy(), d.openedAt(), at, outcome, null, d.facts(), d.terms(), d.performance(),
                d.performanceDue(), d.agreementAt(), partiesConfirmed.strip(), by.name(), at, false);
        byte[] pdf = documents.agreement(signed, villageName(d.areaId()), forDocument(store.parties(id)), store.sessions(id));
        store.settle(id, partiesConfirmed.strip(), by.name(), at, outcome, pdf);
        store.step(id, at, "签字确认，调解成功", d.level(), by.name(), "当事人：" + partiesConfirmed.strip() + "；调解员：" + by.name());
        audit.record(by.username(), "mediation.settled", "dispute", String.valueOf(id), null,
                detail("level", d.level().name(), "parties", partiesConfirmed.strip(), "mediator", by.name()));
        events.publishEvent(new DisputeSettled(id, d.origin(), true, d.level().name(), outcome, at));
    }

    @Override
    @Transactional
    public void refer(long id, ReferralTarget to, String reason, Actor by, Instant at) {
        Row d = open(id);
        if (d.level() != MediationLevel.LEGAL) {
            throw conflict("纠纷现在" + d.level().label() + "一级：须经法律顾问一级调解后方可移交村外");
        }
        if (reason == null || reason.isBlank()) {
            throw ApiException.badField("reason", "why the village could not settle it");
        }
        String body = referralName(d.areaId(), to);
        store.step(id, at, "移交" + body, d.level(), by.name(), reason.strip());
        byte[] file = documents.file(d, villageName(d.areaId()), body, forDocument(store.parties(id)), store.sessions(id), store.steps(id), at);
        String outcome = "移交" + body + "（调解不成）";
        store.refer(id, to, at, outcome, file);
        audit.record(by.username(), "mediation.referred", "dispute", String.valueOf(id), reason.strip(), detail("to", to.name(), "body", body));
        events.publishEvent(new DisputeSettled(id, d.origin(), false, d.level().name(), outcome, at));
    }

    @Override
    @Transactional
    public void withdraw(long id, String reason, Actor by, Instant at) {
        Row d = open(id);
        if (reason == null || reason.isBlank()) {
            throw ApiException.badField("reason", "why the application is withdrawn");
        }
        String outcome = "申请人撤回：" + reason.strip();
        store.withdraw(id, at, outcome);
        store.step(id, at, "撤回", d.level(), by.name(), reason.strip());
        audit.record(by.username(), "mediation.withdrawn", "dispute", String.valueOf(id), reason.strip(), Map.of());
        events.publishEvent(new DisputeSettled(id, d.origin(), false, d.level().name(), outcome, at));
    }

    @Override
    public int count(long areaId) {
        return store.count(areaId);
    }

    /**
     * Flags the disputes whose level's limit passed by {@code now} and alerts the next level's people (the
     * committee past the legal advisers); how many it flagged. Each is flagged once per level.
     */
    public int flagOverdue(Instant now) {
        int n = 0;
        for (Row d : store.overdueUnflagged(now)) {
            try {
                if (Boolean.TRUE.equals(tx.execute(t -> flagOverdue(d, now)))) {
                    n++;
                }
            } catch (RuntimeException e) {
                log.warn("mediation: dispute {} could not be flagged overdue; the next sweep tries again", d.id(), e);
            }
        }
        return n;
    }

    /** One dispute flagged in its own transaction (a failing one undoes neither the others nor stops the sweep), its alerts sent once committed. */
    private boolean flagOverdue(Row d, Instant now) {
        if (!store.flagOverdue(d.id(), d.levelDue(), now)) {
            return false;
        }
        store.step(d.id(), now, "逾期：超过" + d.level().label() + "一级时限", d.level(), AuditLog.SYSTEM, "时限 " + MediationDocuments.time(d.levelDue()));
        audit.record(AuditLog.SYSTEM, "mediation.overdue", "dispute", String.valueOf(d.id()), null,
                detail("level", d.level().name(), "due", d.levelDue().toString()));
        String text = "纠纷超过" + d.level().label() + "一级时限：" + d.title();
        d.level().next().ifPresentOrElse(next -> alertLevel(d, next, "mediation-overdue", text, now),
                () -> alertRoles(d, Set.of(CivicRole.COMMITTEE_MEMBER), "mediation-overdue", text + "（请研究移交村外）", now));
        return true;
    }

    // ---- helpers ----

    private Row open(long id) {
        Row d = store.lock(id).orElseThrow(() -> ApiException.notFound("dispute " + id));
        if (d.status() != DisputeStatus.OPEN) {
            throw conflict("纠纷已" + d.status().label() + "，不能再办理");
        }
        return d;
    }

    /** A party as given, completed from the registry: the person's or the household head's name, the address and phone. */
    private PartyInput resolve(long areaId, PartyInput p) {
        Side side = p.side() == null ? Side.APPLICANT : p.side();
        if (p.personId() != null) {
            Person person = registry.person(p.personId()).filter(x -> x.areaId() == areaId)
                    .orElseThrow(() -> ApiException.badField("parties.personId", "no such person in this village: " + p.personId()));
            Household h = person.householdId() == null ? null : registry.household(person.householdId()).orElse(null);
            return new PartyInput(side, person.householdId(), person.id(), person.name(), orDefault(p.details(), details(h, person)));
        }
        if (p.householdId() != null) {
            Household h = registry.household(p.householdId()).filter(x -> x.areaId() == areaId)
                    .orElseThrow(() -> ApiException.badField("parties.householdId", "no such household in this village: " + p.householdId()));
            Person head = registry.members(h.id()).stream().findFirst().orElse(null);
            String name = p.name() != null && !p.name().isBlank() ? p.name().strip() : head != null ? head.name() : "户号 " + h.code() + " 户";
            return new PartyInput(side, h.id(), head == null ? null : head.id(), name, orDefault(p.details(), details(h, head)));
        }
        if (p.name() == null || p.name().isBlank()) {
            throw ApiException.badField("parties.name", "a party's name (or a household or person of the registry)");
        }
        return new PartyInput(side, null, null, p.name().strip(), blankToNull(p.details()));
    }

    /**
     * What the dispute keeps of a registry party, as its handlers may read it (they hold neither registry.contact
     * nor registry.personal): the address and the phone masked, never the ID number.
     */
    private static String details(Household h, Person p) {
        List<String> parts = new ArrayList<>();
        if (h != null) {
            parts.add("住址：" + h.address());
        }
        String phone = p != null && p.phone() != null ? p.phone() : h != null ? h.phone() : null;
        if (phone != null) {
            parts.add("电话：" + maskedPhone(phone));
        }
        return parts.isEmpty() ? null : String.join("；", parts);
    }

    /** 138****0001. */
    static String maskedPhone(String phone) {
        return phone.length() < 7 ? "****" : phone.substring(0, 3) + "****" + phone.substring(phone.length() - 4);
    }

    /**
     * The parties as the (audited) agreement and referral file name them: a registry person's address, phone and ID
     * number read from the registry at this moment; the others as entered.
     */
    private List<MediationStore.Party> forDocument(List<MediationStore.Party> parties) {
        return parties.stream().map(p -> {
            Person person = p.personId() == null ? null : registry.person(p.personId()).orElse(null);
            if (person == null) {
                return p;
            }
            Household h = person.householdId() == null ? null : registry.household(person.householdId()).orElse(null);
            List<String> parts = new ArrayList<>();
            if (h != null) {
                parts.add("住址：" + h.address());
            }
            String phone = person.phone() != null ? person.phone() : h != null ? h.phone() : null;
            if (phone != null) {
                parts.add("电话：" + phone);
            }
            if (person.idNumber() != null) {
                parts.add("身份证号：" + person.idNumber());
            }
            return new MediationStore.Party(p.id(), p.side(), p.householdId(), p.personId(), p.name(), parts.isEmpty() ? p.details() : String.join("；", parts));
        }).toList();
    }

    /** Alerts the people of a level: the dispute's 代办员 for AGENT, the holders of the level's roles otherwise. */
    private void alertLevel(Row d, MediationLevel level, String kind, String text, Instant at) {
        if (level == MediationLevel.AGENT) {
            if (d.agentId() != null) {
                registry.person(d.agentId()).map(Person::userId).filter(Objects::nonNull).ifPresent(u -> send(u, d, kind, text, at));
            }
            return;
        }
        alertRoles(d, level.handlers(), kind, text, at);
    }

    private void alertRoles(Row d, Set<CivicRole> roles, String kind, String text, Instant at) {
        roles.stream().flatMap(r -> registry.withRole(d.areaId(), r).stream()).map(Person::userId).filter(Objects::nonNull).distinct()
                .forEach(u -> send(u, d, kind, text, at));
    }

    private void send(long userId, Row d, String kind, String text, Instant at) {
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("kind", kind);
        alert.put("disputeId", d.id());
        alert.put("title", d.title());
        alert.put("text", text);
        alert.put("at", at.toString());
        events.publishEvent(new MediationAlerts.Alert(userId, alert)); // pushed once committed
    }

    String villageName(long areaId) {
        AreaRef a = areas.all().get(areaId);
        return a == null ? "" : a.name();
    }

    /** 八陡镇人民调解委员会 (the village's town), 博山区法律援助中心 (its district). */
    String referralName(long areaId, ReferralTarget to) {
        Map<Long, AreaRef> all = areas.all();
        List<AreaRef> chain = AreaDirectory.chain(all, areaId);
        // the chain runs from the area up: [village, town, district, …] or the other way; find by level
        String town = chain.stream().filter(a -> a.level() == org.redwhistle.geo.area.AreaLevel.STREET).map(AreaRef::name).findFirst().orElse("");
        String district = chain.stream().filter(a -> a.level() == org.redwhistle.geo.area.AreaLevel.DISTRICT).map(AreaRef::name).findFirst().orElse("");
        return to.name(to == ReferralTarget.TOWN_COMMITTEE ? town : district);
    }

    private static String origin(String origin) {
        return origin.startsWith("compact-violation:") ? "村规民约违约处理申诉（" + origin.substring("compact-violation:".length()) + " 号）" : origin;
    }

    static ApiException conflict(String detail) {
        return new ApiException(HttpStatus.CONFLICT, "Not allowed now", detail, List.of());
    }

    private static Map<String, Object> detail(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i + 1] != null) {
                m.put((String) kv[i], kv[i + 1] instanceof Enum<?> e ? e.name() : kv[i + 1].toString());
            }
        }
        return m;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String orDefault(String s, String fallback) {
        return s == null || s.isBlank() ? fallback : s.strip();
    }
}
