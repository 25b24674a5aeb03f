package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;
import org.redwhistle.testing.Events;
import org.redwhistle.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

import io.micrometer.core.instrument.MeterRegistry;

/** Bad input is dead-lettered with its reason, the broker enforces device ACLs, and valid traffic flows on. */
class IngestRejectionTest extends IntegrationTest {

    @Autowired
    private MeterRegistry meters;

    private static final String GATE = "cc/v1/devices/gate-01/events";

    @Test
    void invalidMessagesAreDeadLetteredWithTheirReasonWhileValidTrafficFlowsOn() throws Exception {
        MqttClient gate = connectDevice("gate-01");
        // a second device streams valid events the whole time
        MqttClient steady = connectDevice("cam-02");
        String streamRun = "steady-" + Events.newMsgId().substring(0, 8);
        int streamCount = 300;
        Thread stream = new Thread(() -> {
            for (int i = 0; i < streamCount; i++) {
                try {
                    publishSteadily(steady, "cc/v1/devices/cam-02/events", ("{\"msgId\":\"" + streamRun + "-" + i + "\",\"ts\":\""
                            + Events.now() + "\",\"type\":\"camera.motion\"}").getBytes(StandardCharsets.UTF_8));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        stream.start();
        String valid = Events.newMsgId();
        String future = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusHours(2).toString();
        List<String> bad = List.of(
                "{not json",
                "[1,2,3]",
                "{\"ts\":\"" + Events.now() + "\",\"type\":\"gate.forced\"}",
                "{\"msgId\":\"x1\",\"ts\":\"" + Events.now() + "\",\"type\":\"perimeter.intrusion\",\"zoneId\":\"Z\"}",
                "{\"msgId\":\"x2\",\"ts\":\"yesterday\",\"type\":\"gate.forced\"}",
                "{\"msgId\":\"x3\",\"ts\":\"" + future + "\",\"type\":\"gate.forced\"}",
                "{\"msgId\":\"x4\",\"ts\":\"" + Events.now() + "\",\"type\":\"gate.passage\",\"direction\":\"sideways\",\"result\":\"granted\"}",
                "{\"msgId\":\"x5\",\"ts\":\"" + Events.now() + "\",\"type\":\"gate.forced\",\"lon\":200,\"lat\":36.7}",
                "{\"msgId\":\"x6\",\"ts\":\"" + Events.now() + "\",\"type\":\"gate.forced\",\"lon\":119.12,\"lat\":36.7,\"crs\":\"utm\"}",
                "{\"msgId\":\"x7\",\"ts\":\"" + Events.now() + "\",\"type\":\"gate.forced\",\"note\":\"a\\u0000b\"}",
                "{\"msgId\":\"x8\",\"ts\":\"" + Events.now() + "\",\"type\":\"gate.forced\",\"lon\":NaN,\"lat\":36.7}",
                "{\"msgId\":\"x9\",\"ts\":\"" + Events.now() + "\",\"type\":\"gate.forced\",\"lon\":\"119.12\",\"lat\":36.7}",
                "{\"msgId\":\"x10\",\"ts\":\"" + Events.now() + "\",\"type\":\"gate.passage\",\"direction\":\"in\",\"result\":\"granted\",\"plate\":\"" + "鲁".repeat(40) + "\"}");
        for (String payload : bad) {
            gate.publish(GATE, payload.getBytes(StandardCharsets.UTF_8), 1, false);
        }
        String hugeId = "huge-" + Events.newMsgId();
        byte[] huge = ("{\"msgId\":\"" + hugeId + "\",\"ts\":\"" + Events.now() + "\",\"type\":\"gate.forced\",\"junk\":\""
                + "x".repeat(100_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        gate.publish(GATE, huge, 1, false);
        gate.publish(GATE, ("{\"msgId\":\"" + valid + "\",\"ts\":\"" + Events.now()
                + "\",\"type\":\"gate.passage\",\"direction\":\"in\",\"plate\":\"鲁G12345\",\"result\":\"granted\"}").getBytes(StandardCharsets.UTF_8), 1, false);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(jdbc.sql(
                "select count(*) from device_event where device_id = 'gate-01' and msg_id = ?").param(valid).query(Long.class).single()).isEqualTo(1L));
        List<String> reasons = jdbc.sql("select reason from dead_letter where device_id = 'gate-01' order by id").query(String.class).list();
        assertThat(reasons).hasSizeGreaterThanOrEqualTo(bad.size());
        assertThat(reasons).anyMatch(r -> r.startsWith("payload is not valid JSON"))
                .anyMatch(r -> r.equals("payload must be a JSON object"))
                .anyMatch(r -> r.equals("msgId is required"))
                .anyMatch(r -> r.equals("type 'perimeter.intrusion' cannot be sent by a access_gate device"))
                .anyMatch(r -> r.startsWith("ts 'yesterday' is not ISO-8601"))
                .anyMatch(r -> r.matches("ts is \\d+ s in the future .*"))
                .anyMatch(r -> r.equals("direction must be one of in, out, got 'sideways'"))
                .anyMatch(r -> r.startsWith("lon 200.0 is outside"))
                .anyMatch(r -> r.startsWith("crs 'utm' is not one of"))
                .anyMatch(r -> r.equals("payload contains \\u0000, which cannot be stored"))
                .anyMatch(r -> r.equals("lon must be a number"))
                .anyMatch(r -> r.startsWith("violates the event.gate.passage schema at /plate: must be at most"));
        assertThat(jdbc.sql("select payload_size from dead_letter where device_id = 'gate-01' and reason like 'payload is not valid JSON%'")
                .query(Integer.class).list()).contains("{not json".length());
        assertThat(jdbc.sql("select octet_length(payload) from dead_letter where device_id = 'gate-01' and reason like 'payload of % bytes exceeds%'"
                + " and convert_from(payload, 'UTF8') like ?").param("%" + hugeId + "%")
                .query(Integer.class).list()).as("huge payload dead-lettered with a capped copy").containsExactly(4096);

        stream.join();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(jdbc.sql(
                "select count(*) from device_event where device_id = 'cam-02' and msg_id like ?").param(streamRun + "-%")
                .query(Long.class).single()).as("every event of the parallel valid stream").isEqualTo((long) streamCount));
        gate.disconnect();
        gate.close();
        steady.disconnect();
        steady.close();
    }

    @Test
    void aPayloadTheDatabaseRefusesIsDeadLetteredAloneAndItsBatchStillLands() throws Exception {
        MqttClient gate = connectDevice("gate-02");
        String before = Events.newMsgId();
        String after = Events.newMsgId();
        String topic = "cc/v1/devices/gate-02/events";
        gate.publish(topic, ("{\"msgId\":\"" + before + "\",\"ts\":\"" + Events.now() + "\",\"type\":\"gate.forced\"}").getBytes(StandardCharsets.UTF_8), 1, false);
        // valid JSON for Jackson, but a lone surrogate that PostgreSQL's jsonb refuses
        gate.publish(topic, ("{\"msgId\":\"poison\",\"ts\":\"" + Events.now() + "\",\"type\":\"gate.forced\",\"note\":\"\\ud800\"}").getBytes(StandardCharsets.UTF_8), 1, false);
        gate.publish(topic, ("{\"msgId\":\"" + after + "\",\"ts\":\"" + Events.now() + "\",\"type\":\"gate.forced\"}").getBytes(StandardCharsets.UTF_8), 1, false);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc.sql(
                "select count(*) from device_event where device_id = 'gate-02' and msg_id in (?, ?)").params(before, after)
                .query(Long.class).single()).isEqualTo(2L));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.sql(
                "select reason from dead_letter where device_id = 'gate-02' and convert_from(payload, 'UTF8') like '%poison%'")
                .query(String.class).list()).anySatisfy(r -> assertThat(r).startsWith("the database refused the payload:")));
        gate.disconnect();
        gate.close();
    }

