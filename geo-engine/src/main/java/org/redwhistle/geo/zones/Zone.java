package org.redwhistle.geo.zones;

import java.util.List;

import org.locationtech.jts.geom.Geometry;

/**
 * A perimeter zone (a guarded wall or fence, line or polygon; perimeter alarms report intrusions
 * against its code) or a restricted area (a polygon that people and devices must not enter while
 * armed), with its arming schedule.
 */
public record Zone(long id, String code, String name, Kind kind, long areaId, List<Long> areaPath, Geometry geometry,
        ArmingSchedule arming) {

    public enum Kind {
        PERIMETER,
        RESTRICTED
    }

    public boolean isArmed(java.time.Instant at) {
        return arming.isArmed(at);
    }
}
