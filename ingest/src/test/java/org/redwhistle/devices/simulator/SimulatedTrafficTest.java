package org.redwhistle.devices.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.redwhistle.devices.contract.DemoVillagePlan;
import org.redwhistle.devices.contract.DeviceKind;
import org.redwhistle.devices.contract.Topics;
import org.redwhistle.ingest.pipeline.internal.Decoded;
import org.redwhistle.ingest.pipeline.internal.MessageDecoder;
import org.redwhistle.ingest.registry.DeviceState;
import org.redwhistle.ingest.registry.RegisteredDevice;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A simulated day of the demo village's intercoms and face gates (seeded, no broker): every event they
 * send passes the platform's decoder, and the mix is what the simulator promises — calls and openings by
 * card, password and remote, rare held doors, very rare forced ones, passages mostly known or strangers,
 * a few watchlist hits each with a snapshot.
 */
class SimulatedTrafficTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant NOW = Instant.parse("2026-11-26T18:00:00Z");
    private static final int DAY = 86_400;
    private final MessageDecoder decoder = new MessageDecoder(JSON, 65536, Duration.ofMinutes(5), Duration.ofDays(7));

    private static List<SimulatedDevice.DeviceInfo> planned(DeviceKind kind) {
        return DemoVillagePlan.devices().stream().filter(d -> d.kind().equals(kind)).map(d -> new SimulatedDevice.DeviceInfo(d.id(),
                d.kind().wire(), d.name(), d.lon(), d.lat(), d.id(), d.attributes())).toList();
    }

    /** Counts "type" and "type/field=value" over a simulated day of every planned device of the kind, decoding each event. */
    private Map<String, Integer> day(DeviceKind kind, KindTraffic traffic) {
        Random random = new Random(21);
        Map<String, Integer> seen = new HashMap<>();
        for (SimulatedDevice.DeviceInfo device : planned(kind)) {
            RegisteredDevice registered = new RegisteredDevice(device.id(), kind, 7, device.lon(), device.lat(), DeviceState.ACTIVE, 3);
            for (int s = 0; s < DAY; s++) {
                for (KindTraffic.Emission e : traffic.second(random, device)) {
                    ObjectNode body = JSON.createObjectNode().put("msgId", "m-" + s).put("ts", OffsetDateTime.ofInstant(NOW, ZoneOffset.ofHours(8)).toString())
                            .put("type", e.type()).put("lon", device.lon()).put("lat", device.lat());
                    body.setAll(e.fields());
                    Decoded d = decoder.decode(new Topics.DeviceTopic(device.id(), Topics.Channel.EVENTS), Optional.of(registered),
                            JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8), NOW);
                    assertThat(d).as(body.toString()).isInstanceOf(Decoded.Event.class);
                    seen.merge(e.type(), 1, Integer::sum);
                    e.fields().properties().forEach(f -> {
                        if (f.getValue().isString() && !f.getKey().equals("callId") && !f.getKey().equals("room")
                                && !f.getKey().equals("credentialId") && !(f.getKey().equals("personId") && f.getValue().asText().startsWith("P-"))) {
                            seen.merge(e.type() + "/" + f.getKey() + "=" + f.getValue().asText(), 1, Integer::sum);
                        }
                    });
                    if (e.snapshot()) {
                        seen.merge(e.type() + "/snapshot", 1, Integer::sum);
                    }
                    if (e.type().equals("intercom.door_held") && e.fields().path("openSeconds").asInt() >= 120) {
                        seen.merge("intercom.door_held/alarming", 1, Integer::sum);
                    }
                }
            }
        }
        return seen;
    }

    @Test
    void theDemoVillageHasIntercomsAtItsBuildingDoorsAndFaceGatesAtItsCrossings() {
        assertThat(planned(DeviceKind.VIDEO_INTERCOM)).hasSizeGreaterThanOrEqualTo(8)
                .allSatisfy(d -> assertThat(d.attributes().path("building").asText()).matches("\\d+号楼"))
                .allSatisfy(d -> assertThat(d.attributes().path("unit").asText()).matches("\\d+单元"));
        assertThat(planned(DeviceKind.FACE_GATE)).hasSizeBetween(2, 3);
        // inside 松鹤园社区's walls
        for (var d : DemoVillagePlan.devices()) {
            assertThat(d.lon()).as(d.id()).isBetween(119.1202, 119.1318);
            assertThat(d.lat()).as(d.id()).isBetween(36.7002, 36.7088);
        }
    }

    @Test
    void aDayAtTheUnitDoors() {
        Map<String, Integer> seen = day(DeviceKind.VIDEO_INTERCOM, new IntercomTraffic());
        int doors = planned(DeviceKind.VIDEO_INTERCOM).size();
        assertThat(seen.get("intercom.call")).isBetween(doors * 500, doors * 900);
        assertThat(seen.get("intercom.call/result=answered")).isGreaterThan(seen.get("intercom.call/result=missed"));
        assertThat(seen.get("intercom.door_opened/method=card")).isGreaterThan(seen.get("intercom.door_opened/method=password"));
        assertThat(seen.get("intercom.door_opened/method=remote")).isPositive();
        assertThat(seen.get("intercom.door_opened/method=key")).isPositive();
        assertThat(seen.get("intercom.door_held")).as("rare").isBetween(doors, doors * 12);
        assertThat(seen.get("intercom.door_held/alarming")).isPositive().isLessThan(seen.get("intercom.door_held"));
        assertThat(seen.getOrDefault("intercom.forced", 0)).as("very rare").isLessThanOrEqualTo(doors);
    }

    @Test
    void aDayAtTheCrossings() {
        Map<String, Integer> seen = day(DeviceKind.FACE_GATE, new FaceGateTraffic());
        int passages = seen.get("face.passage");
        assertThat(seen.get("face.passage/match=known") + seen.get("face.passage/match=stranger")).isGreaterThan(passages * 99 / 100);
        int hits = FaceGateTraffic.WATCHLIST.stream().mapToInt(id -> seen.getOrDefault("face.passage/personId=" + id, 0)).sum();
        assertThat(hits).isEqualTo(seen.get("face.passage/match=watchlist")).isBetween(5, passages / 200);
        assertThat(seen.get("face.passage/snapshot")).as("every hit and a few strangers").isGreaterThan(hits).isLessThan(passages / 50);
    }

    @Test
    void aFaceGateWithoutFootageStillSendsAJpeg() throws Exception {
        byte[] jpeg = FaceSnapshots.drawn("face-01");
        assertThat(jpeg[0] & 0xff).isEqualTo(0xFF);
        assertThat(jpeg[1] & 0xff).isEqualTo(0xD8);
        assertThat(ImageIO.read(new ByteArrayInputStream(jpeg)).getWidth()).isEqualTo(640);
    }

    @Test
    void aKindAddedAsFilesIsSimulatedFromItsSchemaExamples() {
        var device = new SimulatedDevice.DeviceInfo("x-1", "video_intercom", "x", 119.12, 36.70, "x-1", JSON.createObjectNode());
        Random random = new Random(3);
        int sent = 0;
        for (int s = 0; s < 3_000; s++) {
            for (KindTraffic.Emission e : new ExampleTraffic().second(random, device)) {
                ObjectNode body = JSON.createObjectNode().put("msgId", "m-" + s).put("ts", "2026-11-27T02:00:00+08:00").put("type", e.type());
                body.setAll(e.fields());
                assertThat(decoder.decode(new Topics.DeviceTopic("x-1", Topics.Channel.EVENTS),
                        Optional.of(new RegisteredDevice("x-1", DeviceKind.VIDEO_INTERCOM, 7, 119.12, 36.70, DeviceState.ACTIVE, 3)),
                        JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8), NOW)).as(body.toString()).isInstanceOf(Decoded.Event.class);
                sent++;
            }
        }
        assertThat(sent).isBetween(3, 30);
    }
}
