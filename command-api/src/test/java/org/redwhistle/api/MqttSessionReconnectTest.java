package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Test;
import org.redwhistle.ingest.mqtt.MqttSession;
import org.redwhistle.ingest.workers.WorkerPools;
import org.redwhistle.testing.TcpRelay;
import org.redwhistle.testing.TestServices;

/**
 * The platform's sessions come back by themselves, all of them and at once, after their connections
 * drop. Paho 1.2.5's automatic reconnect keeps its delay in a static field shared by every client of
 * the process: after a broker restart the demo's sessions came back one per doubling delay (2, 4, 8,
 * 16, 32, 64 s), and its cycle can also end for good. {@link MqttSession} reconnects with a loop of
 * its own, whatever the options say; here the options ask for Paho's reconnect, as production's did.
 */
class MqttSessionReconnectTest {

    private static final int SESSIONS = 6;
    private final TestServices services = TestServices.get();

    @Test
    void everySessionOfTheProcessReconnectsAfterItsConnectionDrops() throws Exception {
        URI broker = URI.create(services.mqttUrl());
        WorkerPools pools = new WorkerPools();
        List<MqttSession> sessions = new ArrayList<>();
        try (TcpRelay relay = new TcpRelay(broker.getPort())) {
            for (int i = 0; i < SESSIONS; i++) {
                MqttSession session = new MqttSession(pools, "reconnect-test-" + i, "tcp://127.0.0.1:" + relay.port(),
                        "rw-reconnect-" + ProcessHandle.current().pid() + "-" + i, false, () -> {
                            MqttConnectionOptions o = services.mqttLogin();
                            o.setAutomaticReconnect(true);
                            o.setAutomaticReconnectDelay(1, 30);
                            o.setConnectionTimeout(5);
                            return o;
                        }, new MqttSubscription[0], (topic, message) -> {
                        });
                sessions.add(session);
                session.start();
            }
            await().atMost(Duration.ofSeconds(15)).until(() -> sessions.stream().allMatch(MqttSession::isConnected));
            for (int round = 0; round < 2; round++) {
                relay.outage(Duration.ofSeconds(4)); // as a broker restart: connections cut, then refused for a while
                await().atMost(Duration.ofSeconds(10)).alias("round " + round + ": every session back within 10 s of the outage")
                        .until(() -> sessions.stream().allMatch(MqttSession::isConnected));
            }
            assertThat(relay.accepted()).as("each session connected once, then once after each outage").isEqualTo(SESSIONS * 3);
        } finally {
            sessions.forEach(MqttSession::stop);
            pools.destroy();
        }
    }
}
