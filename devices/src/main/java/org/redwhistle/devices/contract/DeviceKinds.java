package org.redwhistle.devices.contract;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

/**
 * The registry of device kinds, loaded from the kind files on the classpath: every
 * {@code org/redwhistle/devices/kinds/<wire>.json} with its icon {@code <wire>.svg}, and the JSON
 * Schema {@code org/redwhistle/devices/schemas/event.<type>.json} of each event type it sends. Adding
 * a kind is adding those files (docs/device-kinds.md); no Java names the kinds except the constants
 * of {@link DeviceKind}, {@link EventType} and {@link CommandType} the platform's own code uses.
 */
public final class DeviceKinds {

    /** Where the kind files are (a classpath directory). */
    public static final String KINDS = "org/redwhistle/devices/kinds/";
    /** Where the contract's JSON Schemas are. */
    public static final String SCHEMAS = "org/redwhistle/devices/schemas/";

    private DeviceKinds() {
    }

    /** An event type a kind sends, with the label users read. */
    public record Event(EventType type, String label) {
    }

    /** A command a kind accepts, with the label users read and the schema of its args, if one is published. */
    public record Command(CommandType type, String label, Optional<JsonNode> argsSchema) {
    }

    /**
     * One kind as its kind file describes it.
     *
     * @param idPrefix         the start of the ids the platform gives its devices at provisioning (cam-…)
     * @param attributes       the place attributes its devices carry (name → what it means), for integrators
     * @param rate             the messages a second a device of this kind may send on average (a default; configuration may override)
     * @param burst            the messages it may send at once
     * @param positionToleranceM how far from its registered place a fixed device's event may say it happened
     * @param iconSvg          its map icon, SVG text
     * @param color            its colour on the map (#rrggbb), for the legend and the aggregated bubbles
     */
    public record Kind(DeviceKind kind, String label, String description, String idPrefix, boolean mobile, boolean snapshots,
            boolean positions, List<Event> events, List<Command> commands, List<AlarmRule> alarms, Map<String, String> attributes,
            double rate, int burst, double positionToleranceM, String iconSvg, String color) {

        public Kind {
            attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        }

        public boolean sends(EventType type) {
            return events.stream().anyMatch(e -> e.type().equals(type));
        }

        public boolean accepts(CommandType type) {
            return commands.stream().anyMatch(c -> c.type().equals(type));
        }

        /** The first of its alarm rules an event of this type and payload raises. */
        public Optional<AlarmRule> alarmFor(EventType type, JsonNode payload) {
            return alarms.stream().filter(r -> r.raisedBy(type, payload)).findFirst();
        }
    }

    /** The kinds of one classpath, with the event types and commands they declare. */
    public static final class Registry {

        private final Map<String, Kind> kinds = new LinkedHashMap<>();
        private final Map<EventType, String> eventLabels = new LinkedHashMap<>();
        private final Map<EventType, JsonNode> eventSchemas = new LinkedHashMap<>();
        private final Map<CommandType, String> commandLabels = new LinkedHashMap<>();
        // read on every message: built once
        private final List<Kind> kindList;
        private final List<EventType> eventTypeList;
        private final Map<String, EventType> eventsByWire = new HashMap<>();
        private final List<CommandType> commandTypeList;

        Registry(List<Kind> loaded, Map<EventType, JsonNode> schemas) {
            for (Kind k : loaded) {
                kinds.put(k.kind().wire(), k);
                k.events().forEach(e -> eventLabels.putIfAbsent(e.type(), e.label()));
                k.commands().forEach(c -> commandLabels.putIfAbsent(c.type(), c.label()));
            }
            // the heartbeat, which every kind sends, last
            String heartbeat = eventLabels.remove(EventType.DEVICE_HEARTBEAT);
            if (heartbeat != null) {
                eventLabels.put(EventType.DEVICE_HEARTBEAT, heartbeat);
            }
            eventLabels.keySet().forEach(t -> eventSchemas.put(t, schemas.get(t)));
            eventLabels.keySet().forEach(t -> eventsByWire.put(t.wire(), t));
            kindList = List.copyOf(kinds.values());
            eventTypeList = List.copyOf(eventLabels.keySet());
            commandTypeList = List.copyOf(commandLabels.keySet());
        }

