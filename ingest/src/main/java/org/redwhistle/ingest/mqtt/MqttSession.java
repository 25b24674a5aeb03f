package org.redwhistle.ingest.mqtt;

import java.util.Arrays;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.redwhistle.ingest.workers.WorkerPools;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One of the platform's MQTT connections (ingest, snapshots, the push relay), with what each of
 * them needs: the first connect retried with back-off (Paho retries only connections that once
 * succeeded), the subscriptions made again after every (re)connect off the callback thread, refused
 * subscriptions logged, manual acks that survive a dropped connection, and a clean close. Messages
 * arrive through the client callback: Paho's per-subscription listeners never fire for
 * {@code $share/} filters.
 */
public final class MqttSession implements MqttCallback {

    private static final Logger log = LoggerFactory.getLogger(MqttSession.class);

    /** What to do with a message; runs on Paho's callback thread. */
    public interface Listener {
        void messageArrived(String topic, MqttMessage message);
    }

    private final String name;
    private final String url;
    private final String clientId;
    private final boolean manualAcks;
    private final Supplier<MqttConnectionOptions> options;
    private final MqttSubscription[] subscriptions;
    private final String[] dropped;
    private final Listener listener;
    private final Consumer<OptionalLong> connected;
    private final ExecutorService control;
    /** When the connection last went down (nanoTime); 0 before it ever did. */
    private volatile long disconnectedAtNanos;
    private volatile MqttAsyncClient client;
    private volatile boolean running;

    /**
     * @param workers       makes the session's control thread ({@code mqtt-<name>-control})
     * @param name          for the logs, e.g. "ingest"
     * @param manualAcks    true: the listener acknowledges each QoS 1 message through {@link #acker}
     * @param options       built for each connect attempt
     * @param subscriptions made at every connect
     */
    public MqttSession(WorkerPools workers, String name, String url, String clientId, boolean manualAcks,
            Supplier<MqttConnectionOptions> options, MqttSubscription[] subscriptions, Listener listener) {
        this(workers, name, url, clientId, manualAcks, options, subscriptions, new String[0], listener);
    }

    /**
     * @param dropped filters this client id subscribed to in an earlier version: unsubscribed at every
     *                connect, so a persistent session the broker kept from then stops delivering them
     */
    public MqttSession(WorkerPools workers, String name, String url, String clientId, boolean manualAcks,
            Supplier<MqttConnectionOptions> options, MqttSubscription[] subscriptions, String[] dropped, Listener listener) {
        this(workers, name, url, clientId, manualAcks, options, subscriptions, dropped, listener, away -> {
        });
    }

    /**
     * @param connected told at every connect, before the messages the broker kept meanwhile arrive:
     *                  when the connection went down ({@link System#nanoTime}), or empty on the first
     *                  connect of this process (how long the platform was away is not known)
     */
    public MqttSession(WorkerPools workers, String name, String url, String clientId, boolean manualAcks,
            Supplier<MqttConnectionOptions> options, MqttSubscription[] subscriptions, String[] dropped, Listener listener,
            Consumer<OptionalLong> connected) {
        this.connected = connected;
        this.name = name;
        this.url = url;
        this.clientId = clientId;
        this.manualAcks = manualAcks;
        this.options = options;
        this.subscriptions = subscriptions.clone();
        this.dropped = dropped.clone();
        this.listener = listener;
        this.control = workers.singleThread("mqtt-" + name + "-control");
    }

    public void start() {
        running = true;
        try {
            client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalStateException("bad MQTT settings: " + e.getMessage(), e);
        }
        client.setCallback(this);
        client.setManualAcks(manualAcks);
        control.execute(this::connectUntilUp);
    }

    private void connectUntilUp() {
        long delayMs = 500;
        while (running && !client.isConnected()) {
            try {
                client.connect(options.get()).waitForCompletion(15_000);
                return;
            } catch (MqttException e) {
                log.warn("MQTT {}: connect to {} failed ({}); retrying in {} ms", name, url, e.getMessage(), delayMs);
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
        long down = disconnectedAtNanos;
        connected.accept(down == 0 ? OptionalLong.empty() : OptionalLong.of(down));
        control.execute(this::subscribe);
    }

    private void subscribe() {
        if (dropped.length > 0) {
            try {
                client.unsubscribe(dropped).waitForCompletion(15_000);
            } catch (MqttException e) {
                log.warn("MQTT {}: unsubscribing {} failed: {}", name, String.join(", ", dropped), e.getMessage());
            }
        }
        String filters = String.join(", ", Arrays.stream(subscriptions).map(MqttSubscription::getTopic).toList());
        try {
            IMqttToken t = client.subscribe(subscriptions);
            t.waitForCompletion(15_000);
            int[] granted = t.getReasonCodes();
            for (int i = 0; granted != null && i < granted.length && i < subscriptions.length; i++) {
                if (granted[i] > 2) {
                    log.error("MQTT {}: subscription refused: filter={} reasonCode={}", name, subscriptions[i].getTopic(), granted[i]);
                }
            }
            log.info("MQTT {}: connected to {} as {}, subscribed to {}", name, url, clientId, filters);
        } catch (MqttException e) {
            log.error("MQTT {}: subscribe to {} failed: {}", name, filters, e.getMessage());
        }
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        listener.messageArrived(topic, message);
    }

    /**
     * Acknowledges this message when run, on the connection it arrived on. If that connection has
     * dropped, the broker redelivers the message (every store is idempotent or harmless twice).
     */
    public Runnable acker(MqttMessage message) {
        MqttAsyncClient c = client;
        int id = message.getId();
        int qos = message.getQos();
        return () -> {
            if (qos == 0) {
                return;
            }
            try {
                c.messageArrivedComplete(id, qos);
            } catch (MqttException e) {
                log.debug("MQTT {}: ack of message {} not sent: {}", name, id, e.getMessage());
            }
        };
    }

    /** Publishes without waiting; throws when the client cannot take it (not connected, too many in flight). */
    public void publish(String topic, byte[] payload, int qos) throws MqttException {
        MqttAsyncClient c = client;
        if (c == null) {
            throw new MqttException(MqttClientException.REASON_CODE_CLIENT_NOT_CONNECTED);
        }
        c.publish(topic, payload, qos, false);
    }

    public boolean isConnected() {
        MqttAsyncClient c = client;
        return c != null && c.isConnected();
    }

    public boolean isRunning() {
        return running;
    }

    public void stop() {
        running = false;
        control.shutdownNow();
        MqttAsyncClient c = client;
        if (c == null) {
            return;
        }
        try {
            if (c.isConnected()) {
                c.disconnect().waitForCompletion(5_000);
            }
            c.close();
        } catch (MqttException e) {
            log.debug("MQTT {}: close: {}", name, e.getMessage());
        }
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        disconnectedAtNanos = System.nanoTime();
        log.warn("MQTT {}: disconnected: {}", name, response.getReasonString());
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        log.error("MQTT {}: error: {}", name, exception.getMessage());
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
    }
}
