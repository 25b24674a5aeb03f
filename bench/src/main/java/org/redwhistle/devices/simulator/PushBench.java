package org.redwhistle.devices.simulator;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.redwhistle.devices.load.RawMqttPublisher;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code red-whistle-bench.jar push-bench}: the live-push load benchmark. Opens STOMP sessions (operators
 * on alarms and positions, patrol members on their alert queue), moves N patrol terminals at 1 Hz
 * through the broker, then has wall alarms publish intrusions one after another and measures, per
 * session, the time from the device's MQTT publish to the STOMP MESSAGE: alarms at every operator,
 * dispatch alerts at the members the platform dispatched. Everything shares one clock (this JVM's
 * nanoTime), so no clock skew enters the figures. Alarm publish times are also written (epoch µs)
 * for the Chromium measurement that runs beside it.
 */
public final class PushBench {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final java.time.format.DateTimeFormatter TS = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    private static final long T0_NANOS = System.nanoTime();
    private static final long T0_EPOCH_MICROS = Instant.now().getEpochSecond() * 1_000_000 + Instant.now().getNano() / 1000;

    private PushBench() {
    }

    static long epochMicros(long nanos) {
        return T0_EPOCH_MICROS + (nanos - T0_NANOS) / 1000;
    }

    /** One STOMP session over the JDK's WebSocket client; records what it receives. */
    static final class Session implements WebSocket.Listener {
        final String user;
        final boolean operator;
        final CountDownLatch ready = new CountDownLatch(1);
        final StringBuilder partial = new StringBuilder();
        final Map<String, Long> alarmSeen = new ConcurrentHashMap<>();   // msgId → first receive (nanos)
        final Map<Long, Long> alertSeen = new ConcurrentHashMap<>();     // alarmId → receive (nanos)
        final Map<String, Long> verifiedSeen = new ConcurrentHashMap<>(); // msgId → first frame with verification VERIFIED (nanos)
        final Map<String, String> verification = new ConcurrentHashMap<>(); // msgId → latest verification state
        final AtomicLong frames = new AtomicLong();
        final AtomicLong positionFrames = new AtomicLong();
        final AtomicLong positionFixes = new AtomicLong();
        final AtomicLong positionBytes = new AtomicLong();
        final AtomicBoolean closed = new AtomicBoolean();
        volatile String closeReason;
        volatile String error;
        volatile WebSocket ws;
        int receipts;

        Session(String user, boolean operator) {
            this.user = user;
            this.operator = operator;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.incrementAndGet();
                long at = System.nanoTime();
                String frame = partial.toString();
                partial.setLength(0);
                handle(frame, at);
            }
            webSocket.request(1);
            return null;
        }

