package org.redwhistle.ingest.pipeline.internal;

import java.time.OffsetDateTime;

import org.redwhistle.devices.contract.EventType;

import tools.jackson.databind.JsonNode;

/** What a decoder makes of one message: a typed record, or a rejection with its reason. Never null. */
public sealed interface Decoded {

    /** A valid event; {@code lon}/{@code lat} already WGS-84, null when the device sent none. */
    record Event(String deviceId, String msgId, EventType type, OffsetDateTime ts, Double lon, Double lat,
            JsonNode payload) implements Decoded {
    }

    /** A patrol terminal's position (telemetry {@code position}). */
    record Position(String deviceId, OffsetDateTime ts, double lon, double lat, Float accuracyM, Float speedMps,
            Float headingDeg, Float battery) implements Decoded {
    }

    /** The device's retained status or Last Will. */
    record Status(String deviceId, boolean online) implements Decoded {
    }

    /** A device's answer to a command. */
    record CommandAck(String deviceId, String cmdId, boolean ok, String detail) implements Decoded {
    }

    /** Telemetry the platform does not store (readings other than positions). */
    record Ignored(String deviceId, String why) implements Decoded {
    }

    /** Invalid: dead-lettered with this reason. */
    record Rejected(String deviceId, String reason) implements Decoded {
    }
}
