package org.redwhistle.api.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * What each role sees of the registry: the committee of 东顶村 its whole village with phones and birth
 * dates but ID numbers masked, the full number only through the audited reveal; the grid worker their
 * grid with phones; the mediation team names and roles with phones masked; a villager their own
 * household; the committees of 松鹤园社区 and 奎文门社区 their own community and nothing of 东顶村; roles
 * outside the policy refused.
 */
class RegistryAccessTest extends RegistryTestSupport {

    private static final String MASKED_ID = "\\*{14}\\d{3}[\\dX]";
    private static final String MASKED_PHONE = "1\\d{2}\\*{4}\\d{4}";

    @Test
    void theCommitteeSeesPhonesAndBirthDatesButIdNumbersOnlyThroughTheAuditedReveal() {
        long li = personOf("13810000001");
        JsonNode page = get("/api/v1/registry/households?q=DD-0108", "committee-dongding").json();
        assertThat(page.path("total").asInt()).isEqualTo(1);
        assertThat(page.path("items").get(0).path("head").asText()).isEqualTo("李守田");
        assertThat(page.path("items").get(0).path("agentName").asText()).isEqualTo("卫东升");
        JsonNode card = get("/api/v1/registry/households/" + household("DD-0108"), "committee-dongding").json();
        JsonNode head = card.path("members").get(0);
        assertThat(head.path("id").asLong()).isEqualTo(li);
        assertThat(head.path("idNumber").asText()).matches(MASKED_ID).doesNotStartWith("370304");
        assertThat(head.path("phone").asText()).matches("1\\d{10}");
        assertThat(head.path("birthDate").isNull()).isFalse();
        assertThat(card.path("agent").path("name").asText()).isEqualTo("卫东升");
        assertThat(card.path("gridName").asText()).isEqualTo("东顶村第一网格（老村西片）");

        long before = jdbc.sql("select coalesce(max(id), 0) from audit_log").query(Long.class).single();
        Answer reveal = post("/api/v1/registry/people/" + li + "/reveal", "committee-dongding", Map.of());
        assertThat(reveal.status()).isEqualTo(200);
        String full = reveal.json().path("idNumber").asText();
        assertThat(IdNumbers.valid(full)).isTrue();
        assertThat(IdNumbers.masked(full)).isEqualTo(head.path("idNumber").asText());
        var row = jdbc.sql("select actor, action, entity, entity_id, detail::text from audit_log where id > ? and action = 'registry.person.revealed'")
                .param(before).query((rs, i) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5))).single();
        assertThat(row.subList(0, 4)).containsExactly("committee-dongding", "registry.person.revealed", "person", String.valueOf(li));
        assertThat(row.get(4)).contains("李守田").doesNotContain(full);
    }

    @Test
    void theGridWorkerSeesTheirGridWithPhonesButNoIdNumbersAndNothingElse() {
        JsonNode page = get("/api/v1/registry/households?q=DD-&limit=200", "grid-dongding-1").json();
        assertThat(page.path("total").asInt()).isEqualTo(110);
        assertThat(page.path("items").findValuesAsString("gridName")).containsOnly("东顶村第一网格（老村西片）");
        JsonNode card = get("/api/v1/registry/households/" + household("DD-0108"), "grid-dongding-1").json();
        assertThat(card.path("members").get(0).path("phone").asText()).matches("1\\d{10}");
        assertThat(card.path("members").get(0).path("idNumber").asText()).matches(MASKED_ID);
        assertThat(card.path("members").get(0).path("birthDate").isNull()).isTrue();
        assertThat(get("/api/v1/registry/households/" + household("DD-0200"), "grid-dongding-1").status()).isEqualTo(404);
        assertThat(post("/api/v1/registry/people/" + personOf("13810000001") + "/reveal", "grid-dongding-1", Map.of()).status()).isEqualTo(403);
        assertThat(get("/api/v1/registry/roster?role=PARTY_MEMBER", "grid-dongding-1").json().path("people").findValuesAsString("householdCode"))
                .allMatch(c -> Integer.parseInt(c.substring(3)) <= 110);
    }

    @Test
    void theMediationTeamSeesNamesRolesAndHouseholdsWithPhonesMaskedAndChangesNothing() {
        JsonNode card = get("/api/v1/registry/households/" + household("DD-0108"), "mediator").json();
        JsonNode head = card.path("members").get(0);
        assertThat(head.path("name").asText()).isEqualTo("李守田");
        assertThat(head.path("phone").asText()).matches(MASKED_PHONE);
        assertThat(head.path("phoneMasked").asBoolean()).isTrue();
        assertThat(head.path("idNumber").asText()).matches(MASKED_ID);
        assertThat(head.path("birthDate").isNull()).isTrue();
        assertThat(card.path("phone").asText()).contains("****");
        JsonNode lawyers = get("/api/v1/registry/roster?role=LEGAL_ADVISER", "mediator").json();
        assertThat(lawyers.path("people").findValuesAsString("name")).containsExactlyInAnyOrder("冯正明", "褚慧");
        assertThat(put("/api/v1/registry/households/" + household("DD-0108"), "mediator", Map.of("address", "x")).status()).isEqualTo(403);
        assertThat(post("/api/v1/registry/people/" + head.path("id").asLong() + "/reveal", "mediator", Map.of()).status()).isEqualTo(403);
    }

    @Test
    void aVillagerSeesTheirOwnHouseholdOnly() {
        JsonNode me = get("/api/v1/registry/me", "13810000001").json();
        assertThat(me.path("code").asText()).isEqualTo("DD-0108");
        assertThat(me.path("members").get(0).path("name").asText()).isEqualTo("李守田");
        assertThat(get("/api/v1/registry/households", "13810000001").json().path("total").asInt()).isEqualTo(1);
        assertThat(get("/api/v1/registry/households/" + household("DD-0109"), "13810000001").status()).isEqualTo(404);
        assertThat(post("/api/v1/registry/people/" + personOf("13810000002") + "/reveal", "13810000001", Map.of()).status()).isEqualTo(404);
        assertThat(post("/api/v1/registry/people/" + personOf("13810000001") + "/reveal", "13810000001", Map.of()).status()).isEqualTo(200);
        assertThat(get("/api/v1/registry/me", "13800000001").json().path("code").asText()).isEqualTo("SHY-0001");
        assertThat(get("/api/v1/registry/me", "resident").status()).isEqualTo(404);
    }

    @Test
    void anotherCommunitysCommitteeSeesNothingOfDongdingAndRolesOutsideThePolicyAreRefused() {
        long dongding = village("370304104201");
        assertThat(get("/api/v1/registry/households?areaId=" + dongding, "committee").status()).isEqualTo(404);
        assertThat(get("/api/v1/registry/households/" + household("DD-0108"), "committee").status()).isEqualTo(404);
        assertThat(post("/api/v1/registry/people/" + personOf("13810000001") + "/reveal", "committee", Map.of()).status()).isEqualTo(404);
        assertThat(get("/api/v1/registry/households", "committee").json().path("total").asInt()).isEqualTo(120);
        assertThat(get("/api/v1/registry/households", "committee-kwm").json().path("total").asInt()).isEqualTo(80);
        assertThat(get("/api/v1/registry/households/" + household("SHY-0001"), "committee-dongding").status()).isEqualTo(404);
        assertThat(get("/api/v1/registry/households", "operator").status()).isEqualTo(403);
        assertThat(get("/api/v1/registry/households", "police").status()).isEqualTo(403);
        assertThat(get("/api/v1/registry/households", "admin").status()).isEqualTo(400);
        assertThat(get("/api/v1/registry/households?areaId=" + dongding, "admin").json().path("total").asInt()).isGreaterThanOrEqualTo(330);
    }

    @Test
    void theCommitteeEditsHouseholdsAndPeopleWithEveryChangeAuditedWithoutIdNumbers() {
        long village = village("370304104201");
        long grid2 = village("370304104201-G2");
        Answer h = post("/api/v1/registry/households", "committee-dongding",
                Map.of("code", "E-0001", "address", "东顶村老村东街501号", "gridId", grid2, "phone", "13900000099"));
        assertThat(h.status()).as(h.json().toString()).isEqualTo(201);
        long hid = h.json().path("id").asLong();
        assertThat(post("/api/v1/registry/households", "committee-dongding", Map.of("code", "E-0001", "address", "别处")).status()).isEqualTo(409);
        Answer badPhone = post("/api/v1/registry/households", "committee-dongding", Map.of("code", "E-0002", "address", "x", "phone", "12345"));
        assertThat(badPhone.status()).isEqualTo(400);
        assertThat(badPhone.json().path("errors").findValuesAsString("field")).containsExactly("phone");

        String id = IdNumbers.of("370303", java.time.LocalDate.of(1980, 4, 4), 91);
        Answer p = post("/api/v1/registry/people", "committee-dongding", Map.of("householdId", hid, "name", "编辑甲", "idNumber", id,
                "relation", "户主", "phone", "13900000098", "roles", List.of("PARTY_MEMBER")));
        assertThat(p.status()).as(p.json().toString()).isEqualTo(201);
        long pid = p.json().path("id").asLong();
        assertThat(p.json().path("gender").asText()).isEqualTo("MALE");
        assertThat(p.json().path("birthDate").asText()).isEqualTo("1980-04-04");
        Answer wrong = post("/api/v1/registry/people", "committee-dongding", Map.of("householdId", hid, "name", "编辑乙",
                "idNumber", id.substring(0, 17) + (id.charAt(17) == '1' ? "2" : "1")));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().path("errors").findValuesAsString("field")).containsExactly("idNumber");
        assertThat(post("/api/v1/registry/people", "committee-dongding", Map.of("householdId", hid, "name", "编辑丙", "idNumber", id)).status())
                .isEqualTo(409);
        Answer unknownRole = put("/api/v1/registry/people/" + pid, "committee-dongding", Map.of("roles", List.of("村长")));
        assertThat(unknownRole.json().path("errors").findValuesAsString("field")).containsExactly("roles[0]");

        Answer roles = put("/api/v1/registry/people/" + pid, "committee-dongding", Map.of("roles", List.of("PARTY_MEMBER", "REPRESENTATIVE")));
        assertThat(roles.json().path("roles").findValuesAsString("label")).containsExactly("党员", "村（居）民代表");
        Answer newPhone = put("/api/v1/registry/people/" + pid, "committee-dongding", Map.of("phone", "13900000097"));
        assertThat(newPhone.json().path("phone").asText()).isEqualTo("13900000097");
        Answer moved = put("/api/v1/registry/people/" + pid, "committee-dongding", Map.of("active", false, "idNumber", IdNumbers.masked(id)));
        assertThat(moved.json().path("active").asBoolean()).isFalse();
        JsonNode card = get("/api/v1/registry/households/" + hid, "committee-dongding").json();
        assertThat(card.path("members")).isEmpty();
        assertThat(card.path("former").findValuesAsString("name")).containsExactly("编辑甲");

        List<String> audit = jdbc.sql("select action || ' ' || detail::text from audit_log where (entity = 'person' and entity_id = ?) "
                + "or (entity = 'household' and entity_id = ?) order by id").params(String.valueOf(pid), String.valueOf(hid)).query(String.class).list();
        assertThat(audit).hasSize(5);
        assertThat(audit.get(0)).startsWith("registry.household.created").contains("phone").doesNotContain("13900000099");
        assertThat(audit.get(1)).startsWith("registry.person.created").contains(IdNumbers.masked(id)).doesNotContain(id);
        assertThat(audit.get(2)).startsWith("registry.person.updated").contains("\"before\": [\"党员\"]").contains("村（居）民代表");
        assertThat(audit.get(3)).startsWith("registry.person.updated").contains("已更改");
        assertThat(audit.get(4)).startsWith("registry.person.moved-out").contains("active").doesNotContain("idNumber");
        // the append-only audit keeps no phone, no birth date, no full ID number
        assertThat(audit).noneMatch(a -> a.contains(id) || a.contains("13900000098") || a.contains("13900000097") || a.contains("1980-04-04")
                || a.contains("birthDate") || a.contains("19800404"));
        assertThat(village).isPositive();
    }

    @Test
    void theCommitteeLinksAPersonToTheirAccountAndAnUnfittingAccountIsRefused() {
        long hid = post("/api/v1/registry/households", "committee-dongding", Map.of("code", "E-0201", "address", "东顶村老村东街601号")).json().path("id").asLong();
        Answer created = post("/api/v1/registry/people", "committee-dongding", Map.of("householdId", hid, "name", "关联甲", "relation", "户主"));
        long pid = created.json().path("id").asLong();
        assertThat(created.json().path("hasAccount").asBoolean()).isFalse();
        String path = "/api/v1/registry/people/" + pid + "/account";
        long shen = personOf("13810000002");
        long audits = jdbc.sql("select coalesce(max(id), 0) from audit_log").query(Long.class).single();

        // refused: an account already linked to someone else, an administrator's, another community's committee, no such account
        Answer taken = put(path, "committee-dongding", Map.of("username", "13810000002"));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.json().path("detail").asText()).contains("已关联");
        for (String wrong : List.of("admin", "committee", "nobody-such")) {
            Answer a = put(path, "committee-dongding", Map.of("username", wrong));
            assertThat(a.status()).as(wrong).isEqualTo(400);
            assertThat(a.json().path("errors").findValuesAsString("field")).as(wrong).containsExactly("username");
        }
        // refused: a role without registry.manage, and another community's committee sees no such person
        assertThat(put(path, "mediator", Map.of("username", "13810000002")).status()).isEqualTo(403);
        assertThat(put(path, "13810000002", Map.of("username", "13810000002")).status()).isEqualTo(403);
        assertThat(put(path, "committee", Map.of("username", "13810000002")).status()).isEqualTo(404);

        // unlinked from 沈's person (null), linked to the new one: the villager now sees that household as theirs
        java.util.Map<String, Object> none = new java.util.HashMap<>();
        none.put("username", null);
        assertThat(put("/api/v1/registry/people/" + shen + "/account", "committee-dongding", none).json().path("hasAccount").asBoolean()).isFalse();
        Answer linked = put(path, "committee-dongding", Map.of("username", "13810000002"));
        assertThat(linked.status()).as(linked.json().toString()).isEqualTo(200);
        assertThat(linked.json().path("hasAccount").asBoolean()).isTrue();
        assertThat(get("/api/v1/registry/me", "13810000002").json().path("code").asText()).isEqualTo("E-0201");

        List<String> audit = jdbc.sql("select action || ' ' || detail::text from audit_log where id > ? and action like 'registry.person.account%' order by id")
                .param(audits).query(String.class).list();
        assertThat(audit).hasSize(2);
        assertThat(audit.get(0)).startsWith("registry.person.account-unlinked");
        assertThat(audit.get(1)).startsWith("registry.person.account-linked").contains("关联甲");
        assertThat(audit).noneMatch(a -> a.contains("13810000002"));

        // back as the demo had it
        put(path, "committee-dongding", none);
        assertThat(put("/api/v1/registry/people/" + shen + "/account", "committee-dongding", Map.of("username", "13810000002")).status()).isEqualTo(200);
        assertThat(personOf("13810000002")).isEqualTo(shen);
    }
}
