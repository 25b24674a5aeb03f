package org.redwhistle.devices.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON Schemas of the device contract (resources {@code org/redwhistle/devices/schemas/}): one
 * per event type, plus telemetry, status, commands and provisioning. The decoders take each type's
 * required fields and allowed values from here, and the AsyncAPI document embeds the same files, so
 * the documented contract and the enforced one cannot drift apart.
 */
public final class ContractSchemas {

    private static final Set<String> ENVELOPE = Set.of("msgId", "ts", "type");
    private static final List<String> OTHERS = List.of("telemetry.position", "status", "command", "command-ack",
            "provision-request", "provision-response");
    private static final Map<EventType, JsonNode> EVENTS = new EnumMap<>(EventType.class);
    private static final Map<String, JsonNode> ALL = new LinkedHashMap<>();

    static {
        JsonMapper json = JsonMapper.builder().build();
        for (EventType t : EventType.values()) {
            JsonNode s = load(json, "event." + t.wire());
            EVENTS.put(t, s);
            ALL.put("event." + t.wire(), s);
        }
        for (String name : OTHERS) {
            ALL.put(name, load(json, name));
        }
    }

    private ContractSchemas() {
    }

    private static JsonNode load(JsonMapper json, String name) {
        try (InputStream in = ContractSchemas.class.getResourceAsStream("/org/redwhistle/devices/schemas/" + name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("schema " + name + ".json is missing from the contract");
            }
            return json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every schema by name ({@code event.perimeter.intrusion}, {@code status}, …), in a stable order. */
    public static Map<String, JsonNode> all() {
        return ALL;
    }

    public static JsonNode event(EventType type) {
        return EVENTS.get(type);
    }

    /** The fields an event of this type must carry beyond the envelope (msgId, ts, type). */
    public static List<String> requiredFields(EventType type) {
        List<String> out = new ArrayList<>();
        for (JsonNode f : EVENTS.get(type).path("required")) {
            if (!ENVELOPE.contains(f.asText())) {
                out.add(f.asText());
            }
        }
        return out;
    }

    /** The allowed values of a string field of this event type, when the schema lists them. */
    public static Optional<List<String>> allowedValues(EventType type, String field) {
        JsonNode e = EVENTS.get(type).path("properties").path(field).path("enum");
        if (!e.isArray()) {
            return Optional.empty();
        }
        List<String> values = new ArrayList<>();
        e.forEach(v -> values.add(v.asText()));
        return Optional.of(values);
    }

    /** Fields of this event type whose schema lists allowed values. */
    public static List<String> enumeratedFields(EventType type) {
        List<String> out = new ArrayList<>();
        EVENTS.get(type).path("properties").properties().forEach(p -> {
            if (p.getValue().path("enum").isArray() && !p.getKey().equals("crs")) {
                out.add(p.getKey());
            }
        });
        return out;
    }
}
