package org.redwhistle.api.alarms.internal;

import java.time.Instant;

import org.redwhistle.api.alarms.AlarmVerification;
import org.redwhistle.ingest.analytics.SnapshotAnalysed;
import org.redwhistle.ingest.cluster.ClusterJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Concludes a camera verification. A person seen on a snapshot linked to the alarm makes it
 * VERIFIED at once: severity one step up, the auto-dispatch policy applied to the new severity. A
 * camera whose snapshot shows nobody is asked again, up to {@code redwhistle.verification.looks}
 * snapshots (the detector misses a person now and then). When every asked camera answered with
 * nobody in view, or none answered within {@code redwhistle.verification.timeout}, it is UNVERIFIED
 * (a person seen later still verifies it).
 */
@Component
public class VerificationVerdicts {

    private static final Logger log = LoggerFactory.getLogger(VerificationVerdicts.class);

    private final Verifications store;
    private final VerificationRequests requests;
    private final AlarmQueries queries;
    private final AutoDispatch autoDispatch;
    private final AlarmSteps steps;
    private final VerificationProperties props;
    private final ClusterJobs jobs;

    VerificationVerdicts(Verifications store, VerificationRequests requests, AlarmQueries queries, AutoDispatch autoDispatch, AlarmSteps steps,
            VerificationProperties props, ClusterJobs jobs) {
        this.jobs = jobs;
        this.store = store;
        this.requests = requests;
        this.queries = queries;
        this.autoDispatch = autoDispatch;
        this.steps = steps;
        this.props = props;
    }

    @EventListener
    public void on(SnapshotAnalysed s) {
        if (s.alarmId() == null) {
            return;
        }
        try {
            AlarmVerification state = store.state(s.alarmId());
            if (!AlarmVerification.OPEN_TO_A_SIGHTING.contains(state)) {
                return;
            }
            Instant now = Instant.now();
            if (s.people() > 0) {
                String note = "摄像机 " + s.deviceId() + " 抓拍发现 " + s.people() + " 人（置信 " + Math.round(s.personScore() * 100) / 100.0
                        + "，快照 #" + s.snapshotId() + "）";
                if (store.decide(s.alarmId(), state, AlarmVerification.VERIFIED, note, now, true)) {
                    queries.find(s.alarmId()).ifPresent(v -> {
                        steps.changed(v);
                        autoDispatch.verified(v).ifPresent(steps::changed);
                    });
                }
                return;
            }
            if (state == AlarmVerification.PENDING && !lookAgain(s)) {
                long asked = store.asked(s.alarmId());
                long answered = store.answered(s.alarmId());
                if (answered >= asked) {
                    conclude(s.alarmId(), store.camerasAnswered(s.alarmId()) + " 台摄像机 " + answered + " 张抓拍均未发现人员"
                            + (s.error() == null ? "" : "（" + s.error() + "）"), now);
                }
            }
        } catch (RuntimeException e) {
            log.error("verification of alarm {} by snapshot {} failed: {}", s.alarmId(), s.snapshotId(), e.toString());
        }
    }

    /** HOG misses a person now and then (turned away, half hidden): a camera that saw nobody takes another look. */
    private boolean lookAgain(SnapshotAnalysed s) {
        long looked = store.looks(s.alarmId(), s.deviceId());
        return s.error() == null && looked < props.looks() && requests.ask(s.alarmId(), s.deviceId(), "look " + (looked + 1));
    }

    /**
     * Pending verifications past their time: the cameras did not answer (or saw nobody). Once per
     * cluster ({@link ClusterJobs}); {@link Verifications#decide} only moves a verification still PENDING.
     */
    @Scheduled(initialDelayString = "${redwhistle.verification.sweep:1s}", fixedDelayString = "${redwhistle.verification.sweep:1s}")
    public void sweep() {
        jobs.runExclusively("alarms.verification-timeout", () -> timeOut(Instant.now()));
    }

    void timeOut(Instant now) {
        for (Long id : store.overdue(now)) {
            long answered = store.camerasAnswered(id);
            conclude(id, answered == 0 ? "摄像机未在 " + props.timeout().toSeconds() + " 秒内回传抓拍"
                    : "超时：" + answered + " 台摄像机的抓拍未发现人员", now);
        }
    }

    private void conclude(long alarmId, String note, Instant now) {
        if (store.decide(alarmId, AlarmVerification.PENDING, AlarmVerification.UNVERIFIED, note, now, false)) {
            log.info("alarm {} UNVERIFIED: {}", alarmId, note);
            queries.find(alarmId).ifPresent(steps::changed);
        }
    }
}
