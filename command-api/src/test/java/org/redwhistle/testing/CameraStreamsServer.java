package org.redwhistle.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The simulated cameras' RTSP server (scripts/camera-streams.py) for a test run: started once, on a
 * free port of its own, on first use, and stopped when the JVM exits. It encodes only while a client
 * is connected, so an idle server costs nothing. {@link #baseUrl()} + a camera id is that camera's URL.
 */
public final class CameraStreamsServer {

    private static CameraStreamsServer instance;

    private final Process process;
    private final int port;

    private CameraStreamsServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static synchronized CameraStreamsServer get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    /** e.g. {@code rtsp://127.0.0.1:41234/}. */
    public String baseUrl() {
        return "rtsp://127.0.0.1:" + port + "/";
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    private static CameraStreamsServer start() {
        Path script = repoRoot().resolve("scripts/camera-streams.py");
        try {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Path log = Files.createTempFile("camera-streams-", ".log");
            Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), "--port", String.valueOf(port))
                    .redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            if (first == null || !first.startsWith("ready ")) {
                p.destroyForcibly();
                throw new IllegalStateException("camera-streams.py did not start: " + first);
            }
            // keep draining its output (one line per camera started/stopped) into a log file
            Thread drain = new Thread(() -> {
                try (var w = Files.newBufferedWriter(log)) {
                    for (String line; (line = out.readLine()) != null;) {
                        w.write(line);
                        w.newLine();
                        w.flush();
                    }
                } catch (IOException ended) {
                    // the server stopped
                }
            }, "camera-streams-log");
            drain.setDaemon(true);
            drain.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                p.destroy();
                try {
                    if (!p.waitFor(3, TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    p.destroyForcibly();
                }
            }));
            return new CameraStreamsServer(p, port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + script, e);
        }
    }

    private static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("scripts/camera-streams.py"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("scripts/camera-streams.py not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
