package org.redwhistle.api.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.redwhistle.testing.IntegrationTest;

import tools.jackson.databind.JsonNode;

/**
 * Live view: the relay (one ffmpeg per camera) starts with the first viewer's lease and stops when the
 * last leaves or lets the lease lapse; the cap refuses one camera more with a problem document; the
 * picture reaches a viewer's socket as fMP4; roles without video.live and users of another area are refused.
 * The test run's cap is 3 relays and a lease lapses after 4 s (IntegrationTest).
 */
class LiveVideoTest extends IntegrationTest {

    private final List<String[]> open = new CopyOnWriteArrayList<>(); // {user, leaseId}

    /** Relays another test class left (a browser's leases lapse within the test run's 4 s). */
    @org.junit.jupiter.api.BeforeEach
    void noRelays() {
        // the demo gives its cameras a streamUrl at start; DeviceRegistryTest replaces cam-01's attributes in the same database
        jdbc.sql("update device set attributes = attributes || jsonb_build_object('streamUrl', cast(? as text) || id) where id in ('cam-01', 'cam-02', 'cam-03', 'cam-04')")
                .param(org.redwhistle.testing.CameraStreamsServer.get().baseUrl()).update();
        await().atMost(Duration.ofSeconds(15)).until(() -> relays("admin").isEmpty());
    }

    @AfterEach
    void leaveAll() {
        for (String[] l : open) {
            http().delete().uri("/api/v1/live/" + l[1]).header("Authorization", "Bearer " + token(l[0])).exchange();
        }
        open.clear();
        await().atMost(Duration.ofSeconds(10)).until(() -> relays("admin").isEmpty());
    }

    private JsonNode watch(String user, String camera, int status) {
        byte[] body = http().post().uri("/api/v1/cameras/" + camera + "/live").header("Authorization", "Bearer " + token(user))
                .exchange().expectStatus().isEqualTo(status).expectBody().returnResult().getResponseBody();
        JsonNode json = JSON.readTree(body);
        if (status == 201) {
            open.add(new String[] {user, json.path("leaseId").asText()});
        }
        return json;
    }

    private void leave(String user, String leaseId) {
        http().delete().uri("/api/v1/live/" + leaseId).header("Authorization", "Bearer " + token(user)).exchange().expectStatus().isNoContent();
        open.removeIf(l -> l[1].equals(leaseId));
    }

    private List<JsonNode> relays(String user) {
        List<JsonNode> out = new java.util.ArrayList<>();
        getJson("/api/v1/live", user).path("relays").forEach(out::add);
        return out;
    }

