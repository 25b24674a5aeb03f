package org.redwhistle.api.alliance;

import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.redwhistle.api.registry.IdNumbers;
import org.redwhistle.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.reactive.server.WebTestClient;

import tools.jackson.databind.JsonNode;

/** Calls and fixtures of the alliance's tests: fresh residents and ID numbers of their own, so tests never share a person. */
abstract class AllianceTestSupport extends IntegrationTest {

    @Autowired
    PasswordEncoder passwords;

    /** A new resident of 松鹤园社区 (广文街道) who signs in with the demo password; their phone is their user name. */
    String newResident(String name) {
        String phone = "177" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        long area = jdbc.sql("select id from area where code = '370705001001'").query(Long.class).single();
        jdbc.sql("insert into app_user (username, display_name, password_hash, role, area_id, phone) values (?, ?, ?, 'RESIDENT', ?, ?)")
                .params(phone, name, passwords.encode(SERVICES.demoPassword()), area, phone).update();
        return phone;
    }

    static String newIdNumber() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return IdNumbers.of("370702", LocalDate.of(1960 + r.nextInt(40), 1 + r.nextInt(12), 1 + r.nextInt(28)), r.nextInt(1000));
    }

    /** A fresh login (not the cached token: a role changed by vetting shows in the next login's token). */
    String login(String username, String password) {
        byte[] body = http().post().uri("/api/v1/auth/token").bodyValue(Map.of("username", username, "password", password))
                .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
        return JSON.readTree(body).path("accessToken").asText();
    }

    WebTestClient.ResponseSpec post(String token, String path, Object body) {
        return http().post().uri(path).header("Authorization", "Bearer " + token).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    WebTestClient.ResponseSpec get(String token, String path) {
        return http().get().uri(path).header("Authorization", "Bearer " + token).exchange();
    }

    JsonNode json(WebTestClient.ResponseSpec spec, int status) {
        byte[] body = spec.expectStatus().isEqualTo(status).expectBody().returnResult().getResponseBody();
        return JSON.readTree(body);
    }

    /** The police of 广文街道 record a pass of 岗前培训 for the member at a session held today (Asia/Shanghai). */
    void trained(long memberId) {
        long area = jdbc.sql("select id from area where code = '370705001001'").query(Long.class).single();
        String today = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        long session = json(post(token("police"), "/api/v1/alliance/training/sessions",
                Map.of("course", "PRE_DUTY", "areaId", area, "heldOn", today, "place", "广文街道派出所", "trainer", "吴警官")), 201).path("session").path("id").asLong();
        json(post(token("police"), "/api/v1/alliance/training/sessions/" + session + "/records", Map.of("memberId", memberId, "result", "PASSED")), 200);
    }

    long teamId(String name) {
        return jdbc.sql("select id from alliance_team where name = ?").param(name).query(Long.class).single();
    }

    static final String GUANGWEN_TEAM = "广文街道平安联盟队";
}
