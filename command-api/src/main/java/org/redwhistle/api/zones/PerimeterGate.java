package org.redwhistle.api.zones;

import java.util.Optional;

import org.redwhistle.api.zones.internal.ZoneActivity;
import org.redwhistle.geo.zones.Zone;
import org.redwhistle.geo.zones.ZoneDirectory;
import org.redwhistle.ingest.pipeline.StoredEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Decides whether a perimeter intrusion raises an alarm: yes when its zone is armed at the event's
 * time (or the zone is unknown: better a false alarm than a missed climber); no when the zone is
 * disarmed, and then the intrusion is only logged. Either way it lands in the zone's activity log.
 */
@Component
public class PerimeterGate {

    private static final Logger log = LoggerFactory.getLogger(PerimeterGate.class);

    private final ZoneDirectory zones;
    private final ZoneActivity activity;

    public PerimeterGate(ZoneDirectory zones, ZoneActivity activity) {
        this.zones = zones;
        this.activity = activity;
    }

    /** True if the intrusion should raise an alarm; logs it when it should not. */
    public boolean admit(StoredEvent e) {
        Optional<Zone> zone = zones.byCode(e.payload().path("zoneId").asText(null));
        if (zone.isEmpty() || zone.get().isArmed(e.ts().toInstant())) {
            return true;
        }
        activity.log(zone.get().id(), "INTRUSION", "device:" + e.deviceId(), e.ts().toInstant(), false, null,
                "zone disarmed at the time: logged, no alarm (msgId " + e.msgId() + ")");
        log.info("intrusion on disarmed zone {} from {} logged without alarm", zone.get().code(), e.deviceId());
        return false;
    }

    /** Records the alarm an admitted intrusion raised. */
    public void raised(StoredEvent e, long alarmId) {
        zones.byCode(e.payload().path("zoneId").asText(null)).ifPresent(z -> activity.log(z.id(), "INTRUSION", "device:" + e.deviceId(),
                e.ts().toInstant(), true, alarmId, "msgId " + e.msgId()));
    }
}
