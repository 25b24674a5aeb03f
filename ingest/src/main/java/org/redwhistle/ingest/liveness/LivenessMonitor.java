package org.redwhistle.ingest.liveness;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.redwhistle.ingest.cluster.ClusterJobs;
import org.redwhistle.ingest.cluster.IngestionLeader;
import org.redwhistle.ingest.registry.DeviceStatusChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Finds devices that stopped talking: not heard from (events, telemetry, status, heartbeats) for
 * longer than {@code offline-after}. Runs once per cluster ({@link ClusterJobs}), and marking a
 * device silent is a conditional update, so two instances never both report it. A device's return is noticed by the ingest writer when it next speaks.
 * <p>
 * It runs only where ingestion runs ({@link IngestionLeader#ingestsHere()}): "not heard from" is
 * what the ingesting instance hears, and a standby sweeping while the lease changes hands would take
 * the few seconds nobody listened for the devices' silence.
 */
@Component
public class LivenessMonitor {

    private static final Logger log = LoggerFactory.getLogger(LivenessMonitor.class);

    private final JdbcClient jdbc;
    private final ClusterJobs jobs;
    private final ApplicationEventPublisher events;
    private final LivenessProperties props;
    private final ObjectProvider<IngestionLeader> leader;

    /** @param leader absent when this instance runs without MQTT: it hears nothing, and sweeps nothing */
    public LivenessMonitor(JdbcClient jdbc, ClusterJobs jobs, ApplicationEventPublisher events, LivenessProperties props,
            ObjectProvider<IngestionLeader> leader) {
        this.leader = leader;
        this.jdbc = jdbc;
        this.jobs = jobs;
        this.events = events;
        this.props = props;
    }

    private record Silent(String id, Instant lastSeen) {
    }

    @Scheduled(initialDelayString = "${redwhistle.liveness.check-interval:10s}", fixedDelayString = "${redwhistle.liveness.check-interval:10s}")
    public void sweep() {
        IngestionLeader l = leader.getIfAvailable();
        if (l == null || !l.ingestsHere()) {
            return;
        }
        jobs.runExclusively("liveness.sweep", this::markSilent);
    }

    private void markSilent() {
        // last_seen may lag by up to the ingest's touch interval: allow for it, so nobody is called offline early
        Instant cutoff = Instant.now().minus(props.offlineAfter()).minus(props.touchInterval());
        List<Silent> silent = jdbc.sql("""
                update device set silent_since = now(), online = false
                where silent_since is null and state <> 'DISABLED' and last_seen is not null and last_seen < :cutoff
                returning id, last_seen""")
                .param("cutoff", Timestamp.from(cutoff))
                .query((rs, i) -> new Silent(rs.getString(1), rs.getTimestamp(2).toInstant())).list();
        for (Silent d : silent) {
            log.info("device went silent: id={} lastSeen={}", d.id(), d.lastSeen());
            events.publishEvent(new DeviceWentSilent(d.id(), d.lastSeen()));
            events.publishEvent(new DeviceStatusChanged(d.id(), false, Instant.now()));
        }
    }
}
