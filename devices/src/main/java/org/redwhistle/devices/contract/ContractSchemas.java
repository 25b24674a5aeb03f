package org.redwhistle.devices.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON Schemas of the device contract (resources {@code org/redwhistle/devices/schemas/}): one
 * per event type the kind files declare ({@link DeviceKinds}), plus telemetry, status, commands (the
 * command list from the kind files; {@code command.<name>} for a command's args where published)
 * and provisioning. The decoders take each type's
 * required fields and allowed values from here, and the AsyncAPI document embeds the same files, so
 * the documented contract and the enforced one cannot drift apart.
 */
public final class ContractSchemas {

    private static final Set<String> ENVELOPE = Set.of("msgId", "ts", "type");
    private static final List<String> OTHERS = List.of("telemetry.position", "status", "command", "command-ack",
            "provision-request", "provision-response");
    private static final Map<String, JsonNode> ALL = new LinkedHashMap<>();
    // the decoder asks these of every event: read from the schema once
    private static final Map<EventType, List<ConditionalRequirement>> CONDITIONAL = new java.util.concurrent.ConcurrentHashMap<>();
    private static final Map<EventType, List<String>> NUMERIC = new java.util.concurrent.ConcurrentHashMap<>();

    static {
        JsonMapper json = JsonMapper.builder().build();
        DeviceKinds.Registry kinds = DeviceKinds.registry();
        for (EventType t : kinds.eventTypes()) {
            ALL.put("event." + t.wire(), kinds.eventSchema(t));
        }
        for (String name : OTHERS) {
            JsonNode s = load(json, name);
            if (name.equals("command")) {
                // the commands are those the kind files list
                ArrayNode names = ((ObjectNode) s.path("properties").path("command")).putArray("enum");
                kinds.commandTypes().forEach(c -> names.add(c.wire()));
            }
            ALL.put(name, s);
        }
        for (CommandType c : kinds.commandTypes()) {
            kinds.commandArgsSchema(c).ifPresent(s -> ALL.put("command." + c.wire(), s));
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
        return DeviceKinds.registry().eventSchema(type);
    }

    /** The fields an event of this type must carry beyond the envelope (msgId, ts, type). */
    public static List<String> requiredFields(EventType type) {
        List<String> out = new ArrayList<>();
        for (JsonNode f : event(type).path("required")) {
            if (!ENVELOPE.contains(f.asText())) {
                out.add(f.asText());
            }
        }
        return out;
    }

    /** The allowed values of a string field of this event type, when the schema lists them. */
    public static Optional<List<String>> allowedValues(EventType type, String field) {
        JsonNode e = event(type).path("properties").path(field).path("enum");
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
        event(type).path("properties").properties().forEach(p -> {
            if (p.getValue().path("enum").isArray() && !p.getKey().equals("crs")) {
                out.add(p.getKey());
            }
        });
        return out;
    }

    /** A field required only when another field has a given value (the schema's if/then). */
    public record ConditionalRequirement(String field, String whenField, String whenValue) {
    }

    /**
     * The schema's fields required only when another field has a value, from
     * {@code "if": {"properties": {"match": {"const": "watchlist"}}, "then": {"required": ["personId"]}}},
     * at the top or in {@code allOf}.
     */
    public static List<ConditionalRequirement> conditionalRequirements(EventType type) {
        return CONDITIONAL.computeIfAbsent(type, ContractSchemas::readConditionalRequirements);
    }

    private static List<ConditionalRequirement> readConditionalRequirements(EventType type) {
        JsonNode schema = event(type);
        List<JsonNode> branches = new ArrayList<>();
        branches.add(schema);
        schema.path("allOf").forEach(branches::add);
        List<ConditionalRequirement> out = new ArrayList<>();
        for (JsonNode b : branches) {
            if (!b.has("if") || !b.has("then")) {
                continue;
            }
            b.path("if").path("properties").properties().forEach(cond -> {
                if (cond.getValue().has("const")) {
                    b.path("then").path("required").forEach(f ->
                            out.add(new ConditionalRequirement(f.asText(), cond.getKey(), cond.getValue().get("const").asText())));
                }
            });
        }
        return List.copyOf(out);
    }

    /** The numeric fields of this event type (type number or integer) other than lon and lat. */
    public static List<String> numericFields(EventType type) {
        return NUMERIC.computeIfAbsent(type, ContractSchemas::readNumericFields);
    }

    private static List<String> readNumericFields(EventType type) {
        List<String> out = new ArrayList<>();
        event(type).path("properties").properties().forEach(p -> {
            String t = p.getValue().path("type").asText();
            if ((t.equals("number") || t.equals("integer")) && !p.getKey().equals("lon") && !p.getKey().equals("lat")) {
                out.add(p.getKey());
            }
        });
        return List.copyOf(out);
    }
}
