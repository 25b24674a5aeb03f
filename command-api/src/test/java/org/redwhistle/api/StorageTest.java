package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.junit.jupiter.api.Test;
import org.redwhistle.testing.Events;
import org.redwhistle.ingest.storage.TimeSeriesStorage;
import org.redwhistle.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/** The time-series path chosen at start, late events in their own time, and the append-only audit log. */
class StorageTest extends IntegrationTest {

    @Autowired
    private TimeSeriesStorage storage;

    @Test
    void timeSeriesTablesArePartitionedByPgPartmanWithoutTimescale() {
        String path = jdbc.sql("select value from storage_setting where name = 'timeseries'").query(String.class).single();
        boolean timescale = jdbc.sql("select count(*) from pg_extension where extname = 'timescaledb'").query(Long.class).single() > 0;
        assertThat(path).isEqualTo(timescale ? "timescaledb" : "pg_partman");
        if (!timescale) {
            assertThat(jdbc.sql("select parent_table from partman.part_config order by 1").query(String.class).list())
                    .containsExactly("public.device_event", "public.device_position");
            assertThat(jdbc.sql("select count(*) from pg_inherits where inhparent = 'device_event'::regclass")
                    .query(Long.class).single()).isGreaterThanOrEqualTo(15L);
        }
    }

    @Test
    void lateEventsAreStoredInTheirOwnTime() throws Exception {
        MqttClient cam = connectDevice("cam-03");
        String msgId = Events.newMsgId();
        OffsetDateTime threeDaysAgo = OffsetDateTime.now(ZoneOffset.UTC).minusDays(3).withHour(12).truncatedTo(ChronoUnit.MILLIS);
        cam.publish("cc/v1/devices/cam-03/events", ("{\"msgId\":\"" + msgId + "\",\"ts\":\"" + threeDaysAgo
                + "\",\"type\":\"camera.motion\"}").getBytes(StandardCharsets.UTF_8), 1, false);
        await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.sql("select count(*) from device_event where msg_id = ?")
                .param(msgId).query(Long.class).single() == 1L);
        String partition = jdbc.sql("select tableoid::regclass::text from device_event where msg_id = ?").param(msgId).query(String.class).single();
        if (jdbc.sql("select value from storage_setting where name = 'timeseries'").query(String.class).single().equals("pg_partman")) {
            assertThat(partition).doesNotEndWith("_default")
                    .contains(String.format("%04d_%02d_%02d", threeDaysAgo.getYear(), threeDaysAgo.getMonthValue(), threeDaysAgo.getDayOfMonth()));
        }
        assertThat(jdbc.sql("select ts from device_event where msg_id = ?").param(msgId).query(OffsetDateTime.class).single().toInstant())
                .isEqualTo(threeDaysAgo.toInstant());
        cam.disconnect();
        cam.close();
    }

    @Test
    void idempotencyKeysAreKeptAsLongAsEventsAndThenDeleted() throws Exception {
        String device = "ret-" + Events.newMsgId().substring(0, 8);
        jdbc.sql("""
                insert into device_event_key (device_id, msg_id, ts) values
                  (:d, 'expired', now() - interval '401 days'), (:d, 'kept', now() - interval '399 days'), (:d, 'fresh', now())""")
                .param("d", device).update();
        storage.expireEventKeys();
        assertThat(jdbc.sql("select msg_id from device_event_key where device_id = ? order by msg_id").param(device).query(String.class).list())
                .containsExactly("fresh", "kept");
    }

    @Test
    void auditLogRefusesUpdatesAndDeletes() {
        jdbc.sql("insert into audit_log (actor, action, entity, entity_id) values ('test', 'test.done', 'test', '1')").update();
        assertThatThrownBy(() -> jdbc.sql("update audit_log set actor = 'someone else'").update())
                .rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_log").update()).rootCause().hasMessageContaining("append-only");
        deviceCredentials("cam-04");
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'device.credentials.issued'").query(Long.class).single())
                .isPositive();
    }
}
