package org.redwhistle.api.recordings.internal;

import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The recorded test camera: the simulated cameras' RTSP server (scripts/camera-streams.py: opencv-doc's vtest.avi
 * looped, 640×480 H.264, a key frame a second) on a port of its own, registered as camera {@link #CAM} (recorded
 * CONTINUOUS) 33 m south of wall alarm {@link #WALL}, and a camera {@link #FAR} 500 m away. One source per test run.
 */
final class CameraStreamFixture {

    static final String CAM = "cam-rec1";
    static final String FAR = "cam-rec-far";
    static final String WALL = "wall-rec1";
    static final double LON = 119.1240;
    static final double LAT = 36.7040;
    static final double WALL_LAT = LAT + 0.0003;

    private static Process source;
    private static int port;

    private CameraStreamFixture() {
    }

    /** Starts the stream and registers the devices unless done, then waits until the camera's segments come in. */
    static synchronized void ensureRecording(JdbcClient jdbc) throws Exception {
        if (source == null || !source.isAlive()) {
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            serve();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> source.destroy()));
            long area = jdbc.sql("select id from area where code = '370705001001'").query(Long.class).single();
            jdbc.sql("""
                    insert into device (id, kind, serial, name, area_id, location, state, attributes) values
                      (:cam, 'camera', 'SN-CAM-REC1', '录像测试摄像机', :a, st_setsrid(st_makepoint(:lon, :lat), 4326), 'ACTIVE', cast(:attrs as jsonb)),
                      (:far, 'camera', 'SN-CAM-REC-FAR', '远处摄像机（录像测试）', :a, st_setsrid(st_makepoint(119.1300, 36.7000), 4326), 'ACTIVE', '{}'),
                      (:wall, 'perimeter_alarm', 'SN-WALL-REC1', '录像测试围墙', :a, st_setsrid(st_makepoint(:lon, :wlat), 4326), 'ACTIVE', '{}')
                    on conflict (id) do update set attributes = excluded.attributes""")
                    .param("cam", CAM).param("far", FAR).param("wall", WALL).param("a", area).param("lon", LON).param("lat", LAT)
                    .param("wlat", WALL_LAT).param("attrs", "{\"streamUrl\":\"rtsp://127.0.0.1:" + port + "/" + CAM + "\"}").update();
            jdbc.sql("insert into camera_recording (camera_id, mode, updated_by) values (?, 'CONTINUOUS', 'test') on conflict (camera_id) do nothing")
                    .param(CAM).update();
        }
        // a recorder of an earlier source (if any) moves to the new URL at the next sweep
        await().atMost(Duration.ofSeconds(40)).until(() -> segments(jdbc, Instant.now().minusSeconds(6)) >= 2);
    }

    /** The simulated camera as real cameras are: an RTSP server (scripts/camera-streams.py) of its own, so that it can go dark. */
    private static void serve() throws java.io.IOException {
        java.nio.file.Path dir = java.nio.file.Path.of("").toAbsolutePath();
        while (!java.nio.file.Files.exists(dir.resolve("scripts/camera-streams.py"))) {
            dir = dir.getParent();
        }
        source = new ProcessBuilder("/usr/bin/python3", dir.resolve("scripts/camera-streams.py").toString(), "--port", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** The camera goes dark for {@code pause} (its stream ends, connections are refused), then streams again on the same address. */
    static synchronized void interrupt(Duration pause) throws Exception {
        source.destroyForcibly();
        source.waitFor();
        Thread.sleep(pause.toMillis());
        serve();
    }

    static long segments(JdbcClient jdbc, Instant since) {
        return jdbc.sql("select count(*) from recording_segment where camera_id = ? and ended_at > ?").params(CAM, Timestamp.from(since))
                .query(Long.class).single();
    }
}