    private JsonNode relay(String camera) {
        return relays("admin").stream().filter(r -> r.path("cameraId").asText().equals(camera)).findFirst().orElse(null);
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Test
    void theRelayStartsWithTheFirstViewerAndStopsWhenTheLastLeaves() throws Exception {
        assertThat(relay("cam-01")).isNull();
        JsonNode first = watch("operator", "cam-01", 201);
        // DeviceRegistryTest may have renamed it 西北角高点摄像机（调整） in the same database
        assertThat(first.path("cameraName").asText()).startsWith("西北角高点摄像机");
        assertThat(first.path("socket").asText()).isEqualTo("/live");
        long pid = relay("cam-01").path("pid").asLong();
        assertThat(alive(pid)).isTrue();

        // the picture: codec, init segment (ftyp…moov), then fragments (moof…mdat) that keep coming
        Picture picture = Picture.open(port, first.path("leaseId").asText());
        await().atMost(Duration.ofSeconds(15)).until(() -> picture.binary.size() >= 5);
        assertThat(picture.text.get(0)).startsWith("{\"codec\":\"avc1.42");
        assertThat(type(picture.binary.get(0))).isEqualTo("ftyp");
        assertThat(type(picture.binary.get(1))).isEqualTo("moof");
        int seen = picture.binary.size();
        Thread.sleep(1000);
        assertThat(picture.binary.size()).as("fragments keep arriving").isGreaterThan(seen);

        JsonNode second = watch("police", "cam-01", 201);
        assertThat(relay("cam-01").path("pid").asLong()).as("one relay per camera, shared").isEqualTo(pid);
        assertThat(relay("cam-01").path("viewers").asInt()).isEqualTo(2);

        leave("operator", first.path("leaseId").asText());
        assertThat(alive(pid)).as("a viewer is left").isTrue();
        leave("police", second.path("leaseId").asText());
        assertThat(relay("cam-01")).isNull();
        await().atMost(Duration.ofSeconds(5)).until(() -> !alive(pid));
        await().atMost(Duration.ofSeconds(5)).until(() -> picture.closed.isDone());
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'video.live.watched' and entity_id = 'cam-01' and actor = 'police'")
                .query(Long.class).single()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aLeaseThatIsNotRenewedLapsesAndTheRelayStops() throws Exception {
        JsonNode lease = watch("operator", "cam-02", 201);
        long pid = relay("cam-02").path("pid").asLong();
        for (int i = 0; i < 3; i++) { // renewed: still running after more than one lease period
            Thread.sleep(2000);
            http().post().uri("/api/v1/live/" + lease.path("leaseId").asText() + "/renew").header("Authorization", "Bearer " + token("operator"))
                    .exchange().expectStatus().isOk();
        }
        assertThat(alive(pid)).isTrue();
        // another user cannot renew or end it
        http().post().uri("/api/v1/live/" + lease.path("leaseId").asText() + "/renew").header("Authorization", "Bearer " + token("police"))
                .exchange().expectStatus().isNotFound();

        await().atMost(Duration.ofSeconds(10)).until(() -> relay("cam-02") == null);
        await().atMost(Duration.ofSeconds(5)).until(() -> !alive(pid));
        http().post().uri("/api/v1/live/" + lease.path("leaseId").asText() + "/renew").header("Authorization", "Bearer " + token("operator"))
                .exchange().expectStatus().isNotFound();
    }

    @Test
    void oneCameraMoreThanTheCapIsRefusedWithTheCap() {
        watch("operator", "cam-01", 201);
        watch("operator", "cam-02", 201);
        watch("operator", "cam-03", 201);
        watch("police", "cam-03", 201); // a camera already relayed is no new relay

        JsonNode refused = watch("operator", "cam-04", 503);
        assertThat(refused.path("title").asText()).startsWith("直播路数已达上限");
        assertThat(refused.path("detail").asText()).contains("已达并发直播上限 3 路").contains("redwhistle.video.max-relays");
        assertThat(relays("admin")).hasSize(3);
    }

    @Test
    void rolesWithoutVideoLiveAndOtherAreasAreRefused() throws Exception {
        watch("resident", "cam-01", 403);
        watch("grid1", "cam-01", 403);
        watch("patrol1", "cam-01", 403);
        watch("operator-kwm", "cam-01", 404); // another community's camera: as if it did not exist
        watch("operator", "wall-01", 404); // not a camera
        assertThat(relays("admin")).isEmpty();

        Picture bogus = Picture.open(port, "00000000000000000000000000000000");
        assertThat(bogus.closed.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(4401);
        assertThat(bogus.binary).isEmpty();
    }

    @Test
    void aCameraWithoutAStreamUrlHasNoVideoSource() {
        String url = jdbc.sql("select attributes->>'streamUrl' from device where id = 'cam-08'").query(String.class).single();
        assertThat(url).startsWith("rtsp://127.0.0.1:");
        // an edit refuses a URL with a password in it, and anything not rtsp
        http().patch().uri("/api/v1/devices/cam-08").header("Authorization", "Bearer " + token("operator"))
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .bodyValue("{\"attributes\":{\"streamUrl\":\"rtsp://admin:secret@10.0.0.5/stream\"}}")
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("attributes.streamUrl");
        http().patch().uri("/api/v1/devices/cam-08").header("Authorization", "Bearer " + token("operator"))
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .bodyValue("{\"attributes\":{\"streamUrl\":\"http://10.0.0.5/stream\"}}")
                .exchange().expectStatus().isBadRequest();
        try {
            jdbc.sql("update device set attributes = attributes - 'streamUrl' where id = 'cam-08'").update();
            JsonNode refused = watch("operator", "cam-08", 409);
            assertThat(refused.path("title").asText()).startsWith("无视频源");
        } finally {
            jdbc.sql("update device set attributes = jsonb_set(attributes, '{streamUrl}', to_jsonb(cast(? as text))) where id = 'cam-08'")
                    .param(url).update();
        }
    }

    private static String type(byte[] box) {
        return new String(box, 4, 4, java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** A viewer's socket: the text and binary messages it received, and its close code. */
    static final class Picture implements WebSocket.Listener {
        final List<String> text = new CopyOnWriteArrayList<>();
        final List<byte[]> binary = new CopyOnWriteArrayList<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

        static Picture open(int port, String leaseId) {
            Picture p = new Picture();
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + "/live"), p).join();
            ws.sendText(leaseId, true);
            return p;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.add(data.toString());
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            partial.writeBytes(b);
            if (last) {
                binary.add(partial.toByteArray());
                partial.reset();
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.complete(-1);
        }
    }
}
