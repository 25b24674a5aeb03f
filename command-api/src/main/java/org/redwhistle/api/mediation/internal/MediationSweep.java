package org.redwhistle.api.mediation.internal;

import java.time.Clock;

import org.redwhistle.ingest.cluster.ClusterJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Watches the open disputes' level limits: a level's limit passed flags the dispute overdue and alerts the
 * next level's people (the committee past the legal advisers), once per level. Runs once per cluster
 * ({@link ClusterJobs}) on the injected clock; {@link DisputeService#flagOverdue} takes the moment, so tests
 * sweep at any time they like.
 */
@Component
class MediationSweep {

    /** The sweep's cluster lock. */
    static final String JOB = "mediation.overdue";

    private static final Logger log = LoggerFactory.getLogger(MediationSweep.class);

    private final DisputeService disputes;
    private final ClusterJobs jobs;
    private final Clock clock;

    MediationSweep(DisputeService disputes, ClusterJobs jobs, Clock clock) {
        this.disputes = disputes;
        this.jobs = jobs;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${redwhistle.mediation.sweep-interval:60s}", fixedDelayString = "${redwhistle.mediation.sweep-interval:60s}")
    void scheduled() {
        jobs.runExclusively(JOB, () -> {
            int n = disputes.flagOverdue(clock.instant());
            if (n > 0) {
                log.info("mediation: {} disputes flagged overdue", n);
            }
        });
    }
}
