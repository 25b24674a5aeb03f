package org.redwhistle.devices.simulator;

import java.util.List;
import java.util.Random;
import java.util.Set;

import org.redwhistle.devices.contract.ContractSchemas;
import org.redwhistle.devices.contract.DeviceKind;
import org.redwhistle.devices.contract.EventType;

/**
 * A kind the simulator has no traffic of its own for (one a device integrator added as files): now
 * and then, one of its event types' schema example, so a new kind in the demo village is alive
 * without simulator code.
 */
final class ExampleTraffic implements KindTraffic {

    private static final Set<String> ENVELOPE = Set.of("msgId", "ts", "type", "lon", "lat", "crs");
    static final double EVENT = 1 / 300.0;

    @Override
    public List<Emission> second(Random random, SimulatedDevice.DeviceInfo device) {
        if (random.nextDouble() >= EVENT) {
            return List.of();
        }
        List<EventType> types = DeviceKind.fromWire(device.kind()).orElseThrow().spec().events().stream()
                .map(e -> e.type()).filter(t -> !t.equals(EventType.DEVICE_HEARTBEAT)).toList();
        if (types.isEmpty()) {
            return List.of();
        }
        EventType type = types.get(random.nextInt(types.size()));
        var fields = SimulatedDevice.fields();
        ContractSchemas.event(type).path("examples").path(0).properties().forEach(p -> {
            if (!ENVELOPE.contains(p.getKey())) {
                fields.set(p.getKey(), p.getValue());
            }
        });
        return List.of(new Emission(type.wire(), fields, false));
    }
}
