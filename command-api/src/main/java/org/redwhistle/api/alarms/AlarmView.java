package org.redwhistle.api.alarms;

import java.time.Instant;
import java.util.List;

/** An alarm as REST and STOMP show it. */
public record AlarmView(long id, String type, AlarmSeverity severity, AlarmStatus status, String title,
        String deviceId, String deviceName, String deviceKind, String zoneId, double lon, double lat,
        Long gridId, String gridName, List<Long> areaPath, int count, Instant firstSeenAt, Instant lastSeenAt,
        String eventMsgId) {
}
