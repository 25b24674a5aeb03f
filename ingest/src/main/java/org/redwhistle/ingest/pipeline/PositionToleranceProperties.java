package org.redwhistle.ingest.pipeline;

import org.redwhistle.devices.contract.DeviceKind;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How far from its registered place a fixed device's event may say it happened, in metres. Beyond
 * it (or outside the device's area, whatever the distance) the event is placed at the registered
 * place and flagged. Patrol terminals move and have no tolerance: they only have to stay in their area.
 *
 * @param camera         a camera may report where it saw someone: about its range (the demo's are 120 m)
 * @param accessGate     a gate or door reader reports from where it is mounted
 * @param perimeterAlarm a wall alarm may report the point along the wall or fence it guards, which runs
 *                       hundreds of metres either side of the registered place
 */
@ConfigurationProperties("redwhistle.ingest.position-tolerance")
public record PositionToleranceProperties(
        @DefaultValue("150") double camera,
        @DefaultValue("50") double accessGate,
        @DefaultValue("500") double perimeterAlarm) {

    /**
     * The tolerance of a fixed kind; a mobile kind has none (infinite). The three kinds named here
     * keep their properties; every other kind has its kind file's {@code positionToleranceM}.
     */
    public double metres(DeviceKind kind) {
        if (kind.mobile()) {
            return Double.POSITIVE_INFINITY;
        }
        if (kind.equals(DeviceKind.CAMERA)) {
            return camera;
        }
        if (kind.equals(DeviceKind.ACCESS_GATE)) {
            return accessGate;
        }
        if (kind.equals(DeviceKind.PERIMETER_ALARM)) {
            return perimeterAlarm;
        }
        return kind.spec().positionToleranceM();
    }
}
