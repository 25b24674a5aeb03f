package org.redwhistle.api.cases.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.cases.CaseStatus;
import org.redwhistle.api.cases.CaseView;
import org.redwhistle.api.cases.Cases;
import org.redwhistle.api.cases.internal.SupervisionStore.Deadline;
import org.redwhistle.api.cases.internal.SupervisionStore.Kind;
import org.redwhistle.ingest.cluster.ClusterJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * 督办: watches every open case's deadlines. Before a deadline (by {@code redwhistle.cases.warn-before},
 * 4 h) the holding unit gets a WARNING; when it passes, an ORDER, counted against that unit, and the
 * case is escalated one step up its chain (the next unit must take it). Each warning and order is
 * issued once (unique per case, kind and deadline, and only while the case is as the sweep saw it), and
 * the scheduled sweep runs once per cluster ({@link ClusterJobs}). {@link #sweep}
 * takes the time as a parameter: the scheduler passes the clock, tests any moment they like.
 */
@Component
public class CaseSupervisor {

    /** The sweep's cluster lock ({@link ClusterJobs}). */
    static final String JOB = "cases.supervision";

    private static final Logger log = LoggerFactory.getLogger(CaseSupervisor.class);

    private final CaseStore store;
    private final CaseTypeStore types;
    private final SupervisionStore supervisions;
    private final CaseHandling handling;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final Cases cases;
    private final Duration warnBefore;
    private final ClusterJobs jobs;
    private final Clock clock;
    private final CaseAssignmentStore parts;

    public CaseSupervisor(CaseStore store, CaseTypeStore types, SupervisionStore supervisions, CaseHandling handling, TransactionTemplate tx,
            AuditLog audit, Cases cases, CasesProperties props, ClusterJobs jobs, Clock clock, CaseAssignmentStore parts) {
        this.parts = parts;
        this.jobs = jobs;
        this.clock = clock;
        this.store = store;
        this.types = types;
        this.supervisions = supervisions;
        this.handling = handling;
        this.tx = tx;
        this.audit = audit;
        this.cases = cases;
        this.warnBefore = props.warnBefore();
    }

    @Scheduled(initialDelayString = "${redwhistle.cases.sweep-interval:60s}", fixedDelayString = "${redwhistle.cases.sweep-interval:60s}")
    public void scheduled() {
        jobs.runExclusively(JOB, () -> sweep(clock.instant()));
    }

    /** Issues the warnings and orders due at {@code now}; returns how many orders it issued. */
    public int sweep(Instant now) {
        int orders = 0;
        // the departments' own limits and the center's re-routing first: a case-level order may escalate the case
        for (CaseAssignmentStore.Due part : parts.inHandDueBy(now.plus(warnBefore))) {
            try {
                orders += checkPart(part, now);
            } catch (RuntimeException e) {
                log.error("supervising {}'s part of case {} failed: {}", part.name(), part.caseId(), e.toString());
            }
        }
        for (CaseAssignmentStore.Reroute r : parts.reroutesDueBy(now.plus(warnBefore))) {
            try {
                orders += checkReroute(r, now);
            } catch (RuntimeException e) {
                log.error("supervising the re-routing of case {} failed: {}", r.caseId(), e.toString());
            }
        }
        List<CaseStore.Watched> open = store.openDueBy(now.plus(warnBefore));
        for (CaseStore.Watched c : open) {
            try {
                if (c.status().awaitsTaking()) {
                    orders += check(c, Deadline.ACCEPT, c.acceptDue(), now);
                }
                if (c.status().awaitsResolution()) {
                    orders += check(c, Deadline.RESOLVE, c.resolveDue(), now);
                }
            } catch (RuntimeException e) {
                log.error("supervising case {} failed: {}", c.id(), e.toString());
            }
        }
        return orders;
    }

    /** A department's own limit in a joint case: warned, then an order counted against the department (the case-level limit escalates). */
    private int checkPart(CaseAssignmentStore.Due part, Instant now) {
        if (now.isBefore(part.dueAt().minus(warnBefore))) {
            return 0;
        }
        Kind kind = now.isAfter(part.dueAt()) ? Kind.ORDER : Kind.WARNING;
        CaseView c = cases.find(part.caseId(), false).orElseThrow();
        long district = c.areaPath().get(0);
        Boolean issued = tx.execute(s -> {
            if (!supervisions.issuePart(c.id(), part.departmentId(), kind, part.dueAt(), district, c.areaPath(), now)) {
                return false;
            }
            store.step(c.id(), AuditLog.SYSTEM, kind == Kind.ORDER ? "supervision-order" : "supervision-warning", c.status(), c.level(),
                    (kind == Kind.ORDER ? "督办单：" + part.name() + " 已超过本部门办理时限 " : "预警：" + part.name() + " 即将到达本部门办理时限 ")
                            + CaseNotes.time(part.dueAt()), now);
            audit.record(AuditLog.SYSTEM, "case.supervision", "case", String.valueOf(c.id()), kind + " DEPARTMENT",
                    Map.of("kind", kind.name(), "deadline", Deadline.DEPARTMENT.name(), "dueAt", part.dueAt().toString(), "department", part.name()));
            return true;
        });
        return announced(c.id(), issued, kind);
    }

    /** The district center's re-routing after a send-back: warned, then an order counted against the center. */
    private int checkReroute(CaseAssignmentStore.Reroute r, Instant now) {
        if (now.isBefore(r.rerouteDue().minus(warnBefore))) {
            return 0;
        }
        Kind kind = now.isAfter(r.rerouteDue()) ? Kind.ORDER : Kind.WARNING;
        CaseView c = cases.find(r.caseId(), false).orElseThrow();
        long district = c.areaPath().get(0);
        Boolean issued = tx.execute(s -> {
            if (!supervisions.issueReroute(c.id(), kind, r.rerouteDue(), district, c.areaPath(), now)) {
                return false;
            }
            store.step(c.id(), AuditLog.SYSTEM, kind == Kind.ORDER ? "supervision-order" : "supervision-warning", c.status(), c.level(),
                    (kind == Kind.ORDER ? "督办单：区社会治理服务中心 未在时限 " : "预警：请区社会治理服务中心在 ") + CaseNotes.time(r.rerouteDue())
                            + (kind == Kind.ORDER ? " 前重新派发 " + r.department() + " 退回的诉求" : " 前重新派发 " + r.department() + " 退回的诉求"), now);
            audit.record(AuditLog.SYSTEM, "case.supervision", "case", String.valueOf(c.id()), kind + " REROUTE",
                    Map.of("kind", kind.name(), "deadline", Deadline.REROUTE.name(), "dueAt", r.rerouteDue().toString()));
            return true;
        });
        return announced(c.id(), issued, kind);
    }

    private int announced(long caseId, Boolean issued, Kind kind) {
        if (Boolean.TRUE.equals(issued)) {
            cases.announce(caseId);
            return kind == Kind.ORDER ? 1 : 0;
        }
        return 0;
    }

    private int check(CaseStore.Watched c, Deadline deadline, Instant due, Instant now) {
        if (now.isBefore(due.minus(warnBefore))) {
            return 0;
        }
        Kind kind = now.isAfter(due) ? Kind.ORDER : Kind.WARNING;
        long unitArea = c.level().holderArea(c.communityId(), c.path());
        Boolean issued = tx.execute(s -> {
            if (!supervisions.issue(c.id(), c.status(), kind, deadline, due, c.level(), unitArea, c.path(), now)) {
                return false;
            }
            String what = deadline.label() + "时限 " + CaseNotes.time(due);
            store.step(c.id(), AuditLog.SYSTEM, kind == Kind.ORDER ? "supervision-order" : "supervision-warning", c.status(), c.level(),
                    (kind == Kind.ORDER ? "督办单：已超过" : "预警：即将到达") + what, now);
            if (kind == Kind.ORDER) {
                types.find(c.type()).orElseThrow().after(c.level()).ifPresent(next -> {
                    String withdrawn = handling.moveUp(c.id(), next, store.isComplex(c.id()), now);
                    supervisions.escalatedTo(c.id(), deadline, due, next);
                    store.step(c.id(), AuditLog.SYSTEM, "escalate", CaseStatus.DISPATCHED, next, "超时自动升级至" + next.label() + withdrawn, now);
                });
            }
            audit.record(AuditLog.SYSTEM, "case.supervision", "case", String.valueOf(c.id()), kind + " " + deadline,
                    Map.of("kind", kind.name(), "deadline", deadline.name(), "dueAt", due.toString(), "unitLevel", c.level().name(), "unitArea", unitArea));
            return true;
        });
        if (Boolean.TRUE.equals(issued)) {
            cases.announce(c.id());
            return kind == Kind.ORDER ? 1 : 0;
        }
        return 0;
    }
}
