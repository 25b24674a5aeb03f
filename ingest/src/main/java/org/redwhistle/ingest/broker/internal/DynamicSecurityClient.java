package org.redwhistle.ingest.broker.internal;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.redwhistle.ingest.broker.BrokerAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Mosquitto's dynamic-security control topic: one request at a time, each answered on the response
 * topic with one entry per command (an {@code error} field when it failed). The connection is made when
 * a request finds it down (clean start, then the response topic subscribed), not by Paho's reconnect.
 */
public final class DynamicSecurityClient implements MqttCallback, AutoCloseable {

    static final String REQUEST = "$CONTROL/dynamic-security/v1";
    static final String RESPONSE = REQUEST + "/response";
    private static final Logger log = LoggerFactory.getLogger(DynamicSecurityClient.class);

    private final String url;
    private final MqttAsyncClient client;
    private final MqttConnectionOptions options;
    private final JsonMapper json;
    private volatile CompletableFuture<JsonNode> pending;

    public DynamicSecurityClient(String url, String clientId, MqttConnectionOptions options, JsonMapper json) {
        this.url = url;
        try {
            this.client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalStateException("bad MQTT settings: " + e.getMessage(), e);
        }
        this.options = options;
        this.json = json;
        options.setCleanStart(true);
        // each request connects (and subscribes) first if the connection is down, so a broker that restarted
        // is used again by the next request. Paho's automatic reconnect would race that connect, on a delay
        // shared by every client of the process (up to a minute after a broker restart)
        options.setAutomaticReconnect(false);
        client.setCallback(this);
    }

    /** The broker. */
    public String url() {
        return url;
    }

    /** Runs the commands; returns one response entry per command, in order. */
    public synchronized List<JsonNode> execute(List<ObjectNode> commands) {
        try {
            ensureConnected();
            ArrayNode list = json.createArrayNode();
            commands.forEach(list::add);
            byte[] body = json.writeValueAsBytes(json.createObjectNode().set("commands", list));
            pending = new CompletableFuture<>();
            client.publish(REQUEST, body, 1, false).waitForCompletion(10_000);
            JsonNode reply = pending.get(10, TimeUnit.SECONDS);
            List<JsonNode> responses = reply.path("responses").valueStream().toList();
            if (responses.size() != commands.size()) {
                throw new BrokerAccessException("dynamic security answered " + responses.size() + " of " + commands.size() + " commands");
            }
            return responses;
        } catch (MqttException | ExecutionException | TimeoutException e) {
            throw new BrokerAccessException("dynamic security did not answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerAccessException("interrupted");
        } finally {
            pending = null;
        }
    }

    private void ensureConnected() throws MqttException {
        if (client.isConnected()) {
            return;
        }
        client.connect(options).waitForCompletion(10_000);
        client.subscribe(RESPONSE, 1).waitForCompletion(10_000);
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        CompletableFuture<JsonNode> p = pending;
        if (p != null && RESPONSE.equals(topic)) {
            p.complete(json.readTree(message.getPayload()));
        }
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        log.info("dynamic-security connection closed: {}", response.getReasonString());
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        log.warn("dynamic-security connection error: {}", exception.getMessage());
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
    }

    @Override
    public void authPacketArrived(int reasonCode, org.eclipse.paho.mqttv5.common.packet.MqttProperties properties) {
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(2_000);
            }
            client.close();
        } catch (MqttException e) {
            log.debug("dynamic-security close: {}", e.getMessage());
        }
    }
}
