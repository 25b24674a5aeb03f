package org.redwhistle.ingest.pipeline.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import org.redwhistle.devices.contract.ContractSchemas;
import org.redwhistle.devices.contract.CoordinateSystem;
import org.redwhistle.devices.contract.DeviceKind;
import org.redwhistle.devices.contract.EventType;
import org.redwhistle.devices.contract.Topics;
import org.redwhistle.geo.crs.ChineseCoordinates;
import org.redwhistle.ingest.registry.RegisteredDevice;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pure decoding and validation of device messages against the contract: bytes, topic and the
 * registered device in; a typed record or a rejection with a specific reason out.
 */
public final class MessageDecoder {

    private final JsonMapper json;
    private final int maxPayloadBytes;
    private final Duration maxFutureSkew;
    private final Duration maxEventAge;
    private final ContractValidator contract = new ContractValidator();

    /**
     * @param maxFutureSkew a ts further ahead of the platform's clock is rejected
     * @param maxEventAge   a ts further back is rejected: the floor below which nothing is stored
     */
    public MessageDecoder(JsonMapper json, int maxPayloadBytes, Duration maxFutureSkew, Duration maxEventAge) {
        this.json = json;
        this.maxPayloadBytes = maxPayloadBytes;
        this.maxFutureSkew = maxFutureSkew;
        this.maxEventAge = maxEventAge;
    }

    public Decoded decode(Topics.DeviceTopic topic, Optional<RegisteredDevice> device, byte[] payload, Instant now) {
        String id = topic.deviceId();
        if (device.isEmpty()) {
            return new Decoded.Rejected(id, "device '" + id + "' is not registered");
        }
        if (payload.length > maxPayloadBytes) {
            return new Decoded.Rejected(id, "payload of " + payload.length + " bytes exceeds the limit of " + maxPayloadBytes);
        }
        if (containsNulEscape(payload)) {
            return new Decoded.Rejected(id, "payload contains \\u0000, which cannot be stored");
        }
        JsonNode body;
        try {
            body = json.readTree(payload);
        } catch (JacksonException e) {
            return new Decoded.Rejected(id, "payload is not valid JSON: " + firstLine(e.getOriginalMessage()));
        }
        if (body == null || !body.isObject()) {
            return new Decoded.Rejected(id, "payload must be a JSON object");
        }
        try {
            return switch (topic.channel()) {
                case EVENTS -> event(id, device.get().kind(), body, now);
                case TELEMETRY -> telemetry(id, device.get().kind(), body, now);
                case STATUS -> status(id, body);
                case COMMAND_ACKS -> commandAck(id, body);
                default -> new Decoded.Rejected(id, "channel '" + topic.channel().path() + "' is not accepted by ingest yet");
            };
        } catch (Invalid e) {
            return new Decoded.Rejected(id, e.getMessage());
        }
    }

    private Decoded event(String id, DeviceKind kind, JsonNode body, Instant now) {
        String msgId = requiredText(body, "msgId", 128);
        String typeName = requiredText(body, "type", 64);
        EventType type = EventType.fromWire(typeName)
                .orElseThrow(() -> new Invalid("type '" + typeName + "' is not a known event type"));
        if (!type.allowedFor(kind)) {
            throw new Invalid("type '" + typeName + "' cannot be sent by a " + kind.wire() + " device");
        }
        OffsetDateTime ts = timestamp(body, now);
        JsonNode properties = ContractSchemas.event(type).path("properties");
        for (String field : ContractSchemas.requiredFields(type)) {
            if (properties.path(field).path("type").asText("string").equals("string")) {
                requiredText(body, field, 256);
            } else if (!body.has(field) || body.get(field).isNull()) {
                throw new Invalid(field + " is required");
            }
        }
        for (ContractSchemas.ConditionalRequirement r : ContractSchemas.conditionalRequirements(type)) {
            if (r.whenValue().equals(body.path(r.whenField()).asText(null)) && (!body.has(r.field()) || body.get(r.field()).isNull())) {
                throw new Invalid(r.field() + " is required when " + r.whenField() + " is " + r.whenValue());
            }
        }
        for (String field : ContractSchemas.enumeratedFields(type)) {
            if (body.has(field)) {
                oneOf(body, field, ContractSchemas.allowedValues(type, field).orElseThrow().toArray(String[]::new));
            }
        }
        for (String field : ContractSchemas.numericFields(type)) {
            if (body.has(field)) {
                withinSchema(body, field, properties.path(field));
            }
        }
        ChineseCoordinates.LonLat p = location(body, false);
        conform("event." + type.wire(), body);
        return new Decoded.Event(id, msgId, type, ts, p == null ? null : p.lon(), p == null ? null : p.lat(), body);
    }

