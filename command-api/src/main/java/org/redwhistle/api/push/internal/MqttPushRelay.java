package org.redwhistle.api.push.internal;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.redwhistle.api.push.Audience;
import org.redwhistle.api.push.PushHub;
import org.redwhistle.api.push.PushRelay;
import org.redwhistle.ingest.mqtt.MqttClientOptions;
import org.redwhistle.ingest.mqtt.MqttProperties;
import org.redwhistle.ingest.mqtt.MqttSession;
import org.redwhistle.ingest.workers.WorkerPools;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cross-instance push through the broker: every instance publishes what it pushes on
 * {@value #TOPIC} and delivers what the others published there to its own sessions, filtered by
 * area as usual. MQTT 5 "no local" keeps an instance from receiving its own pushes. Single pushes
 * (alarms, cases, devices, alerts) go at QoS 1, position batches at QoS 0 (the next flush
 * supersedes them). A message is a JSON header line ({@code o} origin, {@code d} destination and
 * {@code a} area path, {@code u} user id or {@code p} the area paths of a batch), then one line per
 * payload; Jackson never writes a raw newline inside JSON.
 */
@Component
@ConditionalOnProperty(name = "redwhistle.push.relay", havingValue = "true", matchIfMissing = true)
public class MqttPushRelay implements PushRelay, SmartLifecycle {

    /** Inside the platform role's {@code cc/v1/#}; outside every device's ACL. */
    public static final String TOPIC = "cc/v1/platform/push";
    private static final Logger log = LoggerFactory.getLogger(MqttPushRelay.class);

    private final MqttProperties mqtt;
    private final PushHub hub;
    private final JsonMapper json;
    private final Counter sent;
    private final Counter received;
    private final Counter dropped;
    private final MqttSession session;

    public MqttPushRelay(MqttProperties mqtt, PushHub hub, JsonMapper json, MeterRegistry meters, WorkerPools pools) {
        this.mqtt = mqtt;
        this.hub = hub;
        this.json = json;
        this.sent = meters.counter("rw.push.relay", "direction", "sent");
        this.received = meters.counter("rw.push.relay", "direction", "received");
        this.dropped = meters.counter("rw.push.relay", "direction", "dropped");
        MqttSubscription sub = new MqttSubscription(TOPIC, 1);
        sub.setNoLocal(true);
        this.session = new MqttSession(pools, "push-relay", mqtt.url(), mqtt.instanceId() + "-push", false, () -> {
            MqttConnectionOptions o = MqttClientOptions.of(mqtt);
            o.setCleanStart(true);
            return o;
        }, new MqttSubscription[] {sub}, this::messageArrived);
    }

    @Override
    public void forward(String destination, Audience audience, byte[] body) {
        Header header;
        if (audience instanceof Audience.User u) {
            header = new Header(mqtt.instanceId(), destination, u.userId(), null, null, null, null);
        } else if (audience instanceof Audience.Username n) {
            header = new Header(mqtt.instanceId(), destination, null, n.username(), null, null, null);
        } else if (audience instanceof Audience.Granted g) {
            header = new Header(mqtt.instanceId(), destination, null, null, g.path(), null, g.permission().name());
        } else {
            header = new Header(mqtt.instanceId(), destination, null, null, ((Audience.Area) audience).path(), null, null);
        }
        send(header, List.of(body), 1);
    }

    @Override
    public void forwardBatch(String destination, List<Audience.Area> audiences, List<byte[]> bodies) {
        send(new Header(mqtt.instanceId(), destination, null, null, null, audiences.stream().map(Audience.Area::path).toList(), null), bodies, 0);
    }

    /**
     * The first line of a relayed message: the origin instance ({@code o}), the destination
     * ({@code d}), and who may receive it: one user by id ({@code u}) or by name ({@code n}), an
     * area chain ({@code a}) with the permission its receivers must hold ({@code g}, a {@code Permission}'s name), or one chain
     * per body of a batch ({@code p}).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Header(String o, String d, Long u, String n, List<Long> a, List<List<Long>> p, String g) {
    }

    private void send(Header header, List<byte[]> bodies, int qos) {
        if (!session.isConnected()) {
            dropped.increment();
            return;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + bodies.stream().mapToInt(b -> b.length + 1).sum());
        out.writeBytes(json.writeValueAsBytes(header));
        for (byte[] b : bodies) {
            out.write('\n');
            out.writeBytes(b);
        }
        try {
            session.publish(TOPIC, out.toByteArray(), qos);
            sent.increment();
        } catch (MqttException e) {
            dropped.increment();
            log.debug("push relay publish failed: {}", e.getMessage());
        }
    }

    private void messageArrived(String topic, MqttMessage message) {
        byte[] raw = message.getPayload();
        try {
            List<byte[]> lines = lines(raw);
            JsonNode h = json.readTree(lines.get(0));
            if (mqtt.instanceId().equals(h.path("o").asString(""))) {
                return;
            }
            String destination = h.path("d").asString();
            List<byte[]> bodies = lines.subList(1, lines.size());
            received.increment();
            if (h.has("p")) {
                List<Audience.Area> audiences = new ArrayList<>(bodies.size());
                for (JsonNode path : h.get("p")) {
                    audiences.add(Audience.area(longs(path)));
                }
                if (audiences.size() != bodies.size()) {
                    throw new IllegalArgumentException(audiences.size() + " paths for " + bodies.size() + " payloads");
                }
                hub.deliverRelayedBatch(destination, audiences, bodies);
            } else if (h.has("u")) {
                hub.deliverRelayed(destination, Audience.user(h.get("u").asLong()), bodies.get(0));
            } else if (h.has("n")) {
                hub.deliverRelayed(destination, Audience.username(h.get("n").asString()), bodies.get(0));
            } else if (h.has("g")) {
                hub.deliverRelayed(destination, Audience.granted(longs(h.get("a")), org.redwhistle.api.access.Permission.valueOf(h.get("g").asString())),
                        bodies.get(0));
            } else {
                hub.deliverRelayed(destination, Audience.area(longs(h.get("a"))), bodies.get(0));
            }
        } catch (RuntimeException e) {
            log.warn("push relay: unreadable message of {} bytes dropped: {}", raw.length, e.getMessage());
        }
    }

    private static List<Long> longs(JsonNode array) {
        List<Long> out = new ArrayList<>(array.size());
        array.forEach(n -> out.add(n.asLong()));
        return out;
    }

    private static List<byte[]> lines(byte[] raw) {
        List<byte[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= raw.length; i++) {
            if (i == raw.length || raw[i] == '\n') {
                byte[] line = new byte[i - start];
                System.arraycopy(raw, start, line, 0, line.length);
                out.add(line);
                start = i + 1;
            }
        }
        return out;
    }

    @Override
    public void start() {
        hub.relayThrough(this);
        session.start();
    }

    @Override
    public void stop() {
        hub.relayThrough(null);
        session.stop();
    }

    @Override
    public boolean isRunning() {
        return session.isRunning();
    }

    /** Connected to the broker (health, tests). */
    public boolean isConnected() {
        return session.isConnected();
    }
}
