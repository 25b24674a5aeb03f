package org.redwhistle.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttException;

/** What the fault tests do to the run's services (restart its broker, find a port for an app process) and how their devices publish. */
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

    /**
     * A device's QoS 1 publish under faults: counted as attempted once handed to the client, and its msgId added to
     * {@code acked} only when the broker acknowledges it with a success reason code. Disconnected or with a full
     * window, the publish is neither: it was never acknowledged, and the device would send it again later.
     */
    public static void publishCounted(MqttAsyncClient device, String topic, String msgId, String payload, Set<String> acked, AtomicLong attempted) {
        try {
            device.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken t) {
                    int[] rc = t.getReasonCodes();
                    if (rc == null || rc.length == 0 || rc[0] < 0x80) {
                        acked.add(msgId);
                    }
                }

                @Override
                public void onFailure(IMqttToken t, Throwable e) {
                }
            });
            attempted.incrementAndGet();
        } catch (MqttException | RuntimeException e) {
            // disconnected or window full: never acknowledged
        }
    }
}
