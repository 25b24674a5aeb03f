package org.redwhistle.ingest.pipeline.internal;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.redwhistle.ingest.registry.DeviceState;
import org.redwhistle.ingest.registry.RegisteredDevice;

import tools.jackson.databind.json.JsonMapper;

/**
 * Golden payloads of the two kinds added as files (video_intercom, face_gate; src/test/resources/golden)
 * decoded to exact values, and their rejections with exact reasons.
 */
class IntercomAndFaceGateDecoderTest {

    private static final Instant NOW = Instant.parse("2026-11-26T18:00:00Z");
    private static final String TS = "\"ts\":\"2026-11-27T01:50:00+08:00\"";
    private final MessageDecoder decoder = new MessageDecoder(JsonMapper.builder().build(), 65536, Duration.ofMinutes(5), Duration.ofDays(7));

    private Decoded decode(String id, DeviceKind kind, byte[] payload) {
        return decoder.decode(new Topics.DeviceTopic(id, Topics.Channel.EVENTS),
                Optional.of(new RegisteredDevice(id, kind, 7, 119.1228, 36.7072, DeviceState.ACTIVE, 3)), payload, NOW);
    }

    private Decoded.Event golden(String id, DeviceKind kind, String name) throws IOException {
        try (InputStream in = IntercomAndFaceGateDecoderTest.class.getResourceAsStream("/golden/" + name)) {
            Decoded d = decode(id, kind, in.readAllBytes());
            assertThat(d).as(name).isInstanceOf(Decoded.Event.class);
            return (Decoded.Event) d;
        }
    }

    private String reason(DeviceKind kind, String fields) {
        Decoded d = decode("dev-1", kind, ("{\"msgId\":\"m-1\"," + TS + "," + fields + "}").getBytes(StandardCharsets.UTF_8));
        assertThat(d).as(fields).isInstanceOf(Decoded.Rejected.class);
        return ((Decoded.Rejected) d).reason();
    }

    @Test
    void decodesAVisitorsAnsweredCallAndTheRemoteOpeningThatFollows() throws IOException {
        Decoded.Event call = golden("intercom-05", DeviceKind.VIDEO_INTERCOM, "video_intercom.call.json");
        assertThat(call.type()).isSameAs(EventType.INTERCOM_CALL);
        assertThat(call.msgId()).isEqualTo("vi-3-2-000173");
        assertThat(call.ts().toInstant()).isEqualTo(Instant.parse("2026-11-26T17:41:07.250Z"));
        assertThat(call.lon()).isNull();
        assertThat(call.payload().path("callId").asText()).isEqualTo("c-20261127-0173");
        assertThat(call.payload().path("room").asText()).isEqualTo("3-2-302");
        assertThat(call.payload().path("result").asText()).isEqualTo("answered");
        assertThat(call.payload().path("durationS").asDouble()).isEqualTo(38.5);

        Decoded.Event opened = golden("intercom-05", DeviceKind.VIDEO_INTERCOM, "video_intercom.door_opened.json");
        assertThat(opened.type()).isSameAs(EventType.INTERCOM_DOOR_OPENED);
        assertThat(opened.payload().path("method").asText()).isEqualTo("remote");
        assertThat(opened.payload().path("room").asText()).isEqualTo("3-2-302");
    }

    @Test
    void decodesTheDoorsAlarmingEvents() throws IOException {
        Decoded.Event held = golden("intercom-05", DeviceKind.VIDEO_INTERCOM, "video_intercom.door_held.json");
        assertThat(held.type()).isSameAs(EventType.INTERCOM_DOOR_HELD);
        assertThat(held.payload().path("openSeconds").asInt()).isEqualTo(185);
        Decoded.Event forced = golden("intercom-05", DeviceKind.VIDEO_INTERCOM, "video_intercom.forced.json");
        assertThat(forced.type()).isSameAs(EventType.INTERCOM_FORCED);
        assertThat(forced.ts().toInstant()).isEqualTo(Instant.parse("2026-11-26T17:52:11.800Z"));
        Decoded.Event tailgating = golden("intercom-05", DeviceKind.VIDEO_INTERCOM, "video_intercom.tailgating.json");
        assertThat(tailgating.type()).isSameAs(EventType.INTERCOM_TAILGATING);
        assertThat(tailgating.payload().path("count").asInt()).isEqualTo(3);
    }

    @Test
    void decodesAWatchlistHitAndAStrangerAtTheCrossing() throws IOException {
        Decoded.Event hit = golden("face-01", DeviceKind.FACE_GATE, "face_gate.passage.watchlist.json");
        assertThat(hit.type()).isSameAs(EventType.FACE_PASSAGE);
        assertThat(hit.msgId()).isEqualTo("fg-n-0090412");
        assertThat(hit.ts().toInstant()).isEqualTo(Instant.parse("2026-11-26T17:58:12.400Z"));
        assertThat(hit.lon()).isEqualTo(119.1245);
        assertThat(hit.lat()).isEqualTo(36.7085);
        assertThat(hit.payload().path("direction").asText()).isEqualTo("in");
        assertThat(hit.payload().path("match").asText()).isEqualTo("watchlist");
        assertThat(hit.payload().path("personId").asText()).isEqualTo("WL-0001");
        assertThat(hit.payload().path("confidence").asDouble()).isEqualTo(0.934);

        Decoded.Event stranger = golden("face-01", DeviceKind.FACE_GATE, "face_gate.passage.stranger.json");
        assertThat(stranger.payload().path("match").asText()).isEqualTo("stranger");
        assertThat(stranger.payload().has("personId")).isFalse();
        assertThat(stranger.payload().path("confidence").asDouble()).isEqualTo(0.41);
    }

