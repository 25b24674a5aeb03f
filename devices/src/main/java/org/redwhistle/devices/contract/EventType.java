package org.redwhistle.devices.contract;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An event type of the contract, named by its wire name ({@code perimeter.intrusion}). Which kinds
 * may send it is in the kind files ({@link DeviceKinds}); the fields it requires are in its JSON
 * Schema ({@link ContractSchemas}). Every kind may send {@code device.heartbeat}. The constants are
 * the types the platform's own code names; they are the registry's instances.
 */
public final class EventType {

    private static final ConcurrentHashMap<String, EventType> INTERNED = new ConcurrentHashMap<>();

    public static final EventType CAMERA_MOTION = named("camera.motion");
    public static final EventType CAMERA_PERSON = named("camera.person");
    public static final EventType CAMERA_TAMPER = named("camera.tamper");
    public static final EventType GATE_PASSAGE = named("gate.passage");
    public static final EventType GATE_FORCED = named("gate.forced");
    public static final EventType GATE_TAILGATING = named("gate.tailgating");
    public static final EventType PERIMETER_INTRUSION = named("perimeter.intrusion");
    public static final EventType PERIMETER_TAMPER = named("perimeter.tamper");
    public static final EventType PERIMETER_FAULT = named("perimeter.fault");
    public static final EventType PATROL_CHECKPOINT = named("patrol.checkpoint");
    public static final EventType PATROL_SOS = named("patrol.sos");
    public static final EventType INTERCOM_CALL = named("intercom.call");
    public static final EventType INTERCOM_DOOR_OPENED = named("intercom.door_opened");
    public static final EventType INTERCOM_DOOR_HELD = named("intercom.door_held");
    public static final EventType INTERCOM_FORCED = named("intercom.forced");
    public static final EventType INTERCOM_TAILGATING = named("intercom.tailgating");
    public static final EventType FACE_PASSAGE = named("face.passage");
    public static final EventType DEVICE_HEARTBEAT = named("device.heartbeat");

    private final String wire;

    private EventType(String wire) {
        this.wire = wire;
    }

    static EventType named(String wire) {
        return INTERNED.computeIfAbsent(wire, EventType::new);
    }

    public String wire() {
        return wire;
    }

    /** What users read: 周界入侵, 访客呼叫, … (the kind file's label). */
    public String label() {
        return DeviceKinds.registry().eventLabel(this);
    }

    public boolean allowedFor(DeviceKind kind) {
        return DeviceKinds.registry().find(kind.wire()).map(k -> k.sends(this)).orElse(false);
    }

    /** Every registered event type, in the kind files' order. */
    public static List<EventType> values() {
        return DeviceKinds.registry().eventTypes();
    }

    /** The registered type of that wire name; empty for a type no kind file declares. */
    public static Optional<EventType> fromWire(String wire) {
        return DeviceKinds.registry().eventType(wire);
    }

    @Override
    public String toString() {
        return wire;
    }
}
