package org.redwhistle.api.members;

import java.time.Instant;

/** A member reported a position from the phone (WGS-84). */
public record PhoneFixReported(long memberId, String name, double lon, double lat, Instant at) {
}