    @Test
    void rejectsFacePassagesTheContractDoesNotAllow() {
        DeviceKind face = DeviceKind.FACE_GATE;
        assertThat(reason(face, "\"type\":\"face.passage\",\"direction\":\"in\",\"match\":\"watchlist\",\"confidence\":0.9"))
                .isEqualTo("personId is required when match is watchlist");
        assertThat(reason(face, "\"type\":\"face.passage\",\"direction\":\"in\",\"match\":\"known\",\"confidence\":1.7"))
                .isEqualTo("confidence 1.7 is outside [0, 1]");
        assertThat(reason(face, "\"type\":\"face.passage\",\"direction\":\"in\",\"match\":\"known\""))
                .isEqualTo("confidence is required");
        assertThat(reason(face, "\"type\":\"face.passage\",\"direction\":\"in\",\"match\":\"known\",\"confidence\":\"high\""))
                .isEqualTo("confidence must be a number");
        assertThat(reason(face, "\"type\":\"face.passage\",\"direction\":\"sideways\",\"match\":\"known\",\"confidence\":0.9"))
                .isEqualTo("direction must be one of in, out, got 'sideways'");
        assertThat(reason(face, "\"type\":\"face.passage\",\"direction\":\"in\",\"match\":\"maybe\",\"confidence\":0.9"))
                .isEqualTo("match must be one of watchlist, stranger, known, got 'maybe'");
        // the platform stores no face templates: a feature vector is refused, whatever it is called
        assertThat(reason(face, "\"type\":\"face.passage\",\"direction\":\"in\",\"match\":\"stranger\",\"confidence\":0.3,"
                + "\"template\":\"AAECAwQFBgc=\"")).startsWith("violates the event.face.passage schema at /").contains("template");
        assertThat(reason(face, "\"type\":\"face.passage\",\"direction\":\"in\",\"match\":\"stranger\",\"confidence\":0.3,"
                + "\"features\":[0.12,0.5,0.33]")).startsWith("violates the event.face.passage schema at /").contains("features");
    }

    @Test
    void rejectsIntercomEventsTheContractDoesNotAllow() {
        DeviceKind door = DeviceKind.VIDEO_INTERCOM;
        assertThat(reason(door, "\"type\":\"intercom.door_opened\",\"method\":\"magic\""))
                .isEqualTo("method must be one of remote, card, password, key, got 'magic'");
        assertThat(reason(door, "\"type\":\"intercom.door_opened\""))
                .isEqualTo("method is required");
        assertThat(reason(door, "\"type\":\"intercom.call\",\"callId\":\"c-1\",\"room\":\"3-2-302\",\"result\":\"busy\""))
                .isEqualTo("result must be one of answered, missed, rejected, got 'busy'");
        assertThat(reason(door, "\"type\":\"intercom.call\",\"callId\":\"c-1\",\"result\":\"missed\""))
                .isEqualTo("room is required");
        assertThat(reason(door, "\"type\":\"intercom.door_held\""))
                .isEqualTo("openSeconds is required");
        assertThat(reason(door, "\"type\":\"intercom.door_held\",\"openSeconds\":-5"))
                .isEqualTo("openSeconds -5 is outside [0, 604800]");
        assertThat(reason(door, "\"type\":\"intercom.tailgating\",\"count\":1"))
                .isEqualTo("count 1 is outside [2, 100]");
        assertThat(reason(door, "\"type\":\"intercom.tailgating\",\"count\":2.5"))
                .isEqualTo("count must be a whole number, got 2.5");
    }

    @Test
    void rejectsAnEventTypeSentByTheWrongKind() {
        assertThat(reason(DeviceKind.FACE_GATE, "\"type\":\"intercom.forced\""))
                .isEqualTo("type 'intercom.forced' cannot be sent by a face_gate device");
        assertThat(reason(DeviceKind.VIDEO_INTERCOM, "\"type\":\"face.passage\",\"direction\":\"in\",\"match\":\"known\",\"confidence\":0.9"))
                .isEqualTo("type 'face.passage' cannot be sent by a video_intercom device");
        assertThat(reason(DeviceKind.ACCESS_GATE, "\"type\":\"intercom.door_opened\",\"method\":\"card\""))
                .isEqualTo("type 'intercom.door_opened' cannot be sent by a access_gate device");
    }

    @Test
    void neitherKindSendsPositionTelemetry() {
        Decoded d = decoder.decode(new Topics.DeviceTopic("face-01", Topics.Channel.TELEMETRY),
                Optional.of(new RegisteredDevice("face-01", DeviceKind.FACE_GATE, 7, 119.1245, 36.7085, DeviceState.ACTIVE, 3)),
                ("{" + TS + ",\"type\":\"position\",\"lon\":119.12,\"lat\":36.70}").getBytes(StandardCharsets.UTF_8), NOW);
        assertThat(d).isEqualTo(new Decoded.Rejected("face-01", "position telemetry is accepted from patrol_terminal devices only"));
    }
}
