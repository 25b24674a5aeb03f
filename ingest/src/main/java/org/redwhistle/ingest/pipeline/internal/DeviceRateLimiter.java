package org.redwhistle.ingest.pipeline.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.redwhistle.devices.contract.DeviceKind;
import org.redwhistle.ingest.pipeline.RateLimitProperties;

/**
 * Token buckets per device for one lane, owned by the lane's thread (not thread-safe). A bucket
 * holds up to its kind's burst and refills at its kind's rate; a message finding it empty is
 * excess. The first excess of a device opens a window: its first {@code keptPerWindow} excess
 * messages are to be dead-lettered in full, later ones only counted, and when the window ends
 * {@link #closedWindows} reports how many were dropped. Memory stays bounded by the devices heard
 * from recently: a bucket left to refill completely is forgotten.
 * <p>
 * Buckets run on arrival time, which is the devices' sending time only while the platform keeps up.
 * After the platform was away (starting, reconnecting, a stalled database), the broker delivers what
 * the devices sent meanwhile all at once; {@link #catchUp} then lets each device send, once, what its
 * rate allowed in that time on top of its burst, so a backlog of devices within their limits is not
 * taken for a flood, while a device that flooded meanwhile still gets no more than its rate's worth.
 */
public final class DeviceRateLimiter {

    /** What becomes of a message. */
    public enum Admission {
        /** Within the limit: processed. */
        ADMITTED,
        /** Over the limit, among the first of its window: dead-lettered in full, not processed. */
        EXCESS_KEPT,
        /** Over the limit: counted, acknowledged, and summarised when the window closes. */
        EXCESS_DROPPED
    }

    /** A closed window in which {@code dropped} messages of a device were only counted. */
    public record Overflow(String deviceId, DeviceKind kind, String topic, long dropped, Instant from, Instant to) {
    }

    private static final long MINUTE_NANOS = 60_000_000_000L;

    private final RateLimitProperties props;
    private final long windowNanos;
    private final Map<String, Bucket> buckets = new HashMap<>();
    /** Devices with an open window, in the order their windows opened (and so will close: windows are equally long). */
    private final LinkedHashMap<String, Bucket> open = new LinkedHashMap<>();
    private long nextSweepNanos;
    /** The current catch-up: its number, the seconds of rate each device may spend once, and until when. */
    private int catchUpEpoch;
    private double catchUpSeconds;
    private long catchUpUntilNanos = Long.MIN_VALUE;

    public DeviceRateLimiter(RateLimitProperties props, long nowNanos) {
        this.props = props;
        this.windowNanos = props.window().toNanos();
        this.nextSweepNanos = nowNanos + windowNanos;
    }

    private static final class Bucket {
        final DeviceKind kind;
        int catchUpEpoch;
        double tokens;
        long refilledNanos;
        long windowEndNanos;
        Instant windowFrom;
        int kept;
        long dropped;
        String lastTopic;

        Bucket(DeviceKind kind, double tokens, long nowNanos) {
            this.kind = kind;
            this.tokens = tokens;
            this.refilledNanos = nowNanos;
        }
    }

    /**
     * Takes a token from the device's bucket, or judges the message excess. {@code now} is the
     * wall-clock time of {@code nowNanos}, for the summary's words.
     */
    public Admission admit(String deviceId, DeviceKind kind, String topic, long nowNanos, Instant now) {
        double rate = props.rate(kind);
        int burst = props.burst(kind);
        Bucket b = buckets.computeIfAbsent(deviceId, id -> new Bucket(kind, burst, nowNanos));
        double cap = burst;
        if (nowNanos < catchUpUntilNanos) {
            cap += rate * catchUpSeconds;
            if (b.catchUpEpoch != catchUpEpoch) {
                b.catchUpEpoch = catchUpEpoch;
                b.tokens += rate * catchUpSeconds;
            }
        }
        b.tokens = Math.min(cap, b.tokens + (nowNanos - b.refilledNanos) / 1e9 * rate);
        b.refilledNanos = nowNanos;
        if (b.tokens >= 1) {
            b.tokens -= 1;
            return Admission.ADMITTED;
        }
        if (b.windowEndNanos == 0) {
            b.windowEndNanos = nowNanos + windowNanos;
            b.windowFrom = now;
            b.kept = 0;
            b.dropped = 0;
            open.put(deviceId, b);
        }
        if (b.kept < props.keptPerWindow()) {
            b.kept++;
            return Admission.EXCESS_KEPT;
        }
        b.dropped++;
        b.lastTopic = topic;
        return Admission.EXCESS_DROPPED;
    }

