package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.redwhistle.testing.IntegrationTest;

import tools.jackson.databind.JsonNode;

/**
 * The managed category catalogue: everyone signed in reads the active categories with their icons,
 * default case type and escalation chain; administrators create, change and deactivate them
 * (audited); a request must name an active category; Open311's services are the catalogue.
 */
class CaseCatalogueTest extends IntegrationTest {

    private JsonNode send(String method, String user, String path, Object body, int status) {
        var spec = http().method(org.springframework.http.HttpMethod.valueOf(method)).uri(path).header("Authorization", "Bearer " + token(user));
        var r = (body == null ? spec : spec.bodyValue(body)).exchange().expectStatus().isEqualTo(status).expectBody().returnResult();
        return r.getResponseBody() == null ? null : JSON.readTree(r.getResponseBody());
    }

    private long audits(String code) {
        return jdbc.sql("select count(*) from audit_log where entity = 'case_category' and entity_id = ?").param(code).query(Long.class).single();
    }

    @Test
    void everyRoleReadsTheActiveCatalogueWithIconsTypesAndChains() {
        JsonNode items = getJson("/api/v1/case-categories", "resident").path("items");
        assertThat(items.valueStream().map(k -> k.path("name").asText()))
                .contains("环境卫生", "道路设施", "治安隐患", "邻里纠纷", "噪声扰民", "违章搭建", "消防安全", "供水供电", "困难帮扶", "其他");
        assertThat(items.valueStream().map(k -> k.path("code").asText())).contains("ENV", "FACILITY", "NOISE", "SAFETY", "DISPUTE", "OTHER");
        JsonNode dispute = items.valueStream().filter(k -> k.path("code").asText().equals("DISPUTE")).findFirst().orElseThrow();
        assertThat(dispute.path("caseType").asText()).isEqualTo("MEDIATION");
        assertThat(dispute.path("caseTypeName").asText()).startsWith("矛盾调解");
        assertThat(dispute.path("chain").valueStream().map(l -> l.path("label").asText())).containsExactly("代办员", "调解员、和事佬", "法律顾问");
        assertThat(dispute.path("chain").get(0).path("level").asText()).isEqualTo("HOUSEHOLD_HELPER");
        JsonNode env = items.get(0);
        assertThat(env.path("code").asText()).as("sorted by sort").isEqualTo("ENV");
        assertThat(env.path("icon").asText()).isEqualTo("🧹");
        assertThat(env.path("chain").valueStream().map(l -> l.path("label").asText())).containsExactly("社区", "街道", "区社会治理服务中心", "区职能部门", "区领导");
        for (String user : List.of("operator", "grid1", "patrol1", "integrator", "police", "department", "leader")) {
            assertThat(getJson("/api/v1/case-categories", user).path("items").size()).isEqualTo(items.size());
        }
        send("GET", "resident", "/api/v1/case-categories?all=true", null, 403);
        http().get().uri("/api/v1/case-categories").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void administratorsManageTheCatalogueAuditedAndOthersAreRefused() {
        Map<String, Object> dogs = Map.of("code", "STRAY_DOGS", "name", "流浪犬只", "icon", "🐕", "description", "流浪狗伤人、扰民",
                "caseType", "GENERAL", "sort", 95, "keywords", "dogs", "open311Group", "城市管理");
        for (String user : List.of("operator", "leader", "resident", "grid1")) {
            send("POST", user, "/api/v1/case-categories", dogs, 403);
            send("PUT", user, "/api/v1/case-categories/ENV", dogs, 403);
            send("DELETE", user, "/api/v1/case-categories/ENV", null, 403);
        }
        JsonNode created = send("POST", "admin", "/api/v1/case-categories", dogs, 201);
        assertThat(created.path("name").asText()).isEqualTo("流浪犬只");
        assertThat(created.path("chain").get(0).path("label").asText()).isEqualTo("社区");
        assertThat(audits("STRAY_DOGS")).isEqualTo(1);
        send("POST", "admin", "/api/v1/case-categories", dogs, 409);

        // validation names the field
        assertThat(send("POST", "admin", "/api/v1/case-categories", Map.of("code", "bad code", "name", "x", "icon", "🐕"), 400)
                .path("errors").get(0).path("field").asText()).isEqualTo("code");
        assertThat(send("POST", "admin", "/api/v1/case-categories", Map.of("code", "CATS", "name", "流浪猫", "icon", "🐈", "caseType", "NOPE"), 400)
                .path("errors").get(0).path("field").asText()).isEqualTo("caseType");
        assertThat(send("POST", "admin", "/api/v1/case-categories", Map.of("code", "CATS", "name", "流浪猫", "icon", "cat"), 400)
                .path("errors").get(0).path("field").asText()).isEqualTo("icon");
        assertThat(send("POST", "admin", "/api/v1/case-categories", Map.of("code", "CATS", "name", "环境卫生", "icon", "🐈"), 400)
                .path("errors").get(0).path("field").asText()).isEqualTo("name");
        assertThat(send("POST", "admin", "/api/v1/case-categories", Map.of("code", "CATS", "icon", "🐈"), 400)
                .path("errors").get(0).path("field").asText()).isEqualTo("name");
        send("PUT", "admin", "/api/v1/case-categories/NO_SUCH", Map.of("name", "没有", "icon", "🐕"), 404);
        assertThat(send("PUT", "admin", "/api/v1/case-categories/ENV", dogs, 400).path("errors").get(0).path("field").asText())
                .as("a code cannot change").isEqualTo("code");

        // a changed category: mediation chain now
        JsonNode changed = send("PUT", "admin", "/api/v1/case-categories/STRAY_DOGS", Map.of("name", "流浪犬只", "icon", "🐶",
                "caseType", "MEDIATION", "sort", 96), 200);
        assertThat(changed.path("icon").asText()).isEqualTo("🐶");
        assertThat(changed.path("caseType").asText()).isEqualTo("MEDIATION");
        assertThat(audits("STRAY_DOGS")).isEqualTo(2);

        // a request under it takes the category's case type, and Open311 offers it
        JsonNode c = send("POST", "resident", "/api/v1/cases", Map.of("category", "STRAY_DOGS", "description", "小区里有流浪狗追人",
                "lon", 119.1250, "lat", 36.7020), 201);
        assertThat(c.path("type").asText()).isEqualTo("MEDIATION");
        assertThat(c.path("level").asText()).isEqualTo("HOUSEHOLD_HELPER");
        assertThat(c.path("categoryName").asText()).isEqualTo("流浪犬只");
        assertThat(services()).contains("STRAY_DOGS");

        // deactivated: gone from the list, from Open311 and from new requests; kept on its cases and for the admin
        JsonNode off = send("DELETE", "admin", "/api/v1/case-categories/STRAY_DOGS", null, 200);
        assertThat(off.path("active").asBoolean()).isFalse();
        assertThat(audits("STRAY_DOGS")).isEqualTo(3);
        assertThat(getJson("/api/v1/case-categories", "resident").path("items").valueStream().map(k -> k.path("code").asText()))
                .doesNotContain("STRAY_DOGS");
        assertThat(getJson("/api/v1/case-categories?all=true", "admin").path("items").valueStream().map(k -> k.path("code").asText()))
                .contains("STRAY_DOGS");
        assertThat(services()).doesNotContain("STRAY_DOGS");
        JsonNode refused = send("POST", "resident", "/api/v1/cases", Map.of("category", "STRAY_DOGS", "description", "又有流浪狗",
                "lon", 119.1250, "lat", 36.7020), 422);
        assertThat(refused.path("errors").get(0).path("field").asText()).isEqualTo("category");
        assertThat(getJson("/api/v1/cases/" + c.path("id").asLong(), "resident").path("categoryName").asText()).isEqualTo("流浪犬只");
        send("DELETE", "admin", "/api/v1/case-categories/NO_SUCH", null, 404);
    }

    @Test
    void aFreeTextCategoryIsRefusedNamingTheField() {
        for (String text : List.of("随便写的", "环境卫生", "env")) {
            JsonNode p = send("POST", "resident", "/api/v1/cases", Map.of("category", text, "description", "楼下垃圾没人收",
                    "lon", 119.1250, "lat", 36.7020), 422);
            assertThat(p.path("errors").get(0).path("field").asText()).isEqualTo("category");
            assertThat(p.path("detail").asText()).contains(text);
        }
        JsonNode missing = send("POST", "resident", "/api/v1/cases", Map.of("description", "楼下垃圾没人收", "lon", 119.1250, "lat", 36.7020), 400);
        assertThat(missing.path("errors").get(0).path("field").asText()).isEqualTo("category");
        JsonNode ok = send("POST", "resident", "/api/v1/cases", Map.of("category", "ENV", "description", "楼下垃圾没人收",
                "lon", 119.1250, "lat", 36.7020), 201);
        assertThat(ok.path("category").asText()).isEqualTo("ENV");
        assertThat(ok.path("categoryName").asText()).isEqualTo("环境卫生");
        assertThat(ok.path("type").asText()).isEqualTo("GENERAL");
    }

    private String services() {
        return new String(http().get().uri("/open311/v2/services.json").exchange().expectStatus().isOk().expectBody().returnResult()
                .getResponseBody(), StandardCharsets.UTF_8);
    }

    @Test
    void open311ServicesAreGeneratedFromTheCatalogue() {
        JsonNode services = JSON.readTree(services());
        JsonNode catalogue = getJson("/api/v1/case-categories", "resident").path("items");
        assertThat(services.valueStream().map(s -> s.path("service_code").asText()).toList())
                .isEqualTo(catalogue.valueStream().map(k -> k.path("code").asText()).toList());
        JsonNode dispute = services.valueStream().filter(s -> s.path("service_code").asText().equals("DISPUTE")).findFirst().orElseThrow();
        assertThat(dispute.path("service_name").asText()).isEqualTo("邻里纠纷");
        assertThat(dispute.path("group").asText()).isEqualTo("矛盾调解");
        assertThat(dispute.path("type").asText()).isEqualTo("realtime");
        assertThat(jdbc.sql("select count(*) from information_schema.tables where table_name = 'open311_service'").query(Long.class).single())
                .as("the old services table is gone").isZero();
    }
}
