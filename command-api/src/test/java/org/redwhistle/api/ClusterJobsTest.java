package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redwhistle.api.alarms.internal.AlarmService;
import org.redwhistle.api.alarms.AlarmSeverity;
import org.redwhistle.api.alarms.internal.VerificationVerdicts;
import org.redwhistle.api.alarms.internal.Realert;
import org.redwhistle.api.cases.internal.CaseSupervisor;
import org.redwhistle.ingest.cluster.ClusterJobs;
import org.redwhistle.ingest.liveness.LivenessMonitor;
import org.redwhistle.testing.Events;
import org.redwhistle.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import tools.jackson.databind.JsonNode;

/**
 * Two application instances on one database: the test's shared instance ("A") and a second one
 * ("B", its own instance id and HTTP port, no ingestion), both with their schedulers running. Each
 * cluster-wide job is also fired on both at the same moment, several times; its effect happens once.
 */
class ClusterJobsTest extends IntegrationTest {

    private static ConfigurableApplicationContext b;

    /** After the shared instance started (and migrated the database): once for the class. */
    @BeforeEach
    void startSecondInstance() {
        if (b != null) {
            return;
        }
        // the shared instance's short clocks, so both sweep as often
        b = startSecondInstance("jobs", Map.of(
                "redwhistle.liveness.offline-after", "4s",
                "redwhistle.liveness.check-interval", "1s",
                "redwhistle.commands.timeout", "3s",
                "redwhistle.commands.sweep-interval", "500ms",
                "redwhistle.verification.retry-after", "1s"));
    }

    @AfterAll
    static void stopSecondInstance() {
        if (b != null) {
            b.close();
        }
    }

    @Autowired
    private ApplicationContext a;

    private <T> T onA(Class<T> type) {
        return a.getBean(type);
    }

    /** Runs the job on A and on B at the same moment, {@code rounds} times. */
    private static void onBothAtOnce(int rounds, Runnable onA, Runnable onB) throws Exception {
        for (int i = 0; i < rounds; i++) {
            CyclicBarrier start = new CyclicBarrier(2);
            CompletableFuture<Void> a = CompletableFuture.runAsync(() -> {
                arrive(start);
                onA.run();
            });
            CompletableFuture<Void> other = CompletableFuture.runAsync(() -> {
                arrive(start);
                onB.run();
            });
            CompletableFuture.allOf(a, other).get(60, TimeUnit.SECONDS);
        }
    }

