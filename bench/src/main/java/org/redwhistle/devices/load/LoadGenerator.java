package org.redwhistle.devices.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import org.redwhistle.devices.contract.Topics;
import org.redwhistle.devices.provisioning.ProvisioningClient;

/**
 * Simulates N devices publishing {@code camera.motion} events at a fixed total rate, each device
 * over its own MQTT 5 connection with its own credentials (obtained through self-provisioning),
 * QoS 1, within the broker's Receive Maximum. Counts
 * what the broker acknowledged (PUBACK): the platform owes exactly those events to the database.
 * Every payload carries {@code sentMs}, the publish time, so publish→commit latency can be measured
 * from the stored rows.
 */
public final class LoadGenerator {

    /** One provisioned load device. */
    public record LoadDevice(String id, ProvisioningClient.Response credentials, double lon, double lat) {
    }

    /** What the publisher side saw. */
    public record Result(String runId, long attempted, long acked, long refused, long backpressured, double seconds) {
        public double ackedPerSecond() {
            return acked / seconds;
        }
    }

    private final String brokerUrl;
    private final List<LoadDevice> devices;
    private final String runId;

    public LoadGenerator(String brokerUrl, List<LoadDevice> devices, String runId) {
        this.brokerUrl = brokerUrl;
        this.devices = devices;
        this.runId = runId;
    }

    /** The event every load device sends (~200 bytes); {@code sentMs} is the publish time. */
    public static byte[] payload(String runId, long seq, double lon, double lat, Random random) {
        long now = System.currentTimeMillis();
        return ("{\"msgId\":\"" + runId + "-" + seq + "\",\"ts\":\"" + Instant.ofEpochMilli(now)
                + "\",\"type\":\"camera.motion\",\"lon\":" + lon + ",\"lat\":" + lat
                + ",\"score\":" + (random.nextInt(100) / 100.0) + ",\"sentMs\":" + now + "}").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Baseline: the broker alone. Publishes {@code messages} events of the same size at QoS 1 as fast
     * as the broker's windows allow, over {@code clients} connections of the given account, to
     * {@code cc/v1/bench/…}; a separate subscriber (mosquitto_sub in the benchmark script) counts them.
     */
    public static Result brokerCeiling(String brokerUrl, String username, String password, int clients, long messages)
            throws IOException, InterruptedException {
        AtomicLong acked = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        List<RawMqttPublisher> conns = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            conns.add(new RawMqttPublisher(brokerUrl, "bench-" + i + "-" + System.nanoTime(), username, password, acked, refused));
        }
        Random random = new Random(1);
        long start = System.nanoTime();
        long sent = 0;
        int i = 0;
        while (sent < messages) {
            RawMqttPublisher c = conns.get(i % clients);
            if (c.tryPublish("cc/v1/bench/c" + (i % clients), payload("bench", sent, 119.125, 36.705, random))) {
                sent++;
            }
            if (++i % clients == 0) {
                for (RawMqttPublisher p : conns) {
                    p.flush();
                }
            }
        }
        for (RawMqttPublisher p : conns) {
            p.flush();
        }
        while (acked.get() + refused.get() < sent) {
            Thread.sleep(5);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        for (RawMqttPublisher p : conns) {
            p.close();
        }
        return new Result("bench", sent, acked.get(), refused.get(), 0, seconds);
    }

    public Result run(int ratePerSecond, int durationSeconds) throws IOException, InterruptedException {
        AtomicLong acked = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        List<RawMqttPublisher> clients = new ArrayList<>();
        for (LoadDevice d : devices) {
            // in a pool of brokers each device publishes to the broker its provisioning answer named
            String url = d.credentials().brokerUrl() != null ? d.credentials().brokerUrl() : brokerUrl;
            clients.add(new RawMqttPublisher(url, d.credentials().clientId(), d.credentials().username(),
                    d.credentials().password(), acked, refused));
        }
        List<String> topics = devices.stream().map(d -> Topics.events(d.id())).toList();
        long attempted = 0;
        long backpressured = 0;
        long seq = 0;
        Random random = new Random(42);
        long sliceNanos = 5_000_000L;
        long start = System.nanoTime();
        long end = start + durationSeconds * 1_000_000_000L;
        double owed;
        int next = 0;
        long lastReport = start;
        while (System.nanoTime() < end) {
            // owed by the clock, not by loop turns: a turn that overslept its slice must not lower the offered rate
            owed = ratePerSecond * ((System.nanoTime() - start) / 1e9) - attempted;
            int fullInARow = 0;
            while (owed >= 1 && fullInARow < clients.size()) {
                int i = next++ % clients.size();
                LoadDevice d = devices.get(i);
                if (clients.get(i).tryPublish(topics.get(i), payload(runId, seq, d.lon(), d.lat(), random))) {
                    seq++;
                    attempted++;
                    owed -= 1;
                    fullInARow = 0;
                } else {
                    backpressured++;
                    fullInARow++;   // every window full: the rest of this slice waits for PUBACKs
                }
            }
            for (RawMqttPublisher c : clients) {
                c.flush();
            }
            long target = start + ((System.nanoTime() - start) / sliceNanos + 1) * sliceNanos;
            long sleep = target - System.nanoTime();
            if (sleep > 0) {
                Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
            }
            if (System.nanoTime() - lastReport > 10_000_000_000L) {
                lastReport = System.nanoTime();
                System.out.printf("load: %d s, sent %d, broker-acked %d (%.0f/s)%n", (lastReport - start) / 1_000_000_000L,
                        attempted, acked.get(), acked.get() / ((lastReport - start) / 1e9));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long waitUntil = System.currentTimeMillis() + 30_000;
        while (acked.get() + refused.get() < attempted && System.currentTimeMillis() < waitUntil) {
            Thread.sleep(50);
        }
        for (RawMqttPublisher c : clients) {
            c.close();
        }
        return new Result(runId, attempted, acked.get(), refused.get(), backpressured, seconds);
    }
}
