package org.redwhistle.api.cases.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.cases.CaseStatus;
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

    public CaseSupervisor(CaseStore store, CaseTypeStore types, SupervisionStore supervisions, CaseHandling handling, TransactionTemplate tx,
            AuditLog audit, Cases cases, CasesProperties props, ClusterJobs jobs, Clock clock) {
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
        jobs.runExclusively("cases.supervision", () -> sweep(clock.instant()));
    }

    /** Issues the warnings and orders due at {@code now}; returns how many orders it issued. */
    public int sweep(Instant now) {
        List<CaseStore.Watched> open = store.openDueBy(now.plus(warnBefore));
        int orders = 0;
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
                    handling.moveUp(c.id(), next, store.isComplex(c.id()), now);
                    supervisions.escalatedTo(c.id(), deadline, due, next);
                    store.step(c.id(), AuditLog.SYSTEM, "escalate", CaseStatus.DISPATCHED, next, "超时自动升级至" + next.label(), now);
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