    private Decoded telemetry(String id, DeviceKind kind, JsonNode body, Instant now) {
        String type = body.path("type").asText("position");
        if (!"position".equals(type)) {
            return new Decoded.Ignored(id, "telemetry type '" + type + "' is not stored");
        }
        if (!kind.sendsPositions()) {
            throw new Invalid("position telemetry is accepted from "
                    + String.join(", ", DeviceKind.values().stream().filter(DeviceKind::sendsPositions).map(DeviceKind::wire).toList())
                    + " devices only");
        }
        OffsetDateTime ts = timestamp(body, now);
        ChineseCoordinates.LonLat p = location(body, true);
        if (!FastPaths.certainlyValidPosition(body)) {
            conform("telemetry.position", body);
        }
        return new Decoded.Position(id, ts, p.lon(), p.lat(), optionalFloat(body, "accuracyM", 0, 100_000),
                optionalFloat(body, "speedMps", 0, 500), optionalFloat(body, "headingDeg", 0, 360),
                optionalFloat(body, "battery", 0, 100));
    }

    private Decoded status(String id, JsonNode body) {
        String state = body.path("state").asText("");
        Decoded d = switch (state) {
            case "online" -> new Decoded.Status(id, true);
            case "offline" -> new Decoded.Status(id, false);
            default -> throw new Invalid("state must be 'online' or 'offline', got '" + state + "'");
        };
        conform("status", body);
        return d;
    }

    private Decoded commandAck(String id, JsonNode body) {
        String cmdId = requiredText(body, "cmdId", 64);
        oneOf(body, "result", "ok", "failed");
        conform("command-ack", body);
        JsonNode detail = body.get("detail");
        String d = detail != null && detail.isString() ? detail.asText() : null;
        return new Decoded.CommandAck(id, cmdId, "ok".equals(body.path("result").asText()), d);
    }

    /** Everything else the contract's schema says, after the checks above gave their specific reasons. */
    private void conform(String schema, JsonNode body) {
        contract.violation(schema, body).ifPresent(v -> {
            throw new Invalid(v);
        });
    }

    private OffsetDateTime timestamp(JsonNode body, Instant now) {
        String raw = requiredText(body, "ts", 64);
        OffsetDateTime ts = FastPaths.timestamp(raw);
        if (ts == null) {
            try {
                ts = OffsetDateTime.parse(raw);
            } catch (DateTimeParseException e) {
                throw new Invalid("ts '" + raw + "' is not ISO-8601 with an offset (e.g. 2026-11-26T22:15:03.120+08:00)");
            }
        }
        Duration ahead = Duration.between(now, ts.toInstant());
        if (ahead.compareTo(maxFutureSkew) > 0) {
            throw new Invalid("ts is " + ahead.toSeconds() + " s in the future (at most " + maxFutureSkew.toSeconds() + " s allowed)");
        }
        if (ahead.negated().compareTo(maxEventAge) > 0) {
            throw new Invalid("ts is " + ahead.negated().toSeconds() + " s in the past (at most " + maxEventAge.toSeconds() + " s allowed)");
        }
        return ts;
    }

