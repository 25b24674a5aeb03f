package org.redwhistle.ingest.pipeline;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.redwhistle.devices.contract.Topics;
import org.redwhistle.ingest.commands.CommandsAcknowledged;
import org.redwhistle.ingest.liveness.DeviceCameBack;
import org.redwhistle.ingest.mqtt.MqttProperties;
import org.redwhistle.ingest.pipeline.internal.BatchSorter;
import org.redwhistle.ingest.pipeline.internal.DeviceRateLimiter;
import org.redwhistle.ingest.pipeline.internal.IngestWriter;
import org.redwhistle.ingest.pipeline.internal.LaneIntake;
import org.redwhistle.ingest.pipeline.internal.MessageDecoder;
import org.redwhistle.ingest.pipeline.internal.PositionFanout;
import org.redwhistle.ingest.pipeline.internal.SortedBatch;
import org.redwhistle.ingest.pipeline.internal.Taken;
import org.redwhistle.ingest.registry.DeviceDirectory;
import org.redwhistle.ingest.registry.DeviceStatusChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ingestion pipeline, in order: take a batch → judge each message against its device's rate
 * limit (excess is acknowledged, not processed) → decode and validate → place it where its device
 * may be, in its grid → write the batch in one transaction (retrying until it commits) →
 * acknowledge every message to the broker in arrival order → publish what was new. Events are
 * published on the lane's thread (alarms must not wait); positions through {@link PositionFanout},
 * on a thread of their own.
 * <p>
 * Two lanes, each with its own queue, thread and rate limiter: <b>events</b> (events, status,
 * command acks) and <b>telemetry</b> (positions and readings, by far the larger stream). An alarm is
 * therefore never queued behind, nor written in the same transaction as, thousands of position
 * fixes. The events lane takes whatever has queued up without waiting for a batch to fill (latency
 * first); the telemetry lane waits up to {@code batchWait} for fuller batches (throughput first).
 * Each queue never holds more than twice the broker's receive maximum, so memory stays bounded.
 */
