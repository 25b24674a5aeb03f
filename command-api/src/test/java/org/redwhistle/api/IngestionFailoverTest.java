package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.junit.jupiter.api.Test;
import org.redwhistle.ingest.cluster.IngestionLeader;
import org.redwhistle.ingest.cluster.IngestionRole;
import org.redwhistle.ingest.mqtt.PlatformMqttConnection;
import org.redwhistle.testing.BrokerSessions;
import org.redwhistle.testing.Events;
import org.redwhistle.testing.IntegrationTest;
import org.redwhistle.testing.Reports;
import org.springframework.context.ConfigurableApplicationContext;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Active/standby ingestion: two instances (A and B) on this run's database and broker, sharing one
 * set of device-traffic sessions of their own ({@code session-name}, beside the test's shared
 * instance's). Only one of them ingests; when it stops, the other takes over the same persistent
 * sessions and ingests what the devices published meanwhile. Events are stored once. The shared
 * instance ingests the same events on its own sessions, so "who ingested" is read from each
 * instance's own message counters, not from the table.
 */
class IngestionFailoverTest extends IntegrationTest {

    @Test
    void oneInstanceIngestsAndTheStandbyTakesOverTheSameSessionWhenItStops() throws Exception {
        String sessionName = "leader-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime() % 100_000;
        Map<String, String> shared = Map.of("redwhistle.mqtt.enabled", "true", "redwhistle.mqtt.session-name", sessionName,
                "redwhistle.ingest.rate-limit.camera-rate", "1000", "redwhistle.ingest.rate-limit.camera-burst", "1000");
        ConfigurableApplicationContext a = startSecondInstance("lead-a", shared);
        final ConfigurableApplicationContext appA = a;
        ConfigurableApplicationContext b = null;
        try {
            IngestionLeader leaderA = a.getBean(IngestionLeader.class);
            await().atMost(Duration.ofSeconds(20)).until(() -> leaderA.role() == IngestionRole.ACTIVE && leaderA.sessionsConnected());
            b = startSecondInstance("lead-b", shared);
            IngestionLeader leaderB = b.getBean(IngestionLeader.class);
            final ConfigurableApplicationContext bb = b;
            Thread.sleep(2500); // B has tried for the lease twice meanwhile
            assertThat(leaderA.role()).as("A took the lease first").isEqualTo(IngestionRole.ACTIVE);
            assertThat(leaderB.role()).as("B stands by").isEqualTo(IngestionRole.STANDBY);
            assertThat(b.getBean(PlatformMqttConnection.class).isConnected()).as("a standby opens no device-traffic session").isFalse();
            assertThat(jdbc.sql("select instance_id from ingestion_leader where session_name = ? and ended_at is null").param(sessionName)
                    .query(String.class).list()).as("the open term names A").containsExactly("test-" + ProcessHandle.current().pid() + "-lead-a");

            String run = "lead" + Long.toString(System.nanoTime(), 36);
            double aBefore = received(a);
            double bBefore = received(b);
            publish(run + "-1-", 40);
            await().atMost(Duration.ofSeconds(20)).until(() -> stored(run + "-1-") == 40 && received(appA) - aBefore >= 40);
            assertThat(received(b) - bBefore).as("the standby received none of them").isZero();

            // a device publishes steadily while A stops: part of it lands in the sessions while nobody holds them
            AtomicInteger published = new AtomicInteger();
            AtomicBoolean publishing = new AtomicBoolean(true);
            Thread device = new Thread(() -> {
                try {
                    MqttClient cam = connectDevice("cam-03");
                    while (publishing.get()) {
                        String payload = "{\"msgId\":\"" + run + "-2-" + published.get() + "\",\"ts\":\"" + Events.now() + "\",\"type\":\"camera.motion\"}";
                        cam.publish("cc/v1/devices/cam-03/events", payload.getBytes(StandardCharsets.UTF_8), 1, false);
                        published.incrementAndGet(); // the broker acknowledged it (MqttClient waits for the PUBACK)
                        Thread.sleep(20);
                    }
                    cam.disconnect();
                    cam.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "failover-device");
            device.start();
            Thread.sleep(500);
            a.close();
            Instant released = leaderA.roleSince();
            a = null;
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10)).until(() -> leaderB.role() == IngestionRole.ACTIVE);
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10)).until(() -> received(bb) - bBefore >= 1);
            Instant firstMessage = Instant.now();
            Thread.sleep(1000);
            publishing.set(false);
            device.join();
            int second = published.get();
            await().atMost(Duration.ofSeconds(20)).until(() -> stored(run + "-2-") == second);

            assertThat(jdbc.sql("select count(*) from device_event where device_id = 'cam-03' and msg_id like ?").param(run + "-%")
                    .query(Long.class).single()).as("every event stored once").isEqualTo(40 + second);
            List<String> terms = jdbc.sql("select instance_id || ':' || coalesce(end_reason, 'open') from ingestion_leader"
                    + " where session_name = ? order by id").param(sessionName).query(String.class).list();
            assertThat(terms).as("A's term ended when it stopped, B's is open").hasSize(2);
            assertThat(terms.get(0)).endsWith("lead-a:the instance is stopping");
            assertThat(terms.get(1)).endsWith("lead-b:open");
            long takeover = Duration.between(released, leaderB.roleSince()).toMillis();
            long toFirst = Duration.between(released, firstMessage).toMillis();
            String line = String.format("IngestionFailoverTest (graceful stop of the active instance, in-process): lease taken by the standby %d ms after"
                    + " the active gave it up, first message in the standby's pipeline after %d ms; %d events published (%d across the stop),"
                    + " %d stored, each once; the standby's pipeline took %.0f messages", takeover, toFirst, 40 + second, second, 40 + second,
                    received(b) - bBefore);
            System.out.println(line);
            Reports.append("failover.txt", line);
        } finally {
            if (a != null) {
                a.close();
            }
            if (b != null) {
                b.close();
            }
            BrokerSessions.discard(SERVICES, sessionName);
        }
    }

    /** Every message this instance's pipeline took in, whatever became of it. */
    private static double received(ConfigurableApplicationContext app) {
        return app.getBean(MeterRegistry.class).find("rw.ingest.messages").counters().stream().mapToDouble(Counter::count).sum();
    }

    private long stored(String prefix) {
        return jdbc.sql("select count(distinct msg_id) from device_event where device_id = 'cam-03' and msg_id like ?").param(prefix + "%")
                .query(Long.class).single();
    }

    private void publish(String prefix, int n) throws Exception {
        MqttClient cam = connectDevice("cam-03");
        for (int i = 0; i < n; i++) {
            String payload = "{\"msgId\":\"" + prefix + i + "\",\"ts\":\"" + Events.now() + "\",\"type\":\"camera.motion\"}";
            cam.publish("cc/v1/devices/cam-03/events", payload.getBytes(StandardCharsets.UTF_8), 1, false);
        }
        cam.disconnect();
        cam.close();
    }
}
