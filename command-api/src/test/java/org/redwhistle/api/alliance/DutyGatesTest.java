package org.redwhistle.api.alliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.redwhistle.geo.responders.Responder;
import org.redwhistle.geo.responders.ResponderLocator;
import org.redwhistle.geo.responders.ResponderState;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import tools.jackson.databind.JsonNode;

/**
 * The duty gates (membership, pre-duty training) are asked wherever a member would become AVAILABLE without asking,
 * not only when they go on duty themselves: freed after an alarm closed or after declining, a member the gates refuse
 * goes off duty (audited, the live index too); naming a refused member in a dispatch is a 409 with the gate's reason.
 */
class DutyGatesTest extends AllianceTestSupport {

    @Autowired
    ResponderLocator locator;

    /** An alliance member of 广文街道's team, vetted (and trained if asked), signed in, located in 松鹤园社区. */
    private record Enrolled(long allianceId, long memberId, String token) {
    }

    private Enrolled enrolled(String name, boolean trained) {
        String phone = newResident(name);
        String resident = login(phone, SERVICES.demoPassword());
        long id = json(post(resident, "/api/v1/alliance/applications",
                Map.of("name", name, "phone", phone, "idNumber", newIdNumber(), "trade", "出租车司机")), 201).path("member").path("id").asLong();
        json(post(token("police"), "/api/v1/alliance/members/" + id + "/vet", Map.of("approve", true, "teamId", teamId(GUANGWEN_TEAM))), 200);
        String token = login(phone, SERVICES.demoPassword());
        long member = json(get(token, "/api/v1/alliance/me"), 200).path("memberId").asLong();
        if (trained) {
            trained(member);
        }
        json(post(token, "/api/v1/members/me/position", Map.of("lon", 119.1282, "lat", 36.7082)), 200);
        return new Enrolled(id, member, token);
    }

    private int putState(String token, String state) {
        return http().put().uri("/api/v1/members/me/state").header("Authorization", "Bearer " + token).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("state", state)).exchange().expectBody().returnResult().getStatus().value();
    }

    /** An intrusion alarm of this test's own in 松鹤园社区 (no device). */
    private long alarm() {
        return jdbc.sql("""
                insert into alarm (type, severity, status, title, area_path, location, first_seen_at, last_seen_at)
                select 'perimeter.intrusion', 'HIGH', 'NEW', '周界入侵（值守测试）', a.path, st_setsrid(st_makepoint(119.1290, 36.7088), 4326), now(), now()
                from area a where a.code = '370705001001' returning id""").query(Long.class).single();
    }

    private String state(long member) {
        return jdbc.sql("select state from member where id = ?").param(member).query(String.class).single();
    }

    private ResponderState live(long member) {
        return locator.live(member).map(Responder::state).orElseThrow(() -> new AssertionError("member " + member + " is in the live index"));
    }

    /** The latest member.state audit row of the member: reason and the state it went to. */
    private String lastAudit(long member) {
        return jdbc.sql("select detail->>'to' || ' ' || coalesce(reason, '') from audit_log where action = 'member.state' and entity_id = ? order by id desc limit 1")
                .param(String.valueOf(member)).query(String.class).single();
    }

    private JsonNode dispatch(long alarm, long member, int status) {
        return json(post(token("operator"), "/api/v1/alarms/" + alarm + "/dispatch", Map.of("memberIds", List.of(member))), status);
    }

    private void resolve(long alarm) {
        json(post(token("operator"), "/api/v1/alarms/" + alarm + "/resolve", Map.of("note", "值守测试结束")), 200);
    }

    @Test
    void aMemberSuspendedWhileOnATaskGoesOffDutyWhenTheAlarmIsResolved() {
        Enrolled m = enrolled("值守 甲", true);
        assertThat(putState(m.token(), "AVAILABLE")).isEqualTo(200);
        long alarm = alarm();
        dispatch(alarm, m.memberId(), 200);
        assertThat(state(m.memberId())).isEqualTo("BUSY");

        json(post(token("police"), "/api/v1/alliance/members/" + m.allianceId() + "/suspend", Map.of("reason", "值守测试暂停")), 200);
        assertThat(state(m.memberId())).as("a member on a task finishes it").isEqualTo("BUSY");

        resolve(alarm);
        assertThat(state(m.memberId())).as("freed, but the membership gate refuses duty").isEqualTo("OFF_DUTY");
        assertThat(live(m.memberId())).isEqualTo(ResponderState.OFF_DUTY);
        assertThat(lastAudit(m.memberId())).startsWith("OFF_DUTY ").contains("平安联盟队员资格已暂停");
    }

    @Test
    void anUntrainedMemberNamedInADispatchIsRefusedAndAnOffDutyTrainedOneIsSent() {
        Enrolled m = enrolled("值守 乙", false);
        long alarm = alarm();
        JsonNode refused = dispatch(alarm, m.memberId(), 409);
        assertThat(refused.path("detail").asText()).isEqualTo("未完成岗前培训（岗前培训），不能上岗");
        assertThat(refused.path("errors").get(0).path("field").asText()).isEqualTo("memberIds");
        assertThat(state(m.memberId())).isEqualTo("OFF_DUTY");
        assertThat(jdbc.sql("select status from alarm where id = ?").param(alarm).query(String.class).single()).isEqualTo("NEW");

        // trained but off duty: the command center may still call them, as before
        trained(m.memberId());
        dispatch(alarm, m.memberId(), 200);
        assertThat(state(m.memberId())).isEqualTo("BUSY");
        resolve(alarm);
        assertThat(state(m.memberId())).isEqualTo("AVAILABLE");
        assertThat(live(m.memberId())).isEqualTo(ResponderState.AVAILABLE);
        assertThat(lastAudit(m.memberId())).startsWith("AVAILABLE ");
        assertThat(putState(m.token(), "OFF_DUTY")).isEqualTo(200);
    }

    @Test
    void aMemberWhoseTrainingExpiredMeanwhileGoesOffDutyOnDeclining() {
        Enrolled m = enrolled("值守 丙", true);
        assertThat(putState(m.token(), "AVAILABLE")).isEqualTo(200);
        long alarm = alarm();
        try {
            dispatch(alarm, m.memberId(), 200);
            // the pass's session moves two years back: 岗前培训 (valid 12 months) has expired
            jdbc.sql("update training_session set held_on = held_on - 800 where id in (select session_id from training_record where member_id = ?)")
                    .param(m.memberId()).update();
            json(post(m.token(), "/api/v1/alarms/" + alarm + "/decline", Map.of("note", "正在处理另一件事")), 200);
            assertThat(state(m.memberId())).isEqualTo("OFF_DUTY");
            assertThat(live(m.memberId())).isEqualTo(ResponderState.OFF_DUTY);
            assertThat(lastAudit(m.memberId())).startsWith("OFF_DUTY ").contains("过期，请参加复训");
        } finally {
            resolve(alarm);
        }
    }
}
