package org.redwhistle.api.recordings.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redwhistle.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import tools.jackson.databind.JsonNode;

/**
 * Recording end to end with a real ffmpeg: a camera served over RTSP by the simulated cameras' server
 * (scripts/camera-streams.py, GStreamer and x264) is recorded in 2 s segments; search by place and time finds them; an alarm at a point the camera
 * covers gets its clip from 4 s before to 4 s after; playback and export are MP4s ffprobe reads, audited; retention
 * deletes old footage but what an alarm keeps; roles without the permission, and another area's operator, are refused.
 */
class RecordingsTest extends IntegrationTest {

    static final String CAM = CameraStreamFixture.CAM;
    static final String FAR = CameraStreamFixture.FAR;
    static final String WALL = CameraStreamFixture.WALL;
    static final double LON = CameraStreamFixture.LON;
    static final double LAT = CameraStreamFixture.LAT;

    @Autowired
    RecordingRetention retention;
    @Autowired
    RecordingProperties props;

    @BeforeEach
    void cameraStreams() throws Exception {
        CameraStreamFixture.ensureRecording(jdbc);
    }

    private long segments(Instant since) {
        return CameraStreamFixture.segments(jdbc, since);
    }

    @Test
    void aCameraStreamIsRecordedInSegmentsOnDisk() throws Exception {
        var rows = jdbc.sql("select started_at, ended_at, path, bytes, mode from recording_segment where camera_id = ? order by started_at desc limit 3")
                .param(CAM).query((rs, i) -> Map.of("start", rs.getTimestamp(1).toInstant(), "end", rs.getTimestamp(2).toInstant(),
                        "path", rs.getString(3), "bytes", rs.getLong(4), "mode", rs.getString(5))).list();
        assertThat(rows).hasSize(3);
        for (var r : rows) {
            Path file = props.dir().toAbsolutePath().resolve((String) r.get("path"));
            assertThat(file).exists();
            assertThat(Files.size(file)).isEqualTo((Long) r.get("bytes")).isPositive();
            double length = Duration.between((Instant) r.get("start"), (Instant) r.get("end")).toMillis() / 1000.0;
            // 2 s, cut at the next key frame; the last segment before an outage (another test makes one) is shorter
            assertThat(length).isBetween(0.1, 3.5);
            assertThat(ffprobeDuration(file)).isCloseTo(length, org.assertj.core.data.Offset.offset(0.5));
            assertThat((Instant) r.get("end")).as("stamped with the wall clock").isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
            assertThat(r.get("mode")).isEqualTo("CONTINUOUS");
        }
        double median = jdbc.sql("""
                select percentile_cont(0.5) within group (order by extract(epoch from ended_at - started_at))
                from (select started_at, ended_at from recording_segment where camera_id = ? order by started_at desc limit 9) s""")
                .param(CAM).query(Double.class).single();
        assertThat(median).as("segments of 2 s (redwhistle.recordings.segment in the tests)").isBetween(1.8, 2.6);
    }