        /** Every kind, by wire name. */
        public List<Kind> kinds() {
            return kindList;
        }

        public Optional<Kind> find(String wire) {
            return Optional.ofNullable(wire == null ? null : kinds.get(wire));
        }

        public Kind kind(DeviceKind kind) {
            return find(kind.wire()).orElseThrow(() -> new IllegalStateException("no kind file declares the kind '" + kind.wire() + "'"));
        }

        /** Every event type any kind sends. */
        public List<EventType> eventTypes() {
            return eventTypeList;
        }

        /** The registered event type of that wire name, if any. */
        public Optional<EventType> eventType(String wire) {
            return Optional.ofNullable(wire == null ? null : eventsByWire.get(wire));
        }

        public String eventLabel(EventType type) {
            return eventLabels.getOrDefault(type, type.wire());
        }

        /** The JSON Schema of a registered event type. */
        public JsonNode eventSchema(EventType type) {
            JsonNode s = eventSchemas.get(type);
            if (s == null) {
                throw new IllegalArgumentException("no kind sends the event type '" + type.wire() + "'");
            }
            return s;
        }

        /** Every command any kind accepts. */
        public List<CommandType> commandTypes() {
            return commandTypeList;
        }

        public String commandLabel(CommandType type) {
            return commandLabels.getOrDefault(type, type.wire());
        }

        /** The published schema of a command's args, if there is one. */
        public Optional<JsonNode> commandArgsSchema(CommandType type) {
            return kinds.values().stream().flatMap(k -> k.commands().stream()).filter(c -> c.type().equals(type))
                    .map(Command::argsSchema).flatMap(Optional::stream).findFirst();
        }

        /** Fails when one of the Java constants names a kind, event type or command no kind file declares. */
        void requireConstants() {
            List<String> missing = new ArrayList<>();
            for (Field f : constants(DeviceKind.class)) {
                if (!kinds.containsKey(((DeviceKind) get(f)).wire())) {
                    missing.add("DeviceKind." + f.getName());
                }
            }
            for (Field f : constants(EventType.class)) {
                if (!eventLabels.containsKey((EventType) get(f))) {
                    missing.add("EventType." + f.getName());
                }
            }
            for (Field f : constants(CommandType.class)) {
                if (!commandLabels.containsKey((CommandType) get(f))) {
                    missing.add("CommandType." + f.getName());
                }
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException("the platform's code names " + String.join(", ", missing)
                        + ", which no kind file under " + KINDS + " declares");
            }
        }

        private static List<Field> constants(Class<?> type) {
            List<Field> out = new ArrayList<>();
            for (Field f : type.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) && Modifier.isPublic(f.getModifiers()) && f.getType() == type) {
                    out.add(f);
                }
            }
            return out;
        }

        private static Object get(Field f) {
            try {
                return f.get(null);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static final class Holder {
        static final Registry REGISTRY = loadChecked();

        private static Registry loadChecked() {
            Registry r = load(DeviceKinds.class.getClassLoader());
            r.requireConstants();
            return r;
        }
    }

    /** The kinds of the platform's classpath, loaded once. */
    public static Registry registry() {
        return Holder.REGISTRY;
    }

    /**
     * Lists the kinds this classpath holds, or says what is wrong with a kind file: for an integrator
     * checking their files, e.g. {@code java -cp devices.jar:my-kinds/ org.redwhistle.devices.contract.DeviceKinds}.
     */
    public static void main(String[] args) {
        Registry r = registry();
        for (Kind k : r.kinds()) {
            System.out.printf("%s (%s)%s%s%s: events %s; commands %s; alarms %s%n", k.kind().wire(), k.label(), k.mobile() ? ", mobile" : "",
                    k.snapshots() ? ", snapshots" : "", k.positions() ? ", positions" : "",
                    k.events().stream().map(e -> e.type().wire()).toList(), k.commands().stream().map(c -> c.type().wire()).toList(),
                    k.alarms().stream().map(a -> a.alarmType() + " " + a.severity()).toList());
        }
    }

    /**
     * Loads the kind files (and the schemas they need) that a class loader sees; fails with a message
     * naming the file and field when one is wrong.
     */
    public static Registry load(ClassLoader loader) {
        return new KindFileReader(new ClasspathDirectory(loader, KINDS)).read();
    }
}