    @Test
    void redeliveredMessagesAreStoredOnce() throws Exception {
        MqttClient gate = connectDevice("gate-02");
        String msgId = Events.newMsgId();
        byte[] payload = ("{\"msgId\":\"" + msgId + "\",\"ts\":\"" + Events.now() + "\",\"type\":\"gate.tailgating\"}").getBytes(StandardCharsets.UTF_8);
        gate.publish("cc/v1/devices/gate-02/events", payload, 1, false);
        gate.publish("cc/v1/devices/gate-02/events", payload, 1, false);
        String marker = Events.newMsgId();
        gate.publish("cc/v1/devices/gate-02/events", ("{\"msgId\":\"" + marker + "\",\"ts\":\"" + Events.now()
                + "\",\"type\":\"device.heartbeat\"}").getBytes(StandardCharsets.UTF_8), 1, false);
        await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.sql("select count(*) from device_event where msg_id = ?")
                .param(marker).query(Long.class).single() == 1L);
        assertThat(jdbc.sql("select count(*) from device_event where device_id = 'gate-02' and msg_id = ?")
                .param(msgId).query(Long.class).single()).isEqualTo(1L);
        gate.disconnect();
        gate.close();
    }

    @Test
    void theSameMsgIdWithAnotherTsIsStoredAndCountedOnce() throws Exception {
        String id = ownDevice("gate-i", "access_gate");
        MqttClient gate = connectDevice(id);
        String topic = "cc/v1/devices/" + id + "/events";
        OffsetDateTime t1 = OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0);
        double duplicatesBefore = meters.counter("rw.ingest.messages", "outcome", "duplicate").count();
        String x = Events.newMsgId();
        gate.publish(topic, tailgating(x, t1), 1, false);
        gate.publish(topic, tailgating(x, t1.minusSeconds(90)), 1, false);
        gate.publish(topic, tailgating(x, t1.plusSeconds(1)), 1, false);
        // the same msgId twice back to back, most likely in one batch
        gate.disconnect();
        gate.close();
        String[] c = deviceCredentials(id);
        MqttAsyncClient burst = new MqttAsyncClient(SERVICES.mqttUrl(), c[2], new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(c[0]);
        o.setPassword(c[1].getBytes(StandardCharsets.UTF_8));
        burst.connect(o).waitForCompletion(10_000);
        String y = Events.newMsgId();
        IMqttToken first = burst.publish(topic, tailgating(y, t1), 1, false);
        IMqttToken second = burst.publish(topic, tailgating(y, t1.minusSeconds(5)), 1, false);
        first.waitForCompletion(10_000);
        second.waitForCompletion(10_000);
        String marker = Events.newMsgId();
        burst.publish(topic, tailgating(marker, t1), 1, false).waitForCompletion(10_000);
        burst.disconnect().waitForCompletion(5_000);
        burst.close();

        await().atMost(Duration.ofSeconds(15)).until(() -> marker.equals(jdbc.sql(
                "select event_msg_id from alarm where device_id = ? and type = 'gate.tailgating'").param(id).query(String.class).optional().orElse(null)));
        assertThat(jdbc.sql("select ts from device_event where device_id = ? and msg_id = ?").params(id, x).query(OffsetDateTime.class).list())
                .extracting(OffsetDateTime::toInstant).as("one event for x, the first one").containsExactly(t1.toInstant());
        assertThat(jdbc.sql("select count(*) from device_event where device_id = ? and msg_id = ?").params(id, y).query(Long.class).single())
                .isEqualTo(1L);
        assertThat(jdbc.sql("select count from alarm where device_id = ? and type = 'gate.tailgating'").param(id).query(Integer.class).single())
                .as("x, y and the marker raised the alarm once each").isEqualTo(3);
        assertThat(meters.counter("rw.ingest.messages", "outcome", "duplicate").count() - duplicatesBefore).isEqualTo(3.0);
        resolveAlarm(jdbc.sql("select id from alarm where device_id = ? and type = 'gate.tailgating'").param(id).query(Long.class).single(),
                "测试：重复消息");
    }

    @Test
    void eventsAndFixesDatedBeforeTheFloorAreDeadLetteredWithTheReason() throws Exception {
        String gateId = ownDevice("gate-f", "access_gate");
        String terminalId = ownDevice("patrol-f", "patrol_terminal");
        MqttClient gate = connectDevice(gateId);
        MqttClient terminal = connectDevice(terminalId);
        String epoch = Events.newMsgId();
        String tooOld = Events.newMsgId();
        String buffered = Events.newMsgId();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(8));
        gate.publish("cc/v1/devices/" + gateId + "/events", tailgating(epoch, OffsetDateTime.parse("1970-01-01T08:00:00+08:00")), 1, false);
        gate.publish("cc/v1/devices/" + gateId + "/events", tailgating(tooOld, now.minusDays(8)), 1, false);
        gate.publish("cc/v1/devices/" + gateId + "/events", tailgating(buffered, now.minusDays(6)), 1, false);
        terminal.publish("cc/v1/devices/" + terminalId + "/telemetry", ("{\"ts\":\"1970-01-01T00:00:00Z\",\"type\":\"position\","
                + "\"lon\":119.1241,\"lat\":36.7031}").getBytes(StandardCharsets.UTF_8), 1, false);
        await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.sql("select count(*) from device_event where device_id = ? and msg_id = ?")
                .params(gateId, buffered).query(Long.class).single() == 1L);
        assertThat(jdbc.sql("select count(*) from device_event where device_id = ? and msg_id in (?, ?)").params(gateId, epoch, tooOld)
                .query(Long.class).single()).isZero();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.sql(
                "select reason from dead_letter where device_id in (?, ?) order by id").params(gateId, terminalId).query(String.class).list())
                .hasSize(3)
                .allMatch(r -> r.matches("ts is \\d+ s in the past \\(at most 604800 s allowed\\)"), "the floor's reason"));
        assertThat(jdbc.sql("select count(*) from device_position where device_id = ?").param(terminalId).query(Long.class).single()).isZero();
        gate.disconnect();
        gate.close();
        terminal.disconnect();
        terminal.close();
    }

    /** A device of this test alone, in 松鹤园社区 (tests share one database and the app's per-device state). */
    private String ownDevice(String prefix, String kind) {
        String id = prefix + "-" + Events.newMsgId().substring(0, 8);
        jdbc.sql("""
                insert into device (id, kind, serial, name, area_id, location, state)
                values (?, ?, ?, '测试设备', (select id from area where code = '370705001001'), st_setsrid(st_makepoint(119.1241, 36.7031), 4326), 'ACTIVE')""")
                .params(id, kind, "SN-" + id).update();
        return id;
    }

    private static byte[] tailgating(String msgId, OffsetDateTime ts) {
        return ("{\"msgId\":\"" + msgId + "\",\"ts\":\"" + ts + "\",\"type\":\"gate.tailgating\"}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void brokerRefusesPublishingUnderAnotherDevicesTopic() throws Exception {
        String[] c = deviceCredentials("cam-01");
        MqttAsyncClient cam = new MqttAsyncClient(SERVICES.mqttUrl(), c[2], new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(c[0]);
        o.setPassword(c[1].getBytes(StandardCharsets.UTF_8));
        cam.connect(o).waitForCompletion(10_000);
        String msgId = Events.newMsgId();
        IMqttToken t = cam.publish("cc/v1/devices/cam-02/events", Events.intrusion(msgId, Events.now(), 119.12, 36.70, "Z")
                .getBytes(StandardCharsets.UTF_8), 1, false);
        int reason;
        try {
            t.waitForCompletion(10_000);
            reason = t.getReasonCodes()[0];
        } catch (MqttException e) {
            reason = e.getReasonCode();
        }
        assertThat(reason).as("PUBACK reason code").isEqualTo(0x87);
        Thread.sleep(500);
        assertThat(jdbc.sql("select count(*) from device_event where msg_id = ?").param(msgId).query(Long.class).single()).isZero();
        cam.disconnect().waitForCompletion(5_000);
        cam.close();
    }

    @Test
    void brokerRefusesAnonymousAndWrongPasswords() throws Exception {
        MqttClient anonymous = new MqttClient(SERVICES.mqttUrl(), "anon-" + Events.newMsgId().substring(0, 8), new MemoryPersistence());
        assertThatThrownBy(() -> anonymous.connect(new MqttConnectionOptions())).isInstanceOf(MqttException.class);
        MqttConnectionOptions wrong = new MqttConnectionOptions();
        wrong.setUserName("cam-03");
        wrong.setPassword("not-the-password".getBytes(StandardCharsets.UTF_8));
        MqttClient impostor = new MqttClient(SERVICES.mqttUrl(), "cam-03", new MemoryPersistence());
        assertThatThrownBy(() -> impostor.connect(wrong)).isInstanceOf(MqttException.class);
    }
}
