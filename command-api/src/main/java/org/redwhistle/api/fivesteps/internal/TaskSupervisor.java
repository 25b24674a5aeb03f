package org.redwhistle.api.fivesteps.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.ingest.cluster.ClusterJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * 督办 of 联动办事: a task not reported done by its deadline is flagged overdue once (in the matter's record and
 * the audit), and its unit's accounts and the community's committee are alerted. Overdue tasks are listed to the
 * street's and district's operators and leaders (GET /api/v1/proposal-tasks/overdue). The scheduled sweep runs once
 * per cluster ({@link ClusterJobs}), like the cases' supervision; {@link #sweep} takes the time as a parameter.
 */
@Component
public class TaskSupervisor {

    static final String JOB = "proposals.tasks-overdue";

    private static final Logger log = LoggerFactory.getLogger(TaskSupervisor.class);

    private final TaskStore tasks;
    private final ProposalStore proposals;
    private final ProposalAlerts alerts;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final ClusterJobs jobs;
    private final Clock clock;

    public TaskSupervisor(TaskStore tasks, ProposalStore proposals, ProposalAlerts alerts, TransactionTemplate tx, AuditLog audit, ClusterJobs jobs,
            Clock clock) {
        this.tasks = tasks;
        this.proposals = proposals;
        this.alerts = alerts;
        this.tx = tx;
        this.audit = audit;
        this.jobs = jobs;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${redwhistle.fivesteps.sweep-interval:60s}", fixedDelayString = "${redwhistle.fivesteps.sweep-interval:60s}")
    public void scheduled() {
        jobs.runExclusively(JOB, () -> sweep(clock.instant()));
    }

    /** Flags the tasks overdue at {@code now}; how many it flagged. */
    public int sweep(Instant now) {
        int flagged = 0;
        for (TaskStore.Row t : tasks.overdueUnflagged(now)) {
            try {
                ProposalStore.Row p = proposals.find(t.proposalId()).orElseThrow();
                Boolean done = tx.execute(s -> {
                    if (!tasks.flagOverdue(t.id(), now)) {
                        return false;
                    }
                    proposals.step(p.id(), AuditLog.SYSTEM, "系统", "task-overdue", p.status(),
                            "督办：" + t.unitName() + " 的任务“" + t.title() + "”已超过办结时限 " + Notes.time(t.dueAt()), now);
                    audit.record(AuditLog.SYSTEM, "proposal.task-overdue", "proposal_task", String.valueOf(t.id()), null,
                            Map.of("proposal", p.id(), "unit", t.unitName(), "dueAt", t.dueAt().toString()));
                    return true;
                });
                if (Boolean.TRUE.equals(done)) {
                    alerts.taskOverdue(t, p.areaId(), p.title(), now);
                    flagged++;
                }
            } catch (RuntimeException e) {
                log.error("supervising task {} of matter {} failed: {}", t.id(), t.proposalId(), e.toString());
            }
        }
        return flagged;
    }
}
