package org.redwhistle.api.push.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One frame per alarm per interval for repeats: the first change of an alarm goes out at once; a
 * repeat (the same thing happening again) within {@code interval} of the alarm's last frame is held,
 * and only the newest held view goes out when the interval is over, carrying the count. A change
 * that is not a repeat (someone acted) goes out at once and replaces what was held. So one device
 * firing two thousand times a second costs each dashboard one frame a second, not two thousand.
 *
 * @param <V> the alarm's view
 */
public final class RepeatConflation<V> implements AutoCloseable {

    private final long intervalNanos;
    private final Consumer<V> send;
    private final Map<Long, Slot<V>> slots = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    private final ScheduledFuture<?> purging;

    private static final class Slot<V> {
        /** A new slot's first change goes out at once, as if its last frame were an interval ago. */
        long lastSentNanos;
        V held;
        boolean flushScheduled;

        Slot(long lastSentNanos) {
            this.lastSentNanos = lastSentNanos;
        }
    }

    /** {@code timer} runs the held frames and the purge; it is the caller's (WorkerPools'), closing this stops only this one's work. */
    public RepeatConflation(Duration interval, ScheduledExecutorService timer, Consumer<V> send) {
        this.intervalNanos = interval.toNanos();
        this.send = send;
        this.timer = timer;
        // an alarm quiet for ten intervals needs no slot; a new one is made on its next change
        long purge = Math.max(interval.toMillis() * 10, 1000);
        this.purging = timer.scheduleWithFixedDelay(this::purge, purge, purge, TimeUnit.MILLISECONDS);
    }

    private void purge() {
        long now = System.nanoTime();
        slots.values().removeIf(s -> {
            synchronized (s) {
                return s.held == null && !s.flushScheduled && now - s.lastSentNanos > 10 * intervalNanos;
            }
        });
    }

    /** An alarm changed; {@code repeat}: only its count and last-seen time moved. */
    public void changed(long alarmId, V view, boolean repeat) {
        long now = System.nanoTime();
        Slot<V> slot = slots.computeIfAbsent(alarmId, id -> new Slot<>(now - intervalNanos));
        boolean sendNow;
        synchronized (slot) {
            if (!repeat || now - slot.lastSentNanos >= intervalNanos) {
                slot.held = null;
                slot.lastSentNanos = now;
                sendNow = true;
            } else {
                slot.held = view;
                sendNow = false;
                if (!slot.flushScheduled) {
                    slot.flushScheduled = true;
                    long delay = slot.lastSentNanos + intervalNanos - now;
                    timer.schedule(() -> flush(slot), Math.max(0, delay), TimeUnit.NANOSECONDS);
                }
            }
        }
        if (sendNow) {
            send.accept(view);
        }
    }

    private void flush(Slot<V> slot) {
        V view;
        synchronized (slot) {
            slot.flushScheduled = false;
            view = slot.held;
            slot.held = null;
            if (view != null) {
                slot.lastSentNanos = System.nanoTime();
            }
        }
        if (view != null) {
            send.accept(view);
        }
    }

    @Override
    public void close() {
        purging.cancel(false);
    }
}
