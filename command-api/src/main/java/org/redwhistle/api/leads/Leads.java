package org.redwhistle.api.leads;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.redwhistle.api.alarms.LeadAlarms;
import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.cases.CaseView;
import org.redwhistle.api.cases.Cases;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.leads.internal.LeadAlerts;
import org.redwhistle.api.leads.internal.LeadStore;
import org.redwhistle.api.members.Members;
import org.redwhistle.api.security.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Leads (线索): sent by a member, reviewed by the police (NEW → REVIEWING → VALID / INVALID, a judgement may be
 * revised), turned into a case (filed by the reviewer at the lead's place) or an alarm, and their outcome
 * recorded. Every step is audited in its transaction; the member who sent the lead is alerted when it is judged.
 */
@Service
public class Leads {

    private final LeadStore store;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final LeadAlerts alerts;
    private final Members members;
    private final Cases cases;
    private final LeadAlarms alarms;
    /** Suspends the caller's transaction (its row lock held): what another module commits and publishes on its own. */
    private final TransactionTemplate outside;

    public Leads(LeadStore store, TransactionTemplate tx, AuditLog audit, LeadAlerts alerts, Members members, Cases cases, LeadAlarms alarms) {
        this.store = store;
        this.tx = tx;
        this.audit = audit;
        this.alerts = alerts;
        this.members = members;
        this.cases = cases;
        this.alarms = alarms;
        this.outside = new TransactionTemplate(tx.getTransactionManager());
        this.outside.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
    }

    /** Stores a member's lead at a place (WGS-84) seen from {@code areaPath} (root first); returns its id. */
    public long submit(String actor, long memberId, String text, String photoUrl, double lon, double lat, List<Long> areaPath, Instant now) {
        return tx.execute(s -> {
            long id = store.insert(memberId, text, photoUrl, lon, lat, areaPath, now);
            audit.record(actor, "lead.submitted", "lead", String.valueOf(id), null, Map.of("memberId", memberId));
            return id;
        });
    }

    public Optional<LeadView> find(long id) {
        return store.find(id);
    }

    /** Which leads: inside an area (all when null), of one member, in a status, sent in [from, to); newest first, at most {@code limit}. */
    public record Query(Long areaId, Long memberId, LeadStatus status, Instant from, Instant to, int limit) {
    }

    public List<LeadView> list(Query q) {
        return store.list(new LeadStore.Query(q.areaId(), q.memberId(), q.status(), q.from(), q.to(), q.limit()));
    }

    /** A review step; {@code note} is required for a judgement (what was found). */
    public LeadView review(String actor, long id, LeadStatus to, String note, Instant now) {
        if (to.judged() && (note == null || note.isBlank())) {
            throw ApiException.badField("note", "is required: say what the check found (核查情况)");
        }
        LeadView done = tx.execute(s -> {
            LeadView l = store.lock(id).orElseThrow(() -> ApiException.notFound("lead " + id));
            if (!l.status().canMoveTo(to)) {
                throw new ApiException(HttpStatus.CONFLICT, "Not allowed now", "线索当前为「" + l.status().label() + "」，不能改为「" + to.label() + "」",
                        List.of(new ApiException.FieldError("status", "must be one of " + l.status().next())));
            }
            store.review(id, to, note == null || note.isBlank() ? null : note.strip(), actor, now);
            audit.record(actor, "lead.reviewed", "lead", String.valueOf(id), note, Map.of("from", l.status().name(), "to", to.name()));
            if (to.judged()) {
                members.byId(l.memberId()).map(Members.MemberView::username).filter(u -> u != null).ifPresent(u -> alerts.toUser(u, "lead.judged",
                        "线索核查结果：" + to.label(), "您" + day(l.createdAt()) + "提交的线索「" + shorten(l.text()) + "」经民警核查为「" + to.label() + "」："
                                + note.strip(), now, Map.of("leadId", id, "status", to.name())));
            }
            return store.find(id).orElseThrow();
        });
        return done;
    }

    /** What came of a lead: suspects caught, property recovered (what, worth how many yuan), anything else. */
    public record Outcome(int suspectsCaught, String propertyDescription, BigDecimal propertyValueYuan, String note) {
    }

    /** Records (replaces) the outcome of a valid lead. */
    public LeadView outcome(String actor, long id, Outcome o, Instant now) {
        return tx.execute(s -> {
            LeadView l = store.lock(id).orElseThrow(() -> ApiException.notFound("lead " + id));
            if (l.status() != LeadStatus.VALID) {
                throw new ApiException(HttpStatus.CONFLICT, "Not allowed now", "只有核查为「有效」的线索可以登记成果；该线索当前为「" + l.status().label() + "」",
                        List.of(new ApiException.FieldError("status", "must be VALID")));
            }
            store.outcome(id, o.suspectsCaught(), o.propertyDescription(), o.propertyValueYuan(), o.note(), now);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("suspectsCaught", o.suspectsCaught());
            detail.put("propertyValue", o.propertyValueYuan());
            audit.record(actor, "lead.outcome", "lead", String.valueOf(id), o.note(), detail);
            return store.find(id).orElseThrow();
        });
    }

    /** The category a lead becomes a case under (public safety), as alarms do. */
    static final String CASE_CATEGORY = "SAFETY";

    /**
     * Files a case at the lead's place for what the police cannot settle themselves (the case's text names the lead),
     * and links it to the lead; a lead becomes one case at most.
     */
    public LeadView toCase(CurrentUser user, long id, String note, Instant now) {
        String why = required(note);
        // the lead's row stays locked from the check to the link: a second click waits, then finds the case (409)
        return tx.execute(s -> {
            LeadView l = store.lock(id).orElseThrow(() -> ApiException.notFound("lead " + id));
            if (l.caseId() != null) {
                throw new ApiException(HttpStatus.CONFLICT, "Not allowed now", "该线索已转为诉求（编号 " + l.caseId() + "）",
                        List.of(new ApiException.FieldError("caseId", "is set: a lead becomes one case at most")));
            }
            // the case is filed (and published) in a transaction of its own, committed before the link
            CaseView c = outside.execute(x -> cases.submit(user, new Cases.NewCase(null, CASE_CATEGORY,
                    "线索 #" + id + "（" + l.member() + "）：" + l.text() + "；" + why, l.photoUrl() == null ? List.of() : List.of(l.photoUrl()), l.lon(),
                    l.lat(), "OPERATOR"), now));
            store.linkCase(id, c.id());
            audit.record(user.username(), "lead.to-case", "lead", String.valueOf(id), why, Map.of("caseId", c.id(), "ref", c.ref()));
            return store.find(id).orElseThrow();
        });
    }

    /** Raises an alarm at the lead's place (the command center dispatches to it) and links it to the lead; once per lead. */
    public LeadView toAlarm(String actor, long id, String note, Instant now) {
        String why = required(note);
        return tx.execute(s -> {
            LeadView l = store.lock(id).orElseThrow(() -> ApiException.notFound("lead " + id));
            if (l.alarmId() != null) {
                throw new ApiException(HttpStatus.CONFLICT, "Not allowed now", "该线索已转为告警（编号 " + l.alarmId() + "）",
                        List.of(new ApiException.FieldError("alarmId", "is set: a lead becomes one alarm at most")));
            }
            long alarmId = outside.execute(x -> alarms.raise(id, "群众线索转警情：" + shorten(l.text()), l.lon(), l.lat(), now,
                    "lead " + id + " by " + actor + ": " + why));
            store.linkAlarm(id, alarmId);
            audit.record(actor, "lead.to-alarm", "lead", String.valueOf(id), why, Map.of("alarmId", alarmId));
            return store.find(id).orElseThrow();
        });
    }

    /** The figures of the leads sent in [from, to) inside an area (all when null). */
    public LeadStore.Figures figures(Long areaId, Instant from, Instant to) {
        return store.figures(areaId, from, to);
    }

    /** A lead of the past, already reviewed (and with its outcome), as the demo writes its year of leads. */
    public record PastLead(long memberId, String text, double lon, double lat, List<Long> areaPath, Instant sentAt, LeadStatus status,
            String reviewNote, String reviewedBy, Instant reviewedAt, int suspectsCaught, String propertyDescription, BigDecimal propertyValueYuan,
            Instant outcomeAt) {
    }

    /** Writes past leads in the caller's transaction, audited as one import; their ids in order. */
    public List<Long> recordPast(String actor, List<PastLead> leads) {
        List<Long> ids = store.insertPast(leads.stream().map(p -> new LeadStore.PastRow(p.memberId(), p.text(), p.lon(), p.lat(), p.areaPath(),
                p.sentAt(), p.status(), p.reviewNote(), p.reviewedBy(), p.reviewedAt(), p.suspectsCaught(), p.propertyDescription(),
                p.propertyValueYuan(), p.outcomeAt())).toList());
        audit.record(actor, "lead.imported", "lead", ids.isEmpty() ? "-" : ids.get(0) + "-" + ids.get(ids.size() - 1), "past leads",
                Map.of("count", ids.size()));
        return ids;
    }

    /** How many leads were sent before a moment. */
    public long countBefore(Instant t) {
        return store.countBefore(t);
    }

    private static String required(String note) {
        if (note == null || note.isBlank()) {
            throw ApiException.badField("note", "is required: say why");
        }
        return note.strip();
    }

    static String shorten(String text) {
        return text.length() <= 30 ? text : text.substring(0, 30) + "…";
    }

    private static String day(Instant t) {
        var d = t.atZone(org.redwhistle.api.leads.internal.Funds.CHINA).toLocalDate();
        return d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
    }
}
