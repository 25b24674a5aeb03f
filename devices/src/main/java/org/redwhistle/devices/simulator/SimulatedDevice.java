package org.redwhistle.devices.simulator;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.redwhistle.devices.contract.Topics;
import org.redwhistle.devices.mqtt.MessageCallback;
import org.redwhistle.devices.provisioning.ProvisioningClient;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One simulated device: its own MQTT connection, credentials, Last Will and publications. A device whose
 * connection drops reconnects by itself, as a real one's firmware does: its own back-off from 500 ms to 15 s,
 * then its command subscription and "online" again. Not Paho's automatic reconnect: Paho 1.2.5 keeps that
 * delay in a static field shared by every client of the process, so after a broker restart the village's
 * devices came back one per doubling delay (the last after 129 s).
 */
final class SimulatedDevice implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final long FIRST_RETRY_MS = 500;
    static final long LAST_RETRY_MS = 15_000;
    /** When the devices whose connection dropped try again; the connects themselves do not block it. */
    private static final ScheduledExecutorService RECONNECTS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "simulator-reconnect");
        t.setDaemon(true);
        return t;
    });

    private final DeviceInfo info;
    private final MqttAsyncClient client;
    private final MqttConnectionOptions options;
    /** A camera's or face gate's current view as a JPEG (null: it sends no snapshots, or has no frames to show). */
    private volatile java.util.function.Supplier<byte[]> view;
    /** Between a dropped connection and the reconnect that succeeds (one retry chain at a time). */
    private final AtomicBoolean reconnecting = new AtomicBoolean();
    private volatile long retryMs = FIRST_RETRY_MS;
    private volatile boolean closed;

    /** The device as the simulator drives it; {@code id} is what the platform assigned at provisioning. */
    record DeviceInfo(String id, String kind, String name, double lon, double lat, String zoneId,
            tools.jackson.databind.JsonNode attributes) {
    }

    SimulatedDevice(String brokerUrl, DeviceInfo info, ProvisioningClient.Response credentials) throws MqttException {
        this.info = info;
        this.client = new MqttAsyncClient(brokerUrl, credentials.clientId(), new MemoryPersistence());
        this.options = new MqttConnectionOptions();
        options.setUserName(credentials.username());
        options.setPassword(credentials.password().getBytes(StandardCharsets.UTF_8));
        options.setAutomaticReconnect(false); // reconnect() below
        options.setCleanStart(true);
        options.setKeepAliveInterval(30);
        MqttMessage will = new MqttMessage(status("offline"));
        will.setQos(1);
        will.setRetained(true);
        options.setWill(Topics.status(info.id()), will);
    }

    DeviceInfo info() {
        return info;
    }

    void view(java.util.function.Supplier<byte[]> view) {
        this.view = view;
    }

    /**
     * Publishes a JPEG snapshot of the camera's view, with the contract's metadata in MQTT 5 user
     * properties: the event it was taken for and/or the capture_snapshot command it answers.
     */
    boolean snapshot(String eventMsgId, String cmdId) throws MqttException {
        var v = view;
        if (v == null || !client.isConnected()) {
            return false;
        }
        MqttMessage m = new MqttMessage(v.get());
        m.setQos(1);
        var props = new org.eclipse.paho.mqttv5.common.packet.MqttProperties();
        var user = new java.util.ArrayList<org.eclipse.paho.mqttv5.common.packet.UserProperty>();
        user.add(new org.eclipse.paho.mqttv5.common.packet.UserProperty("capturedAt", OffsetDateTime.now(ZoneOffset.ofHours(8)).toString()));
        if (eventMsgId != null) {
            user.add(new org.eclipse.paho.mqttv5.common.packet.UserProperty("eventMsgId", eventMsgId));
        }
        if (cmdId != null) {
            user.add(new org.eclipse.paho.mqttv5.common.packet.UserProperty("cmdId", cmdId));
        }
        props.setUserProperties(user);
        m.setProperties(props);
        client.publish(Topics.device(info.id(), Topics.Channel.SNAPSHOTS), m);
        return true;
    }

    void connect() throws MqttException {
        client.setCallback(new CommandResponder());
        client.connect(options).waitForCompletion(15_000);
        client.subscribe(Topics.commands(info.id()), 1).waitForCompletion(10_000);
        publish(Topics.status(info.id()), status("online"), true);
    }

    /** The connection dropped: try again soon, unless a retry chain is already running. */
    private void connectionLost() {
        if (!closed && reconnecting.compareAndSet(false, true)) {
            retryMs = FIRST_RETRY_MS;
            RECONNECTS.schedule(this::reconnect, FIRST_RETRY_MS, TimeUnit.MILLISECONDS);
        }
    }

    private void reconnect() {
        if (closed) {
            return;
        }
        try {
            client.connect(options, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    reconnecting.set(false);
                    try {
                        // a clean start: the command subscription and the retained "online" are made again
                        client.subscribe(Topics.commands(info.id()), 1);
                        publish(Topics.status(info.id()), status("online"), true);
                        System.out.println("simulator: " + info.id() + " reconnected");
                    } catch (MqttException e) {
                        System.err.println("simulator: " + info.id() + " resubscribe failed: " + e.getMessage());
                    }
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    retryLater();
                }
            });
        } catch (MqttException e) {
            retryLater(); // e.g. still disconnecting from the dropped connection
        }
    }

    private void retryLater() {
        if (!closed) {
            retryMs = Math.min(retryMs * 2, LAST_RETRY_MS);
            RECONNECTS.schedule(this::reconnect, retryMs, TimeUnit.MILLISECONDS);
        }
    }

    /** Carries out commands (a gate opens, a siren sounds) and acknowledges them on commands/ack. */
    private final class CommandResponder extends MessageCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            var cmd = JSON.readTree(message.getPayload());
            String name = cmd.path("command").asText();
            System.out.println("simulator: " + info.id() + " received command " + name);
            var ack = JSON.createObjectNode().put("cmdId", cmd.path("cmdId").asText()).put("result", "ok").put("detail", name + " done");
            try {
                if ("capture_snapshot".equals(name) && !snapshot(null, cmd.path("cmdId").asText())) {
                    ack.put("result", "failed").put("detail", "no frames to show (start the simulator with --frames)");
                }
                client.publish(Topics.device(info.id(), Topics.Channel.COMMAND_ACKS), JSON.writeValueAsBytes(ack), 1, false);
                if ("open_door".equals(name)) {
                    // the door opens remotely: the intercom reports it like any remote opening
                    var opened = fields().put("method", "remote");
                    String room = cmd.path("args").path("room").asText("");
                    if (!room.isBlank()) {
                        opened.put("room", room);
                    }
                    event("intercom.door_opened", info.lon(), info.lat(), opened);
                }
            } catch (MqttException e) {
                System.err.println("simulator: ack of " + name + " failed: " + e.getMessage());
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            connectionLost();
        }
    }

    boolean isConnected() {
        return client.isConnected();
    }

    /** Publishes one event; fields beyond the envelope come from {@code fields}. */
    String event(String type, double lon, double lat, ObjectNode fields) throws MqttException {
        String msgId = UUID.randomUUID().toString();
        ObjectNode e = JSON.createObjectNode()
                .put("msgId", msgId)
                .put("ts", OffsetDateTime.now(ZoneOffset.ofHours(8)).toString())
                .put("type", type)
                .put("lon", lon)
                .put("lat", lat);
        if (fields != null) {
            e.setAll(fields);
        }
        publish(Topics.events(info.id()), JSON.writeValueAsBytes(e), false);
        return msgId;
    }

    void position(double lon, double lat, double speedMps, double headingDeg, double battery) throws MqttException {
        ObjectNode p = JSON.createObjectNode()
                .put("msgId", UUID.randomUUID().toString())
                .put("ts", OffsetDateTime.now(ZoneOffset.ofHours(8)).toString())
                .put("type", "position")
                .put("lon", lon)
                .put("lat", lat)
                .put("accuracyM", 5.0)
                .put("speedMps", speedMps)
                .put("headingDeg", headingDeg)
                .put("battery", battery);
        if (client.isConnected()) {
            client.publish(Topics.telemetry(info.id()), JSON.writeValueAsBytes(p), 0, false);
        }
    }

    static ObjectNode fields() {
        return JSON.createObjectNode();
    }

    private void publish(String topic, byte[] payload, boolean retained) throws MqttException {
        if (client.isConnected()) {
            client.publish(topic, payload, 1, retained);
        }
    }

    private static byte[] status(String state) {
        return JSON.writeValueAsBytes(JSON.createObjectNode().put("state", state));
    }

    @Override
    public void close() {
        closed = true;
        try {
            if (client.isConnected()) {
                client.publish(Topics.status(info.id()), status("offline"), 1, true).waitForCompletion(2_000);
                client.disconnect().waitForCompletion(2_000);
            }
            client.close();
        } catch (MqttException e) {
            // shutting down: nothing left to do with a broken connection
        }
    }
}
