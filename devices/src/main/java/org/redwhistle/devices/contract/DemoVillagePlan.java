package org.redwhistle.devices.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The devices of the demo village (松鹤园社区), one list for both sides: the platform pre-registers
 * them by serial, and the simulator onboards them over MQTT self-provisioning.
 */
public final class DemoVillagePlan {

    private DemoVillagePlan() {
    }

    /** One planned device. */
    public record PlannedDevice(String id, String serial, DeviceKind kind, String name, double lon, double lat,
            JsonNode attributes) {
    }

    public static List<PlannedDevice> devices() {
        try (InputStream in = DemoVillagePlan.class.getResourceAsStream("/org/redwhistle/devices/demo-village.json")) {
            JsonNode root = JsonMapper.builder().build().readTree(in);
            List<PlannedDevice> out = new ArrayList<>();
            for (JsonNode d : root.path("devices")) {
                out.add(new PlannedDevice(d.path("id").asText(), d.path("serial").asText(),
                        DeviceKind.fromWire(d.path("kind").asText()).orElseThrow(), d.path("name").asText(),
                        d.path("lon").asDouble(), d.path("lat").asDouble(), d.path("attributes")));
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException("demo-village.json unreadable", e);
        }
    }
}
