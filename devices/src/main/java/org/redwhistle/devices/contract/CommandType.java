package org.redwhistle.devices.contract;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A command the platform sends on {@code cc/v1/devices/{id}/commands}, named by its wire name. The
 * kinds that accept it are the kind files that list it ({@link DeviceKinds}). The constants are the
 * commands the platform's own code names; they are the registry's instances.
 */
public final class CommandType {

    private static final ConcurrentHashMap<String, CommandType> INTERNED = new ConcurrentHashMap<>();

    public static final CommandType OPEN_GATE = named("open_gate");
    public static final CommandType SIREN_ON = named("siren_on");
    public static final CommandType SIREN_OFF = named("siren_off");
    public static final CommandType CAPTURE_SNAPSHOT = named("capture_snapshot");
    public static final CommandType OPEN_DOOR = named("open_door");

    private final String wire;

    private CommandType(String wire) {
        this.wire = wire;
    }

    static CommandType named(String wire) {
        return INTERNED.computeIfAbsent(wire, CommandType::new);
    }

    public String wire() {
        return wire;
    }

    /** What users read: 远程开门, … (the kind file's label). */
    public String label() {
        return DeviceKinds.registry().commandLabel(this);
    }

    /** True when devices of this kind accept the command. */
    public boolean acceptedBy(DeviceKind kind) {
        return DeviceKinds.registry().find(kind.wire()).map(k -> k.accepts(this)).orElse(false);
    }

    /** The kinds that accept it. */
    public List<DeviceKind> kinds() {
        return DeviceKind.values().stream().filter(this::acceptedBy).toList();
    }

    /** Every registered command. */
    public static List<CommandType> values() {
        return DeviceKinds.registry().commandTypes();
    }

    /** The registered command of that wire name; empty for one no kind file declares. */
    public static Optional<CommandType> fromWire(String wire) {
        return DeviceKinds.registry().commandTypes().stream().filter(c -> c.wire.equals(wire)).findFirst();
    }

    /** The registered commands' wire names, comma-separated, for error messages. */
    public static String wireNames() {
        return String.join(", ", values().stream().map(CommandType::wire).toList());
    }

    @Override
    public String toString() {
        return wire;
    }
}
