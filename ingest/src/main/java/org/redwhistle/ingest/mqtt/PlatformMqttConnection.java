package org.redwhistle.ingest.mqtt;

import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.redwhistle.devices.contract.Topics;
import org.redwhistle.ingest.pipeline.IngestPipeline;
import org.redwhistle.ingest.pipeline.InboundMessage;
import org.redwhistle.ingest.provisioning.ProvisioningRequests;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The platform's device-traffic connection: MQTT 5, persistent session (clean start off, session
 * expiry set), exclusive or shared subscriptions ({@link MqttProperties#subscription()}), QoS 1 with
 * manual acks, receive maximum as back-pressure. Paho's per-subscription listeners never fire for
 * {@code $share/} filters, so everything arrives through the client callback; resubscription after
 * reconnect runs off the callback thread.
 */
@Component
@ConditionalOnProperty(name = "redwhistle.mqtt.enabled", havingValue = "true", matchIfMissing = true)
public class PlatformMqttConnection implements SmartLifecycle, MqttCallback {

    private static final Logger log = LoggerFactory.getLogger(PlatformMqttConnection.class);
    private static final Topics.Channel[] CHANNELS = {Topics.Channel.EVENTS, Topics.Channel.TELEMETRY, Topics.Channel.STATUS,
        Topics.Channel.COMMAND_ACKS};

    private final MqttProperties props;
    private final IngestPipeline pipeline;
    private final ProvisioningRequests provisioning;
    private final ExecutorService control = Executors.newSingleThreadExecutor(r -> new Thread(r, "mqtt-ingest-control"));
    private volatile MqttAsyncClient client;
    private volatile boolean running;

    public PlatformMqttConnection(MqttProperties props, IngestPipeline pipeline, ProvisioningRequests provisioning) {
        this.props = props;
        this.pipeline = pipeline;
        this.provisioning = provisioning;
    }

    @Override
    public void start() {
        running = true;
        try {
            client = new MqttAsyncClient(props.url(), props.instanceId() + "-ingest", new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalStateException("bad MQTT settings: " + e.getMessage(), e);
        }
        client.setCallback(this);
        client.setManualAcks(true);
        control.execute(this::connectUntilUp);
    }

    private MqttConnectionOptions options() {
        MqttConnectionOptions o = MqttClientOptions.of(props);
        o.setCleanStart(false);
        o.setSessionExpiryInterval(props.sessionExpiry().toSeconds());
        o.setReceiveMaximum(props.receiveMaximum());
        return o;
    }

    /** Paho retries only connections that once succeeded; the first one is ours to retry. */
    private void connectUntilUp() {
        long delayMs = 500;
        while (running && !client.isConnected()) {
            try {
                client.connect(options()).waitForCompletion(15_000);
                return;
            } catch (MqttException e) {
                log.warn("MQTT connect to {} failed ({}); retrying in {} ms", props.url(), e.getMessage(), delayMs);
                sleep(delayMs);
                delayMs = Math.min(delayMs * 2, 15_000);
            }
        }
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
        control.execute(this::subscribe);
    }

    private void subscribe() {
        String[] filters = new String[CHANNELS.length + 1];
        int[] qos = new int[CHANNELS.length + 1];
        boolean shared = props.subscription() == MqttProperties.Subscription.SHARED;
        for (int i = 0; i < CHANNELS.length; i++) {
            filters[i] = shared ? Topics.sharedFilter(props.sharedGroup(), CHANNELS[i]) : Topics.filter(CHANNELS[i]);
            qos[i] = 1;
        }
        filters[CHANNELS.length] = shared ? Topics.sharedProvisionFilter(props.sharedGroup()) : Topics.PROVISION + "+/request";
        qos[CHANNELS.length] = 1;
        try {
            IMqttToken t = client.subscribe(filters, qos);
            t.waitForCompletion(15_000);
            int[] granted = t.getReasonCodes();
            for (int i = 0; i < granted.length && i < filters.length; i++) {
                if (granted[i] > 2) {
                    log.error("MQTT subscription refused: filter={} reasonCode={}", filters[i], granted[i]);
                }
            }
            log.info("MQTT ingest connected to {} as {} (receiveMaximum={}, sessionExpiry={}s), subscribed to {}",
                    props.url(), props.instanceId() + "-ingest", props.receiveMaximum(), props.sessionExpiry().toSeconds(),
                    String.join(", ", filters));
        } catch (MqttException e) {
            log.error("MQTT subscribe failed: {}", e.getMessage());
        }
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        int id = message.getId();
        int qos = message.getQos();
        MqttAsyncClient c = client;
        if (topic.startsWith(Topics.PROVISION)) {
            provisioning.submit(topic, message.getPayload(), () -> ack(c, id, qos), this::publish);
            return;
        }
        pipeline.submit(new InboundMessage(topic, message.getPayload(), Instant.now(), () -> ack(c, id, qos)));
    }

    /** Publishes at QoS 1 without waiting; failures are logged (the requester times out and retries). */
    public void publish(String topic, byte[] payload) {
        try {
            client.publish(topic, payload, 1, false);
        } catch (MqttException e) {
            log.warn("MQTT publish to {} failed: {}", topic, e.getMessage());
        }
    }

    private static void ack(MqttAsyncClient c, int id, int qos) {
        if (qos == 0) {
            return;
        }
        try {
            c.messageArrivedComplete(id, qos);
        } catch (MqttException e) {
            // the connection dropped: the broker redelivers the message, and the insert is idempotent
            log.debug("ack of message {} not sent: {}", id, e.getMessage());
        }
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        log.warn("MQTT ingest disconnected: {}", response.getReasonString());
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        log.error("MQTT ingest error: {}", exception.getMessage());
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
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(5_000);
            }
            client.close();
        } catch (MqttException e) {
            log.debug("MQTT close: {}", e.getMessage());
        }
    }

    /** True while the broker connection is up (health). */
    public boolean isConnected() {
        MqttAsyncClient c = client;
        return c != null && c.isConnected();
    }

    public String url() {
        return props.url();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return 100;
    }

    private static void sleep(long ms) {
        try {
            TimeUnit.MILLISECONDS.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
