package org.redwhistle.ingest.pipeline.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.redwhistle.devices.contract.DeviceKind;
import org.redwhistle.devices.contract.EventType;
import org.redwhistle.devices.contract.Topics;
import org.redwhistle.geo.crs.ChineseCoordinates;
import org.redwhistle.ingest.registry.DeviceState;
import org.redwhistle.ingest.registry.RegisteredDevice;

import tools.jackson.databind.json.JsonMapper;

/** Golden payloads per device kind (src/test/resources/golden) and the rejections with their reasons. */
class MessageDecoderTest {

    private static final Instant NOW = Instant.parse("2026-11-26T18:00:00Z");
    private final MessageDecoder decoder = new MessageDecoder(JsonMapper.builder().build(), 65536, Duration.ofMinutes(5), Duration.ofDays(7));

    private static Optional<RegisteredDevice> device(String id, DeviceKind kind) {
        return Optional.of(new RegisteredDevice(id, kind, 7, 119.12, 36.70, DeviceState.ACTIVE, 3));
    }

    private static byte[] golden(String name) throws IOException {
        try (InputStream in = MessageDecoderTest.class.getResourceAsStream("/golden/" + name)) {
            return in.readAllBytes();
        }
    }

    private Decoded decode(String id, Topics.Channel channel, DeviceKind kind, byte[] payload) {
        return decoder.decode(new Topics.DeviceTopic(id, channel), device(id, kind), payload, NOW);
    }

