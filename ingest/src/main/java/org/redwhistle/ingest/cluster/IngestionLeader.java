package org.redwhistle.ingest.cluster;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import org.redwhistle.ingest.mqtt.MqttProperties;
import org.redwhistle.ingest.workers.WorkerPools;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Decides whether this instance ingests, and opens or closes the device-traffic sessions
 * ({@link IngestionSessions}) accordingly. In EXCLUSIVE mode one instance of the cluster at a time
 * holds the ingestion lease ({@link IngestionLease}) and has the sessions open; their client ids are
 * the cluster's, so a new holder takes over the very sessions the broker has been queueing for.
 * A standby tries to take the lease every {@code retry-interval}. The holder checks it every
 * {@code check-interval}; a failed or late check, or the broker saying another client took the
 * sessions over, makes it close the sessions at once (fencing), give the lease up and compete
 * again. In SHARED mode every instance ingests and no lease is taken.
 * <p>
 * Every change of role is logged and recorded ({@link IngestionTerms}); the role is in the health
 * details and in {@code rw.ingest.active}. One thread ({@code ingestion-lease}) decides; the record is
 * written on another ({@code ingestion-terms}), in order: it goes through the connection pool, which
 * in a database outage waits for a connection, and the lease thread must meanwhile go on trying to
 * take the lease back (it waited 10 s there, 4 s past the outage's end, before that).
 */
@Component
@ConditionalOnProperty(name = "redwhistle.mqtt.enabled", havingValue = "true", matchIfMissing = true)
public class IngestionLeader implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IngestionLeader.class);

    private final MqttProperties mqtt;
    private final IngestionProperties props;
    private final List<IngestionSessions> sessions;
    private final IngestionTerms terms;
    private final Clock clock;
    private final IngestionLease lease;
    private final ScheduledExecutorService thread;
    private final ExecutorService recorder;
    private final Counter changes;
    private volatile IngestionRole role = IngestionRole.STANDBY;
    private volatile Instant roleSince;
    private volatile boolean running;
    /** Set by a session's callback when the broker threw it off; acted on by the lease thread. */
    private volatile String lost;

    public IngestionLeader(MqttProperties mqtt, IngestionProperties props, ClusterJobProperties cluster, List<IngestionSessions> sessions,
            IngestionTerms terms, DataSource dataSource, WorkerPools pools, MeterRegistry meters, Clock clock) {
        this.mqtt = mqtt;
        this.props = props;
        this.sessions = List.copyOf(sessions);
        this.terms = terms;
        this.clock = clock;
        this.roleSince = clock.instant();
        this.thread = pools.scheduler("ingestion-lease");
        this.recorder = pools.singleThread("ingestion-terms");
        ExecutorService aborter = pools.singleThread("ingestion-lease-abort");
        this.lease = new IngestionLease(dataSource, cluster.lockNamespace(), mqtt.sessionName(), props, aborter);
        this.changes = meters.counter("rw.ingest.role_changes");
        Gauge.builder("rw.ingest.active", this, l -> l.role == IngestionRole.ACTIVE ? 1 : 0)
                .description("1 while this instance ingests device traffic, 0 while it stands by").register(meters);
    }

    public IngestionRole role() {
        return role;
    }

    /** When this instance took its current role. */
    public Instant roleSince() {
        return roleSince;
    }

    /** True in SHARED mode, where every instance ingests and no lease is taken. */
    public boolean shared() {
        return !mqtt.oneActiveInstance();
    }

    /** True while this instance has the device-traffic sessions open (jobs that belong where ingestion runs ask). */
    public boolean ingestsHere() {
        return role == IngestionRole.ACTIVE;
    }

    /** True while every session of an active instance is connected; a standby has none to be connected. */
    public boolean sessionsConnected() {
        return sessions.stream().allMatch(IngestionSessions::isConnected);
    }

    public List<IngestionSessions> sessions() {
        return sessions;
    }

    @Override
    public void start() {
        running = true;
        if (shared()) {
            becomeActive("SHARED mode: every instance ingests");
            return;
        }
        // the first attempt before start() returns: a lone instance is active, and its term recorded, by the time it reports healthy
        compete();
        awaitRecords(props.checkTimeout().toMillis() + 1000);
        if (role == IngestionRole.STANDBY) {
            log.info("ingestion role: STANDBY instance={} sessions={} (the lease {} is held by another instance, or the database is away)",
                    mqtt.instanceId(), sessionNames(), mqtt.sessionName());
        }
        thread.execute(this::tick);
    }

    private void tick() {
        if (!running) {
            return;
        }
        if (role == IngestionRole.ACTIVE) {
            check();
        } else {
            compete();
        }
        long next = (role == IngestionRole.ACTIVE ? props.checkInterval() : props.retryInterval()).toMillis();
        if (running) {
            thread.schedule(this::tick, next, TimeUnit.MILLISECONDS);
        }
    }

    private void compete() {
        try {
            if (lease.tryAcquire()) {
                becomeActive("took the ingestion lease " + mqtt.sessionName());
            }
        } catch (SQLException | RuntimeException e) {
            log.debug("ingestion lease not taken: {}", e.getMessage());
        }
    }

    private void check() {
        String why = lost;
        if (why == null) {
            long started = System.nanoTime();
            try {
                if (!lease.stillHeld()) {
                    why = "the lease's database session no longer holds the lock";
                } else if (System.nanoTime() - started > props.checkTimeout().toNanos()) {
                    why = "the lease check took longer than " + props.checkTimeout().toMillis() + " ms";
                }
            } catch (SQLException | RuntimeException e) {
                why = "the lease check failed: " + e.getMessage();
            }
        }
        if (why != null) {
            becomeStandby("fenced: " + why);
        }
    }

    private void becomeActive(String why) {
        lost = null;
        // as PostgreSQL keeps it: the end of this term is recorded against its exact start
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        role = IngestionRole.ACTIVE;
        roleSince = now;
        changes.increment();
        log.info("ingestion role: ACTIVE instance={} sessions={} ({})", mqtt.instanceId(), sessionNames(), why);
        if (!shared()) {
            recorder.execute(() -> {
                try {
                    terms.began(mqtt.sessionName(), mqtt.instanceId(), now);
                } catch (RuntimeException e) {
                    log.warn("ingestion term not recorded: {}", e.getMessage());
                }
            });
        }
        for (IngestionSessions s : sessions) {
            s.open(reason -> {
                lost = s.name() + ": " + reason;
            });
        }
    }

    /** Fencing: the sessions close first, then the lease is given up. */
    private void becomeStandby(String why) {
        sessions.forEach(IngestionSessions::close);
        lease.release();
        Instant now = clock.instant();
        Instant began = roleSince;
        role = IngestionRole.STANDBY;
        roleSince = now;
        changes.increment();
        log.warn("ingestion role: STANDBY instance={} sessions={} ({})", mqtt.instanceId(), sessionNames(), why);
        recorder.execute(() -> {
            try {
                terms.ended(mqtt.sessionName(), mqtt.instanceId(), began, now, why);
            } catch (RuntimeException e) {
                log.warn("end of ingestion term not recorded: {}", e.getMessage());
            }
        });
        lost = null;
    }

    /** Waits up to {@code millis} for the terms handed to the recorder so far to be written (or to fail). */
    private void awaitRecords(long millis) {
        try {
            recorder.submit(() -> {
            }).get(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            log.warn("ingestion terms not all recorded within {} ms", millis);
        }
    }

    private String sessionNames() {
        return mqtt.oneActiveInstance() ? mqtt.sessionName() + "-*" : mqtt.instanceId() + "-*";
    }

    @Override
    public void stop() {
        running = false;
        thread.shutdown();
        try {
            thread.awaitTermination(props.checkTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (role == IngestionRole.ACTIVE) {
            if (shared()) {
                sessions.forEach(IngestionSessions::close);
                role = IngestionRole.STANDBY;
                log.info("ingestion role: STANDBY instance={} (stopping)", mqtt.instanceId());
            } else {
                becomeStandby("the instance is stopping");
            }
        } else {
            lease.release();
        }
        // the last term's end is written before the connection pool closes
        awaitRecords(props.checkTimeout().toMillis() + 1000);
        recorder.shutdown();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the pipeline (phase 0) and the outbound connection (50) start, before they stop. */
    @Override
    public int getPhase() {
        return 100;
    }
}