    /** lon/lat in the given crs, converted to WGS-84; both or neither unless required. */
    private static ChineseCoordinates.LonLat location(JsonNode body, boolean required) {
        boolean hasLon = body.has("lon");
        boolean hasLat = body.has("lat");
        if (!hasLon && !hasLat && !required) {
            return null;
        }
        if (!hasLon || !hasLat) {
            throw new Invalid((hasLon ? "lat" : "lon") + " is required" + (required ? "" : " when " + (hasLon ? "lon" : "lat") + " is given"));
        }
        double lon = number(body, "lon", -180, 180);
        double lat = number(body, "lat", -90, 90);
        String crsName = body.path("crs").asText("wgs84");
        CoordinateSystem crs = CoordinateSystem.fromWire(crsName)
                .orElseThrow(() -> new Invalid("crs '" + crsName + "' is not one of wgs84, gcj02, bd09"));
        return switch (crs) {
            case WGS84 -> new ChineseCoordinates.LonLat(lon, lat);
            case GCJ02 -> ChineseCoordinates.gcj02ToWgs84(lon, lat);
            case BD09 -> ChineseCoordinates.bd09ToWgs84(lon, lat);
        };
    }

    private static String requiredText(JsonNode body, String field, int maxLength) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            throw new Invalid(field + " is required");
        }
        if (!v.isString() || v.asText().isBlank()) {
            throw new Invalid(field + " must be a non-empty string");
        }
        if (v.asText().length() > maxLength) {
            throw new Invalid(field + " is longer than " + maxLength + " characters");
        }
        return v.asText();
    }

    private static void oneOf(JsonNode body, String field, String... allowed) {
        String v = body.path(field).asText();
        for (String a : allowed) {
            if (a.equals(v)) {
                return;
            }
        }
        throw new Invalid(field + " must be one of " + String.join(", ", allowed) + ", got '" + v + "'");
    }

    private static double number(JsonNode body, String field, double min, double max) {
        JsonNode v = body.get(field);
        if (v == null || !v.isNumber()) {
            throw new Invalid(field + " must be a number");
        }
        double d = v.asDouble();
        if (!(d >= min && d <= max)) {
            throw new Invalid(field + " " + d + " is outside [" + min + ", " + max + "]");
        }
        return d;
    }

    /** A number field within its schema's type and range, named in the reason when not. */
    private static void withinSchema(JsonNode body, String field, JsonNode rule) {
        JsonNode v = body.get(field);
        if (!v.isNumber()) {
            throw new Invalid(field + " must be a number");
        }
        if (rule.path("type").asText().equals("integer") && !(v.isIntegralNumber() || v.asDouble() == Math.rint(v.asDouble()))) {
            throw new Invalid(field + " must be a whole number, got " + v.asText());
        }
        double d = v.asDouble();
        double min = rule.path("minimum").asDouble(Double.NEGATIVE_INFINITY);
        double max = rule.path("maximum").asDouble(Double.POSITIVE_INFINITY);
        if (!(d >= min && d <= max)) {
            throw new Invalid(rule.has("minimum") && rule.has("maximum") ? field + " " + v.asText() + " is outside [" + fmt(min) + ", " + fmt(max) + "]"
                    : rule.has("minimum") ? field + " must be at least " + fmt(min) + ", got " + v.asText()
                    : field + " must be at most " + fmt(max) + ", got " + v.asText());
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static Float optionalFloat(JsonNode body, String field, double min, double max) {
        return body.has(field) && !body.get(field).isNull() ? (float) number(body, field, min, max) : null;
    }

    /** PostgreSQL's jsonb refuses the NUL character; find its escape before the database does. */
    private static boolean containsNulEscape(byte[] p) {
        for (int i = 0; i + 5 < p.length; i++) {
            if (p[i] == '\\' && (p[i + 1] == 'u' || p[i + 1] == 'U') && p[i + 2] == '0' && p[i + 3] == '0' && p[i + 4] == '0' && p[i + 5] == '0') {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }

    /** A validation failure; its message is the dead-letter reason. */
    private static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }
}
