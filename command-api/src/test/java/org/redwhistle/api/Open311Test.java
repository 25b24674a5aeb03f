package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.redwhistle.testing.IntegrationTest;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

import tools.jackson.databind.JsonNode;

/** An Open311 GeoReport v2 client files and follows a request, in JSON and XML, and gets the spec's errors. */
class Open311Test extends IntegrationTest {

    private String key() {
        long shy = jdbc.sql("select id from area where code = '370705001001'").query(Long.class).single();
        return JSON.readTree(http().post().uri("/api/v1/open311-keys").header("Authorization", "Bearer " + token("admin"))
                .bodyValue(Map.of("name", "GeoReporter", "areaId", shy)).exchange().expectStatus().isOk().expectBody().returnResult()
                .getResponseBody()).path("apiKey").asText();
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec post(String fmt, Map<String, String> fields) {
        LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        fields.forEach(form::add);
        return http().post().uri("/open311/v2/requests." + fmt).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData(form)).exchange();
    }

    private String get(String path, int status) {
        return new String(http().get().uri(path).exchange().expectStatus().isEqualTo(status).expectBody().returnResult().getResponseBody(),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void aClientFilesAndFollowsARequestInJsonAndXml() {
        String key = key();
        JsonNode services = JSON.readTree(get("/open311/v2/services.json", 200));
        assertThat(services.valueStream().map(s -> s.path("service_code").asText())).contains("ENV", "FACILITY", "NOISE", "SAFETY", "DISPUTE");
        assertThat(get("/open311/v2/services.xml", 200)).startsWith("<?xml").contains("<service><service_code>DISPUTE</service_code>");
        assertThat(get("/open311/v2/discovery.json", 200)).contains("GeoReport_v2");

        JsonNode filed = JSON.readTree(post("json", Map.of("api_key", key, "service_code", "FACILITY", "lat", "36.7020", "long", "119.1250",
                "description", "小区北门路灯不亮 <已三天>")).expectStatus().isOk().expectBody().returnResult().getResponseBody());
        String id = filed.get(0).path("service_request_id").asText();
        assertThat(id).startsWith("XHS-");

        JsonNode r = JSON.readTree(get("/open311/v2/requests/" + id + ".json?api_key=" + key, 200)).get(0);
        assertThat(r.path("status").asText()).isEqualTo("open");
        assertThat(r.path("service_code").asText()).isEqualTo("FACILITY");
        assertThat(r.path("agency_responsible").asText()).isEqualTo("松鹤园社区");
        assertThat(r.path("status_notes").asText()).startsWith("已派单");
        long caseId = jdbc.sql("select id from case_file where ref = ?").param(id).query(Long.class).single();
        Instant due = jdbc.sql("select resolve_due from case_file where id = ?").param(caseId).query(java.sql.Timestamp.class).single().toInstant();
        assertThat(OffsetDateTime.parse(r.path("expected_datetime").asText()).toInstant()).isEqualTo(due);
        assertThat(r.path("expected_datetime").asText()).endsWith("+08:00");

        // the community takes it: the client sees the finer state
        http().post().uri("/api/v1/cases/" + caseId + "/take").header("Authorization", "Bearer " + token("operator")).bodyValue(Map.of())
                .exchange().expectStatus().isOk();
        String xml = get("/open311/v2/requests.xml?api_key=" + key + "&status=open", 200);
        assertThat(xml).contains("<service_request_id>" + id + "</service_request_id>").contains("<status_notes>已接单")
                .contains("小区北门路灯不亮 &lt;已三天&gt;");
        assertThat(get("/open311/v2/tokens/" + id + ".json?api_key=" + key, 200)).contains(id);
    }

    @Test
    void errorsComeInTheSpecsShapeAndStatus() {
        String key = key();
        JsonNode noKey = JSON.readTree(post("json", Map.of("service_code", "ENV", "lat", "36.70", "long", "119.12", "description", "x"))
                .expectStatus().isForbidden().expectBody().returnResult().getResponseBody());
        assertThat(noKey.get(0).path("code").asInt()).isEqualTo(403);
        assertThat(new String(post("xml", Map.of("api_key", key, "service_code", "SPACE", "lat", "36.70", "long", "119.12", "description", "x"))
                .expectStatus().isBadRequest().expectBody().returnResult().getResponseBody(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("<errors><error><code>400</code><description>service_code SPACE is not offered");
        post("json", Map.of("api_key", key, "service_code", "ENV", "lat", "96", "long", "119.12", "description", "x")).expectStatus().isBadRequest();
        post("json", Map.of("api_key", key, "service_code", "ENV", "lat", "36.70", "long", "117.00", "description", "outside the key's area"))
                .expectStatus().isBadRequest();
        assertThat(get("/open311/v2/requests/XHS-00000000-000000.json?api_key=" + key, 404)).contains("\"code\":404");
        get("/open311/v2/requests.json", 403);
        get("/open311/v2/services/NOPE.json", 404);
        get("/open311/v2/services.yaml", 404);
        // another client's key does not see this client's requests
        String other = key();
        JsonNode filed = JSON.readTree(post("json", Map.of("api_key", key, "service_code", "ENV", "lat", "36.7020", "long", "119.1250",
                "description", "垃圾未清运")).expectStatus().isOk().expectBody().returnResult().getResponseBody());
        get("/open311/v2/requests/" + filed.get(0).path("service_request_id").asText() + ".json?api_key=" + other, 404);
    }
}
