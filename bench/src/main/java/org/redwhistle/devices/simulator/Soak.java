package org.redwhistle.devices.simulator;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.redwhistle.devices.contract.Topics;
import org.redwhistle.devices.load.RawMqttPublisher;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code red-whistle-bench.jar soak}: the load of scripts/soak.sh, held for a given time. Four parts run at once:
 * <ul>
 * <li><b>device events</b>, QoS 1, at a fixed total rate from N devices of four kinds (cameras, access gates, video
 * intercoms, face gates; the script seeds them and lists them in {@code devices-file}), each over its own MQTT
 * connection with its own credentials, each device within its kind's rate limit; the mix is fixed by the devices'
 * kinds (see {@link #payload});</li>
 * <li><b>alarms</b>: wall alarms publish a perimeter intrusion every {@code alarm-every} seconds, round robin over
 * enough walls that each intrusion is a new alarm (past the 5-minute correlation window); an operator closes each
 * as a false alarm {@code close-after} seconds after it reached the operator's dashboard, so open alarms stay
 * bounded;</li>
 * <li><b>patrol members moving</b>: their terminals send one fix every {@code fix-every} seconds (QoS 0) through the
 * platform account;</li>
 * <li><b>STOMP sessions</b> over WebSocket with a JWT, spread round robin over the instances: operators on
 * {@code /topic/alarms} and {@code /topic/positions}, patrol members on {@code /user/queue/alerts}; each counts the
 * MESSAGE frames it receives, and a closed session connects again (counted).</li>
 * </ul>
 * Every {@code report-every} seconds it appends its cumulative counters to {@code out} (tab-separated, with a header).
 * Camera events carry {@code sentMs}, their publish time (epoch ms), from which the script measures the lag.
 */
public final class Soak {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    record Device(String id, String kind, double lon, double lat, RawMqttPublisher mqtt, String topic) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = SimulatorCli.parse(args);
        List<URI> apis = new ArrayList<>();
        for (String a : opt.get("api").split(",")) {
            apis.add(URI.create(a));
        }
        String mqtt = opt.get("mqtt");
        String prefix = opt.getOrDefault("prefix", "soak");
        int seconds = Integer.parseInt(opt.getOrDefault("seconds", "3600"));
        int rate = Integer.parseInt(opt.getOrDefault("rate", "5000"));
        int alarmEvery = Integer.parseInt(opt.getOrDefault("alarm-every", "10"));
        int closeAfter = Integer.parseInt(opt.getOrDefault("close-after", "60"));
        int members = Integer.parseInt(opt.getOrDefault("members", "10000"));
        double fixEvery = Double.parseDouble(opt.getOrDefault("fix-every", "5"));
        int operators = Integer.parseInt(opt.getOrDefault("operators", "50"));
        int patrols = Integer.parseInt(opt.getOrDefault("patrols", "950"));
        int reportEvery = Integer.parseInt(opt.getOrDefault("report-every", "10"));
        String userPassword = opt.get("user-password");
        Path out = Path.of(opt.getOrDefault("out", "target/soak/driver.tsv"));
        double[] box = {119.1205, 36.7005, 119.1315, 36.7085}; // 松鹤园社区, as the script seeds

        // 1. the devices' own broker credentials (ADMIN, over REST), in parallel
        PlatformClient admin = new PlatformClient(apis.get(0));
        admin.login("admin", opt.get("admin-password"));
        AtomicLong acked = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        // id, kind, lon, lat of each device the script seeded (walls are the perimeter alarms), in that order
        List<String[]> ids = new ArrayList<>();
        List<String[]> wallIds = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(opt.get("devices-file")))) {
            String[] f = line.split("\t");
            (f[1].equals("perimeter_alarm") ? wallIds : ids).add(f);
        }
        int nDevices = ids.size();
        int walls = wallIds.size();
        ids.addAll(wallIds);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        Device[] all = new Device[ids.size()];
        List<CompletableFuture<Void>> creds = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < ids.size(); i++) {
            int idx = i;
            creds.add(CompletableFuture.runAsync(() -> {
                try {
                    String id = ids.get(idx)[0];
                    String[] c = admin.deviceCredentials(id);
                    all[idx] = new Device(id, ids.get(idx)[1], Double.parseDouble(ids.get(idx)[2]), Double.parseDouble(ids.get(idx)[3]), new RawMqttPublisher(mqtt, c[2], c[0], c[1], acked, refused),
                            Topics.events(id));
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(ids.get(idx)[0] + ": " + e.getMessage(), e);
                }
            }, pool));
        }
        CompletableFuture.allOf(creds.toArray(CompletableFuture[]::new)).join();
        List<Device> eventDevices = List.of(all).subList(0, nDevices);
        List<Device> wallDevices = List.of(all).subList(nDevices, all.length);
        log("%d event devices and %d walls connected with their own credentials in %.1f s", nDevices, walls, (System.nanoTime() - t0) / 1e9);

        // 2. STOMP sessions, round robin over the instances
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(2)).build();
        List<Sess> sessions = new ArrayList<>();
        Map<Long, Long> alarmsSeen = new ConcurrentHashMap<>();   // alarm id → first seen (ms), by operator 0
        List<CompletableFuture<Void>> opening = new ArrayList<>();
        for (int i = 0; i < operators + patrols; i++) {
            boolean op = i < operators;
            String user = op ? String.format("%s-op-%02d", prefix, i) : String.format("%s-p-%03d", prefix, i - operators);
            URI api = apis.get(i % apis.size());
            Sess s = new Sess(user, op, api, http, i == 0 ? alarmsSeen : null);
            sessions.add(s);
            opening.add(CompletableFuture.runAsync(() -> {
                try {
                    PlatformClient c = new PlatformClient(api);
                    c.login(user, userPassword);
                    s.token = c.token();
                    s.open();
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(user + ": " + e.getMessage(), e);
                }
            }, pool));
        }
        CompletableFuture.allOf(opening.toArray(CompletableFuture[]::new)).join();
        log("%d STOMP sessions opened (%d operators, %d patrol members) over %d instance(s)", sessions.size(), operators, patrols, apis.size());

        AtomicBoolean running = new AtomicBoolean(true);
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;

        // 3. members moving
        AtomicLong fixes = new AtomicLong();
        Thread mover = new Thread(() -> move(mqtt, opt.get("mqtt-user"), opt.get("mqtt-password"), prefix, members, fixEvery, box, running, fixes),
                "soak-mover");
        mover.start();

        // 4. alarms and the operator who closes them
        AtomicLong alarmsPublished = new AtomicLong();
        AtomicLong alarmsClosed = new AtomicLong();
        AtomicLong closeFailed = new AtomicLong();
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(2);
        AtomicInteger nextWall = new AtomicInteger();
        Random alarmRandom = new Random(3);
        timers.scheduleAtFixedRate(() -> {
            Device w = wallDevices.get(nextWall.getAndIncrement() % wallDevices.size());
            byte[] p = ("{\"msgId\":\"" + prefix + "-alarm-" + alarmsPublished.get() + "-" + System.currentTimeMillis() + "\",\"ts\":\""
                    + TS.format(OffsetDateTime.now(ZoneOffset.ofHours(8))) + "\",\"type\":\"perimeter.intrusion\",\"lon\":" + w.lon()
                    + ",\"lat\":" + w.lat() + ",\"zoneId\":\"SHY-EAST\",\"sensor\":\"vibration-" + (1 + alarmRandom.nextInt(4))
                    + "\",\"sentMs\":" + System.currentTimeMillis() + "}").getBytes(StandardCharsets.UTF_8);
            synchronized (w.mqtt()) {
                try {
                    if (w.mqtt().tryPublish(w.topic(), p)) {
                        w.mqtt().flush();
                        alarmsPublished.incrementAndGet();
                    }
                } catch (IOException e) {
                    System.err.println("soak: wall " + w.id() + ": " + e);
                }
            }
        }, 5, alarmEvery, TimeUnit.SECONDS);
        PlatformClient closer = new PlatformClient(apis.get(0));
        closer.login(prefix + "-op-00", userPassword);
        Map<Long, Boolean> closed = new ConcurrentHashMap<>();
        timers.scheduleWithFixedDelay(() -> {
            long now = System.currentTimeMillis();
            for (Map.Entry<Long, Long> a : alarmsSeen.entrySet()) {
                if (now - a.getValue() >= closeAfter * 1000L && closed.putIfAbsent(a.getKey(), true) == null) {
                    try {
                        closer.send("POST", "/api/v1/alarms/" + a.getKey() + "/false-alarm", "{\"note\":\"压测：值班员核实为误报\"}");
                        alarmsClosed.incrementAndGet();
                    } catch (IOException | InterruptedException | RuntimeException e) {
                        closeFailed.incrementAndGet();
                        System.err.println("soak: closing alarm " + a.getKey() + ": " + e.getMessage());
                    }
                    alarmsSeen.remove(a.getKey());
                }
            }
        }, 5, 5, TimeUnit.SECONDS);

        // 5. counters, every report-every seconds
        Files.createDirectories(out.toAbsolutePath().getParent());
        PrintWriter w = new PrintWriter(Files.newBufferedWriter(out), true);
        w.println("epochMs\tattempted\tacked\trefused\tbackpressured\tfixes\tsessionsOpen\tsessionsDropped\treconnects\tframes"
                + "\talarmsPublished\talarmsSeen\talarmsClosed\tcloseFailed");
        AtomicLong attempted = new AtomicLong();
        AtomicLong backpressured = new AtomicLong();
        Runnable report = () -> {
            long open = sessions.stream().filter(Sess::isOpen).count();
            long dropped = sessions.stream().mapToLong(s -> s.drops.get()).sum();
            long reconnects = sessions.stream().mapToLong(s -> s.reconnects.get()).sum();
            long frames = sessions.stream().mapToLong(s -> s.messages.get()).sum();
            w.printf("%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d%n", System.currentTimeMillis(), attempted.get(), acked.get(),
                    refused.get(), backpressured.get(), fixes.get(), open, dropped, reconnects, frames, alarmsPublished.get(),
                    alarmsClosed.get() + alarmsSeen.size(), alarmsClosed.get(), closeFailed.get());
        };
        report.run();
        timers.scheduleAtFixedRate(report, reportEvery, reportEvery, TimeUnit.SECONDS);
        // sessions that closed connect again after 5 s, as the dashboard does
        timers.scheduleWithFixedDelay(() -> sessions.stream().filter(s -> !s.isOpen()).forEach(Sess::reopen), 5, 5, TimeUnit.SECONDS);

        // 6. device events at the total rate, owed by the clock; each device in turn (so each within its kind's limit)
        log("soak: %d events/s from %d devices, %d members moving (a fix every %.0f s), an intrusion every %d s, for %d s", rate, nDevices,
                members, fixEvery, alarmEvery, seconds);
        Random random = new Random(42);
        long seq = 0;
        int next = 0;
        long slice = 20_000_000L;
        boolean[] dirty = new boolean[nDevices];
        while (System.nanoTime() < end) {
            double owed = rate * ((System.nanoTime() - start) / 1e9) - attempted.get();
            int fullInARow = 0;
            while (owed >= 1 && fullInARow < nDevices) {
                int i = next++ % nDevices;
                Device d = eventDevices.get(i);
                if (d.mqtt().tryPublish(d.topic(), payload(prefix, seq, d, random))) {
                    dirty[i] = true;
                    seq++;
                    attempted.incrementAndGet();
                    owed -= 1;
                    fullInARow = 0;
                } else {
                    backpressured.incrementAndGet();
                    fullInARow++;
                }
            }
            for (int i = 0; i < nDevices; i++) {
                if (dirty[i]) {
                    eventDevices.get(i).mqtt().flush();
                    dirty[i] = false;
                }
            }
            long sleep = start + ((System.nanoTime() - start) / slice + 1) * slice - System.nanoTime();
            if (sleep > 0) {
                Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
            }
        }
        running.set(false);
        Thread.sleep(5_000);   // the last PUBACKs
        report.run();
        mover.join();
        timers.shutdownNow();
        log("RESULT attempted=%d acked=%d refused=%d fixes=%d alarmsPublished=%d alarmsClosed=%d closeFailed=%d", attempted.get(),
                acked.get(), refused.get(), fixes.get(), alarmsPublished.get(), alarmsClosed.get(), closeFailed.get());
        w.close();
        System.exit(0);
    }

    /**
     * One event of the device's kind, as the simulated village's devices send them (fields of {@code VillageSimulator},
     * {@code IntercomTraffic}, {@code FaceGateTraffic}), every thirtieth a heartbeat; none of them raises an alarm (gates
     * always grant, face gates match no watchlist): the alarms are the walls' intrusions, counted and closed.
     */
    static byte[] payload(String prefix, long seq, Device d, Random r) {
        long now = System.currentTimeMillis();
        StringBuilder b = new StringBuilder(260).append("{\"msgId\":\"").append(prefix).append('-').append(seq).append("\",\"ts\":\"")
                .append(TS.format(OffsetDateTime.now(ZoneOffset.ofHours(8)))).append("\",\"lon\":").append(d.lon()).append(",\"lat\":")
                .append(d.lat());
        if (seq % 30 == 7) {
            b.append(",\"type\":\"device.heartbeat\"");
        } else {
            switch (d.kind()) {
                case "camera" -> b.append(",\"type\":\"camera.motion\",\"score\":").append(r.nextInt(100) / 100.0);
                case "access_gate" -> b.append(",\"type\":\"gate.passage\",\"direction\":\"").append(r.nextBoolean() ? "in" : "out")
                        .append("\",\"plate\":\"鲁G").append(10000 + r.nextInt(89999)).append("\",\"result\":\"granted\"");
                case "video_intercom" -> {
                    String room = (1 + r.nextInt(5)) + "-" + (1 + r.nextInt(2)) + "-" + (1 + r.nextInt(6)) + "0" + (1 + r.nextInt(2));
                    if (r.nextBoolean()) {
                        b.append(",\"type\":\"intercom.call\",\"callId\":\"c-").append(Long.toHexString(r.nextLong() & 0xffffffffL))
                                .append("\",\"room\":\"").append(room).append("\",\"result\":\"answered\",\"durationS\":").append(8 + r.nextInt(80));
                    } else {
                        b.append(",\"type\":\"intercom.door_opened\",\"method\":\"card\",\"room\":\"").append(room)
                                .append("\",\"credentialId\":\"IC-").append(10_000 + r.nextInt(90_000)).append('"');
                    }
                }
                default -> {
                    b.append(",\"type\":\"face.passage\",\"direction\":\"").append(r.nextBoolean() ? "in" : "out").append('"');
                    if (r.nextInt(10) == 0) {
                        b.append(",\"match\":\"stranger\",\"confidence\":").append(Math.round((0.2 + 0.4 * r.nextDouble()) * 100) / 100.0);
                    } else {
                        b.append(",\"match\":\"known\",\"confidence\":").append(Math.round((0.8 + 0.19 * r.nextDouble()) * 100) / 100.0)
                                .append(",\"personId\":\"P-").append(10_000 + r.nextInt(2_000)).append('"');
                    }
                }
            }
        }
        if (d.kind().equals("camera")) {
            b.append(",\"sentMs\":").append(now);   // the lag's marker; face.passage's schema allows no field beyond its own
        }
        return b.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The members' terminals: one fix each every {@code fixEvery} seconds, QoS 0, over four platform connections. */
    private static void move(String mqtt, String user, String password, String prefix, int members, double fixEvery, double[] box,
            AtomicBoolean running, AtomicLong sent) {
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
            topics[i] = Topics.telemetry(String.format("%s-t-%05d", prefix, i));
        }
        List<RawMqttPublisher> pubs = new ArrayList<>();
        try {
            for (int c = 0; c < connections; c++) {
                pubs.add(new RawMqttPublisher(mqtt, prefix + "-mover-" + c, user, password, acked, refused));
            }
            long start = System.nanoTime();
            long n = 0;
            double step = 0.00001 * fixEvery; // ~1.4 m/s walking
            while (running.get()) {
                long owed = (long) (members / fixEvery * ((System.nanoTime() - start) / 1e9)) - n;
                String ts = TS.format(OffsetDateTime.now(ZoneOffset.ofHours(8)));
                while (owed > 0) {
                    int i = (int) (n % members);
                    lon[i] = Math.min(box[2], Math.max(box[0], lon[i] + (random.nextDouble() - 0.5) * step));
                    lat[i] = Math.min(box[3], Math.max(box[1], lat[i] + (random.nextDouble() - 0.5) * step));
                    pubs.get(i % connections).publishQos0(topics[i], ("{\"ts\":\"" + ts + "\",\"type\":\"position\",\"lon\":" + lon[i]
                            + ",\"lat\":" + lat[i] + ",\"accuracyM\":5.0,\"speedMps\":1.4}").getBytes(StandardCharsets.UTF_8));
                    n++;
                    owed--;
                }
                for (RawMqttPublisher p : pubs) {
                    p.flush();
                }
                sent.set(n);
                Thread.sleep(20);
            }
            for (RawMqttPublisher p : pubs) {
                p.close();
            }
        } catch (IOException | InterruptedException e) {
            System.err.println("soak mover: " + e);
        }
    }

    /** One STOMP session over the JDK's WebSocket client: counts MESSAGE frames; the first operator's notes alarm ids. */
    static final class Sess implements WebSocket.Listener {
        final String user;
        final boolean operator;
        final URI ws;
        final HttpClient http;
        final Map<Long, Long> alarms;
        final StringBuilder partial = new StringBuilder();
        final AtomicLong messages = new AtomicLong();
        final AtomicLong drops = new AtomicLong();
        final AtomicLong reconnects = new AtomicLong();
        final AtomicBoolean open = new AtomicBoolean();
        volatile String token;
        volatile WebSocket socket;

        Sess(String user, boolean operator, URI api, HttpClient http, Map<Long, Long> alarms) {
            this.user = user;
            this.operator = operator;
            this.ws = URI.create(api.toString().replaceFirst("^http", "ws") + "/ws");
            this.http = http;
            this.alarms = alarms;
        }

        boolean isOpen() {
            return open.get();
        }

        void open() {
            partial.setLength(0);
            socket = http.newWebSocketBuilder().subprotocols("v12.stomp").buildAsync(ws, this).join();
            open.set(true);
            send("CONNECT\naccept-version:1.2\nhost:soak\nheart-beat:0,0\nAuthorization:Bearer " + token + "\n\n\0");
            if (operator) {
                send("SUBSCRIBE\nid:a\ndestination:/topic/alarms\n\n\0");
                send("SUBSCRIBE\nid:p\ndestination:/topic/positions\n\n\0");
            } else {
                send("SUBSCRIBE\nid:q\ndestination:/user/queue/alerts\n\n\0");
            }
        }

        void reopen() {
            try {
                if (socket != null) {
                    socket.abort();
                }
                open();
                reconnects.incrementAndGet();
            } catch (RuntimeException e) {
                open.set(false);
            }
        }

        synchronized void send(String frame) {
            socket.sendText(frame, true).join();
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String frame = partial.toString();
                partial.setLength(0);
                if (frame.startsWith("MESSAGE")) {
                    messages.incrementAndGet();
                    if (alarms != null && frame.contains("destination:/topic/alarms")) {
                        JsonNode a = JSON.readTree(frame.substring(frame.indexOf("\n\n") + 2, frame.length() - (frame.endsWith("\0") ? 1 : 0)));
                        if ("NEW".equals(a.path("status").asText()) || "ACKNOWLEDGED".equals(a.path("status").asText())
                                || "DISPATCHED".equals(a.path("status").asText())) {
                            alarms.putIfAbsent(a.path("id").asLong(), System.currentTimeMillis());
                        }
                    }
                } else if (frame.startsWith("ERROR")) {
                    System.err.println("soak: STOMP ERROR at " + user + ": " + frame.replace('\0', ' ').trim());
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            if (open.getAndSet(false)) {
                drops.incrementAndGet();
            }
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable e) {
            if (open.getAndSet(false)) {
                drops.incrementAndGet();
            }
        }
    }

    private static void log(String fmt, Object... args) {
        System.out.printf(fmt + "%n", args);
    }
}
