package org.redwhistle.devices.contract;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A kind of device, named by its wire name ({@code camera}, {@code video_intercom}, …). Kinds are
 * not a fixed list: each is a kind file under {@code org/redwhistle/devices/kinds/} (see
 * {@link DeviceKinds} and docs/device-kinds.md), so a device integrator adds a kind by adding files.
 * The constants below are the kinds the platform's own code names; they are the same instances the
 * registry hands out, so {@code ==} and {@code equals} agree.
 */
public final class DeviceKind {

    private static final ConcurrentHashMap<String, DeviceKind> INTERNED = new ConcurrentHashMap<>();

    public static final DeviceKind CAMERA = named("camera");
    public static final DeviceKind ACCESS_GATE = named("access_gate");
    public static final DeviceKind PERIMETER_ALARM = named("perimeter_alarm");
    public static final DeviceKind PATROL_TERMINAL = named("patrol_terminal");
    public static final DeviceKind VIDEO_INTERCOM = named("video_intercom");
    public static final DeviceKind FACE_GATE = named("face_gate");

    private final String wire;

    private DeviceKind(String wire) {
        this.wire = wire;
    }

    /** The one instance for a wire name, registered or not (the registry checks that the constants are). */
    static DeviceKind named(String wire) {
        return INTERNED.computeIfAbsent(wire, DeviceKind::new);
    }

    public String wire() {
        return wire;
    }

    /** The kind file's description of this kind; fails for a name no kind file declares. */
    public DeviceKinds.Kind spec() {
        return DeviceKinds.registry().kind(this);
    }

    /** What users read: 摄像机, 单元楼宇门可视对讲, … */
    public String label() {
        return spec().label();
    }

    /**
     * True for a kind that moves (a patrol terminal carried on the beat); the others are mounted
     * where they were registered, and the platform places their events there.
     */
    public boolean mobile() {
        return spec().mobile();
    }

    /** True for a kind that sends JPEG snapshots on its snapshots channel. */
    public boolean sendsSnapshots() {
        return spec().snapshots();
    }

    /** True for a kind that sends position telemetry. */
    public boolean sendsPositions() {
        return spec().positions();
    }

    /** Every registered kind, by wire name. */
    public static List<DeviceKind> values() {
        return Values.ALL;
    }

    /** The registered kinds, listed once. */
    private static final class Values {
        static final List<DeviceKind> ALL = DeviceKinds.registry().kinds().stream().map(DeviceKinds.Kind::kind).toList();
    }

    /** The registered kind of that wire name; empty for a name no kind file declares. */
    public static Optional<DeviceKind> fromWire(String wire) {
        return DeviceKinds.registry().find(wire).map(DeviceKinds.Kind::kind);
    }

    /** The registered kinds' wire names, comma-separated, for error messages. */
    public static String wireNames() {
        return String.join(", ", values().stream().map(DeviceKind::wire).toList());
    }

    @Override
    public String toString() {
        return wire;
    }
}