    /**
     * The platform was away from the devices' messages for {@code away} (capped at the configured
     * catch-up): for a while (that long, and a minute more, for the backlog to come in) each device
     * may send, once, {@code rate × away} messages on top of its burst.
     */
    public void catchUp(Duration away, long nowNanos) {
        Duration credit = away.compareTo(props.catchUp()) > 0 ? props.catchUp() : away;
        catchUpEpoch++;
        catchUpSeconds = credit.toNanos() / 1e9;
        catchUpUntilNanos = nowNanos + credit.toNanos() + MINUTE_NANOS;
    }

    /** The catch-up allowance in force at {@code nowNanos}, in seconds of each device's rate (0 when none). */
    public double catchUpSeconds(long nowNanos) {
        return nowNanos < catchUpUntilNanos ? catchUpSeconds : 0;
    }

    /** True right after the device's first excess message of a window was judged. */
    public boolean windowJustOpened(String deviceId) {
        Bucket b = buckets.get(deviceId);
        return b != null && b.windowEndNanos != 0 && b.kept == 1 && b.dropped == 0;
    }

    /** True when a window has ended and {@link #closedWindows} has something to say. */
    public boolean hasClosedWindows(long nowNanos) {
        return !open.isEmpty() && open.values().iterator().next().windowEndNanos <= nowNanos;
    }

    /** The windows ended by {@code nowNanos} in which messages were dropped; each is reported once. */
    public List<Overflow> closedWindows(long nowNanos, Instant now) {
        List<Overflow> closed = new ArrayList<>();
        for (Iterator<Map.Entry<String, Bucket>> it = open.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, Bucket> e = it.next();
            Bucket b = e.getValue();
            if (b.windowEndNanos > nowNanos) {
                break;
            }
            it.remove();
            if (b.dropped > 0) {
                closed.add(new Overflow(e.getKey(), b.kind, b.lastTopic, b.dropped, b.windowFrom,
                        b.windowFrom.plusNanos(windowNanos)));
            }
            b.windowEndNanos = 0;
        }
        if (nowNanos >= nextSweepNanos) {
            forgetIdle(nowNanos);
            nextSweepNanos = nowNanos + windowNanos;
        }
        return closed;
    }

    /**
     * Buckets that would be full again and have no open window carry no state worth keeping (kept
     * through a catch-up: a bucket forgotten then would get its allowance twice).
     */
    private void forgetIdle(long nowNanos) {
        if (nowNanos < catchUpUntilNanos) {
            return;
        }
        buckets.values().removeIf(b -> b.windowEndNanos == 0
                && b.tokens + (nowNanos - b.refilledNanos) / 1e9 * props.rate(b.kind) >= props.burst(b.kind));
    }

    /** Devices with state held; for tests and the curious. */
    public int tracked() {
        return buckets.size();
    }

    /** The dead-letter reason of an excess message kept in full. */
    public String excessReason(DeviceKind kind) {
        return "over the rate limit of " + limit(kind) + ": not processed";
    }

    /** The dead-letter reason summarising a window. */
    public String overflowReason(Overflow o) {
        return o.dropped() + " more messages over the rate limit of " + limit(o.kind()) + " dropped in the "
                + props.window().toSeconds() + " s from " + o.from().truncatedTo(ChronoUnit.MILLIS);
    }

    private String limit(DeviceKind kind) {
        return BigDecimal.valueOf(props.rate(kind)).stripTrailingZeros().toPlainString() + "/s (bursts of " + props.burst(kind)
                + ") for " + kind.wire() + " devices";
    }
}
