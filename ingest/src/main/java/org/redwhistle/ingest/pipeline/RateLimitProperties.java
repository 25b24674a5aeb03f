package org.redwhistle.ingest.pipeline;

import java.time.Duration;

import org.redwhistle.devices.contract.DeviceKind;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Per-device rate limits at ingest: a token bucket per device and lane (events; telemetry), refilled
 * at its kind's rate up to its burst. A message over the limit is acknowledged to the broker and not
 * processed: the first {@code keptPerWindow} of a device in each {@code window} are dead-lettered in
 * full, the rest are only counted, and the window closes with one dead letter saying how many were
 * dropped. So one device can flood neither storage nor the dashboards.
 *
 * @param cameraRate           messages a second a camera may send (motion and person detections; snapshots have their own path)
 * @param cameraBurst          how many it may send at once
 * @param accessGateRate       a gate or door reader: passages come seconds apart even at rush hour
 * @param accessGateBurst      a queue of cars or a crowd at a turnstile
 * @param perimeterAlarmRate   a wall alarm has no reason to send more than a few events a second
 * @param perimeterAlarmBurst  one climber trips several sensors at once
 * @param patrolTerminalRate   a patrol terminal sends a position a second on telemetry, and now and then an event
 * @param patrolTerminalBurst  fixes buffered through a short loss of signal, sent on reconnection
 * @param window               how long a device's excess is summarised in one dead letter
 * @param keptPerWindow        excess messages of a device dead-lettered in full per window, for the record
 * @param catchUp              when the platform was away from the devices' messages (starting up, reconnecting to the broker,
 *                             a database stall), the broker's backlog then arrives at once: each device may send, once, what
 *                             its rate allows in the time the platform was away (at start-up: since its broker session's
 *                             last committed batch), up to this long, on top of its burst
 */
@ConfigurationProperties("redwhistle.ingest.rate-limit")
public record RateLimitProperties(
        @DefaultValue("5") double cameraRate,
        @DefaultValue("20") int cameraBurst,
        @DefaultValue("5") double accessGateRate,
        @DefaultValue("20") int accessGateBurst,
        @DefaultValue("2") double perimeterAlarmRate,
        @DefaultValue("10") int perimeterAlarmBurst,
        @DefaultValue("5") double patrolTerminalRate,
        @DefaultValue("30") int patrolTerminalBurst,
        @DefaultValue("1m") Duration window,
        @DefaultValue("5") int keptPerWindow,
        @DefaultValue("10m") Duration catchUp) {

    public RateLimitProperties {
        for (double rate : new double[] {cameraRate, accessGateRate, perimeterAlarmRate, patrolTerminalRate}) {
            if (!(rate > 0)) {
                throw new IllegalArgumentException("redwhistle.ingest.rate-limit: every rate must be above 0, got " + rate);
            }
        }
        if (window.isNegative() || window.isZero() || catchUp.isNegative()) {
            throw new IllegalArgumentException("redwhistle.ingest.rate-limit: window must be positive and catch-up not negative");
        }
        for (int burst : new int[] {cameraBurst, accessGateBurst, perimeterAlarmBurst, patrolTerminalBurst}) {
            if (burst < 1) {
                throw new IllegalArgumentException("redwhistle.ingest.rate-limit: every burst must be at least 1, got " + burst);
            }
        }
    }

    /**
     * Messages a second a device of this kind may send, on average: the properties above for the four
     * kinds they name, the kind file's {@code rateLimit.rate} for every other kind.
     */
    public double rate(DeviceKind kind) {
        if (kind.equals(DeviceKind.CAMERA)) {
            return cameraRate;
        }
        if (kind.equals(DeviceKind.ACCESS_GATE)) {
            return accessGateRate;
        }
        if (kind.equals(DeviceKind.PERIMETER_ALARM)) {
            return perimeterAlarmRate;
        }
        if (kind.equals(DeviceKind.PATROL_TERMINAL)) {
            return patrolTerminalRate;
        }
        return kind.spec().rate();
    }

    /** Messages a device of this kind may send at once (as {@link #rate}: the kind file's {@code rateLimit.burst} for other kinds). */
    public int burst(DeviceKind kind) {
        if (kind.equals(DeviceKind.CAMERA)) {
            return cameraBurst;
        }
        if (kind.equals(DeviceKind.ACCESS_GATE)) {
            return accessGateBurst;
        }
        if (kind.equals(DeviceKind.PERIMETER_ALARM)) {
            return perimeterAlarmBurst;
        }
        if (kind.equals(DeviceKind.PATROL_TERMINAL)) {
            return patrolTerminalBurst;
        }
        return kind.spec().burst();
    }
}
