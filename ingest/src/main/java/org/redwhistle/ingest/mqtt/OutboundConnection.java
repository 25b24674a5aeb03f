package org.redwhistle.ingest.mqtt;

import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.redwhistle.devices.contract.Topics;
import org.redwhistle.ingest.broker.Broker;
import org.redwhistle.ingest.broker.BrokerPool;
import org.redwhistle.ingest.commands.CommandChannel;
import org.redwhistle.ingest.registry.DeviceDirectory;
import org.redwhistle.ingest.workers.WorkerPools;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * This instance's own outbound connections ({@code <instance>-out}, clean start, no subscriptions),
 * one to every broker of the {@link BrokerPool}: device commands issued through this instance's API go
 * out on the connection to the device's broker, and the provisioning replies of the requests it handles
 * on the broker the request came in on, at QoS 1. Every instance has them, whether it ingests or stands
 * by, so a command never depends on which instance holds the ingestion lease. The platform role's ACL
 * allows publishing on {@code cc/v1/#} from any of its client ids.
 */
@Component
@ConditionalOnProperty(name = "redwhistle.mqtt.enabled", havingValue = "true", matchIfMissing = true)
public class OutboundConnection implements SmartLifecycle, CommandChannel {

    private static final Logger log = LoggerFactory.getLogger(OutboundConnection.class);

    private final BrokerPool brokers;
    private final DeviceDirectory directory;
    private final Map<String, MqttSession> sessions = new LinkedHashMap<>();

    public OutboundConnection(MqttProperties props, BrokerPool brokers, DeviceDirectory directory, WorkerPools pools) {
        this.brokers = brokers;
        this.directory = directory;
        for (Broker b : brokers.brokers()) {
            sessions.put(b.id(), new MqttSession(pools, brokers.isPool() ? "outbound-" + b.id() : "outbound", b.url(),
                    props.outboundClientId(), false, () -> {
                        MqttConnectionOptions o = MqttClientOptions.of(props);
                        o.setCleanStart(true);
                        return o;
                    }, new MqttSubscription[0], (topic, message) -> {
                    }));
        }
    }

    /** Publishes on the given broker at QoS 1 without waiting; failures are logged (the requester times out and retries). */
    public void publish(Broker broker, String topic, byte[] payload) {
        try {
            sessions.get(broker.id()).publish(topic, payload, 1);
        } catch (MqttException e) {
            log.warn("MQTT publish to {} on broker {} failed: {}", topic, broker.id(), e.getMessage());
        }
    }

    /** The broker of the device's commands: the one it was assigned, else the first. */
    private Broker brokerOf(String deviceId) {
        return brokers.of(directory.brokerOf(deviceId).orElse(null));
    }

    @Override
    public boolean isOpen(String deviceId) {
        return sessions.get(brokerOf(deviceId).id()).isConnected();
    }

    /** True while the connection to every broker of the pool is up (health). */
    public boolean isOpen() {
        return sessions.values().stream().allMatch(MqttSession::isConnected);
    }

    @Override
    public void deliver(String deviceId, byte[] command) {
        publish(brokerOf(deviceId), Topics.commands(deviceId), command);
    }

    @Override
    public void start() {
        sessions.values().forEach(MqttSession::start);
    }

    @Override
    public void stop() {
        sessions.values().forEach(MqttSession::stop);
    }

    @Override
    public boolean isRunning() {
        return sessions.values().iterator().next().isRunning();
    }

    /** Up before ingestion starts (a provisioning request is answered here), down after it stops. */
    @Override
    public int getPhase() {
        return 50;
    }
}
