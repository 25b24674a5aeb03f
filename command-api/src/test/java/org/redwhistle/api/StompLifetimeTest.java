package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.junit.jupiter.api.Test;
import org.redwhistle.testing.Events;
import org.redwhistle.testing.IntegrationTest;
import org.redwhistle.testing.StompTestClient;

/**
 * Issue 16, findings 7 and 8 on the live feed: a WebSocket must send CONNECT within 10 s, a session
 * lives no longer than its token, a session holds a bounded number of subscriptions, and one device
 * firing hundreds of times costs each dashboard one frame per alarm per second.
 */
class StompLifetimeTest extends IntegrationTest {

    @Test
    void aWebSocketThatNeverSendsConnectIsClosedWithinTenSeconds() throws Exception {
        List<StompTestClient> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                idle.add(StompTestClient.open(port));
            }
            StompTestClient.Frame error = idle.get(0).await(f -> f.command().equals("ERROR"), Duration.ofSeconds(15));
            assertThat(error).isNotNull();
            assertThat(error.header("message")).isEqualTo("connect timeout");
            await().atMost(Duration.ofSeconds(5)).until(() -> idle.stream().allMatch(StompTestClient::closedByServer));
        } finally {
            idle.forEach(StompTestClient::close);
        }
    }

    @Test
    void aSessionEndsWithAnErrorWhenItsTokenExpires() throws Exception {
        try (StompTestClient s = StompTestClient.open(port)) {
            assertThat(s.connect(tokenExpiringIn("operator", Duration.ofSeconds(3))).command()).isEqualTo("CONNECTED");
            assertThat(s.subscribe("a", "/topic/alarms").command()).isEqualTo("RECEIPT");
            StompTestClient.Frame expired = s.await(f -> f.command().equals("ERROR"), Duration.ofSeconds(10));
            assertThat(expired).isNotNull();
            assertThat(expired.header("message")).isEqualTo("token expired");
            await().atMost(Duration.ofSeconds(5)).until(s::closedByServer);
        }
    }

    @Test
    void aSessionHoldsAtMostSixteenSubscriptions() throws Exception {
        try (StompTestClient s = StompTestClient.open(port)) {
            s.connect(token("operator"));
            for (int i = 0; i < 16; i++) {
                assertThat(s.subscribe("s" + i, "/topic/alarms").command()).isEqualTo("RECEIPT");
            }
            assertThat(s.subscribe("s0", "/topic/cases").command()).as("replacing a subscription is no new one").isEqualTo("RECEIPT");
            StompTestClient.Frame refused = s.subscribe("s16", "/topic/alarms");
            assertThat(refused.command()).isEqualTo("ERROR");
            assertThat(refused.header("message")).isEqualTo("too many subscriptions");
        }
    }

    @Test
    void oneDeviceFiringHundredsOfTimesCostsEachDashboardOneFramePerAlarmPerSecond() throws Exception {
        jdbc.sql("update alarm set status = 'RESOLVED' where device_id = 'wall-01'").update();
        try (StompTestClient operator = StompTestClient.open(port)) {
            operator.connect(token("operator"));
            operator.subscribe("a", "/topic/alarms");
            MqttClient wall = connectDevice("wall-01");
            long started = System.nanoTime();
            for (int i = 0; i < 300; i++) {
                wall.publish("cc/v1/devices/wall-01/events", Events.intrusion(Events.newMsgId(), Events.now(), 119.1318, 36.7060, "SHY-EAST")
                        .getBytes(StandardCharsets.UTF_8), 1, false);
            }
            wall.disconnect();
            wall.close();
            Long id = await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                    "select id from alarm where device_id = 'wall-01' and status in ('NEW', 'ACKNOWLEDGED', 'DISPATCHED', 'ON_SCENE')")
                    .query(Long.class).optional().orElse(null), java.util.Objects::nonNull);
            // the stored count settles once ingestion (and its rate limit) is through
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(() -> {
                int c = count(id);
                Thread.sleep(1500);
                return count(id) == c;
            });
            Thread.sleep(1500); // the last held repeat goes out within the interval
            double seconds = (System.nanoTime() - started) / 1e9;
            List<StompTestClient.Frame> frames = new ArrayList<>();
            StompTestClient.Frame f;
            while ((f = operator.await(x -> x.command().equals("MESSAGE") && x.body().contains("\"id\":" + id + ","), Duration.ofMillis(200))) != null) {
                frames.add(f);
            }
            int stored = count(id);
            assertThat(stored).as("the repeats were counted").isGreaterThan(1);
            assertThat(frames.size()).as("%d frames for %d repeats in %.1f s", frames.size(), stored, seconds)
                    .isLessThanOrEqualTo((int) Math.ceil(seconds) + 2);
            assertThat(JSON.readTree(frames.get(frames.size() - 1).body()).path("count").asInt()).as("the last frame carries the count")
                    .isEqualTo(stored);
        }
    }

    private int count(long alarmId) {
        return jdbc.sql("select count from alarm where id = ?").param(alarmId).query(Integer.class).single();
    }
}
