package org.redwhistle.api.alarms.internal;

import java.time.Instant;

import org.redwhistle.api.zones.ZoneEntryAlarms;
import org.springframework.stereotype.Component;

/** An entry into an armed restricted area as a {@code zone.enter} alarm. */
@Component
class ZoneEntryAlarmsAdapter implements ZoneEntryAlarms {

    private final AlarmService alarms;

    ZoneEntryAlarmsAdapter(AlarmService alarms) {
        this.alarms = alarms;
    }

    @Override
    public long raiseZoneEntry(String zoneCode, String zoneName, String subjectLabel, String deviceId, double lon, double lat, Instant at) {
        return alarms.raiseZoneEntry(zoneCode, zoneName, subjectLabel, deviceId, lon, lat, at).id();
    }
}
