package org.redwhistle.devices.contract;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and checks the kind files of one classpath ({@link DeviceKinds}): every field known, every
 * event type with its schema, every alarm rule about one of the kind's events, every icon present.
 * A mistake fails the start with the file and field named.
 */
final class KindFileReader {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9_]{1,31}");
    private static final Pattern EVENT = Pattern.compile("[a-z][a-z0-9_]*\\.[a-z][a-z0-9_]*");
    private static final Pattern COMMAND = Pattern.compile("[a-z][a-z0-9_]{1,31}");
    private static final Pattern ID_PREFIX = Pattern.compile("[a-z][a-z0-9]{0,15}");
    private static final Set<String> FIELDS = Set.of("kind", "label", "description", "idPrefix", "mobile", "snapshots", "positions",
            "events", "commands", "alarms", "attributes", "rateLimit", "positionToleranceM", "icon", "color");
    private static final Set<String> RULE_FIELDS = Set.of("event", "alarm", "severity", "title", "zoneField", "when");
    private static final Set<String> WHEN_FIELDS = Set.of("field", "atLeast", "atMost", "equals");
    /** AlarmSeverity's names (command-api); its AlarmRulesTest checks they agree. */
    static final List<String> SEVERITIES = List.of("LOW", "MEDIUM", "HIGH", "CRITICAL");
    private static final String HEARTBEAT_LABEL = "设备心跳";

    private final ClasspathDirectory dir;
    private final Map<EventType, JsonNode> schemas = new HashMap<>();

    KindFileReader(ClasspathDirectory dir) {
        this.dir = dir;
    }

    DeviceKinds.Registry read() {
        List<DeviceKinds.Kind> kinds = new ArrayList<>();
        for (String file : dir.list(".json")) {
            kinds.add(kind(file));
        }
        if (kinds.isEmpty()) {
            throw new IllegalStateException("no kind files under " + DeviceKinds.KINDS + " on the classpath");
        }
        Map<EventType, String> labels = new HashMap<>();
        for (DeviceKinds.Kind k : kinds) {
            for (DeviceKinds.Event e : k.events()) {
                String other = labels.putIfAbsent(e.type(), e.label());
                if (other != null && !other.equals(e.label())) {
                    throw new IllegalStateException("kinds/" + k.kind().wire() + ".json: event '" + e.type().wire() + "' is labelled '"
                            + e.label() + "', another kind file labels it '" + other + "'");
                }
            }
        }
        return new DeviceKinds.Registry(kinds, schemas);
    }

    private DeviceKinds.Kind kind(String file) {
        String where = "kinds/" + file;
        String wire = file.substring(0, file.length() - ".json".length());
        JsonNode k;
        try {
            k = JSON.readTree(dir.read(DeviceKinds.KINDS + file).orElseThrow());
        } catch (JacksonException e) {
            throw new IllegalStateException(where + " is not valid JSON: " + e.getOriginalMessage());
        }
        if (!k.isObject()) {
            throw new IllegalStateException(where + " must be a JSON object");
        }
        for (String f : k.propertyNames()) {
            if (!FIELDS.contains(f)) {
                throw new IllegalStateException(where + ": unknown field '" + f + "' (known: " + String.join(", ", FIELDS.stream().sorted().toList()) + ")");
            }
        }
        if (!KIND.matcher(wire).matches()) {
            throw new IllegalStateException(where + ": the file name must be the kind's wire name, " + KIND.pattern());
        }
        if (!wire.equals(text(k, "kind", where))) {
            throw new IllegalStateException(where + ": kind '" + k.path("kind").asText() + "' must be the file's name, '" + wire + "'");
        }
        DeviceKind kind = DeviceKind.named(wire);
        String label = text(k, "label", where);
        String idPrefix = k.path("idPrefix").asText(wire.replace("_", ""));
        if (!ID_PREFIX.matcher(idPrefix).matches()) {
            throw new IllegalStateException(where + ": idPrefix '" + idPrefix + "' must match " + ID_PREFIX.pattern());
        }
        boolean mobile = bool(k, "mobile", where);
        List<DeviceKinds.Event> events = events(k, where);
        List<DeviceKinds.Command> commands = commands(k, where);
        List<AlarmRule> alarms = alarms(k, where, events);
        Map<String, String> attributes = new LinkedHashMap<>();  // in the file's order
        k.path("attributes").properties().forEach(a -> attributes.put(a.getKey(), a.getValue().asText()));
        JsonNode limit = k.path("rateLimit");
        double rate = limit.path("rate").asDouble(5);
        int burst = limit.path("burst").asInt(20);
        if (!(rate > 0) || burst < 1) {
            throw new IllegalStateException(where + ": rateLimit needs a rate above 0 and a burst of at least 1");
        }
        double tolerance = mobile ? Double.POSITIVE_INFINITY : k.path("positionToleranceM").asDouble(50);
        String icon = k.path("icon").asText(wire + ".svg");
        String svg = dir.read(DeviceKinds.KINDS + icon).map(b -> new String(b, StandardCharsets.UTF_8))
                .orElseThrow(() -> new IllegalStateException(where + ": its icon kinds/" + icon + " is missing"));
        if (!svg.contains("<svg")) {
            throw new IllegalStateException(where + ": its icon kinds/" + icon + " is not an SVG");
        }
        String color = k.path("color").asText("#adb5bd");
        if (!color.matches("#[0-9a-fA-F]{6}")) {
            throw new IllegalStateException(where + ": color '" + color + "' must be #rrggbb");
        }
        return new DeviceKinds.Kind(kind, label, k.path("description").asText(""), idPrefix, mobile, bool(k, "snapshots", where),
                bool(k, "positions", where), events, commands, alarms, attributes, rate, burst, tolerance, svg, color);
    }

    private List<DeviceKinds.Event> events(JsonNode k, String where) {
        List<DeviceKinds.Event> out = new ArrayList<>();
        for (JsonNode e : k.path("events")) {
            String type = text(e, "type", where + " events[]");
            if (!EVENT.matcher(type).matches()) {
                throw new IllegalStateException(where + ": event type '" + type + "' must look like family.name (" + EVENT.pattern() + ")");
            }
            if (type.equals(EventType.DEVICE_HEARTBEAT.wire())) {
                throw new IllegalStateException(where + ": every kind sends device.heartbeat; do not list it");
            }
            EventType t = EventType.named(type);
            schema(t, where);
            out.add(new DeviceKinds.Event(t, text(e, "label", where + " event '" + type + "'")));
        }
        schema(EventType.DEVICE_HEARTBEAT, where);
        out.add(new DeviceKinds.Event(EventType.DEVICE_HEARTBEAT, HEARTBEAT_LABEL));
        return List.copyOf(out);
    }

    private void schema(EventType t, String where) {
        if (schemas.containsKey(t)) {
            return;
        }
        String path = DeviceKinds.SCHEMAS + "event." + t.wire() + ".json";
        byte[] bytes = dir.read(path).orElseThrow(() -> new IllegalStateException(where + ": event '" + t.wire()
                + "' has no schema; add schemas/event." + t.wire() + ".json"));
        JsonNode s = JSON.readTree(bytes);
        if (!t.wire().equals(s.path("properties").path("type").path("const").asText())) {
            throw new IllegalStateException("schemas/event." + t.wire() + ".json: properties.type.const must be '" + t.wire() + "'");
        }
        schemas.put(t, s);
    }

    private List<DeviceKinds.Command> commands(JsonNode k, String where) {
        List<DeviceKinds.Command> out = new ArrayList<>();
        for (JsonNode c : k.path("commands")) {
            String name = text(c, "command", where + " commands[]");
            if (!COMMAND.matcher(name).matches()) {
                throw new IllegalStateException(where + ": command '" + name + "' must match " + COMMAND.pattern());
            }
            Optional<JsonNode> args = dir.read(DeviceKinds.SCHEMAS + "command." + name + ".json").map(JSON::readTree);
            out.add(new DeviceKinds.Command(CommandType.named(name), text(c, "label", where + " command '" + name + "'"), args));
        }
        return List.copyOf(out);
    }

    private List<AlarmRule> alarms(JsonNode k, String where, List<DeviceKinds.Event> events) {
        List<AlarmRule> out = new ArrayList<>();
        for (JsonNode r : k.path("alarms")) {
            String event = text(r, "event", where + " alarms[]");
            String at = where + " alarm on '" + event + "'";
            for (String f : r.propertyNames()) {
                if (!RULE_FIELDS.contains(f)) {
                    throw new IllegalStateException(at + ": unknown field '" + f + "'");
                }
            }
            EventType type = events.stream().map(DeviceKinds.Event::type).filter(t -> t.wire().equals(event)).findFirst()
                    .orElseThrow(() -> new IllegalStateException(at + ": '" + event + "' is not one of this kind's events"));
            String severity = text(r, "severity", at);
            if (!SEVERITIES.contains(severity)) {
                throw new IllegalStateException(at + ": severity '" + severity + "' is not one of " + String.join(", ", SEVERITIES));
            }
            Optional<String> zoneField = Optional.ofNullable(r.path("zoneField").asText(null));
            zoneField.ifPresent(f -> field(type, f, at + " zoneField"));
            out.add(new AlarmRule(type, r.path("alarm").asText(event), severity, text(r, "title", at), zoneField, when(r, type, at)));
        }
        return List.copyOf(out);
    }

    private Optional<AlarmRule.Condition> when(JsonNode r, EventType type, String at) {
        JsonNode w = r.get("when");
        if (w == null) {
            return Optional.empty();
        }
        for (String f : w.propertyNames()) {
            if (!WHEN_FIELDS.contains(f)) {
                throw new IllegalStateException(at + ": when has an unknown field '" + f + "' (known: field, atLeast, atMost, equals)");
            }
        }
        String field = text(w, "field", at + " when");
        field(type, field, at + " when");
        Optional<Double> atLeast = w.has("atLeast") ? Optional.of(w.get("atLeast").asDouble()) : Optional.empty();
        Optional<Double> atMost = w.has("atMost") ? Optional.of(w.get("atMost").asDouble()) : Optional.empty();
        Optional<String> equalTo = Optional.ofNullable(w.path("equals").asText(null));
        if (atLeast.isEmpty() && atMost.isEmpty() && equalTo.isEmpty()) {
            throw new IllegalStateException(at + ": when needs atLeast, atMost or equals");
        }
        return Optional.of(new AlarmRule.Condition(field, atLeast, atMost, equalTo));
    }

    private void field(EventType type, String field, String at) {
        if (!schemas.get(type).path("properties").has(field)) {
            throw new IllegalStateException(at + ": '" + field + "' is not a field of the " + type.wire() + " schema");
        }
    }

    private static String text(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || !v.isString() || v.asText().isBlank()) {
            throw new IllegalStateException(where + ": '" + field + "' is required (a non-empty string)");
        }
        return v.asText();
    }

    private static boolean bool(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v != null && !v.isBoolean()) {
            throw new IllegalStateException(where + ": '" + field + "' must be true or false");
        }
        return v != null && v.asBoolean();
    }
}