    @Test
    void searchByPlaceAndTimeFindsTheCamerasSegmentsAndOnlyTheCallersCameras() {
        Instant to = Instant.now();
        Instant from = to.minusSeconds(120);
        String q = "/api/v1/recordings/search?lon=" + LON + "&lat=" + (LAT + 0.0003) + "&radiusM=100&from=" + from + "&to=" + to;
        JsonNode r = getJson(q, "operator");
        JsonNode cam = r.path("cameras").valueStream().filter(c -> c.path("cameraId").asText().equals(CAM)).findFirst().orElseThrow();
        assertThat(cam.path("distanceM").asDouble()).isBetween(25.0, 45.0);
        assertThat(cam.path("segments").size()).isGreaterThanOrEqualTo(2);
        assertThat(cam.path("spans").size()).isGreaterThanOrEqualTo(1);
        assertThat(cam.path("recordedSeconds").asLong()).isPositive();
        assertThat(cam.path("mode").asText()).isEqualTo("CONTINUOUS");
        assertThat(r.path("cameras").valueStream().map(c -> c.path("cameraId").asText())).as("500 m away, outside the radius").doesNotContain(FAR);
        // a window before the recording began: the camera is found, with no footage and one gap over the whole window
        JsonNode before = getJson("/api/v1/recordings/search?cameraIds=" + CAM + "&from=2026-01-01T00:00:00Z&to=2026-01-01T01:00:00Z",
                "operator");
        assertThat(before.path("cameras").path(0).path("segments").size()).isZero();
        assertThat(before.path("cameras").path(0).path("gaps").size()).isEqualTo(1);
        // another community's operator does not reach this camera
        assertThat(getJson(q, "operator-kwm").path("cameras").size()).isZero();
        // bad input names its field
        http().get().uri("/api/v1/recordings/search?lon=" + LON + "&lat=" + LAT + "&radiusM=99999&from=" + from + "&to=" + to)
                .header("Authorization", "Bearer " + token("operator")).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("radiusM");
        http().get().uri("/api/v1/recordings/search?lon=" + LON + "&lat=" + LAT + "&from=" + to + "&to=" + from)
                .header("Authorization", "Bearer " + token("operator")).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("to");
    }

