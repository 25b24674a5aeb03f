package org.redwhistle.testing;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Residents who sign up through the API as a phone would, with the code from {@link SmsOutbox}. */
public final class Residents {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicInteger SEQ = new AtomicInteger(ThreadLocalRandom.current().nextInt(10000));

    private Residents() {
    }

    /** A signed-up resident: the number (their user name) and their first session's access token. */
    public record Resident(String phone, String token) {
    }

    /** A number nobody has, prefix 137, its last four digits unique in this run (the log masks the middle). */
    public static String newPhone() {
        return String.format("137%04d%04d", ThreadLocalRandom.current().nextInt(10000), SEQ.incrementAndGet() % 10000);
    }

    public static Resident signUp(WebTestClient http, String displayName) {
        SmsOutbox.listen();
        String phone = newPhone();
        int before = SmsOutbox.to(phone).size();
        http.post().uri("/api/v1/auth/sms-codes").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("phone", phone, "purpose", "SIGNUP"))
                .exchange().expectStatus().isAccepted();
        String code = SmsOutbox.code(SmsOutbox.next(phone, before)).orElseThrow();
        byte[] body = http.post().uri("/api/v1/auth/signup").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("phone", phone, "code", code, "password", "whistle-" + phone, "displayName", displayName))
                .exchange().expectStatus().isCreated().expectBody().returnResult().getResponseBody();
        JsonNode t = JSON.readTree(body);
        return new Resident(phone, t.path("accessToken").asText());
    }
}
