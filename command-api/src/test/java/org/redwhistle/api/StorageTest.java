package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.junit.jupiter.api.Test;
import org.redwhistle.ingest.storage.TimeSeriesStorage;
import org.redwhistle.testing.Events;
import org.redwhistle.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The time-series path chosen at start, late events in their own time, partition maintenance by the
 * application's role, and the append-only audit log.
 */
class StorageTest extends IntegrationTest {

    @Autowired
    private TimeSeriesStorage storage;

    @Test
    void timeSeriesTablesArePartitionedByPgPartmanWithoutTimescale() {
        String path = jdbc.sql("select value from storage_setting where name = 'timeseries'").query(String.class).single();
        boolean timescale = jdbc.sql("select count(*) from pg_extension where extname = 'timescaledb'").query(Long.class).single() > 0;
        assertThat(path).isEqualTo(timescale ? "timescaledb" : "pg_partman");
        if (!timescale) {
            // partman's configuration is the owner's business: the application's role cannot read it
            assertThat(ownerJdbc().sql("select parent_table from partman.part_config order by 1").query(String.class).list())
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
        long vacuums = keyVacuums();
        storage.expireEventKeys();
        assertThat(jdbc.sql("select msg_id from device_event_key where device_id = ? order by msg_id").param(device).query(String.class).list())
                .containsExactly("fresh", "kept");
        // and the job vacuums the table as its owner, so the deleted keys' space is reused (autovacuum may be off)
        await().atMost(Duration.ofSeconds(5)).until(() -> keyVacuums() > vacuums);
    }

    private long keyVacuums() {
        return jdbc.sql("select vacuum_count from pg_stat_user_tables where relname = 'device_event_key'").query(Long.class).single();
    }

    @Test
    void partitionMaintenanceRunsAsTheRuntimeRole() {
        assumeTrue("pg_partman".equals(jdbc.sql("select value from storage_setting where name = 'timeseries'").query(String.class).single()));
        // pg_partman pre-makes partitions ahead of the newest event: one now, so that the last partition is due
        jdbc.sql("insert into device_event (device_id, msg_id, ts, type, payload) values ('cam-01', ?, now(), 'camera.motion', '{}')")
                .param(Events.newMsgId()).update();
        String last = """
                select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
                where i.inhparent = 'device_event'::regclass and c.relname <> 'device_event_default' order by 1 desc limit 1""";
        String newest = jdbc.sql(last).query(String.class).single();
        ownerJdbc().sql("drop table " + newest).update();
        assertThat(jdbc.sql(last).query(String.class).single()).isNotEqualTo(newest);

        // the application's role may not run pg_partman itself, only the owner's narrow function
        assertThatThrownBy(() -> jdbc.sql("call partman.run_maintenance_proc()").update()).rootCause().hasMessageContaining("permission denied");
        jdbc.sql("select rw_partition_maintenance()").query().listOfRows();

        assertThat(jdbc.sql(last).query(String.class).single()).isEqualTo(newest);
        assertThat(ownerJdbc().sql("select pg_get_userbyid(relowner) from pg_class where relname = ?").param(newest).query(String.class).single())
                .isEqualTo(SERVICES.dbOwnerUser());
    }

    @Test
    void auditLogRefusesUpdatesAndDeletesEvenFromItsOwner() {
        jdbc.sql("insert into audit_log (actor, action, entity, entity_id) values ('test', 'test.done', 'test', '1')").update();
        // the application's role has no such privilege at all (AuditChainTest); the triggers stop the owner too
        JdbcClient owner = ownerJdbc();
        assertThatThrownBy(() -> owner.sql("update audit_log set actor = 'someone else'").update())
                .rootCause().hasMessageContaining("audit_log is append-only");
        assertThatThrownBy(() -> owner.sql("delete from audit_log").update()).rootCause().hasMessageContaining("audit_log is append-only");
        assertThatThrownBy(() -> owner.sql("truncate audit_log").update()).rootCause().hasMessageContaining("audit_log is append-only");
        assertThatThrownBy(() -> owner.sql("delete from audit_chain").update()).rootCause().hasMessageContaining("audit_chain is append-only");
        deviceCredentials("cam-04");
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'device.credentials.issued'").query(Long.class).single())
                .isPositive();
    }
}
