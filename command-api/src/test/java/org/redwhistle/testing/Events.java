package org.redwhistle.testing;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** Contract payloads for tests. */
public final class Events {

    private Events() {
    }

    public static String newMsgId() {
        return UUID.randomUUID().toString();
    }

    public static String now() {
        return OffsetDateTime.now(ZoneOffset.ofHours(8)).toString();
    }

    public static String intrusion(String msgId, String ts, double lon, double lat, String zoneId) {
        return """
                {"msgId":"%s","ts":"%s","type":"perimeter.intrusion","lon":%s,"lat":%s,"zoneId":"%s","sensor":"vibration-2"}"""
                .formatted(msgId, ts, lon, lat, zoneId);
    }
}
