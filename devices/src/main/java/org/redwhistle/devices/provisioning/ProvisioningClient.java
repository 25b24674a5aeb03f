package org.redwhistle.devices.provisioning;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.redwhistle.devices.contract.Topics;
import org.redwhistle.devices.mqtt.MessageCallback;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The device side of MQTT self-provisioning, as an integrator's firmware would do it: connect with
 * the shared provisioning account, pick a random 128-bit nonce, subscribe to its literal response
 * topic, publish the request, and wait for SUCCESS (the device's own credentials) or FAILURE.
 */
public final class ProvisioningClient implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String brokerUrl;
    private final String username;
    private final String password;

    /** The broker and the shared provisioning account (from the provisioning-key response). */
    public ProvisioningClient(String brokerUrl, String username, String password) {
        this.brokerUrl = brokerUrl;
        this.username = username;
        this.password = password;
    }

    /** What a device asks for. {@code attributes} may be null. */
    public record Request(String provisionKey, String provisionSecret, String kind, String serial, String name,
            double lon, double lat, String firmware, JsonNode attributes) {
    }

    /** The platform's answer. On FAILURE only {@code detail} is set. */
    /** @param brokerUrl the broker of the platform's pool the device is to connect to (absent from platforms before issue 23) */
    public record Response(boolean success, String detail, String deviceId, String username, String password, String clientId,
            String brokerUrl) {
    }

    private MqttClient client;
    private final java.util.Map<String, CompletableFuture<JsonNode>> pending = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Provisions one device. The connection is opened on first use and kept for further requests
     * (a provisioning station onboarding many devices); each request still uses its own nonce and
     * its own literal response topic.
     */
    public Response provision(Request r) throws MqttException, InterruptedException {
        return provision(newNonce(), r);
    }

    /** A random 128-bit nonce, hex. */
    public static String newNonce() {
        byte[] n = new byte[16];
        RANDOM.nextBytes(n);
        return HexFormat.of().formatHex(n);
    }

    /**
     * Provisions one device under the given nonce. The platform decides a nonce once: a device that
     * lost the answer (no answer within 20 s, a dropped connection) sends the same request under the
     * same nonce again and gets the same answer; another request needs a new nonce.
     */
    public synchronized Response provision(String nonce, Request r) throws MqttException, InterruptedException {
        String responseTopic = Topics.provisionResponse(nonce);
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(responseTopic, answer);
        try {
            MqttClient c = connection(nonce);
            c.subscribe(responseTopic, 1);
            ObjectNode body = JSON.createObjectNode()
                    .put("provisionKey", r.provisionKey()).put("provisionSecret", r.provisionSecret())
                    .put("kind", r.kind()).put("serial", r.serial()).put("name", r.name())
                    .put("lon", r.lon()).put("lat", r.lat());
            if (r.firmware() != null) {
                body.put("firmware", r.firmware());
            }
            if (r.attributes() != null && r.attributes().isObject()) {
                body.set("attributes", r.attributes());
            }
            c.publish(Topics.provisionRequest(nonce), JSON.writeValueAsBytes(body), 1, false);
            JsonNode a = answer.get(20, TimeUnit.SECONDS);
            c.unsubscribe(responseTopic);
            boolean ok = "SUCCESS".equals(a.path("status").asText());
            return new Response(ok, a.path("detail").asText(null), a.path("deviceId").asText(null),
                    a.path("username").asText(null), a.path("password").asText(null), a.path("clientId").asText(null),
                    a.path("brokerUrl").asText(null));
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return new Response(false, "no answer from the platform within 20 s", null, null, null, null, null);
        } finally {
            pending.remove(responseTopic);
        }
    }

    private MqttClient connection(String nonce) throws MqttException {
        if (client != null && client.isConnected()) {
            return client;
        }
        client = new MqttClient(brokerUrl, "prov-" + nonce.substring(0, 16), new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(username);
        o.setPassword(password.getBytes(StandardCharsets.UTF_8));
        o.setCleanStart(true);
        o.setConnectionTimeout(10);
        client.setCallback(new MessageCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                CompletableFuture<JsonNode> f = pending.get(topic);
                if (f != null) {
                    f.complete(JSON.readTree(message.getPayload()));
                }
            }
        });
        client.connect(o);
        return client;
    }

    @Override
    public synchronized void close() {
        if (client == null) {
            return;
        }
        try {
            if (client.isConnected()) {
                client.disconnect();
            }
            client.close();
        } catch (MqttException e) {
            // closing: nothing to recover
        }
        client = null;
    }
}
