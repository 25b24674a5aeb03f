package org.redwhistle.api.cases.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

import org.redwhistle.api.cases.CaseJobs;
import org.redwhistle.ingest.cluster.ClusterJobs;
import org.springframework.stereotype.Component;

/** {@link CaseJobs} over the supervisor and the auto-close job, under the same cluster locks as their schedules. */
@Component
class CaseJobsAtTime implements CaseJobs {

    private final CaseSupervisor supervisor;
    private final CaseAutoClose autoClose;
    private final ClusterJobs jobs;
    private final Duration warnBefore;

    CaseJobsAtTime(CaseSupervisor supervisor, CaseAutoClose autoClose, ClusterJobs jobs, CasesProperties props) {
        this.supervisor = supervisor;
        this.autoClose = autoClose;
        this.jobs = jobs;
        this.warnBefore = props.warnBefore();
    }

    @Override
    public int sweep(Instant now) {
        return supervisor.sweep(now);
    }

    @Override
    public int autoClose(Instant now) {
        return autoClose.close(now);
    }

    @Override
    public Duration warnBefore() {
        return warnBefore;
    }

    @Override
    public boolean exclusively(Runnable work) {
        AtomicBoolean ran = new AtomicBoolean();
        jobs.runExclusively(CaseSupervisor.JOB, () -> jobs.runExclusively(CaseAutoClose.JOB, () -> {
            work.run();
            ran.set(true);
        }));
        return ran.get();
    }
}
