package org.redwhistle.api.cases.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.cases.CaseAction;
import org.redwhistle.api.cases.CaseStatus;
import org.redwhistle.api.cases.CaseView;
import org.redwhistle.api.cases.CloseReason;
import org.redwhistle.api.cases.Cases;
import org.redwhistle.ingest.cluster.ClusterJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Closes the HANDLED cases nobody evaluated within {@code redwhistle.cases.evaluation-window-days}
 * working days of their (last) report: CLOSED with close reason NOT_EVALUATED, at the moment the
 * window ended, with a timeline entry by 系统, an audit record and a push. Without it a case whose
 * resident never answers (an Open311 client above all: it has no one to evaluate) would wait
 * forever. Runs once per cluster ({@link ClusterJobs}, lock {@code cases.auto-close}); each close
 * re-checks under the row lock that the case is still HANDLED with the same report time, so a second
 * run finds nothing. {@link #close} takes the time: the scheduler passes the clock, tests any moment.
 */
@Component
public class CaseAutoClose {

    /** The job's cluster lock ({@link ClusterJobs}). */
    static final String JOB = "cases.auto-close";

    private static final Logger log = LoggerFactory.getLogger(CaseAutoClose.class);

    private final CaseStore store;
    private final CaseHandling handling;
    private final CaseDeadlines deadlines;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final Cases cases;
    private final int windowDays;
    private final ClusterJobs jobs;
    private final Clock clock;

    public CaseAutoClose(CaseStore store, CaseHandling handling, CaseDeadlines deadlines, TransactionTemplate tx, AuditLog audit,
            Cases cases, CasesProperties props, ClusterJobs jobs, Clock clock) {
        this.store = store;
        this.handling = handling;
        this.deadlines = deadlines;
        this.tx = tx;
        this.audit = audit;
        this.cases = cases;
        this.windowDays = props.evaluationWindowDays();
        this.jobs = jobs;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${redwhistle.cases.sweep-interval:60s}", fixedDelayString = "${redwhistle.cases.sweep-interval:60s}")
    public void scheduled() {
        jobs.runExclusively(JOB, () -> close(clock.instant()));
    }

    /** Closes every case whose evaluation window ended by {@code now}; returns how many it closed. */
    public int close(Instant now) {
        // N working days are at least N calendar days: older reports are the only candidates
        int closed = 0;
        for (CaseStore.AwaitingEvaluation c : store.handledBy(now.minus(Duration.ofDays(windowDays)))) {
            try {
                Instant due = deadlines.afterWorkingDays(c.handledAt(), windowDays);
                if (!due.isBefore(now)) {
                    continue;
                }
                Boolean done = tx.execute(s -> {
                    store.lock(c.id());
                    CaseView v = store.find(c.id(), false).orElseThrow();
                    if (v.status() != CaseStatus.HANDLED || !c.handledAt().equals(v.handledAt())) {
                        return false; // evaluated, or reported again, since the select
                    }
                    CaseAction.AUTO_CLOSE.requireAllowedFrom(v.status());
                    handling.closeNotEvaluated(v, windowDays, due, due);
                    store.bumpVersion(c.id());
                    audit.record(AuditLog.SYSTEM, "case." + CaseAction.AUTO_CLOSE.wire(), "case", String.valueOf(c.id()),
                            CloseReason.NOT_EVALUATED.label(), Map.of("handledAt", c.handledAt().toString(), "windowDays", windowDays,
                                    "closedAt", due.toString()));
                    return true;
                });
                if (Boolean.TRUE.equals(done)) {
                    closed++;
                    cases.announce(c.id());
                }
            } catch (RuntimeException e) {
                log.error("auto-closing case {} failed: {}", c.id(), e.toString());
            }
        }
        return closed;
    }
}
