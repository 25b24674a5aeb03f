package org.redwhistle.ingest.pipeline.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.redwhistle.devices.contract.Topics;
import org.redwhistle.ingest.pipeline.InboundMessage;
import org.redwhistle.ingest.pipeline.RateLimitProperties;
import org.redwhistle.ingest.registry.DeviceDirectory;
import org.redwhistle.ingest.registry.RegisteredDevice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first stage of a lane, on its thread: each message's device topic and registered device, and
 * its device's rate limit judged once, before any decoding is spent on it. Holds the lane's rate
 * limiter and the summaries of closed windows until a batch writes them.
 */
public final class LaneIntake {

    private static final Logger log = LoggerFactory.getLogger(LaneIntake.class);

    private final String lane;
    private final DeviceDirectory devices;
    private final RateLimitProperties limits;
    private final Supplier<Optional<Instant>> lastConsumed;
    private final DeviceRateLimiter limiter;
    private final List<IngestWriter.DeadLetter> overflows = new ArrayList<>();
    /** Since when (nanoTime) the lane was away from the devices' messages, 0 if it was not; set from any thread. */
    private final AtomicLong awaySince = new AtomicLong();
    /** The lane connected for the first time in this process: how long it was away is not known. */
    private final AtomicBoolean awayUnknown = new AtomicBoolean();

    /**
     * @param lastConsumed when this lane's broker session last had a batch committed, by an earlier run of
     *                     the process too (read at start-up, when the time away is otherwise unknown)
     */
    public LaneIntake(String lane, DeviceDirectory devices, RateLimitProperties limits, Supplier<Optional<Instant>> lastConsumed) {
        this.lane = lane;
        this.devices = devices;
        this.limits = limits;
        this.lastConsumed = lastConsumed;
        this.limiter = new DeviceRateLimiter(limits, System.nanoTime());
    }

    public DeviceRateLimiter limiter() {
        return limiter;
    }

    /**
     * Parses each topic and finds each device (a registry read may fail and be retried: nothing is
     * judged until every lookup succeeded), then judges each message against its device's bucket.
     * Messages on a topic without a registered device are let through, for the decoder to reject.
     */
    public List<Taken> take(List<InboundMessage> batch) {
        List<Optional<Topics.DeviceTopic>> topics = new ArrayList<>(batch.size());
        List<Optional<RegisteredDevice>> found = new ArrayList<>(batch.size());
        for (InboundMessage m : batch) {
            Optional<Topics.DeviceTopic> topic = Topics.parse(m.topic());
            topics.add(topic);
            found.add(topic.flatMap(t -> devices.find(t.deviceId())));
        }
        long nowNanos = System.nanoTime();
        Instant now = Instant.now();
        catchUpIfAway(nowNanos);
        for (DeviceRateLimiter.Overflow o : limiter.closedWindows(nowNanos, now)) {
            overflows.add(new IngestWriter.DeadLetter(o.topic(), o.deviceId(), limiter.overflowReason(o), new byte[0], o.to()));
        }
        List<Taken> taken = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            InboundMessage m = batch.get(i);
            Optional<RegisteredDevice> device = found.get(i);
            DeviceRateLimiter.Admission admission = DeviceRateLimiter.Admission.ADMITTED;
            if (device.isPresent()) {
                RegisteredDevice d = device.get();
                admission = limiter.admit(d.id(), d.kind(), m.topic(), nowNanos, now);
                if (admission == DeviceRateLimiter.Admission.EXCESS_KEPT && limiter.windowJustOpened(d.id())) {
                    log.warn("device over its rate limit: device={} lane={} reason=\"{}\"; for {} s its excess is dead-lettered "
                            + "(the first {} in full, then one summary) and counted as rw.ingest.messages{outcome=rate_limited}",
                            d.id(), lane, limiter.excessReason(d.kind()), limits.window().toSeconds(), limits.keptPerWindow());
                }
            }
            taken.add(new Taken(m, topics.get(i), device, admission));
        }
        return taken;
    }

    /**
     * The lane has been away from the devices' messages since {@code sinceNanos} ({@link System#nanoTime}):
     * disconnected from the broker, or stalled on the database. Any thread.
     */
    public void awaySince(long sinceNanos) {
        awaySince.accumulateAndGet(sinceNanos, (held, since) -> held == 0 ? since : Math.min(held, since));
    }

    /**
     * The lane's connection came up for the first time in this process: the platform was away since
     * the session's last committed batch (recorded in ingest_session), or, without a record, since the
     * registry last heard from any device. Any thread.
     */
    public void awayUnknown() {
        awayUnknown.set(true);
    }

    /** Reads the registry if it must (a failure leaves the flags for the retry), then grants the catch-up. */
    private void catchUpIfAway(long nowNanos) {
        long since = awaySince.get();
        boolean unknown = awayUnknown.get();
        if (since == 0 && !unknown) {
            return;
        }
        Duration away = since == 0 ? Duration.ZERO : Duration.ofNanos(Math.max(0, nowNanos - since));
        String why = away.toSeconds() + " s away";
        if (unknown) {
            Optional<Instant> consumed = lastConsumed.get();
            Duration sinceThen = consumed.or(devices::lastHeard).map(t -> Duration.between(t, Instant.now()))
                    .filter(d -> !d.isNegative()).orElse(Duration.ZERO);
            if (sinceThen.compareTo(away) >= 0) {
                away = sinceThen;
                why = "start-up, " + away.toSeconds() + " s after " + (consumed.isPresent() ? "its session's last batch" : "a device was last heard");
            }
        }
        awaySince.compareAndSet(since, 0);
        awayUnknown.compareAndSet(unknown, false);
        limiter.catchUp(away, nowNanos);
        log.info("lane {} catching up ({}): each device may send, once, what its rate allows in {} s on top of its burst",
                lane, why, Math.round(limiter.catchUpSeconds(nowNanos)));
    }

    /** True when a window of excess has closed and its summary is still to be written. */
    public boolean hasOverflowsDue() {
        return !overflows.isEmpty() || limiter.hasClosedWindows(System.nanoTime());
    }

    /** The summaries to write with the next batch; {@link #written} once it committed. */
    public List<IngestWriter.DeadLetter> overflows() {
        return overflows;
    }

    /** The overflows went into a committed batch: logs and forgets them. */
    public void written() {
        overflows.forEach(o -> log.warn("dead-lettered excess: device={} lane={} reason=\"{}\"", o.deviceId(), lane, o.reason()));
        overflows.clear();
    }
}
