package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.junit.jupiter.api.Test;
import org.redwhistle.testing.Events;
import org.redwhistle.testing.IntegrationTest;

/**
 * Events and telemetry are ingested on separate lanes (connections, queues, threads, transactions):
 * while writing positions is stalled, an event from another device is still stored, and its alarm
 * raised; the stalled fix lands once the stall ends.
 */
class IngestLanesTest extends IntegrationTest {

    @Test
    void anEventIsStoredAndAlarmedWhileTheTelemetryLaneIsStalled() throws Exception {
        long area = jdbc.sql("select id from area where code = '370705001001'").query(Long.class).single();
        jdbc.sql("""
                insert into device (id, kind, serial, name, area_id, location, state) values
                  ('patrol-l1', 'patrol_terminal', 'SN-PATROL-L1', '巡更终端 L1', :a, st_setsrid(st_makepoint(119.1241, 36.7031), 4326), 'ACTIVE'),
                  ('gate-l1', 'access_gate', 'SN-GATE-L1', '门禁 L1', :a, st_setsrid(st_makepoint(119.1242, 36.7032), 4326), 'ACTIVE')
                on conflict do nothing""").param("a", area).update();
        MqttClient terminal = connectDevice("patrol-l1");
        MqttClient gate = connectDevice("gate-l1");
        String fixTs = Events.now();
        long positionsBefore = positions();
        String msgId = Events.newMsgId();
        try (Connection stall = DriverManager.getConnection(SERVICES.dbUrl(), SERVICES.dbUser(), SERVICES.dbPassword())) {
            stall.setAutoCommit(false);
            try (Statement s = stall.createStatement()) {
                // blocks every insert into device_position (readers are not blocked) until rolled back
                s.execute("lock table device_position in share row exclusive mode");
            }
            terminal.publish("cc/v1/devices/patrol-l1/telemetry",
                    ("{\"ts\":\"" + fixTs + "\",\"type\":\"position\",\"lon\":119.1243,\"lat\":36.7033}").getBytes(StandardCharsets.UTF_8), 1, false);
            // the telemetry lane has taken the fix and now waits for the lock
            await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("""
                    select count(*) from pg_locks l join pg_class c on c.oid = l.relation
                    where c.relname = 'device_position' and not l.granted""").query(Long.class).single() > 0);
            gate.publish("cc/v1/devices/gate-l1/events", ("{\"msgId\":\"" + msgId + "\",\"ts\":\"" + Events.now()
                    + "\",\"type\":\"gate.forced\"}").getBytes(StandardCharsets.UTF_8), 1, false);

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.sql(
                    "select count(*) from alarm where device_id = 'gate-l1' and type = 'gate.forced' and status = 'NEW'").query(Long.class).single())
                    .as("the gate's alarm, raised while positions cannot be written").isEqualTo(1L));
            assertThat(jdbc.sql("select count(*) from device_event where device_id = 'gate-l1' and msg_id = ?").param(msgId)
                    .query(Long.class).single()).isEqualTo(1L);
            assertThat(positions()).as("the fix is still waiting").isEqualTo(positionsBefore);
            stall.rollback();
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(positions())
                .as("the stalled fix, stored once the lock is gone").isEqualTo(positionsBefore + 1));
        long alarm = jdbc.sql("select id from alarm where device_id = 'gate-l1' and status = 'NEW'").query(Long.class).single();
        resolveAlarm(alarm, "测试：通道分离");
        terminal.disconnect();
        terminal.close();
        gate.disconnect();
        gate.close();
    }

    private long positions() {
        return jdbc.sql("select count(*) from device_position where device_id = 'patrol-l1'").query(Long.class).single();
    }
}