    @Test
    void anAlarmKeepsAClipFromBeforeToAfterItThatPlaysBackAudited() throws Exception {
        long alarm = raiseIntrusion(WALL, "REC-" + WALL, LON, LAT + 0.0003);
        Instant at = jdbc.sql("select first_seen_at from alarm where id = ?").param(alarm).query(Timestamp.class).single().toInstant();
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500)).until(() -> "READY".equals(jdbc.sql(
                "select status from alarm_clip where alarm_id = ? and camera_id = ?").params(alarm, CAM).query(String.class).optional().orElse(null)));
        JsonNode clips = getJson("/api/v1/recordings/alarms/" + alarm + "/clips", "operator");
        JsonNode clip = clips.path("items").valueStream().filter(c -> c.path("cameraId").asText().equals(CAM)).findFirst().orElseThrow();
        assertThat(Instant.parse(clip.path("from").asText())).isEqualTo(at.minusSeconds(4));
        assertThat(Instant.parse(clip.path("to").asText())).isEqualTo(at.plusSeconds(4));
        assertThat(clip.path("durationS").asDouble()).as("pre-roll + post-roll, give or take a key frame").isBetween(6.5, 10.0);
        assertThat(clip.has("path")).isFalse();
        // the segments under the window are kept with the alarm
        assertThat(jdbc.sql("select count(*) from recording_segment where camera_id = ? and kept_by_alarm = ? and kept_until > now() + interval '80 days'")
                .params(CAM, alarm).query(Long.class).single()).isGreaterThanOrEqualTo(3);

        long clipId = clip.path("id").asLong();
        byte[] mp4 = http().get().uri("/api/v1/recordings/clips/" + clipId + "/video").header("Authorization", "Bearer " + token("police"))
                .exchange().expectStatus().isOk().expectHeader().contentType("video/mp4").expectBody().returnResult().getResponseBody();
        Path file = Files.createTempFile("clip", ".mp4");
        Files.write(file, mp4);
        assertThat(ffprobeDuration(file)).isBetween(6.5, 10.0);
        assertThat(audits("police", "recording.playback", CAM)).isEqualTo(1);
        // a Range request continuing the playback gets its bytes and is not audited again
        byte[] part = http().get().uri("/api/v1/recordings/clips/" + clipId + "/video").header("Authorization", "Bearer " + token("police"))
                .header("Range", "bytes=100-199").exchange().expectStatus().isEqualTo(206).expectBody().returnResult().getResponseBody();
        assertThat(part).hasSize(100).containsExactly(java.util.Arrays.copyOfRange(mp4, 100, 200));
        assertThat(audits("police", "recording.playback", CAM)).isEqualTo(1);
        // another area's operator sees neither the clips nor the video
        assertThat(getJson("/api/v1/recordings/alarms/" + alarm + "/clips", "operator-kwm").path("items").size()).isZero();
        http().get().uri("/api/v1/recordings/clips/" + clipId + "/video").header("Authorization", "Bearer " + token("operator-kwm"))
                .exchange().expectStatus().isNotFound();
        resolveAlarm(alarm, "录像测试完毕");
    }

    @Test
    void anExportIsOnePlayableMp4OfTheRangeAndAudited() throws Exception {
        // six seconds the camera recorded without a gap (another test may have just made an outage)
        var end = new java.util.concurrent.atomic.AtomicReference<Instant>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Instant last = jdbc.sql("select max(ended_at) from recording_segment where camera_id = ?").param(CAM).query(Timestamp.class).single().toInstant();
            double covered = jdbc.sql("""
                    select coalesce(sum(extract(epoch from least(ended_at, :to) - greatest(started_at, :from))), 0) from recording_segment
                    where camera_id = :cam and ended_at > :from and started_at < :to""").param("cam", CAM)
                    .param("from", Timestamp.from(last.minusSeconds(6))).param("to", Timestamp.from(last)).query(Double.class).single();
            end.set(last);
            return covered >= 5.8;
        });
        Instant to = end.get();
        Instant from = to.minusSeconds(6);
        long before = audits("operator", "recording.export", CAM);
        byte[] mp4 = http().get().uri("/api/v1/recordings/cameras/" + CAM + "/export?from=" + from + "&to=" + to)
                .header("Authorization", "Bearer " + token("operator")).exchange().expectStatus().isOk()
                .expectHeader().contentType("video/mp4")
                .expectHeader().value("Content-Disposition", v -> assertThat(v).startsWith("attachment").contains(".mp4"))
                .expectBody().returnResult().getResponseBody();
        Path file = Files.createTempFile("export", ".mp4");
        Files.write(file, mp4);
        assertThat(ffprobeDuration(file)).as("six seconds, give or take a key frame at either end").isBetween(5.0, 8.0);
        assertThat(audits("operator", "recording.export", CAM)).isEqualTo(before + 1);
        String detail = jdbc.sql("select detail::text from audit_log where actor = 'operator' and action = 'recording.export' order by id desc limit 1")
                .query(String.class).single();
        assertThat(detail).contains(from.toString()).contains(to.toString());

        // playback of the same range: inline, audited as a playback
        http().get().uri("/api/v1/recordings/cameras/" + CAM + "/video?from=" + from + "&to=" + to).header("Authorization", "Bearer " + token("leader"))
                .exchange().expectStatus().isOk().expectHeader().value("Content-Disposition", v -> assertThat(v).startsWith("inline"));
        assertThat(audits("leader", "recording.playback", CAM)).isPositive();
        // a range with no footage is 404, a range too long is refused naming the field
        http().get().uri("/api/v1/recordings/cameras/" + CAM + "/export?from=2026-01-01T00:00:00Z&to=2026-01-01T00:01:00Z")
                .header("Authorization", "Bearer " + token("operator")).exchange().expectStatus().isNotFound();
        http().get().uri("/api/v1/recordings/cameras/" + CAM + "/export?from=2025-12-31T16:00:00Z&to=2026-01-01T16:00:00Z")
                .header("Authorization", "Bearer " + token("operator")).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("to");
    }

    @Test
    void aRecorderRestartsAfterTheCameraFailsAndTheOutageIsAGap() throws Exception {
        Instant before = Instant.now();
        CameraStreamFixture.interrupt(Duration.ofSeconds(6));
        Instant back = Instant.now();
        // restarted after its back-off (2 s, 4 s, 8 s …): segments come again
        await().atMost(Duration.ofSeconds(40)).until(() -> jdbc.sql("select count(*) from recording_segment where camera_id = ? and started_at > ?")
                .params(CAM, Timestamp.from(back)).query(Long.class).single() >= 2);
        JsonNode cam = getJson("/api/v1/recordings/search?cameraIds=" + CAM + "&from=" + before.minusSeconds(20) + "&to=" + Instant.now(), "operator")
                .path("cameras").path(0);
        assertThat(cam.path("spans").size()).as("recorded before and after the outage").isGreaterThanOrEqualTo(2);
        JsonNode outage = cam.path("gaps").valueStream()
                .filter(g -> Instant.parse(g.path("to").asText()).isAfter(before) && Instant.parse(g.path("from").asText()).isBefore(back))
                .findFirst().orElseThrow(() -> new AssertionError("no gap over the outage: " + cam.path("gaps")));
        assertThat(Duration.between(Instant.parse(outage.path("from").asText()), Instant.parse(outage.path("to").asText())).toSeconds())
                .as("the gap covers the six dark seconds").isBetween(5L, 30L);
    }

    @Test
    void rolesWithoutThePermissionAndOtherAreasAreRefused() {
        Instant to = Instant.now();
        Instant from = to.minusSeconds(30);
        String range = "?from=" + from + "&to=" + to;
        for (String user : new String[] {"resident", "grid1", "patrol1", "integrator"}) {
            http().get().uri("/api/v1/recordings/search?cameraIds=" + CAM + "&from=" + from + "&to=" + to).header("Authorization", "Bearer " + token(user))
                    .exchange().expectStatus().isForbidden();
            http().get().uri("/api/v1/recordings/cameras/" + CAM + "/video" + range).header("Authorization", "Bearer " + token(user))
                    .exchange().expectStatus().isForbidden();
        }
        // leaders watch but do not export; operators do not change another area's cameras
        http().get().uri("/api/v1/recordings/cameras/" + CAM + "/export" + range).header("Authorization", "Bearer " + token("leader"))
                .exchange().expectStatus().isForbidden();
        http().get().uri("/api/v1/recordings/cameras/" + CAM + "/export" + range).header("Authorization", "Bearer " + token("operator-kwm"))
                .exchange().expectStatus().isNotFound();
        http().put().uri("/api/v1/recordings/settings/" + FAR).header("Authorization", "Bearer " + token("police"))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("mode", "OFF")).exchange().expectStatus().isForbidden();
        http().put().uri("/api/v1/recordings/settings/" + FAR).header("Authorization", "Bearer " + token("operator-kwm"))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("mode", "OFF")).exchange().expectStatus().isNotFound();
        http().put().uri("/api/v1/recordings/settings/" + FAR).header("Authorization", "Bearer " + token("operator"))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("mode", "sometimes")).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("mode");
        // the area's operator sets the mode, audited
        http().put().uri("/api/v1/recordings/settings/" + FAR).header("Authorization", "Bearer " + token("operator"))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("mode", "OFF")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.mode").isEqualTo("OFF").jsonPath("$.own").isEqualTo(true);
        assertThat(audits("operator", "recording.mode", FAR)).isPositive();
        JsonNode settings = getJson("/api/v1/recordings/settings", "operator");
        assertThat(settings.path("items").valueStream().filter(s -> s.path("cameraId").asText().equals(CAM)).findFirst().orElseThrow()
                .path("mode").asText()).isEqualTo("CONTINUOUS");
    }

    @Test
    void retentionDeletesOldFootageButWhatAnAlarmOrANearbyEventKeeps() throws Exception {
        String cam = "cam-rec-ret";
        long area = jdbc.sql("select id from area where code = '370705001001'").query(Long.class).single();
        jdbc.sql("""
                insert into device (id, kind, serial, name, area_id, location, state) values
                  (?, 'camera', 'SN-CAM-REC-RET', '保留期测试摄像机', ?, st_setsrid(st_makepoint(119.1250, 36.7020), 4326), 'ACTIVE')
                on conflict do nothing""").params(cam, area).update();
        Instant now = Instant.now();
        Path dir = props.dir().toAbsolutePath().resolve("segments").resolve(cam);
        Files.createDirectories(dir);
        // continuous: 8 days old (past the 7-day retention); 8 days old but kept by an alarm for another hour; 6 days old
        Path old = segment(cam, dir, "old", now.minus(Duration.ofDays(8)), "CONTINUOUS", null);
        Path kept = segment(cam, dir, "kept", now.minus(Duration.ofDays(8)).plusSeconds(60), "CONTINUOUS", now.plus(Duration.ofHours(1)));
        Path young = segment(cam, dir, "young", now.minus(Duration.ofDays(6)), "CONTINUOUS", null);
        // on events: 5 min old with nothing near it (past the 20 s buffer); 5 min old with a camera.person event beside it
        Path idle = segment(cam, dir, "idle", now.minus(Duration.ofMinutes(5)), "EVENTS", null);
        Path seen = segment(cam, dir, "seen", now.minus(Duration.ofMinutes(5)).plusSeconds(30), "EVENTS", null);
        jdbc.sql("insert into device_event (device_id, msg_id, ts, type, payload) values (?, ?, ?, 'camera.person', '{}')")
                .params(cam, "rec-ret-" + now.toEpochMilli(), Timestamp.from(now.minus(Duration.ofMinutes(5)).plusSeconds(33))).update();

        RecordingRetention.Purged p = retention.purge(now);
        assertThat(p.segments()).isGreaterThanOrEqualTo(2);
        assertThat(old).doesNotExist();
        assertThat(idle).doesNotExist();
        assertThat(kept).exists();
        assertThat(young).exists();
        assertThat(seen).exists();
        assertThat(paths(cam)).containsExactlyInAnyOrder(rel(kept), rel(young), rel(seen));
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'recordings.purged' and at > now() - interval '1 minute'")
                .query(Long.class).single()).isPositive();
        // the recorded camera's recent footage is untouched
        assertThat(segments(now.minusSeconds(10))).isPositive();

        // two hours on (the clock injected): the alarm's hold has lapsed, the young segment is still within its 7 days
        retention.purge(now.plus(Duration.ofHours(2)));
        assertThat(kept).doesNotExist();
        assertThat(paths(cam)).containsExactlyInAnyOrder(rel(young), rel(seen));
        // idempotent
        assertThat(retention.purge(now.plus(Duration.ofHours(2))).segments()).isZero();
    }

    private Path segment(String cam, Path dir, String name, Instant start, String mode, Instant keptUntil) throws IOException {
        Path f = dir.resolve(name + "-" + start.toEpochMilli() + ".mp4");
        Files.write(f, new byte[] {0, 0, 0, 8, 'f', 'r', 'e', 'e'});
        jdbc.sql("""
                insert into recording_segment (camera_id, started_at, ended_at, path, bytes, mode, kept_until) values (?,?,?,?,8,?,?)""")
                .params(cam, Timestamp.from(start), Timestamp.from(start.plusSeconds(10)), rel(f), mode,
                        keptUntil == null ? null : Timestamp.from(keptUntil)).update();
        return f;
    }

    private String rel(Path f) {
        return props.dir().toAbsolutePath().relativize(f).toString();
    }

    private java.util.List<String> paths(String cam) {
        return jdbc.sql("select path from recording_segment where camera_id = ?").param(cam).query(String.class).list();
    }

    private long audits(String actor, String action, String camera) {
        return jdbc.sql("select count(*) from audit_log where actor = ? and action = ? and entity = 'camera' and entity_id = ?")
                .params(actor, action, camera).query(Long.class).single();
    }

    static double ffprobeDuration(Path file) throws Exception {
        Process p = new ProcessBuilder("ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", file.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor();
        return Double.parseDouble(out);
    }
}
