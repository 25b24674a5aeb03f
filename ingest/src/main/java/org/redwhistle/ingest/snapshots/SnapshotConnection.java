package org.redwhistle.ingest.snapshots;

import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.redwhistle.devices.contract.Topics;
import org.redwhistle.ingest.mqtt.MqttClientOptions;
import org.redwhistle.ingest.mqtt.MqttProperties;
import org.redwhistle.ingest.pipeline.IngestPipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Camera snapshots arrive on a connection of their own ({@code <instance>-snapshots}, persistent
 * session, QoS 1, manual acks, a small receive maximum), so that images never hold up events and
 * telemetry. Each is decoded and stored on a bounded worker pool off the MQTT threads, then
 * acknowledged; what is refused is dead-lettered with its reason, then acknowledged.
 */
@Component
@ConditionalOnProperty(name = "redwhistle.mqtt.enabled", havingValue = "true", matchIfMissing = true)
public class SnapshotConnection implements SmartLifecycle, MqttCallback {

    private static final Logger log = LoggerFactory.getLogger(SnapshotConnection.class);

    private final MqttProperties mqtt;
    private final SnapshotProperties props;
    private final SnapshotStore store;
    private final IngestPipeline pipeline;
    private final ExecutorService control = Executors.newSingleThreadExecutor(r -> new Thread(r, "mqtt-snapshots-control"));
    private final ThreadPoolExecutor workers;
    private final Counter stored;
    private volatile MqttAsyncClient client;
    private volatile boolean running;

    public SnapshotConnection(MqttProperties mqtt, SnapshotProperties props, SnapshotStore store, IngestPipeline pipeline, MeterRegistry meters) {
        this.mqtt = mqtt;
        this.props = props;
        this.store = store;
        this.pipeline = pipeline;
        // the broker sends at most receiveMaximum unacknowledged snapshots, so the queue never overflows; if it did, the
        // MQTT thread would do the work itself (back-pressure) rather than drop a snapshot
        this.workers = new ThreadPoolExecutor(props.workers(), props.workers(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(Math.max(1, props.receiveMaximum())), r -> new Thread(r, "snapshot-worker"),
                new ThreadPoolExecutor.CallerRunsPolicy());
        this.stored = meters.counter("rw.snapshots", "outcome", "stored");
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        Instant receivedAt = Instant.now();
        MqttAsyncClient c = client;
        int id = message.getId();
        int qos = message.getQos();
        String eventMsgId = null;
        String capturedAt = null;
        if (message.getProperties() != null && message.getProperties().getUserProperties() != null) {
            for (UserProperty p : message.getProperties().getUserProperties()) {
                if ("eventMsgId".equals(p.getKey())) {
                    eventMsgId = p.getValue();
                } else if ("capturedAt".equals(p.getKey())) {
                    capturedAt = p.getValue();
                }
            }
        }
        SnapshotStore.Metadata meta = new SnapshotStore.Metadata(eventMsgId, capturedAt);
        byte[] payload = message.getPayload();
        workers.execute(() -> {
            String deviceId = Topics.parse(topic).map(Topics.DeviceTopic::deviceId).orElse(null);
            try {
                if (deviceId == null) {
                    throw new SnapshotStore.Refused("topic is not a device topic of the contract");
                }
                SnapshotStored s = store.store(deviceId, payload, meta, receivedAt);
                stored.increment();
                log.debug("snapshot stored: id={} device={} {}x{}", s.id(), deviceId, s.width(), s.height());
            } catch (SnapshotStore.Refused e) {
                pipeline.deadLetter(topic, deviceId, e.getMessage(), payload, receivedAt);
            } catch (RuntimeException e) {
                // the database is away: leave it unacknowledged, the broker redelivers it on reconnect
                log.error("snapshot from {} not stored: {}", deviceId, e.toString());
                return;
            }
            ack(c, id, qos);
        });
    }

    private static void ack(MqttAsyncClient c, int id, int qos) {
        if (qos == 0) {
            return;
        }
        try {
            c.messageArrivedComplete(id, qos);
        } catch (MqttException e) {
            log.debug("ack of snapshot {} not sent: {}", id, e.getMessage());
        }
    }

    @Override
    public void start() {
        running = true;
        try {
            client = new MqttAsyncClient(mqtt.url(), mqtt.instanceId() + "-snapshots", new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalStateException("bad MQTT settings: " + e.getMessage(), e);
        }
        client.setCallback(this);
        client.setManualAcks(true);
        control.execute(this::connectUntilUp);
    }

    private void connectUntilUp() {
        MqttConnectionOptions o = MqttClientOptions.of(mqtt);
        o.setCleanStart(false);
        o.setSessionExpiryInterval(mqtt.sessionExpiry().toSeconds());
        o.setReceiveMaximum(props.receiveMaximum());
        long delayMs = 500;
        while (running && !client.isConnected()) {
            try {
                client.connect(o).waitForCompletion(15_000);
                return;
            } catch (MqttException e) {
                log.warn("snapshots: MQTT connect to {} failed ({}); retrying in {} ms", mqtt.url(), e.getMessage(), delayMs);
                try {
                    Thread.sleep(delayMs);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                delayMs = Math.min(delayMs * 2, 15_000);
            }
        }
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
        control.execute(() -> {
            try {
                IMqttToken t = client.subscribe(Topics.filter(Topics.Channel.SNAPSHOTS), 1);
                t.waitForCompletion(15_000);
                log.info("snapshots: MQTT connected to {} as {}, subscribed to {}", serverUri, mqtt.instanceId() + "-snapshots",
                        Topics.filter(Topics.Channel.SNAPSHOTS));
            } catch (MqttException e) {
                log.error("snapshots: subscribe failed: {}", e.getMessage());
            }
        });
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        log.warn("snapshots: MQTT disconnected: {}", response.getReasonString());
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        log.error("snapshots: MQTT error: {}", exception.getMessage());
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
    }

    @Override
    public void authPacketArrived(int reasonCode, org.eclipse.paho.mqttv5.common.packet.MqttProperties properties) {
    }

    @Override
    public void stop() {
        running = false;
        control.shutdownNow();
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(5_000);
            }
            client.close();
        } catch (MqttException e) {
            log.debug("snapshots: MQTT close: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the pipeline (phase 0) starts, before it stops. */
    @Override
    public int getPhase() {
        return 1;
    }
}
