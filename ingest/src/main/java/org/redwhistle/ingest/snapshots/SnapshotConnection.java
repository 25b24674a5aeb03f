package org.redwhistle.ingest.snapshots;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.redwhistle.devices.contract.Topics;
import org.redwhistle.ingest.broker.Broker;
import org.redwhistle.ingest.broker.BrokerPool;
import org.redwhistle.ingest.cluster.IngestionSessions;
import org.redwhistle.ingest.mqtt.MqttClientOptions;
import org.redwhistle.ingest.mqtt.MqttProperties;
import org.redwhistle.ingest.mqtt.MqttSession;
import org.redwhistle.ingest.pipeline.IngestPipeline;
import org.redwhistle.ingest.workers.WorkerPools;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Camera snapshots arrive on a connection of their own ({@code <session>-snapshots}, persistent
 * session, QoS 1, manual acks, a small receive maximum), so that images never hold up events and
 * telemetry. Like the other device-traffic sessions it is open only where ingestion runs
 * ({@link org.redwhistle.ingest.cluster.IngestionLeader}). Each is decoded and stored on a bounded worker pool off the MQTT threads, then
 * acknowledged; what is refused is dead-lettered with its reason, then acknowledged.
 */
@Component
@ConditionalOnProperty(name = "redwhistle.mqtt.enabled", havingValue = "true", matchIfMissing = true)
public class SnapshotConnection implements IngestionSessions, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SnapshotConnection.class);

    private final SnapshotStore store;
    private final IngestPipeline pipeline;
    private final ThreadPoolExecutor workers;
    private final Counter stored;
    private final Counter repeated;
    private final List<MqttSession> sessions = new ArrayList<>();
    private final String clientId;

    public SnapshotConnection(MqttProperties mqtt, BrokerPool brokers, SnapshotProperties props, SnapshotStore store, IngestPipeline pipeline, MeterRegistry meters,
            WorkerPools pools) {
        this.store = store;
        this.pipeline = pipeline;
        // the broker sends at most receiveMaximum unacknowledged snapshots, so the queue never overflows; if it did, the
        // MQTT thread would do the work itself (back-pressure) rather than drop a snapshot
        this.workers = pools.bounded("snapshot-worker", props.workers(), props.receiveMaximum());
        this.stored = meters.counter("rw.snapshots", "outcome", "stored");
        this.repeated = meters.counter("rw.snapshots", "outcome", "repeated");
        this.clientId = mqtt.snapshotsClientId();
        // one session on every broker of the pool, each acknowledging what arrived on it
        for (Broker b : brokers.brokers()) {
            AtomicReference<MqttSession> self = new AtomicReference<>();
            self.set(new MqttSession(pools, brokers.isPool() ? "snapshots-" + b.id() : "snapshots", b.url(), clientId, true, () -> {
                MqttConnectionOptions o = MqttClientOptions.of(mqtt);
                o.setCleanStart(false);
                o.setSessionExpiryInterval(mqtt.sessionExpiry().toSeconds());
                o.setReceiveMaximum(props.receiveMaximum());
                return o;
            }, new MqttSubscription[] {new MqttSubscription(Topics.filter(Topics.Channel.SNAPSHOTS), 1)},
                    (topic, message) -> messageArrived(self.get(), topic, message)));
            sessions.add(self.get());
        }
    }

    private void messageArrived(MqttSession session, String topic, MqttMessage message) {
        Instant receivedAt = Instant.now();
        Runnable ack = session.acker(message);
        String eventMsgId = null;
        String capturedAt = null;
        String cmdId = null;
        if (message.getProperties() != null && message.getProperties().getUserProperties() != null) {
            for (UserProperty p : message.getProperties().getUserProperties()) {
                if ("eventMsgId".equals(p.getKey())) {
                    eventMsgId = p.getValue();
                } else if ("capturedAt".equals(p.getKey())) {
                    capturedAt = p.getValue();
                } else if ("cmdId".equals(p.getKey())) {
                    cmdId = p.getValue();
                }
            }
        }
        SnapshotStore.Metadata meta = new SnapshotStore.Metadata(eventMsgId, capturedAt, cmdId);
        byte[] payload = message.getPayload();
        workers.execute(() -> {
            String deviceId = Topics.parse(topic).map(Topics.DeviceTopic::deviceId).orElse(null);
            try {
                if (deviceId == null) {
                    throw new SnapshotStore.Refused("topic is not a device topic of the contract");
                }
                Optional<SnapshotStored> s = store.store(deviceId, payload, meta, receivedAt);
                if (s.isPresent()) {
                    stored.increment();
                    log.debug("snapshot stored: id={} device={} {}x{}", s.get().id(), deviceId, s.get().width(), s.get().height());
                } else {
                    repeated.increment();
                    log.info("snapshot from {} delivered again (event {}, command {}): stored once before", deviceId, meta.eventMsgId(), meta.cmdId());
                }
            } catch (SnapshotStore.Refused e) {
                pipeline.deadLetter(topic, deviceId, e.getMessage(), payload, receivedAt);
            } catch (RuntimeException e) {
                // the database is away: leave it unacknowledged, the broker redelivers it on reconnect
                log.error("snapshot from {} not stored: {}", deviceId, e.toString());
                return;
            }
            ack.run();
        });
    }

    @Override
    public String name() {
        return "snapshots";
    }

    @Override
    public void open(Consumer<String> lost) {
        for (MqttSession session : sessions) {
            session.whenTakenOver(() -> lost.accept("session " + clientId + " (" + session.url() + ") taken over by another client"));
            session.start();
        }
    }

    /** The snapshots in hand are still stored; their acks go nowhere, and the next holder gets them again. */
    @Override
    public void close() {
        sessions.forEach(MqttSession::stop);
    }

    @Override
    public boolean isConnected() {
        return sessions.stream().allMatch(MqttSession::isConnected);
    }

    /** After the ingestion leader closed the session: finishes the snapshots in hand. */
    @Override
    public void destroy() {
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