    private static void arrive(CyclicBarrier barrier) {
        try {
            barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    @Test
    void aJobRunsOnOneInstanceAtATimeAndTheOtherSkips() throws Exception {
        ClusterJobs jobsA = onA(ClusterJobs.class);
        ClusterJobs jobsB = b.getBean(ClusterJobs.class);
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Boolean> onA = CompletableFuture.supplyAsync(() -> jobsA.runExclusively("test.held", () -> {
            running.countDown();
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        List<String> ranOnB = new ArrayList<>();
        assertThat(jobsB.runExclusively("test.held", () -> ranOnB.add("held"))).as("B skips while A runs the job").isFalse();
        assertThat(jobsB.runExclusively("test.other", () -> ranOnB.add("other"))).as("another job is not held up").isTrue();
        release.countDown();
        assertThat(onA.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(jobsB.runExclusively("test.held", () -> ranOnB.add("held"))).as("free again once A is done").isTrue();
        assertThat(ranOnB).containsExactly("other", "held");

        assertThatThrownBy(() -> jobsA.runExclusively("test.failing", () -> {
            throw new IllegalStateException("job failed");
        })).hasMessage("job failed");
        assertThat(jobsB.runExclusively("test.failing", () -> ranOnB.add("after failure"))).as("a failed run releases the lock").isTrue();
    }

    @Test
    void anAlarmDueForReAlertIsRaisedExactlyOneStep() throws Exception {
        AlarmService alarms = onA(AlarmService.class);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(alarms.raiseRule("tour.missed", AlarmSeverity.LOW, "巡更异常：集群任务测试 " + i, "cluster-" + Events.newMsgId(),
                    119.1290, 36.7070, Instant.now(), "cluster job test").id());
        }
        Long[] due = ids.toArray(Long[]::new);
        // unacknowledged for 6 minutes: due for one re-alert (after 5), not for a second (after 10)
        jdbc.sql("update alarm set created_at = now() - interval '6 minutes' where id = any(?)").param(due).update();
        try {
            Realert realertB = b.getBean(Realert.class);
            onBothAtOnce(3, onA(Realert.class)::scheduled, realertB::scheduled);

            for (long id : ids) {
                assertThat(jdbc.sql("select severity || ' ' || realerts from alarm where id = ?").param(id).query(String.class).single())
                        .as("alarm %d", id).isEqualTo("MEDIUM 1");
                assertThat(count("select count(*) from alarm_event where alarm_id = ? and action = 'realert'", id)).as("alarm %d", id).isEqualTo(1);
                assertThat(count("select count(*) from audit_log where action = 'alarm.realert' and entity_id = ?", String.valueOf(id)))
                        .as("alarm %d", id).isEqualTo(1);
            }
        } finally {
            jdbc.sql("update alarm set status = 'RESOLVED' where id = any(?)").param(due).update();
        }
    }

    @Test
    void aCasePastItsDeadlineGetsOneOrderAndIsEscalatedOneStep() throws Exception {
        JsonNode c = JSON.readTree(http().post().uri("/api/v1/cases").header("Authorization", "Bearer " + token("resident"))
                .bodyValue(Map.of("category", "NOISE", "description", "集群任务测试：夜间施工", "lon", 119.1290, "lat", 36.7070))
                .exchange().expectStatus().isCreated().expectBody().returnResult().getResponseBody());
        long id = c.path("id").asLong();
        assertThat(c.path("level").asText()).isNotEqualTo("DISTRICT_CENTER");
        jdbc.sql("update case_file set accept_due = now() - interval '1 minute' where id = ?").param(id).update();

        CaseSupervisor supervisorB = b.getBean(CaseSupervisor.class);
        onBothAtOnce(3, onA(CaseSupervisor.class)::scheduled, supervisorB::scheduled);

        assertThat(count("select count(*) from supervision where case_id = ?", id)).isEqualTo(1);
        assertThat(count("select count(*) from case_event where case_id = ? and action = 'supervision-order'", id)).isEqualTo(1);
        assertThat(count("select count(*) from case_event where case_id = ? and action = 'escalate'", id)).isEqualTo(1);
        assertThat(count("select count(*) from audit_log where action = 'case.supervision' and entity_id = ?", String.valueOf(id))).isEqualTo(1);
        JsonNode now = getJson("/api/v1/cases/" + id, "leader");
        assertThat(now.path("level").asText()).as("one step up, not two").isEqualTo("STREET");
    }

    @Test
    void aSilentDeviceIsMarkedOfflineOnceWithOneAlarm() throws Exception {
        String device = "wall-cj-" + Events.newMsgId().substring(0, 8);
        jdbc.sql("""
                insert into device (id, kind, serial, name, area_id, location, state, last_seen)
                values (?, 'perimeter_alarm', ?, '集群任务测试设备', (select id from area where code = '370705001001'),
                        st_setsrid(st_makepoint(119.1241, 36.7031), 4326), 'ACTIVE', now() - interval '1 hour')""")
                .params(device, "SN-" + device).update();
        LivenessMonitor livenessB = b.getBean(LivenessMonitor.class);
        onBothAtOnce(3, onA(LivenessMonitor.class)::sweep, livenessB::sweep);

        await().atMost(Duration.ofSeconds(10)).until(() -> count("select count(*) from alarm where device_id = ? and type = 'device.offline'", device) >= 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> count("select count(*) from alarm where device_id = ? and type = 'device.offline'", device) == 1);
        long alarm = jdbc.sql("select id from alarm where device_id = ? and type = 'device.offline'").param(device).query(Long.class).single();
        assertThat(count("select count from alarm where id = ?", alarm)).as("raised once, not repeated").isEqualTo(1);
        assertThat(count("select count(*) from audit_log where action = 'alarm.raised' and entity_id = ?", String.valueOf(alarm))).isEqualTo(1);
        assertThat(count("select count(*) from device where id = ? and silent_since is not null and not online", device)).isEqualTo(1);
        jdbc.sql("update alarm set status = 'RESOLVED' where id = ?").param(alarm).update();
    }

    @Test
    void aVerificationPastItsTimeIsDecidedOnce() throws Exception {
        long id = onA(AlarmService.class).raiseRule("tour.missed", AlarmSeverity.LOW, "巡更异常：集群任务测试（核实）", "cluster-" + Events.newMsgId(),
                119.1290, 36.7070, Instant.now(), "cluster job test").id();
        jdbc.sql("update alarm set verification = 'PENDING', verification_due = now() - interval '1 second' where id = ?").param(id).update();
        try {
            VerificationVerdicts verificationB = b.getBean(VerificationVerdicts.class);
            onBothAtOnce(3, onA(VerificationVerdicts.class)::sweep, verificationB::sweep);

            assertThat(jdbc.sql("select verification from alarm where id = ?").param(id).query(String.class).single()).isEqualTo("UNVERIFIED");
            assertThat(count("select count(*) from alarm_event where alarm_id = ? and action = 'verify'", id)).isEqualTo(1);
            assertThat(count("select count(*) from audit_log where action = 'alarm.verification' and entity_id = ?", String.valueOf(id)))
                    .isEqualTo(1);
        } finally {
            jdbc.sql("update alarm set status = 'RESOLVED' where id = ?").param(id).update();
        }
    }
}
