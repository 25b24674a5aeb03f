package org.redwhistle.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** What the fault tests do to the run's services: restart its broker, find a port for an app process. */
public final class Faults {

    private Faults() {
    }

    /** SIGTERM (Mosquitto saves its persistence file), then start it again on the same config and port. */
    public static void restartBroker(Path dir) throws Exception {
        long pid = Long.parseLong(Files.readString(dir.resolve("mosquitto.pid")).trim());
        ProcessHandle broker = ProcessHandle.of(pid).orElseThrow();
        broker.destroy();
        broker.onExit().get(20, TimeUnit.SECONDS);
        Process p = new ProcessBuilder("mosquitto", "-d", "-c", dir.resolve("mosquitto.conf").toString()).inheritIO().start();
        assertThat(p.waitFor()).isZero();
        Thread.sleep(500);
    }

    public static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
