package org.redwhistle.api.registry;

import org.redwhistle.testing.IntegrationTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import tools.jackson.databind.JsonNode;

/** Calls of the registry's REST API as a demo user, answering the status and the JSON. */
abstract class RegistryTestSupport extends IntegrationTest {

    record Answer(int status, JsonNode json) {
    }

    Answer get(String path, String user) {
        return answer(http().get().uri(path).header("Authorization", "Bearer " + token(user)).exchange());
    }

    Answer post(String path, String user, Object body) {
        return answer(http().post().uri(path).header("Authorization", "Bearer " + token(user)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange());
    }

    Answer put(String path, String user, Object body) {
        return answer(http().put().uri(path).header("Authorization", "Bearer " + token(user)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange());
    }

    Answer upload(String path, String user, byte[] file, String contentType) {
        return answer(http().post().uri(path).header("Authorization", "Bearer " + token(user)).contentType(MediaType.parseMediaType(contentType))
                .bodyValue(file).exchange());
    }

    private static Answer answer(WebTestClient.ResponseSpec spec) {
        var result = spec.expectBody().returnResult();
        byte[] body = result.getResponseBody();
        return new Answer(result.getStatus().value(), body == null || body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body));
    }

    long village(String code) {
        return jdbc.sql("select id from area where code = ?").param(code).query(Long.class).single();
    }

    long household(String code) {
        return jdbc.sql("select id from household where code = ?").param(code).query(Long.class).single();
    }

    long personOf(String username) {
        return jdbc.sql("select p.id from person p join app_user u on u.id = p.user_id where u.username = ?").param(username).query(Long.class).single();
    }
}