@Component
public class IngestPipeline implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IngestPipeline.class);

    private final MqttProperties props;
    private final RateLimitProperties limits;
    private final PositionToleranceProperties tolerances;
    private final JsonMapper json;
    private final IngestWriter writer;
    private final DeviceDirectory devices;
    private final BatchSorter sorter;
    private final ApplicationEventPublisher events;
    private final MeterRegistry meters;
    private final Lane eventsLane;
    private final Lane telemetryLane;
    private final Counter stored;
    private final Counter duplicates;
    private final Counter rejected;
    private final Counter positions;
    private final Counter rateLimited;
    private final PositionFanout fanout;
    private volatile boolean running;

    public IngestPipeline(MqttProperties props, RateLimitProperties limits, PositionToleranceProperties tolerances, IngestWriter writer,
            DeviceDirectory devices, BatchSorter sorter, ApplicationEventPublisher events, JsonMapper json, MeterRegistry meters) {
        this.props = props;
        this.limits = limits;
        this.tolerances = tolerances;
        this.json = json;
        this.writer = writer;
        this.devices = devices;
        this.sorter = sorter;
        this.events = events;
        this.meters = meters;
        this.eventsLane = new Lane("events", props.ingestClientId(), Duration.ZERO);
        this.telemetryLane = new Lane("telemetry", props.telemetryClientId(), props.batchWait());
        this.stored = meters.counter("rw.ingest.messages", "outcome", "stored");
        this.duplicates = meters.counter("rw.ingest.messages", "outcome", "duplicate");
        this.rejected = meters.counter("rw.ingest.messages", "outcome", "rejected");
        this.positions = meters.counter("rw.ingest.messages", "outcome", "position");
        this.rateLimited = meters.counter("rw.ingest.messages", "outcome", "rate_limited");
        for (Lane lane : List.of(eventsLane, telemetryLane)) {
            io.micrometer.core.instrument.Gauge.builder("rw.ingest.queue", lane.queue, BlockingQueue::size).tag("lane", lane.name)
                    .description("messages received and not yet written").register(meters);
            lane.batches = io.micrometer.core.instrument.Timer.builder("rw.ingest.batch").tag("lane", lane.name)
                    .description("a batch decoded, written and committed, acknowledged and handed on").publishPercentiles(0.5, 0.99)
                    .register(meters);
        }
        this.fanout = new PositionFanout(events::publishEvent, 50_000);
        meters.gauge("rw.ingest.positions.pending", fanout, PositionFanout::pending);
        io.micrometer.core.instrument.FunctionCounter.builder("rw.ingest.positions.conflated", fanout, PositionFanout::conflated)
                .description("fixes superseded before the position listeners could see them").register(meters);
    }

    /**
     * Queues an event, status or command ack on the events lane; called on the ingest connection's
     * callback thread. Blocks only if the broker ignores our receive maximum.
     */
    public void submit(InboundMessage message) {
        eventsLane.put(message);
    }

    /**
     * Queues telemetry on the telemetry lane; called on the telemetry connection's callback thread.
     * Blocks only if the broker ignores our receive maximum, or, for QoS 0, while the lane is full:
     * TCP back-pressure on that connection alone.
     */
    public void submitTelemetry(InboundMessage message) {
        telemetryLane.put(message);
    }

    /**
     * A broker connection came up: the events lane's ({@code telemetry} false) or the telemetry
     * lane's. {@code disconnectedAtNanos} is when it went down ({@link System#nanoTime}), or empty on
     * the process's first connection. What the devices sent meanwhile is about to arrive at once.
     */
    public void brokerConnected(boolean telemetry, java.util.OptionalLong disconnectedAtNanos) {
        LaneIntake intake = (telemetry ? telemetryLane : eventsLane).intake;
        if (disconnectedAtNanos.isPresent()) {
            intake.awaySince(disconnectedAtNanos.getAsLong());
        } else {
            intake.awayUnknown();
        }
    }

    @Override
    public void start() {
        running = true;
        eventsLane.start();
        telemetryLane.start();
        fanout.start();
    }

    @Override
    public void stop() {
        running = false;
        eventsLane.stop();
        telemetryLane.stop();
        fanout.stop();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts before the MQTT connection and stops after it. */
    @Override
    public int getPhase() {
        return 0;
    }

    /**
     * A queue and the thread that writes it, batch after batch; each lane decodes with its own
     * decoder and limits with its own rate limiter (both used by its thread alone).
     */
    private final class Lane {
        final String name;
        final Duration batchWait;
        final BlockingQueue<InboundMessage> queue;
        final MessageDecoder decoder;
        final LaneIntake intake;
        /** The client id of the lane's broker session; its batches are recorded in ingest_session at most once a second. */
        final String session;
        long consumedMarkedNanos = System.nanoTime() - 2_000_000_000L;
        io.micrometer.core.instrument.Timer batches;
        Thread worker;

        Lane(String name, String session, Duration batchWait) {
            this.name = name;
            this.session = session;
            this.batchWait = batchWait;
            this.queue = new LinkedBlockingQueue<>(Math.max(props.receiveMaximum(), props.batchSize()) * 2);
            this.decoder = new MessageDecoder(json, props.maxPayloadBytes(), props.maxFutureSkew(), props.maxEventAge());
            this.intake = new LaneIntake(name, devices, limits, () -> writer.lastConsumed(session));
            io.micrometer.core.instrument.Gauge.builder("rw.ingest.rate_limit.devices", intake.limiter(), DeviceRateLimiter::tracked)
                    .tag("lane", name).description("devices whose rate-limit state this lane holds").register(meters);
        }

        void put(InboundMessage message) {
            try {
                queue.put(message);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void start() {
            worker = new Thread(this::run, "ingest-" + name);
            worker.setDaemon(true);
            worker.start();
        }

        void stop() {
            if (worker != null) {
                worker.interrupt();
            }
        }

        private void run() {
            List<InboundMessage> batch = new ArrayList<>(props.batchSize());
            while (running) {
                try {
                    InboundMessage first = queue.poll(500, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        if (intake.hasOverflowsDue()) {
                            processUntilCommitted(this, admitUntilResolved(this, List.of()));
                        }
                        continue;
                    }
                    batch.add(first);
                    long deadline = System.nanoTime() + batchWait.toNanos();
                    while (batch.size() < props.batchSize()) {
                        long left = deadline - System.nanoTime();
                        InboundMessage next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : queue.poll();
                        if (next == null) {
                            break;
                        }
                        batch.add(next);
                    }
                    long started = System.nanoTime();
                    processUntilCommitted(this, admitUntilResolved(this, batch));
                    batches.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                    batch.clear();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private List<Taken> admitUntilResolved(Lane lane, List<InboundMessage> batch) throws InterruptedException {
        Duration backoff = Duration.ofMillis(200);
        while (true) {
            try {
                return lane.intake.take(batch);
            } catch (RuntimeException e) {
                lane.intake.awaySince(System.nanoTime()); // the broker's backlog builds up meanwhile
                log.error("devices of a batch of {} not found, retrying in {} ms: {}", batch.size(), backoff.toMillis(), e.toString());
                Thread.sleep(backoff.toMillis());
                backoff = longer(backoff);
            }
        }
    }

    private static Duration longer(Duration backoff) {
        return backoff.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : backoff.multipliedBy(2);
    }

    /**
     * Nothing is acknowledged before it is committed: a failing database stalls, it never drops. A
     * batch the database refuses for its data (SQLSTATE class 22, e.g. JSON PostgreSQL cannot store)
     * is split, so only the offending message is dead-lettered and the rest go through.
     */
    private void processUntilCommitted(Lane lane, List<Taken> batch) throws InterruptedException {
        Duration backoff = Duration.ofMillis(200);
        while (true) {
            try {
                process(lane, batch);
                return;
            } catch (RuntimeException e) {
                if (isDataError(e)) {
                    isolate(lane, batch, e);
                    return;
                }
                lane.intake.awaySince(System.nanoTime()); // the broker's backlog builds up meanwhile
                log.error("ingest batch of {} failed, retrying in {} ms: {}", batch.size(), backoff.toMillis(), e.toString());
                Thread.sleep(backoff.toMillis());
                backoff = longer(backoff);
            }
        }
    }

    private void isolate(Lane lane, List<Taken> batch, RuntimeException cause) throws InterruptedException {
        if (batch.size() == 1) {
            deadLetterAlone(batch.get(0).message(), rootMessage(cause));
            return;
        }
        int half = batch.size() / 2;
        processUntilCommitted(lane, batch.subList(0, half));
        processUntilCommitted(lane, batch.subList(half, batch.size()));
    }

    /**
     * Stores a dead letter for a message rejected outside the pipeline (camera snapshots), with its
     * reason and the first 4 KiB of its payload, and counts it.
     */
    public void deadLetter(String topic, String deviceId, String reason, byte[] payload, Instant receivedAt) {
        writer.write(List.of(), List.of(), List.of(new IngestWriter.DeadLetter(topic, deviceId, reason, payload, receivedAt)), Map.of(), Set.of(),
                Instant.now());
        rejected.increment();
        log.warn("dead-lettered message: topic={} device={} reason=\"{}\"", topic, deviceId, reason);
    }

    /** Stores only the dead letter of a message the database refused, then acknowledges it. */
    private void deadLetterAlone(InboundMessage m, String why) throws InterruptedException {
        String deviceId = Topics.parse(m.topic()).map(Topics.DeviceTopic::deviceId).orElse(null);
        String reason = "the database refused the payload: " + why;
        while (true) {
            try {
                writer.write(List.of(), List.of(), List.of(new IngestWriter.DeadLetter(m.topic(), deviceId, reason, m.payload(),
                        m.receivedAt())), Map.of(), Set.of(), Instant.now());
                m.ack().run();
                rejected.increment();
                log.warn("dead-lettered message: topic={} device={} reason=\"{}\"", m.topic(), deviceId, reason);
                return;
            } catch (RuntimeException e) {
                log.error("dead letter for {} not stored, retrying in 1 s: {}", m.topic(), e.toString());
                Thread.sleep(1000);
            }
        }
    }

    private static boolean isDataError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("22")) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        String msg = e.getMessage();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                msg = sql.getMessage();
            }
        }
        String line = msg == null ? "unknown" : msg.lines().findFirst().orElse(msg);
        return line.length() > 300 ? line.substring(0, 300) : line;
    }

    void process(Lane lane, List<Taken> batch) {
        Instant now = Instant.now();
        SortedBatch b = sorter.sort(lane.decoder, lane.intake.limiter(), batch, now);
        List<IngestWriter.DeadLetter> dead = new ArrayList<>(b.rejected());
        dead.addAll(b.excessKept());
        dead.addAll(lane.intake.overflows());
        long nanos = System.nanoTime();
        boolean mark = !batch.isEmpty() && nanos - lane.consumedMarkedNanos >= 1_000_000_000L;
        IngestWriter.Result result = writer.write(b.rows(), b.positions(), dead, b.statuses(), b.seen(), b.acks(),
                mark ? lane.session : null, now);
        if (mark) {
            lane.consumedMarkedNanos = nanos;
        }
        batch.forEach(t -> t.message().ack().run());
        lane.intake.written();

        Set<String> fresh = new HashSet<>(result.newEventKeys());
        List<StoredEvent> stored = b.candidates().stream().filter(e -> fresh.contains(IngestWriter.key(e.deviceId(), e.msgId()))).toList();
        this.stored.increment(stored.size());
        duplicates.increment(b.candidates().size() - stored.size() + b.repeats());
        rejected.increment(b.rejected().size());
        rateLimited.increment(b.rateLimited());
        positions.increment(b.positions().size());
        stored.forEach(e -> e.reportedElsewhere().ifPresent(r -> relocated(e, r)));
        if (!stored.isEmpty()) {
            events.publishEvent(new DeviceEventsStored(stored));
        }
        if (!b.positions().isEmpty()) {
            fanout.offer(b.positions().stream().map(p -> new PositionsStored.Position(p.deviceId(), p.ts(),
                    p.lon(), p.lat(), p.speedMps(), p.headingDeg(), p.battery())).toList());
        }
        result.statusChanges().forEach((id, online) -> events.publishEvent(new DeviceStatusChanged(id, online, now)));
        if (!result.completedCommands().isEmpty()) {
            events.publishEvent(new CommandsAcknowledged(result.completedCommands()));
        }
        result.cameBack().forEach(id -> {
            events.publishEvent(new DeviceCameBack(id, now));
            if (!result.statusChanges().containsKey(id)) {
                events.publishEvent(new DeviceStatusChanged(id, true, now));
            }
        });
    }

    /** A fixed device's event stored at its registered place instead of where it said: counted and logged once. */
    private void relocated(StoredEvent e, ReportedElsewhere r) {
        meters.counter("rw.ingest.relocated", "kind", e.kind().wire()).increment();
        log.warn("event placed at its device's registered location: device={} kind={} msgId={} type={} reported={},{} distanceM={} "
                + "toleranceM={} placedAt={},{}", e.deviceId(), e.kind().wire(), e.msgId(), e.type().wire(), r.lon(), r.lat(),
                Math.round(r.distanceM()), Math.round(tolerances.metres(e.kind())), e.lon(), e.lat());
    }
}
