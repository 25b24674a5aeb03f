package org.redwhistle.api.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.redwhistle.testing.IntegrationTest;

import tools.jackson.databind.JsonNode;

/**
 * Issue 19: GET /api/v1/me names the caller's own unit — the area they work for with its level and the
 * unit on duty there, and a department account's department — so every page is titled with it (not with
 * the first community of the area, as the dashboard did for the district leader, a department and police).
 */
class MeUnitTest extends IntegrationTest {

    @Test
    void everyAccountIsToldItsOwnUnit() {
        JsonNode leader = getJson("/api/v1/me", "leader");
        assertThat(leader.path("areaName").asText()).isEqualTo("奎文区");
        assertThat(leader.path("areaLevel").asText()).isEqualTo("DISTRICT");
        assertThat(leader.path("department").isNull()).isTrue();

        JsonNode center = getJson("/api/v1/me", "operator-district");
        assertThat(center.path("areaLevel").asText()).isEqualTo("DISTRICT");
        assertThat(center.path("dutyUnit").asText()).isEqualTo("奎文区社会治理服务中心");

        JsonNode street = getJson("/api/v1/me", "operator-street");
        assertThat(street.path("areaName").asText()).isEqualTo("广文街道");
        assertThat(street.path("areaLevel").asText()).isEqualTo("STREET");

        JsonNode community = getJson("/api/v1/me", "operator");
        assertThat(community.path("areaName").asText()).isEqualTo("松鹤园社区");
        assertThat(community.path("areaLevel").asText()).isEqualTo("COMMUNITY");

        JsonNode police = getJson("/api/v1/me", "police");
        assertThat(police.path("roleLabel").asText()).isEqualTo("社区民警");
        assertThat(police.path("areaName").asText()).isEqualTo("广文街道");

        JsonNode department = getJson("/api/v1/me", "department");
        assertThat(department.path("department").asText()).isEqualTo("ENFORCEMENT");
        assertThat(department.path("departmentName").asText()).isEqualTo("区综合行政执法局");
        assertThat(department.path("departmentShortName").asText()).isEqualTo("区执法局");
        assertThat(getJson("/api/v1/me", "dept-housing").path("departmentName").asText()).isEqualTo("区住房和城乡建设局");

        JsonNode admin = getJson("/api/v1/me", "admin");
        assertThat(admin.path("areaName").isNull()).isTrue();
        assertThat(admin.path("department").isNull()).isTrue();
    }
}
