package org.redwhistle.ingest.commands;

import java.time.Instant;

import tools.jackson.databind.JsonNode;

/** A command and where it stands: SENT, then OK, FAILED or TIMED_OUT. */
public record CommandView(String cmdId, String deviceId, String command, JsonNode args, String status, String detail,
        String requestedBy, Instant requestedAt, Instant completedAt) {
}
