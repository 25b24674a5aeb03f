package org.redwhistle.api.alarms;

import java.time.Instant;
import java.util.List;

/**
 * An alarm as REST and STOMP show it. {@code verification} is what the covering cameras said
 * ({@link AlarmVerification}; null for alarm types that are not verified), with its
 * note; {@code snapshots} are the ids of the snapshots linked to it; {@code responders} the members sent
 * to it and how far they are with it ({@link AlarmResponder}), first sent first. {@code version} goes up with
 * every change (repeats included): a client keeps the view with the highest, whatever order frames
 * arrive in.
 */
public record AlarmView(long id, String type, AlarmSeverity severity, AlarmStatus status, String title,
        String deviceId, String deviceName, String deviceKind, String zoneId, double lon, double lat,
        Long gridId, String gridName, List<Long> areaPath, int count, Instant firstSeenAt, Instant lastSeenAt,
        String eventMsgId, List<Long> photos, AlarmVerification verification, String verificationNote, List<Long> snapshots,
        List<AlarmResponder> responders, long version) {

    /** The same alarm with its position in another coordinate system (stored positions are WGS-84). */
    public AlarmView in(org.redwhistle.devices.contract.CoordinateSystem crs) {
        var p = org.redwhistle.api.geo.Crs.fromWgs84(crs, lon, lat);
        return new AlarmView(id, type, severity, status, title, deviceId, deviceName, deviceKind, zoneId, p.lon(), p.lat(), gridId, gridName,
                areaPath, count, firstSeenAt, lastSeenAt, eventMsgId, photos, verification, verificationNote, snapshots, responders, version);
    }
}
