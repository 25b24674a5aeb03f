package org.redwhistle.api.members;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.junit.jupiter.api.Test;
import org.redwhistle.api.allianceduty.Training;
import org.redwhistle.api.allianceduty.TrainingResult;
import org.redwhistle.geo.Ellipsoid;
import org.redwhistle.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/**
 * One position source at a time: a member's fresh phone fix holds against their patrol terminal for
 * {@code redwhistle.members.phone-fix-freshness} (60 s), in the database row, in the live index the proposals read, and
 * in track replay; once the phone has been silent that long, the terminal moves the member. Fixes carry their own
 * times (in the past), so nothing waits for the freshness to run out.
 */
class OnePositionSourceTest extends IntegrationTest {

    @Autowired
    Training training;

    @Autowired
    java.time.Clock clock;

    @Autowired
    Members members;

    // the phone: 14 m south-west of the wall where the alarm will be; the terminal ~1.1 km south-west, still in 松鹤园社区
    private static final double PHONE_LON = 119.1289, PHONE_LAT = 36.7087;
    private static final double WALL_LON = 119.1290, WALL_LAT = 36.7088;
    private static final double FAR_LON = 119.1210, FAR_LAT = 36.7010;

    private void publish(MqttClient terminal, OffsetDateTime at, double lon, double lat) throws Exception {
        String fix = "{\"ts\":\"%s\",\"type\":\"position\",\"lon\":%s,\"lat\":%s}".formatted(at, lon, lat);
        terminal.publish("cc/v1/devices/patrol-ps1/telemetry", fix.getBytes(StandardCharsets.UTF_8), 1, false);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("select count(*) from device_position where device_id = 'patrol-ps1' and ts = ?")
                .param(java.sql.Timestamp.from(at.toInstant())).query(Long.class).single() == 1);
    }

    private double liveDistanceToWall(long member) {
        JsonNode r = getJson("/api/v1/members/nearby?lon=" + WALL_LON + "&lat=" + WALL_LAT + "&radiusM=5000&limit=100", "operator");
        return r.path("items").valueStream().filter(i -> i.path("memberId").asLong() == member).findFirst().orElseThrow().path("distanceM").asDouble();
    }

    private double rowLon(long member) {
        return jdbc.sql("select st_x(location) from member where id = ?").param(member).query(Double.class).single();
    }

    @Test
    void aFreshPhoneFixHoldsAgainstTheTerminalUntilItIsStaleAndTheTrackNeverAlternates() throws Exception {
        long area = jdbc.sql("select id from area where code = '370705001001'").query(Long.class).single();
        jdbc.sql("""
                insert into device (id, kind, serial, name, area_id, location, state)
                values ('patrol-ps1', 'patrol_terminal', 'SN-PATROL-PS1', '巡更终端 PS1', ?, st_setsrid(st_makepoint(119.124, 36.703), 4326), 'ACTIVE')
                on conflict do nothing""").param(area).update();
        long member = jdbc.sql("""
                insert into member (name, role, affiliation, area_id, device_id, state) values ('平安联盟 单（保洁员）', 'PATROL', '保洁员', ?, 'patrol-ps1', 'AVAILABLE')
                on conflict (device_id) do update set state = 'AVAILABLE', location = null, located_at = null, location_source = null returning id""")
                .param(area).query(Long.class).single();
        // a patrol member goes on duty (and into proposals) only with a valid 岗前培训
        java.time.LocalDate today = java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneId.of("Asia/Shanghai"));
        long session = training.session("PRE_DUTY", area, today, "单源测试").orElseGet(() ->
                training.holdSession(new Training.NewSession("PRE_DUTY", area, today, "单源测试", "社区民警 吴", null), "test", clock.instant()));
        training.record(session, member, TrainingResult.PASSED, null, "test", clock.instant());
        OffsetDateTime t0 = OffsetDateTime.now(ZoneOffset.ofHours(8)).truncatedTo(ChronoUnit.SECONDS).minusSeconds(100);
        Instant from = t0.toInstant().minusSeconds(5);

        // the phone's fix, then the terminal 5 s later, 1 km away: the phone's fix is 5 s old, it holds
        members.reportPhoneFix(member, PHONE_LON, PHONE_LAT, 8f, t0.toInstant());
        MqttClient terminal = connectDevice("patrol-ps1");
        try {
            publish(terminal, t0.plusSeconds(5), FAR_LON, FAR_LAT);
            Thread.sleep(300);
            assertThat(rowLon(member)).isCloseTo(PHONE_LON, within(1e-9));
            assertThat(jdbc.sql("select location_source from member where id = ?").param(member).query(String.class).single()).isEqualTo("phone");
            // after a persist the terminal is known as carried, and its fixes take the live path (the index, no query per fix)
            Thread.sleep(6000);
            publish(terminal, t0.plusSeconds(20), FAR_LON, FAR_LAT);
            publish(terminal, t0.plusSeconds(40), FAR_LON, FAR_LAT);
            Thread.sleep(300);
            double phoneDistance = Ellipsoid.distanceM(PHONE_LON, PHONE_LAT, WALL_LON, WALL_LAT);
            assertThat(liveDistanceToWall(member)).isCloseTo(phoneDistance, within(0.5));

            // the proposal for an alarm at the wall measures from the phone (~14 m), not from the terminal (~1.1 km)
            jdbc.sql("""
                    insert into device (id, kind, serial, name, area_id, location, state)
                    values ('wall-ps1', 'perimeter_alarm', 'SN-WALL-PS1', '单源测试北墙', ?, st_setsrid(st_makepoint(?, ?), 4326), 'ACTIVE')
                    on conflict do nothing""").params(area, WALL_LON, WALL_LAT).update();
            long alarm = raiseIntrusion("wall-ps1", "SHY-NORTH", WALL_LON, WALL_LAT);
            try {
                JsonNode proposal = getJson("/api/v1/alarms/" + alarm + "/proposal", "operator");
                JsonNode proposed = proposal.path("members").valueStream().filter(m -> m.path("memberId").asLong() == member).findFirst()
                        .orElseThrow(() -> new AssertionError("the member 14 m away is proposed: " + proposal));
                assertThat(proposed.path("distanceM").asDouble()).isCloseTo(phoneDistance, within(1.0));
            } finally {
                resolveAlarm(alarm, "测试结束");
            }

            // 70 s after the phone's last fix the terminal wins: the live index at once, the row at the next persist
            publish(terminal, t0.plusSeconds(70), FAR_LON, FAR_LAT);
            publish(terminal, t0.plusSeconds(80), FAR_LON + 0.0002, FAR_LAT);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(liveDistanceToWall(member)).isGreaterThan(900));
            await().atMost(Duration.ofSeconds(12)).untilAsserted(() -> assertThat(rowLon(member)).isCloseTo(FAR_LON + 0.0002, within(1e-9)));
            assertThat(jdbc.sql("select location_source from member where id = ?").param(member).query(String.class).single()).isEqualTo("terminal");
        } finally {
            terminal.disconnect();
            terminal.close();
        }

        // the replay: the phone, then the terminal once the phone was stale; the terminal's fixes while it was fresh left out
        JsonNode track = getJson("/api/v1/tracks/" + member + "?from=" + from, "operator");
        List<String> sources = track.path("properties").path("sources").valueStream().map(JsonNode::asText).toList();
        assertThat(sources).containsExactly("phone", "patrol-ps1", "patrol-ps1");
        assertThat(track.path("properties").path("setAside").asInt()).isEqualTo(3);
        List<Double> lons = new ArrayList<>();
        track.path("geometry").path("coordinates").forEach(c -> lons.add(c.get(0).asDouble()));
        assertThat(lons.get(0)).isCloseTo(PHONE_LON, within(1e-9));
        assertThat(lons.get(1)).isCloseTo(FAR_LON, within(1e-9));
    }
}
