package org.redwhistle.ingest.pipeline.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.redwhistle.ingest.pipeline.PositionsStored;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands stored positions to their listeners (live member positions, arrival, tours, restricted
 * areas, the live map) on a thread of their own, so that a slow listener never holds up ingestion
 * and with it the alarms queued behind the telemetry. While the listeners keep up they see every
 * fix; while they are busy, fixes accumulate and are delivered as one larger batch (one statement
 * instead of many); past {@code maxPending} fixes, only the latest of each device is kept, so memory
 * stays bounded whatever the rate. Every fix is already stored in device_position either way.
 */
public final class PositionFanout {

    private static final Logger log = LoggerFactory.getLogger(PositionFanout.class);

    private final Consumer<PositionsStored> listeners;
    private final int maxPending;
    private final Object lock = new Object();
    private List<PositionsStored.Position> pending = new ArrayList<>();
    private long conflated;
    private volatile boolean running;
    private Thread thread;

    public PositionFanout(Consumer<PositionsStored> listeners, int maxPending) {
        this.listeners = listeners;
        this.maxPending = maxPending;
    }

    /** Called by the ingest thread; never blocks. */
    public void offer(List<PositionsStored.Position> fixes) {
        synchronized (lock) {
            pending.addAll(fixes);
            if (pending.size() > maxPending) {
                Map<String, PositionsStored.Position> latest = new LinkedHashMap<>();
                for (PositionsStored.Position p : pending) {
                    latest.merge(p.deviceId(), p, (a, b) -> b.ts().isBefore(a.ts()) ? a : b);
                }
                conflated += pending.size() - latest.size();
                pending = new ArrayList<>(latest.values());
            }
            lock.notifyAll();
        }
    }

    /** Fixes dropped as superseded while the listeners were behind. */
    public long conflated() {
        synchronized (lock) {
            return conflated;
        }
    }

    public int pending() {
        synchronized (lock) {
            return pending.size();
        }
    }

    public void start() {
        running = true;
        thread = new Thread(this::run, "ingest-positions");
        thread.setDaemon(true);
        thread.start();
    }

    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void run() {
        while (running) {
            List<PositionsStored.Position> batch;
            synchronized (lock) {
                while (pending.isEmpty() && running) {
                    try {
                        lock.wait(500);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                batch = pending;
                pending = new ArrayList<>();
            }
            if (batch.isEmpty()) {
                continue;
            }
            try {
                listeners.accept(new PositionsStored(List.copyOf(batch)));
            } catch (RuntimeException e) {
                log.error("position listeners failed on a batch of {} fixes: {}", batch.size(), e.toString(), e);
            }
        }
    }
}