        private void handle(String frame, long at) {
            if (frame.startsWith("MESSAGE")) {
                int bodyAt = frame.indexOf("\n\n");
                String headers = frame.substring(0, bodyAt);
                String body = frame.substring(bodyAt + 2, frame.length() - (frame.endsWith("\0") ? 1 : 0));
                if (headers.contains("destination:/topic/positions")) {
                    positionFrames.incrementAndGet();
                    positionBytes.addAndGet(body.length());
                    long fixes = 0;
                    for (int i = 1; i < body.length(); i++) {
                        if (body.charAt(i) == '[') {
                            fixes++;
                        }
                    }
                    positionFixes.addAndGet(fixes);
                } else if (headers.contains("destination:/topic/alarms")) {
                    JsonNode a = JSON.readTree(body);
                    String msgId = a.path("eventMsgId").asText("");
                    alarmSeen.putIfAbsent(msgId, at);
                    ALARM_IDS.putIfAbsent(a.path("id").asLong(), msgId);
                    String v = a.path("verification").asText("");
                    if (!v.isEmpty()) {
                        verification.put(msgId, v);
                        if (v.equals("VERIFIED")) {
                            verifiedSeen.putIfAbsent(msgId, at);
                        }
                    }
                } else if (headers.contains("destination:/user/queue/alerts")) {
                    alertSeen.putIfAbsent(JSON.readTree(body).path("alarmId").asLong(), at);
                }
            } else if (frame.startsWith("RECEIPT")) {
                if (++receipts == (operator ? 2 : 1)) {
                    ready.countDown();
                }
            } else if (frame.startsWith("ERROR")) {
                error = frame.replace('\0', ' ').trim();
                ready.countDown();
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.set(true);
            closeReason = statusCode + " " + reason;
            ready.countDown();
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable e) {
            closed.set(true);
            closeReason = String.valueOf(e);
            ready.countDown();
        }

        void open(HttpClient http, URI ws, String token) {
            this.ws = http.newWebSocketBuilder().subprotocols("v12.stomp").buildAsync(ws, this).join();
            send("CONNECT\naccept-version:1.2\nhost:bench\nheart-beat:0,0\nAuthorization:Bearer " + token + "\n\n\0");
            if (operator) {
                send("SUBSCRIBE\nid:a\ndestination:/topic/alarms\nreceipt:r1\n\n\0");
                send("SUBSCRIBE\nid:p\ndestination:/topic/positions\nreceipt:r2\n\n\0");
            } else {
                send("SUBSCRIBE\nid:q\ndestination:/user/queue/alerts\nreceipt:r1\n\n\0");
            }
        }

        synchronized void send(String frame) {
            ws.sendText(frame, true).join();
        }
    }

    static final Map<Long, String> ALARM_IDS = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = SimulatorCli.parse(args);
        URI api = URI.create(opt.get("api"));
        URI ws = URI.create(opt.get("api").replaceFirst("^http", "ws") + "/ws");
        String mqtt = opt.get("mqtt");
        String prefix = opt.getOrDefault("prefix", "bench");
        int operators = Integer.parseInt(opt.getOrDefault("operators", "50"));
        int patrols = Integer.parseInt(opt.getOrDefault("patrols", "950"));
        int members = Integer.parseInt(opt.getOrDefault("members", "10000"));
        int alarms = Integer.parseInt(opt.getOrDefault("alarms", "100"));
        long alarmEveryMs = Long.parseLong(opt.getOrDefault("alarm-every-ms", "1000"));
        int warmup = Integer.parseInt(opt.getOrDefault("warmup", "30"));
        int warmupAlarms = Integer.parseInt(opt.getOrDefault("warmup-alarms", "5"));
        // positions at QoS 0 by default, as the simulated village's patrol terminals send them (SimulatedDevice):
        // a fix is superseded a second later, so at-least-once delivery of it buys nothing but broker work
        int positionsQos = Integer.parseInt(opt.getOrDefault("positions-qos", "0"));
        if (positionsQos != 0 && positionsQos != 1) {
            throw new IllegalArgumentException("--positions-qos must be 0 or 1");
        }
        String userPassword = opt.get("user-password");
        Path alarmLog = Path.of(opt.getOrDefault("alarm-log", "target/bench/push-alarms.tsv"));
        double[] box = {119.1205, 36.7005, 119.1315, 36.7085}; // 松鹤园社区

        PlatformClient admin = new PlatformClient(api);
        admin.login(opt.getOrDefault("admin-user", "admin"), opt.get("admin-password"));
        List<String[]> wallCredentials = new ArrayList<>();
        for (int i = 0; i < alarms + warmupAlarms; i++) {
            wallCredentials.add(admin.deviceCredentials(String.format("%s-w-%03d", prefix, i)));
        }
        log("wall devices' broker credentials issued: %d", alarms);