    private Decoded decode(String id, DeviceKind kind, String payload) {
        return decode(id, Topics.Channel.EVENTS, kind, payload.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void decodesAWallClimbingIntrusion() throws IOException {
        Decoded d = decode("wall-01", Topics.Channel.EVENTS, DeviceKind.PERIMETER_ALARM, golden("perimeter_alarm.intrusion.json"));
        assertThat(d).isInstanceOf(Decoded.Event.class);
        Decoded.Event e = (Decoded.Event) d;
        assertThat(e.type()).isEqualTo(EventType.PERIMETER_INTRUSION);
        assertThat(e.msgId()).isEqualTo("8f1c2a8e-3c1e-4b8a-9a4e-0c2f5d6e7a01");
        assertThat(e.ts().toInstant()).isEqualTo(Instant.parse("2026-11-26T14:15:03.120Z"));
        assertThat(e.lon()).isEqualTo(119.1318);
        assertThat(e.payload().path("zoneId").asText()).isEqualTo("SHY-EAST");
    }

    @Test
    void decodesAGatePassage() throws IOException {
        Decoded.Event e = (Decoded.Event) decode("gate-01", Topics.Channel.EVENTS, DeviceKind.ACCESS_GATE, golden("access_gate.passage.json"));
        assertThat(e.type()).isEqualTo(EventType.GATE_PASSAGE);
        assertThat(e.payload().path("plate").asText()).isEqualTo("鲁G12345");
    }

    @Test
    void convertsACameraEventInGcj02ToWgs84() throws IOException {
        Decoded.Event e = (Decoded.Event) decode("cam-01", Topics.Channel.EVENTS, DeviceKind.CAMERA, golden("camera.person.gcj02.json"));
        ChineseCoordinates.LonLat expected = ChineseCoordinates.gcj02ToWgs84(119.13060, 36.70600);
        assertThat(e.lon()).isCloseTo(expected.lon(), within(1e-9));
        assertThat(e.lat()).isCloseTo(expected.lat(), within(1e-9));
        assertThat(e.lon()).isNotCloseTo(119.13060, within(1e-4));
    }

    @Test
    void decodesAPatrolCheckpointWithoutLocation() throws IOException {
        Decoded.Event e = (Decoded.Event) decode("patrol-01", Topics.Channel.EVENTS, DeviceKind.PATROL_TERMINAL, golden("patrol_terminal.checkpoint.json"));
        assertThat(e.type()).isEqualTo(EventType.PATROL_CHECKPOINT);
        assertThat(e.lon()).isNull();
    }

    @Test
    void decodesAPatrolPosition() throws IOException {
        Decoded d = decode("patrol-01", Topics.Channel.TELEMETRY, DeviceKind.PATROL_TERMINAL, golden("patrol_terminal.position.json"));
        assertThat(d).isEqualTo(new Decoded.Position("patrol-01", java.time.OffsetDateTime.parse("2026-11-27T01:10:10+08:00"),
                119.1232, 36.7068, 4.5f, 1.3f, 270f, 76f));
    }

    @Test
    void rejectsPositionsFromDevicesThatAreNotPatrolTerminals() throws IOException {
        Decoded d = decode("cam-01", Topics.Channel.TELEMETRY, DeviceKind.CAMERA, golden("patrol_terminal.position.json"));
        assertThat(d).isEqualTo(new Decoded.Rejected("cam-01", "position telemetry is accepted from patrol_terminal devices only"));
    }

    @Test
    void readsStatusAndLastWill() {
        assertThat(decode("cam-01", Topics.Channel.STATUS, DeviceKind.CAMERA, "{\"state\":\"offline\"}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new Decoded.Status("cam-01", false));
    }

    @Test
    void rejectsWithASpecificReason() {
        String ts = "\"ts\":\"2026-11-27T02:00:00+08:00\"";
        assertThat(reason("wall-01", DeviceKind.PERIMETER_ALARM, "{\"msgId\":\"1\"," + ts + ",\"type\":\"perimeter.intrusion\"}"))
                .isEqualTo("zoneId is required");
        assertThat(reason("wall-01", DeviceKind.PERIMETER_ALARM, "{\"msgId\":\"1\"," + ts + ",\"type\":\"perimeter.melt\"}"))
                .isEqualTo("type 'perimeter.melt' is not a known event type");
        assertThat(reason("wall-01", DeviceKind.PERIMETER_ALARM, "{\"msgId\":7," + ts + ",\"type\":\"perimeter.fault\"}"))
                .isEqualTo("msgId must be a non-empty string");
        assertThat(reason("wall-01", DeviceKind.PERIMETER_ALARM, "{\"msgId\":\"1\"," + ts + ",\"type\":\"perimeter.fault\",\"lon\":119.1}"))
                .isEqualTo("lat is required when lon is given");
        assertThat(reason("wall-01", DeviceKind.PERIMETER_ALARM, "{\"msgId\":\"1\"," + ts + ",\"type\":\"perimeter.fault\",\"lon\":119.1,\"lat\":\"north\"}"))
                .isEqualTo("lat must be a number");
        assertThat(reason("wall-01", DeviceKind.PERIMETER_ALARM, "{\"msgId\":\"1\",\"ts\":\"2026-11-26T22:00:00\",\"type\":\"perimeter.fault\"}"))
                .startsWith("ts '2026-11-26T22:00:00' is not ISO-8601 with an offset");
        assertThat(reason("wall-01", DeviceKind.PERIMETER_ALARM, "{\"msgId\":\"1\",\"ts\":\"2026-11-27T03:00:00+08:00\",\"type\":\"perimeter.fault\"}"))
                .isEqualTo("ts is 3600 s in the future (at most 300 s allowed)");
    }

    @Test
    void rejectsTimestampsBeforeTheFloorWhateverTheirForm() {
        String event = "{\"msgId\":\"1\",\"ts\":\"%s\",\"type\":\"perimeter.fault\"}";
        assertThat(reason("wall-01", DeviceKind.PERIMETER_ALARM, event.formatted("1970-01-01T00:00:00Z")))
                .isEqualTo("ts is 1795716000 s in the past (at most 604800 s allowed)");
        // the same instant in a form the fast path leaves to OffsetDateTime.parse: the same reason
        assertThat(reason("wall-01", DeviceKind.PERIMETER_ALARM, event.formatted("1970-01-01T08:00+08:00")))
                .isEqualTo("ts is 1795716000 s in the past (at most 604800 s allowed)");
        assertThat(reason("wall-01", DeviceKind.PERIMETER_ALARM, event.formatted("2026-11-18T18:00:00Z")))
                .isEqualTo("ts is 691200 s in the past (at most 604800 s allowed)");
        assertThat(decode("wall-01", DeviceKind.PERIMETER_ALARM, event.formatted("2026-11-19T18:00:00Z")))
                .as("exactly the maximum age: a device that buffered for a week").isInstanceOf(Decoded.Event.class);
        String fix = "{\"ts\":\"%s\",\"type\":\"position\",\"lon\":119.1232,\"lat\":36.7068}";
        for (String ts : new String[] {"1970-01-01T00:00:00Z", "1970-01-01T08:00+08:00", "1970-01-01T00:00:00.000000000+00:00"}) {
            assertThat(decode("patrol-01", Topics.Channel.TELEMETRY, DeviceKind.PATROL_TERMINAL, fix.formatted(ts).getBytes(StandardCharsets.UTF_8)))
                    .as(ts).isEqualTo(new Decoded.Rejected("patrol-01", "ts is 1795716000 s in the past (at most 604800 s allowed)"));
        }
    }

    @Test
    void rejectsOversizedAndUnregistered() {
        byte[] huge = new byte[70_000];
        assertThat(decoder.decode(new Topics.DeviceTopic("wall-01", Topics.Channel.EVENTS), device("wall-01", DeviceKind.PERIMETER_ALARM), huge, NOW))
                .isEqualTo(new Decoded.Rejected("wall-01", "payload of 70000 bytes exceeds the limit of 65536"));
        assertThat(decoder.decode(new Topics.DeviceTopic("ghost", Topics.Channel.EVENTS), Optional.empty(), "{}".getBytes(StandardCharsets.UTF_8), NOW))
                .isEqualTo(new Decoded.Rejected("ghost", "device 'ghost' is not registered"));
    }

    private String reason(String id, DeviceKind kind, String payload) {
        Decoded d = decode(id, kind, payload);
        assertThat(d).isInstanceOf(Decoded.Rejected.class);
        return ((Decoded.Rejected) d).reason();
    }
}
