package org.redwhistle.devices.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.redwhistle.devices.contract.Topics;
import org.redwhistle.devices.mqtt.MessageCallback;
import org.redwhistle.devices.provisioning.ProvisioningClient;
import org.redwhistle.testing.TcpRelay;
import org.redwhistle.testing.TestServices;

/**
 * The simulated village's devices come back by themselves after their broker went away, all of them
 * within seconds, and are whole again: "online" retained and their commands answered. With Paho's
 * automatic reconnect (one delay shared by every client of the process) the demo's 30 devices came back
 * over 129 s after a broker restart.
 */
class SimulatedDeviceReconnectTest {

    private static final int DEVICES = 6;
    private final TestServices services = TestServices.get();

    @Test
    void everyDeviceReconnectsResubscribesAndSaysItIsOnlineAfterItsBrokerWentAway() throws Exception {
        String prefix = "sim-reconnect-" + ProcessHandle.current().pid() + "-";
        List<String> heard = new CopyOnWriteArrayList<>();
        MqttClient watcher = new MqttClient(services.mqttUrl(), prefix + "watcher", new MemoryPersistence());
        watcher.setCallback(new MessageCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                heard.add(topic + " " + new String(message.getPayload(), StandardCharsets.UTF_8));
            }
        });
        watcher.connect(services.mqttLogin());
        for (int i = 0; i < DEVICES; i++) {
            watcher.subscribe(new String[] {Topics.status(prefix + i), Topics.device(prefix + i, Topics.Channel.COMMAND_ACKS)}, new int[] {1, 1});
        }
        List<SimulatedDevice> devices = new ArrayList<>();
        try (TcpRelay relay = new TcpRelay(URI.create(services.mqttUrl()).getPort())) {
            for (int i = 0; i < DEVICES; i++) {
                String id = prefix + i;
                SimulatedDevice d = new SimulatedDevice("tcp://127.0.0.1:" + relay.port(),
                        new SimulatedDevice.DeviceInfo(id, "camera", "摄像机 " + i, 119.1, 36.7, null, null),
                        new ProvisioningClient.Response(true, "", id, services.mqttUser(), services.mqttPassword(), id, null));
                devices.add(d);
                d.connect();
            }
            for (int round = 0; round < 2; round++) {
                heard.clear();
                relay.outage(Duration.ofSeconds(4)); // as a broker restart: connections cut, then refused for a while
                int r = round;
                await().atMost(Duration.ofSeconds(10)).alias("round " + r + ": every device back within 10 s of the outage")
                        .until(() -> devices.stream().allMatch(SimulatedDevice::isConnected));
                await().atMost(Duration.ofSeconds(5)).alias("round " + r + ": every device said it is online again")
                        .until(() -> devices.stream().allMatch(d -> heard.contains(Topics.status(d.info().id()) + " {\"state\":\"online\"}")));
                // subscribed again: each answers a command
                for (SimulatedDevice d : devices) {
                    watcher.publish(Topics.commands(d.info().id()), ("{\"cmdId\":\"r" + r + "\",\"command\":\"sound_siren\"}").getBytes(StandardCharsets.UTF_8), 1, false);
                }
                await().atMost(Duration.ofSeconds(5)).alias("round " + r + ": every device answered a command after reconnecting")
                        .until(() -> devices.stream().allMatch(d -> heard.stream().anyMatch(h -> h.startsWith(Topics.device(d.info().id(), Topics.Channel.COMMAND_ACKS) + " ")
                                && h.contains("\"cmdId\":\"r" + r + "\""))));
            }
            assertThat(relay.accepted()).as("each device connected once, then once after each outage").isEqualTo(DEVICES * 3);
        } finally {
            devices.forEach(SimulatedDevice::close);
            watcher.disconnect();
            watcher.close();
        }
    }
}