        // tokens (bench accounts carry a cheap bcrypt cost, so 1,000 logins take seconds)
        List<Session> sessions = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(2)).build();
        List<CompletableFuture<Void>> opening = new ArrayList<>();
        Map<Session, String> tokens = new ConcurrentHashMap<>();
        for (int i = 0; i < operators + patrols; i++) {
            boolean op = i < operators;
            String user = op ? String.format("%s-op-%02d", prefix, i) : String.format("%s-p-%03d", prefix, i - operators);
            opening.add(CompletableFuture.runAsync(() -> {
                try {
                    PlatformClient c = new PlatformClient(api);
                    c.login(user, userPassword);
                    Session s = new Session(user, op);
                    tokens.put(s, c.token());
                    s.open(http, ws, c.token());
                    sessions.add(s);
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(user + ": " + e.getMessage(), e);
                }
            }, pool));
        }
        CompletableFuture.allOf(opening.toArray(CompletableFuture[]::new)).join();
        int reopened = 0;
        for (int i = 0; i < sessions.size(); i++) {
            Session s = sessions.get(i);
            if (!s.ready.await(20, TimeUnit.SECONDS) || s.error != null || s.closed.get()) {
                // seen once in a thousand: the handshake completes but the CONNECT never reaches the server; open it again
                log("session %s not ready after 20 s (error=%s, close=%s, frames=%d); opening it again", s.user, s.error, s.closeReason,
                        s.frames.get());
                s.ws.abort();
                Session again = new Session(s.user, s.operator);
                again.open(http, ws, tokens.get(s));
                if (!again.ready.await(20, TimeUnit.SECONDS) || again.error != null || again.closed.get()) {
                    throw new IllegalStateException("session " + s.user + " not ready: " + again.error + " " + again.closeReason);
                }
                sessions.set(i, again);
                reopened++;
            }
        }
        List<Session> ops = sessions.stream().filter(s -> s.operator).toList();
        List<Session> phones = sessions.stream().filter(s -> !s.operator).toList();
        log("STOMP sessions connected and subscribed: %d operators, %d patrol members", ops.size(), phones.size());

        // members moving at 1 Hz through the broker (the platform account may publish on any device topic)
        AtomicBoolean moving = new AtomicBoolean(true);
        AtomicLong fixesSent = new AtomicLong();
        Thread mover = new Thread(() -> move(mqtt, opt.get("mqtt-user"), opt.get("mqtt-password"), prefix, members, box, positionsQos, moving, fixesSent),
                "bench-mover");
        mover.start();
        log("%d members moving at 1 Hz (positions at QoS %d); warming up %d s (with %d alarms not measured: the alarm path's first runs are JIT warm-up)",
                members, positionsQos, warmup, warmupAlarms);
        AtomicLong acked = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        Random random = new Random(11);
        long warmupEnds = System.nanoTime() + warmup * 1_000_000_000L;
        for (int i = 0; i < warmupAlarms; i++) {
            Thread.sleep(warmup * 1000L / (warmupAlarms + 1));
            publishAlarm(mqtt, wallCredentials.get(alarms + i), String.format("%s-w-%03d", prefix, alarms + i),
                    String.format("%s-warmup-%03d-%d", prefix, i, System.currentTimeMillis()), box, random, acked, refused);
        }
        Thread.sleep(Math.max(0, (warmupEnds - System.nanoTime()) / 1_000_000));
        long measureFrom = System.nanoTime();
        Map<Session, long[]> before = new java.util.HashMap<>();
        for (Session s : ops) {
            before.put(s, new long[] {s.positionFrames.get(), s.positionFixes.get(), s.positionBytes.get()});
        }

        // alarms, one after another, each from its own wall device
        Map<String, Long> published = new ConcurrentHashMap<>();
        Files.createDirectories(alarmLog.toAbsolutePath().getParent());
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(alarmLog))) {
            for (int i = 0; i < alarms; i++) {
                String msgId = String.format("%s-alarm-%03d-%d", prefix, i, System.currentTimeMillis());
                long at = publishAlarm(mqtt, wallCredentials.get(i), String.format("%s-w-%03d", prefix, i), msgId, box, random, acked, refused);
                published.put(msgId, at);
                out.printf("%s\t%d%n", msgId, epochMicros(at));
                Thread.sleep(alarmEveryMs);
            }
        }
        Thread.sleep(5000);
        long measuredNanos = System.nanoTime() - measureFrom;
        moving.set(false);
        mover.join();

        // figures
        List<Double> opLat = new ArrayList<>();
        long opMissing = 0;
        for (Session s : ops) {
            for (Map.Entry<String, Long> p : published.entrySet()) {
                Long seen = s.alarmSeen.get(p.getKey());
                if (seen == null) {
                    opMissing++;
                } else {
                    opLat.add((seen - p.getValue()) / 1e6);
                }
            }
        }
        // per alarm, in publish order: when it was published and how long the operators took (min / median / max)
        Path perAlarm = alarmLog.resolveSibling("push-alarm-latency.tsv");
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(perAlarm))) {
            out.println("msgId\tpublishedEpochMs\tminMs\tmedianMs\tmaxMs");
            published.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(p -> {
                List<Double> l = new ArrayList<>();
                for (Session s : ops) {
                    Long seen = s.alarmSeen.get(p.getKey());
                    if (seen != null) {
                        l.add((seen - p.getValue()) / 1e6);
                    }
                }
                Collections.sort(l);
                out.printf("%s\t%d\t%.1f\t%.1f\t%.1f%n", p.getKey(), epochMicros(p.getValue()) / 1000, l.isEmpty() ? -1 : l.get(0),
                        l.isEmpty() ? -1 : l.get(l.size() / 2), l.isEmpty() ? -1 : l.get(l.size() - 1));
            });
        }
        List<Double> alertLat = new ArrayList<>();
        for (Session s : phones) {
            for (Map.Entry<Long, Long> a : s.alertSeen.entrySet()) {
                Long pub = published.get(ALARM_IDS.get(a.getKey()));
                if (pub != null) {
                    alertLat.add((a.getValue() - pub) / 1e6);
                }
            }
        }
        double secs = measuredNanos / 1e9;
        List<Double> fps = new ArrayList<>();
        List<Double> fixesPs = new ArrayList<>();
        List<Double> kbps = new ArrayList<>();
        for (Session s : ops) {
            long[] b = before.get(s);
            fps.add((s.positionFrames.get() - b[0]) / secs);
            fixesPs.add((s.positionFixes.get() - b[1]) / secs);
            kbps.add((s.positionBytes.get() - b[2]) / 1024.0 / secs);
        }
        long dropped = sessions.stream().filter(s -> s.closed.get()).count();
        System.out.printf("RESULT sessions=%d operators=%d patrols=%d members=%d fixesSent=%d alarms=%d brokerAcked=%d measuredS=%.1f%n",
                sessions.size(), ops.size(), phones.size(), members, fixesSent.get(), published.size(), acked.get(), secs);
        System.out.printf("RESULT operatorAlarm n=%d missing=%d %s%n", opLat.size(), opMissing, stats(opLat));
        System.out.printf("RESULT patrolAlert n=%d %s%n", alertLat.size(), stats(alertLat));
        System.out.printf("RESULT operatorPositions framesPerS=%s fixesPerS=%s KiBPerS=%s%n", range(fps), range(fixesPs), range(kbps));
        System.out.printf("RESULT droppedSessions=%d reopenedAtStart=%d%n", dropped, reopened);
        sessions.stream().filter(s -> s.closed.get()).limit(5).forEach(s -> System.out.println("dropped: " + s.user + " " + s.closeReason));
        for (Session s : sessions) {
            s.ws.abort();
        }
        pool.shutdownNow();
        System.exit(0);
    }

    /** Publishes one intrusion as the wall device, over its own connection; returns when it left (nanoTime). */
    private static long publishAlarm(String mqtt, String[] c, String device, String msgId, double[] box, Random random, AtomicLong acked,
            AtomicLong refused) throws IOException {
        try (RawMqttPublisher wall = new RawMqttPublisher(mqtt, c[2], c[0], c[1], acked, refused)) {
            double lon = box[0] + random.nextDouble() * (box[2] - box[0]);
            double lat = box[1] + random.nextDouble() * (box[3] - box[1]);
            byte[] payload = ("{\"msgId\":\"" + msgId + "\",\"ts\":\"" + TS.format(OffsetDateTime.now(ZoneOffset.ofHours(8)))
                    + "\",\"type\":\"perimeter.intrusion\",\"lon\":" + lon + ",\"lat\":" + lat
                    + ",\"zoneId\":\"SHY-EAST\",\"sensor\":\"bench\"}").getBytes(StandardCharsets.UTF_8);
            wall.tryPublish("cc/v1/devices/" + device + "/events", payload);
            long at = System.nanoTime();
            wall.flush();
            long before = acked.get() + refused.get();
            for (int i = 0; i < 200 && acked.get() + refused.get() == before; i++) {
                try {
                    Thread.sleep(10); // the PUBACK, before the connection closes (measured time is already taken)
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return at;
        }
    }

    private static void move(String mqtt, String user, String password, String prefix, int members, double[] box, int qos,
            AtomicBoolean moving, AtomicLong sent) {
        int connections = 4;
        AtomicLong acked = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        Random random = new Random(5);
        double[] lon = new double[members];
        double[] lat = new double[members];
        String[] topics = new String[members];
        for (int i = 0; i < members; i++) {
            lon[i] = box[0] + random.nextDouble() * (box[2] - box[0]);
            lat[i] = box[1] + random.nextDouble() * (box[3] - box[1]);
            topics[i] = String.format("cc/v1/devices/%s-t-%05d/telemetry", prefix, i);
        }
        List<RawMqttPublisher> pubs = new ArrayList<>();
        try {
            for (int c = 0; c < connections; c++) {
                pubs.add(new RawMqttPublisher(mqtt, prefix + "-mover-" + c, user, password, acked, refused));
            }
            long start = System.nanoTime();
            long n = 0;
            while (moving.get()) {
                // owed by the clock: members × elapsed seconds
                long owed = (long) (members * ((System.nanoTime() - start) / 1e9)) - n;
                String ts = TS.format(OffsetDateTime.now(ZoneOffset.ofHours(8)));
                int spins = 0;
                while (owed > 0 && spins < 1000) {
                    int i = (int) (n % members);
                    // ~1.4 m/s walking, kept inside the community
                    lon[i] = Math.min(box[2], Math.max(box[0], lon[i] + (random.nextDouble() - 0.5) * 0.00003));
                    lat[i] = Math.min(box[3], Math.max(box[1], lat[i] + (random.nextDouble() - 0.5) * 0.00003));
                    byte[] fix = ("{\"ts\":\"" + ts + "\",\"type\":\"position\",\"lon\":" + lon[i] + ",\"lat\":" + lat[i]
                            + ",\"speedMps\":1.4}").getBytes(StandardCharsets.UTF_8);
                    RawMqttPublisher pub = pubs.get(i % connections);
                    if (qos == 0) {
                        pub.publishQos0(topics[i], fix);
                        n++;
                        owed--;
                    } else if (pub.tryPublish(topics[i], fix)) {
                        n++;
                        owed--;
                        spins = 0;
                    } else {
                        spins++;
                    }
                }
                for (RawMqttPublisher p : pubs) {
                    p.flush();
                }
                sent.set(n);
                Thread.sleep(5);
            }
            for (RawMqttPublisher p : pubs) {
                p.close();
            }
        } catch (IOException | InterruptedException e) {
            System.err.println("bench mover: " + e);
        }
    }

    private static String stats(List<Double> v) {
        if (v.isEmpty()) {
            return "none";
        }
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        return String.format("p50=%.1fms p95=%.1fms p99=%.1fms max=%.1fms", pct(s, 0.50), pct(s, 0.95), pct(s, 0.99), s.get(s.size() - 1));
    }

    private static double pct(List<Double> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }

    private static String range(List<Double> v) {
        if (v.isEmpty()) {
            return "none";
        }
        return String.format("min %.1f / avg %.1f / max %.1f", Collections.min(v), v.stream().mapToDouble(d -> d).average().orElse(0),
                Collections.max(v));
    }

    private static void log(String fmt, Object... args) {
        System.out.printf("push-bench: " + fmt + "%n", args);
    }
}
