package org.redwhistle.devices.simulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.redwhistle.devices.mqtt.MessageCallback;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Intrusion → verified alarm latency (issue 7), run by scripts/bench-analytics.sh against a running
 * platform ({@code red-whistle-bench.jar verify-bench}): walls {@code <prefix>-w-NNN}, each watched by camera {@code <prefix>-c-NNN} (both seeded
 * by the script). Cameras answer capture_snapshot with real frames of people (vtest.avi). Each wall
 * fires once, one after another; an operator STOMP session records when the alarm arrives and when
 * it arrives VERIFIED. The added latency is the difference.
 */
public final class VerifyBench {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private VerifyBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = SimulatorCli.parse(args);
        URI api = URI.create(opt.getOrDefault("api", "http://127.0.0.1:8080"));
        String mqtt = opt.get("mqtt");
        String prefix = opt.getOrDefault("prefix", "vb");
        int n = Integer.parseInt(opt.getOrDefault("intrusions", "30"));
        long gapMs = Long.parseLong(opt.getOrDefault("gap-ms", "1000"));
        List<byte[]> frames = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of(opt.get("frames"), "people"))) {
            for (Path p : s.filter(f -> f.toString().endsWith(".jpg")).sorted().toList()) {
                frames.add(Files.readAllBytes(p));
            }
        }
        PlatformClient admin = new PlatformClient(api);
        admin.login(opt.getOrDefault("admin-user", "admin"), opt.get("admin-password"));

        // the cameras, each answering capture_snapshot with the next frame of the footage
        AtomicInteger next = new AtomicInteger();
        AtomicInteger answered = new AtomicInteger();
        List<MqttAsyncClient> cameras = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = String.format("%s-c-%03d", prefix, i);
            String[] c = admin.deviceCredentials(id);
            MqttAsyncClient cam = new MqttAsyncClient(mqtt, c[2], new MemoryPersistence());
            cam.setCallback(new MessageCallback() {
                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    JsonNode cmd = JSON.readTree(message.getPayload());
                    if (!cmd.path("command").asText().equals("capture_snapshot")) {
                        return;
                    }
                    MqttMessage m = new MqttMessage(frames.get(next.getAndIncrement() % frames.size()));
                    m.setQos(1);
                    MqttProperties p = new MqttProperties();
                    p.setUserProperties(List.of(new UserProperty("cmdId", cmd.path("cmdId").asText()),
                            new UserProperty("capturedAt", OffsetDateTime.now(ZoneOffset.ofHours(8)).toString())));
                    m.setProperties(p);
                    try {
                        cam.publish("cc/v1/devices/" + id + "/snapshots", m);
                        answered.incrementAndGet();
                    } catch (MqttException e) {
                        System.err.println("verify-bench: snapshot of " + id + " not sent: " + e.getMessage());
                    }
                }
            });
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setUserName(c[0]);
            o.setPassword(c[1].getBytes(StandardCharsets.UTF_8));
            o.setCleanStart(true);
            cam.connect(o).waitForCompletion(10_000);
            cam.subscribe("cc/v1/devices/" + id + "/commands", 1).waitForCompletion(10_000);
            cam.publish("cc/v1/devices/" + id + "/status", "{\"state\":\"online\"}".getBytes(StandardCharsets.UTF_8), 1, true)
                    .waitForCompletion(10_000);
            cameras.add(cam);
        }
        System.out.printf("verify-bench: %d cameras online, answering with %d frames of people%n", n, frames.size());

        PushBench.Session operator = new PushBench.Session("admin", true);
        operator.open(HttpClient.newHttpClient(), URI.create(api.toString().replaceFirst("^http", "ws") + "/ws"), admin.token());
        operator.ready.await();
        Thread.sleep(3000); // the cameras' online status reaches the registry

        List<String> msgIds = new ArrayList<>();
        List<Long> sentAt = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String wall = String.format("%s-w-%03d", prefix, i);
            String[] c = admin.deviceCredentials(wall);
            JsonNode where = admin.get("/api/v1/devices/" + wall);
            String msgId = "vb-" + System.nanoTime();
            MqttAsyncClient w = new MqttAsyncClient(mqtt, c[2], new MemoryPersistence());
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setUserName(c[0]);
            o.setPassword(c[1].getBytes(StandardCharsets.UTF_8));
            w.connect(o).waitForCompletion(10_000);
            byte[] event = ("{\"msgId\":\"" + msgId + "\",\"ts\":\"" + OffsetDateTime.now(ZoneOffset.ofHours(8)) + "\",\"type\":\"perimeter.intrusion\","
                    + "\"lon\":" + where.path("lon").asDouble() + ",\"lat\":" + where.path("lat").asDouble() + ",\"zoneId\":\"VB-" + i
                    + "\",\"sensor\":\"bench\"}").getBytes(StandardCharsets.UTF_8);
            long t = System.nanoTime();
            w.publish("cc/v1/devices/" + wall + "/events", event, 1, false).waitForCompletion(10_000);
            msgIds.add(msgId);
            sentAt.add(t);
            w.disconnect().waitForCompletion(5_000);
            w.close();
            Thread.sleep(gapMs);
        }
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline && operator.verifiedSeen.size() + unverified(operator, msgIds) < n) {
            Thread.sleep(200);
        }
        List<Double> raised = new ArrayList<>();
        List<Double> verified = new ArrayList<>();
        List<Double> added = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Long r = operator.alarmSeen.get(msgIds.get(i));
            Long v = operator.verifiedSeen.get(msgIds.get(i));
            if (r != null) {
                raised.add((r - sentAt.get(i)) / 1e6);
            }
            if (v != null) {
                verified.add((v - sentAt.get(i)) / 1e6);
                if (r != null) {
                    added.add((v - r) / 1e6);
                }
            }
        }
        System.out.printf("RESULT intrusions %d, alarms pushed %d, verified %d (the rest: %s), snapshots sent %d%n", n, raised.size(),
                verified.size(), others(operator, msgIds), answered.get());
        System.out.printf("RESULT publish → alarm on STOMP          : %s%n", stats(raised));
        System.out.printf("RESULT publish → VERIFIED alarm on STOMP : %s%n", stats(verified));
        System.out.printf("RESULT added by verification            : %s%n", stats(added));
        for (MqttAsyncClient cam : cameras) {
            cam.disconnect().waitForCompletion(5_000);
            cam.close();
        }
        System.exit(0);
    }

    private static long unverified(PushBench.Session s, List<String> msgIds) {
        return msgIds.stream().filter(m -> {
            String v = s.verification.get(m);
            return v != null && !v.equals("PENDING") && !v.equals("VERIFIED");
        }).count();
    }

    private static String others(PushBench.Session s, List<String> msgIds) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (String m : msgIds) {
            if (!s.verifiedSeen.containsKey(m)) {
                counts.merge(s.verification.getOrDefault(m, "no verification seen"), 1L, Long::sum);
            }
        }
        return counts.isEmpty() ? "none" : counts.toString();
    }

    private static String stats(List<Double> v) {
        if (v.isEmpty()) {
            return "none";
        }
        List<Double> s = new ArrayList<>(v);
        java.util.Collections.sort(s);
        return String.format("p50 %.0f ms, p90 %.0f ms, p99 %.0f ms, max %.0f ms (n=%d)", pct(s, 0.5), pct(s, 0.9), pct(s, 0.99),
                s.get(s.size() - 1), s.size());
    }

    private static double pct(List<Double> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }
}
