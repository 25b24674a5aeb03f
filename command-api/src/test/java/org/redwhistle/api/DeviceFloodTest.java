package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.junit.jupiter.api.Test;
import org.redwhistle.testing.Events;
import org.redwhistle.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * One device cannot flood storage or the dashboards: a wall alarm sending hundreds of intrusions
 * back to back gets its burst and its rate (the defaults: 10, then 2 a second); every message is
 * still acknowledged, the excess is counted, the first few of each window are dead-lettered in full
 * and the rest summed up in one dead letter per window, so every message is accounted for.
 */
class DeviceFloodTest extends IntegrationTest {

    private static final Pattern SUMMARY = Pattern.compile(
            "(\\d+) more messages over the rate limit of 2/s \\(bursts of 10\\) for perimeter_alarm devices dropped in the 2 s from .*");
    private static final String KEPT = "over the rate limit of 2/s (bursts of 10) for perimeter_alarm devices: not processed";

    @Autowired
    private MeterRegistry meters;

    private long stored(String deviceId) {
        return jdbc.sql("select count(*) from device_event where device_id = ?").param(deviceId).query(Long.class).single();
    }

    @Test
    void aFloodingWallAlarmIsHeldToItsRateAndEveryExcessMessageIsAcknowledgedCountedAndAccountedFor() throws Exception {
        String id = "wall-flood-" + Events.newMsgId().substring(0, 8);
        jdbc.sql("""
                insert into device (id, kind, serial, name, area_id, location, state)
                values (?, 'perimeter_alarm', ?, '洪泛测试围墙', (select id from area where code = '370705001001'),
                        st_setsrid(st_makepoint(119.1250, 36.7050), 4326), 'ACTIVE')""").params(id, "SN-" + id).update();
        MqttClient wall = connectDevice(id);
        String topic = "cc/v1/devices/" + id + "/events";
        String run = Events.newMsgId().substring(0, 8);
        double limitedBefore = meters.counter("rw.ingest.messages", "outcome", "rate_limited").count();
        int sent = 300;
        long started = System.nanoTime();
        for (int i = 0; i < sent; i++) {
            // QoS 1: the broker acknowledges each one; the platform must take them all without holding up the session
            wall.publish(topic, Events.intrusion(run + "-" + i, Events.now(), 119.1250, 36.7050, "T-FLOOD-" + run).getBytes(StandardCharsets.UTF_8), 1, false);
        }

        // every message is stored or in a dead letter: in full, or counted in its window's summary
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            List<String> reasons = jdbc.sql("select reason from dead_letter where device_id = ?").param(id).query(String.class).list();
            long kept = reasons.stream().filter(KEPT::equals).count();
            long summed = 0;
            for (String r : reasons) {
                Matcher m = SUMMARY.matcher(r);
                if (m.matches()) {
                    summed += Long.parseLong(m.group(1));
                }
            }
            assertThat(stored(id) + kept + summed).as("stored + kept in full + summed up").isEqualTo(sent);
            assertThat(reasons).allMatch(r -> r.equals(KEPT) || SUMMARY.matcher(r).matches());
        });
        double seconds = (System.nanoTime() - started) / 1e9;
        long stored = stored(id);
        assertThat(stored).as("the burst, then 2 a second (all judged within %.1f s)", seconds).isBetween(10L, 10 + (long) Math.ceil(2 * seconds));
        long windows = (long) Math.ceil(seconds / 2) + 1;
        assertThat(jdbc.sql("select count(*) from dead_letter where device_id = ?").param(id).query(Long.class).single())
                .as("at most 5 in full and one summary per 2 s window").isLessThanOrEqualTo(windows * 6);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                meters.counter("rw.ingest.messages", "outcome", "rate_limited").count() - limitedBefore).isEqualTo((double) (sent - stored)));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                jdbc.sql("select count from alarm where device_id = ?").param(id).query(Integer.class).single())
                .as("the alarm repeated once per stored event, not per message sent").isEqualTo((int) stored));

        // the session was never held up, and the device is heard again once its bucket refilled
        Thread.sleep(1_000);
        String after = run + "-after";
        wall.publish(topic, Events.intrusion(after, Events.now(), 119.1250, 36.7050, "T-FLOOD-" + run).getBytes(StandardCharsets.UTF_8), 1, false);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("select count(*) from device_event where device_id = ? and msg_id = ?")
                .params(id, after).query(Long.class).single() == 1L);
        wall.disconnect();
        wall.close();
        resolveAlarm(jdbc.sql("select id from alarm where device_id = ?").param(id).query(Long.class).single(), "测试：洪泛");
    }
}
