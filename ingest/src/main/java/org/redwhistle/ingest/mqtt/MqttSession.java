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
 * them needs: every connect, the first and after a drop, retried with back-off until it succeeds,
 * the subscriptions made again after every (re)connect off the callback thread, refused
 * subscriptions logged, manual acks that survive a dropped connection (and go back on the client a
 * message came on), a clean close, a start again after a stop, and no reconnect once the broker
 * says another client took the session over. Messages
 * arrive through the client callback: Paho's per-subscription listeners never fire for
 * {@code $share/} filters.
 * <p>
 * A session reconnects by itself, with its own back-off, not with Paho's automatic reconnect (turned
 * off whatever the options say). Paho 1.2.5's cycle keeps its delay in a static field that every
 * client of the process shares, so after a broker restart the clients came back one per doubling
 * delay (the demo's snapshot session after 64 s); and the cycle ends for good when its timer fires
 * while the client is still disconnecting (the connect throws and nothing schedules the next).
 */
public final class MqttSession {

    private static final Logger log = LoggerFactory.getLogger(MqttSession.class);
    /** MQTT 5 DISCONNECT reason: another client connected with this client id. */
    private static final int SESSION_TAKEN_OVER = 0x8E;

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
    /** The client whose callback thread is delivering a message, so that its ack goes back on that client. */
    private final ThreadLocal<MqttAsyncClient> delivering = new ThreadLocal<>();
    private volatile Runnable takenOver;
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

    /**
     * Connects (retrying until it succeeds or {@link #stop} is called) and subscribes. A stopped session
     * may be started again: it connects with a new client, and its first connect counts as the first
     * of this process (the owner does not know how long the broker kept messages for it meanwhile).
     */
    public synchronized void start() {
        MqttAsyncClient c;
        try {
            c = new MqttAsyncClient(url, clientId, new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalStateException("bad MQTT settings: " + e.getMessage(), e);
        }
        c.setCallback(new ClientCallback(c));
        c.setManualAcks(manualAcks);
        disconnectedAtNanos = 0;
        client = c;
        running = true;
        control.execute(() -> connectUntilUp(c));
    }

    /**
     * Called, once, when the broker ends this session because another client connected with its
     * client id (MQTT 5 reason code 0x8E, "session taken over"). Without it the session reconnects,
     * which would throw the other client off in turn.
     */
    public void whenTakenOver(Runnable takenOver) {
        this.takenOver = takenOver;
    }

    private void connectUntilUp(MqttAsyncClient c) {
        long delayMs = 500;
        while (running && c == client && !c.isConnected()) {
            try {
                MqttConnectionOptions o = options.get();
                o.setAutomaticReconnect(false); // this loop reconnects (see the class comment)
                c.connect(o).waitForCompletion(15_000);
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

    /** One per client: a stopped client's late callbacks are told apart from the current one's. */
    private final class ClientCallback implements MqttCallback {

        private final MqttAsyncClient c;

        ClientCallback(MqttAsyncClient c) {
            this.c = c;
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            if (!running || c != client) {
                // Paho reconnected a client this session has let go of: it must not hold the session the current holder uses
                control.execute(() -> close(c));
                return;
            }
            long down = disconnectedAtNanos;
            connected.accept(down == 0 ? OptionalLong.empty() : OptionalLong.of(down));
            control.execute(() -> subscribe(c));
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            delivering.set(c);
            try {
                listener.messageArrived(topic, message);
            } finally {
                delivering.remove();
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            if (c != client) {
                return;
            }
            disconnectedAtNanos = System.nanoTime();
            if (response.getReturnCode() == SESSION_TAKEN_OVER && running) {
                log.error("MQTT {}: session {} taken over by another client on {}: not reconnecting", name, clientId, url);
                Runnable hook = takenOver;
                control.execute(() -> {
                    close(c);
                    if (hook != null) {
                        hook.run();
                    }
                });
                return;
            }
            log.warn("MQTT {}: disconnected: {}; reconnecting", name, response.getReasonString());
            if (running) {
                control.execute(() -> connectUntilUp(c));
            }
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

    private void subscribe(MqttAsyncClient c) {
        if (dropped.length > 0) {
            try {
                c.unsubscribe(dropped).waitForCompletion(15_000);
            } catch (MqttException e) {
                log.warn("MQTT {}: unsubscribing {} failed: {}", name, String.join(", ", dropped), e.getMessage());
            }
        }
        if (subscriptions.length == 0) {
            log.info("MQTT {}: connected to {} as {}", name, url, clientId);
            return;
        }
        String filters = String.join(", ", Arrays.stream(subscriptions).map(MqttSubscription::getTopic).toList());
        try {
            IMqttToken t = c.subscribe(subscriptions);
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

    /**
     * Acknowledges this message when run, on the connection it arrived on (call it in the listener,
     * on the callback thread). If that connection has dropped, or its client was closed meanwhile
     * (this instance was fenced and handed its sessions to another), the ack is not sent and the
     * broker redelivers the message (every store is idempotent or harmless twice); a message id is
     * never acknowledged on another client. Running it never throws: the message was stored, and a
     * lost ack must not fail the batch it was stored with.
     */
    public Runnable acker(MqttMessage message) {
        MqttAsyncClient arrivedOn = delivering.get();
        MqttAsyncClient c = arrivedOn != null ? arrivedOn : client;
        int id = message.getId();
        int qos = message.getQos();
        return () -> {
            if (qos == 0) {
                return;
            }
            try {
                c.messageArrivedComplete(id, qos);
            } catch (MqttException | RuntimeException e) {
                // a closed Paho client throws NullPointerException here, not MqttException
                log.debug("MQTT {}: ack of message {} not sent: {}", name, id, e.toString());
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

    /** The broker this session connects to. */
    public String url() {
        return url;
    }

    public boolean isConnected() {
        MqttAsyncClient c = client;
        return c != null && c.isConnected();
    }

    public boolean isRunning() {
        return running;
    }

    /** Disconnects and closes the client; the session may be started again. */
    public synchronized void stop() {
        running = false;
        MqttAsyncClient c = client;
        client = null;
        if (c != null) {
            close(c);
        }
    }

    private void close(MqttAsyncClient c) {
        try {
            if (c.isConnected()) {
                c.disconnect(5_000).waitForCompletion(5_000);
            } else {
                c.disconnectForcibly(0, 1_000, false); // ends Paho's reconnect cycle, if it is in one
            }
        } catch (MqttException e) {
            log.debug("MQTT {}: disconnect: {}", name, e.getMessage());
        }
        try {
            c.close(true);
        } catch (MqttException e) {
            log.debug("MQTT {}: close: {}", name, e.getMessage());
        }
    }
}
