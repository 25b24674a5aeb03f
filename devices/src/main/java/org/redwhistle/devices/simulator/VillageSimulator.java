package org.redwhistle.devices.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Drives a village of simulated devices: heartbeats from everyone, patrol terminals walking their
 * rounds at 1 Hz, occasional gate passages and camera motion, and a wall-climbing intrusion now and then;
 * the unit doors' intercoms and the crossings' face gates by their {@link KindTraffic}, and any other kind
 * (one added as files) by its schemas' examples.
 */
final class VillageSimulator implements AutoCloseable {

    private static final double METRES_PER_DEG_LAT = 111_320.0;

    private final List<SimulatedDevice> devices;
    private final Duration intrusionEvery;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "village-simulator");
        t.setDaemon(true);
        return t;
    });
    private final Random random = new Random();
    private long tick;
    /** Where a climber is, and until when (ms); cameras within {@link #SEEN_WITHIN_M} of it see people. */
    private volatile double[] intruder;
    private volatile long intruderUntil;
    private static final double SEEN_WITHIN_M = 200;
    private final Map<String, KindTraffic> traffic = Map.of("video_intercom", new IntercomTraffic(), "face_gate", new FaceGateTraffic());
    private final KindTraffic examples = new ExampleTraffic();

    VillageSimulator(List<SimulatedDevice> devices, Duration intrusionEvery, CameraFeed feed) {
        this.devices = new ArrayList<>(devices);
        this.intrusionEvery = intrusionEvery;
        if (feed != null) {
            for (SimulatedDevice d : this.devices) {
                if (d.info().kind().equals("camera")) {
                    d.view(() -> feed.frame(d.info().id(), seesIntruder(d.info())));
                }
            }
        }
        // a face gate shows people passing: the footage with people when there is footage, else a drawn scene
        for (SimulatedDevice d : this.devices) {
            if (d.info().kind().equals("face_gate")) {
                d.view(feed == null ? () -> FaceSnapshots.drawn(d.info().id()) : () -> feed.frame(d.info().id(), true));
            }
        }
    }

    private boolean seesIntruder(SimulatedDevice.DeviceInfo camera) {
        double[] at = intruder;
        if (at == null || System.currentTimeMillis() > intruderUntil) {
            return false;
        }
        double dy = (camera.lat() - at[1]) * METRES_PER_DEG_LAT;
        double dx = (camera.lon() - at[0]) * METRES_PER_DEG_LAT * Math.cos(Math.toRadians(at[1]));
        return Math.hypot(dx, dy) <= SEEN_WITHIN_M;
    }

    void start() {
        timer.scheduleAtFixedRate(this::safeTick, 0, 1, TimeUnit.SECONDS);
    }

    private void safeTick() {
        try {
            tick();
        } catch (MqttException | RuntimeException e) {
            System.err.println("simulator: " + e);
        }
    }

    private void tick() throws MqttException {
        tick++;
        for (SimulatedDevice d : devices) {
            var info = d.info();
            if (tick % 30 == 1) {
                d.event("device.heartbeat", info.lon(), info.lat(), null);
            }
            switch (info.kind()) {
                case "patrol_terminal" -> walk(d);
                case "access_gate" -> {
                    if (random.nextInt(25) == 0) {
                        var f = SimulatedDevice.fields().put("direction", random.nextBoolean() ? "in" : "out")
                                .put("plate", "鲁G" + (10000 + random.nextInt(89999)))
                                .put("result", random.nextInt(10) == 0 ? "denied" : "granted");
                        d.event("gate.passage", info.lon(), info.lat(), f);
                    }
                }
                case "camera" -> {
                    if (random.nextInt(60) == 0) {
                        // the camera's own motion trigger, with the frame it fired on
                        String msgId = d.event("camera.motion", info.lon(), info.lat(), SimulatedDevice.fields().put("score", 0.6));
                        d.snapshot(msgId, null);
                    }
                }
                case "perimeter_alarm" -> {
                    // intrusions come from intrusion(), on their own clock
                }
                default -> {
                    for (KindTraffic.Emission e : traffic.getOrDefault(info.kind(), examples).second(random, info)) {
                        String msgId = d.event(e.type(), info.lon(), info.lat(), e.fields());
                        if (e.snapshot()) {
                            d.snapshot(msgId, null);
                        }
                    }
                }
            }
        }
        long every = Math.max(1, intrusionEvery.toSeconds());
        if (tick % every == 0) {
            intrusion();
        }
    }

    /** A wall-climbing alarm fires on a random perimeter device. */
    private void intrusion() throws MqttException {
        List<SimulatedDevice> walls = devices.stream().filter(d -> d.info().kind().equals("perimeter_alarm")).toList();
        if (walls.isEmpty()) {
            return;
        }
        SimulatedDevice d = walls.get(random.nextInt(walls.size()));
        var info = d.info();
        // two in three are someone climbing; the rest is wind or a cat, and the cameras see nobody
        boolean climber = random.nextInt(3) != 0;
        if (climber) {
            intruder = new double[] {info.lon(), info.lat()};
            intruderUntil = System.currentTimeMillis() + 60_000;
        }
        d.event("perimeter.intrusion", info.lon(), info.lat(),
                SimulatedDevice.fields().put("zoneId", info.zoneId()).put("sensor", "vibration-" + (1 + random.nextInt(4))));
        System.out.println("simulator: perimeter.intrusion from " + info.id() + " (" + info.name() + ")" + (climber ? ": someone climbing" : ": nobody there"));
    }

    /** A patrol terminal walks a circle of about 150 m around its post, one lap in ten minutes. */
    private void walk(SimulatedDevice d) throws MqttException {
        var info = d.info();
        double phase = (Math.abs(info.id().hashCode()) % 360) * Math.PI / 180;
        double angle = phase + 2 * Math.PI * (tick % 600) / 600.0;
        double r = 150.0;
        double lat = info.lat() + r * Math.sin(angle) / METRES_PER_DEG_LAT;
        double lon = info.lon() + r * Math.cos(angle) / (METRES_PER_DEG_LAT * Math.cos(Math.toRadians(info.lat())));
        double heading = (Math.toDegrees(angle) + 90 + 360) % 360;
        d.position(lon, lat, 2 * Math.PI * r / 600.0, 360 - heading, 80 - (tick % 3600) / 90.0);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        devices.forEach(SimulatedDevice::close);
    }
}
