package org.redwhistle.api.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redwhistle.testing.IntegrationTest;
import org.redwhistle.testing.Residents;
import org.redwhistle.testing.SmsOutbox;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import tools.jackson.databind.JsonNode;

/**
 * Residents sign up and reset their password with their mobile number, confirmed by a code the
 * default SMS sender writes to the log (read here as the phone would). The code's rules: hashed,
 * expiring, five tries, bound to its purpose, one message a minute and ten a day per number; the
 * same answer whether a number is registered or not.
 */
class ResidentAccountsTest extends IntegrationTest {

    @BeforeEach
    void listen() {
        SmsOutbox.listen();
    }

    private EntityExchangeResult<byte[]> post(String path, Object body) {
        return http().post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange().expectBody().returnResult();
    }

    private JsonNode json(EntityExchangeResult<byte[]> r) {
        return JSON.readTree(r.getResponseBody());
    }

    /** Asks for a code and returns it as the phone receives it. */
    private String code(String phone, String purpose) {
        int before = SmsOutbox.to(phone).size();
        var r = post("/api/v1/auth/sms-codes", Map.of("phone", phone, "purpose", purpose));
        assertThat(r.getStatus().value()).as(new String(r.getResponseBody())).isEqualTo(202);
        return SmsOutbox.code(SmsOutbox.next(phone, before)).orElseThrow();
    }

    /** Lets the number be sent to again at once (as if the resend interval had passed). */
    private void resendAllowed(String phone) {
        jdbc.sql("update sms_code set sent_at = sent_at - interval '61 seconds' where phone = ?").param(phone).update();
    }

    private JsonNode signUp(String phone, String password) {
        String code = code(phone, "SIGNUP");
        var r = post("/api/v1/auth/signup", Map.of("phone", phone, "code", code, "password", password, "displayName", "居民 测试"));
        assertThat(r.getStatus().value()).as(new String(r.getResponseBody())).isEqualTo(201);
        return json(r);
    }

    private int login(String username, String password) {
        return post("/api/v1/auth/token", Map.of("username", username, "password", password)).getStatus().value();
    }

    @Test
    void aResidentSignsUpWithTheCodeTheirPhoneReceivedAndLogsInWithTheNumber() {
        String phone = Residents.newPhone();
        int before = SmsOutbox.to(phone).size();
        var asked = post("/api/v1/auth/sms-codes", Map.of("phone", phone, "purpose", "SIGNUP"));
        assertThat(asked.getStatus().value()).isEqualTo(202);
        assertThat(json(asked).path("phone").asText()).isEqualTo(SmsOutbox.mask(phone));
        assertThat(json(asked).path("validForS").asLong()).isEqualTo(600);
        assertThat(json(asked).path("resendAfterS").asLong()).isEqualTo(60);
        SmsOutbox.Message sms = SmsOutbox.next(phone, before);
        assertThat(sms.text()).startsWith("【小红哨】验证码 ").contains("10分钟内有效", "注册");
        String code = SmsOutbox.code(sms).orElseThrow();

        // kept hashed, expiring ten minutes after it was sent
        var stored = jdbc.sql("select code_hash, sent_at, expires_at, purpose from sms_code where phone = ?").param(phone)
                .query((rs, i) -> new Object[] {rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getTimestamp(3).toInstant(), rs.getString(4)})
                .single();
        assertThat((String) stored[0]).doesNotContain(code).startsWith("$2");
        assertThat(Duration.between((Instant) stored[1], (Instant) stored[2])).isEqualTo(Duration.ofMinutes(10));
        assertThat(stored[3]).isEqualTo("SIGNUP");

        var r = post("/api/v1/auth/signup", Map.of("phone", phone, "code", code, "password", "whistle-2026", "displayName", " 居民 王 "));
        assertThat(r.getStatus().value()).as(new String(r.getResponseBody())).isEqualTo(201);
        JsonNode t = json(r);
        assertThat(t.path("role").asText()).isEqualTo("RESIDENT");
        assertThat(t.path("username").asText()).isEqualTo(phone);
        assertThat(t.path("displayName").asText()).isEqualTo("居民 王");
        assertThat(t.path("accessToken").asText()).isNotBlank();
        assertThat(t.path("refreshToken").asText()).isNotBlank();
        assertThat(jdbc.sql("select phone from app_user where username = ?").param(phone).query(String.class).single()).isEqualTo(phone);
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'auth.signup' and actor = ?").param(phone).query(Long.class).single())
                .isEqualTo(1);

        assertThat(login(phone, "whistle-2026")).isEqualTo(200);
        assertThat(login(phone, "wrong-password")).isEqualTo(401);
        // the code is used up
        var again = post("/api/v1/auth/signup", Map.of("phone", phone, "code", code, "password", "whistle-2026", "displayName", "又一个"));
        assertThat(again.getStatus().value()).isEqualTo(400);
        assertThat(json(again).path("errors").get(0).path("field").asText()).isEqualTo("code");
    }

    @Test
    void wrongCodesCountAndTheFifthUsesTheCodeUp() {
        String phone = Residents.newPhone();
        String code = code(phone, "SIGNUP");
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int i = 1; i <= 5; i++) {
            var r = post("/api/v1/auth/signup", Map.of("phone", phone, "code", wrong, "password", "whistle-2026", "displayName", "居民"));
            assertThat(r.getStatus().value()).isEqualTo(400);
            JsonNode e = json(r).path("errors").get(0);
            assertThat(e.path("field").asText()).isEqualTo("code");
            assertThat(e.path("message").asText()).contains(i < 5 ? (5 - i) + " more tries" : "last try");
        }
        var right = post("/api/v1/auth/signup", Map.of("phone", phone, "code", code, "password", "whistle-2026", "displayName", "居民"));
        assertThat(right.getStatus().value()).isEqualTo(400);
        assertThat(json(right).path("errors").get(0).path("message").asText()).contains("too many times");
        assertThat(jdbc.sql("select count(*) from app_user where username = ?").param(phone).query(Long.class).single()).isZero();

        // a new code starts afresh
        resendAllowed(phone);
        String fresh = code(phone, "SIGNUP");
        var ok = post("/api/v1/auth/signup", Map.of("phone", phone, "code", fresh, "password", "whistle-2026", "displayName", "居民"));
        assertThat(ok.getStatus().value()).isEqualTo(201);
    }

    @Test
    void anExpiredCodeIsRefusedAndOnlyTheNewestCodeCounts() {
        String phone = Residents.newPhone();
        String first = code(phone, "SIGNUP");
        jdbc.sql("update sms_code set expires_at = now() - interval '1 second' where phone = ?").param(phone).update();
        var expired = post("/api/v1/auth/signup", Map.of("phone", phone, "code", first, "password", "whistle-2026", "displayName", "居民"));
        assertThat(expired.getStatus().value()).isEqualTo(400);
        assertThat(json(expired).path("errors").get(0).path("message").asText()).contains("expired");

        resendAllowed(phone);
        String second = code(phone, "SIGNUP");
        if (!second.equals(first)) {
            var superseded = post("/api/v1/auth/signup", Map.of("phone", phone, "code", first, "password", "whistle-2026", "displayName", "居民"));
            assertThat(superseded.getStatus().value()).isEqualTo(400);
        }
        assertThat(post("/api/v1/auth/signup", Map.of("phone", phone, "code", second, "password", "whistle-2026", "displayName", "居民"))
                .getStatus().value()).isEqualTo(201);
    }

    @Test
    void aCodeIsBoundToItsPurpose() {
        String phone = Residents.newPhone();
        String signup = code(phone, "SIGNUP");
        // there is no account yet, so no RESET code was ever sent: the SIGNUP code resets nothing
        var r = post("/api/v1/auth/password-reset", Map.of("phone", phone, "code", signup, "password", "new-whistle-1"));
        assertThat(r.getStatus().value()).isEqualTo(400);
        assertThat(json(r).path("errors").get(0).path("field").asText()).isEqualTo("code");
        assertThat(post("/api/v1/auth/signup", Map.of("phone", phone, "code", signup, "password", "whistle-2026", "displayName", "居民"))
                .getStatus().value()).isEqualTo(201);
        resendAllowed(phone);
        String reset = code(phone, "RESET");
        var asSignup = post("/api/v1/auth/signup", Map.of("phone", phone, "code", reset, "password", "whistle-2026", "displayName", "居民"));
        assertThat(asSignup.getStatus().value()).isEqualTo(400);
        assertThat(post("/api/v1/auth/password-reset", Map.of("phone", phone, "code", reset, "password", "new-whistle-1")).getStatus().value())
                .isEqualTo(200);
    }

    @Test
    void oneMessageAMinuteAndTenADayPerNumber() {
        String phone = Residents.newPhone();
        code(phone, "SIGNUP");
        var soon = post("/api/v1/auth/sms-codes", Map.of("phone", phone, "purpose", "SIGNUP"));
        assertThat(soon.getStatus().value()).isEqualTo(429);
        assertThat(Long.parseLong(soon.getResponseHeaders().getFirst("Retry-After"))).isBetween(1L, 60L);
        // another purpose is the same number: still one a minute
        assertThat(post("/api/v1/auth/sms-codes", Map.of("phone", phone, "purpose", "RESET")).getStatus().value()).isEqualTo(429);

        // nine more earlier today (each more than a minute ago): the eleventh in 24 hours is refused
        for (int i = 0; i < 9; i++) {
            jdbc.sql("insert into sms_code (phone, purpose, code_hash, sent_at, expires_at) values (?, 'SIGNUP', 'x', now() - interval '2 hours', now())")
                    .param(phone).update();
        }
        resendAllowed(phone);
        var day = post("/api/v1/auth/sms-codes", Map.of("phone", phone, "purpose", "SIGNUP"));
        assertThat(day.getStatus().value()).isEqualTo(429);
        assertThat(json(day).path("detail").asText()).contains("10 messages in 24 hours");
        // and once the oldest are a day old, there is room again
        jdbc.sql("update sms_code set sent_at = now() - interval '25 hours' where phone = ?").param(phone).update();
        assertThat(post("/api/v1/auth/sms-codes", Map.of("phone", phone, "purpose", "SIGNUP")).getStatus().value()).isEqualTo(202);
    }

    @Test
    void aRegisteredNumberGetsTheSameAnswerAndOnlyThePhoneLearnsItIsRegistered() {
        String phone = Residents.newPhone();
        signUp(phone, "whistle-2026");
        resendAllowed(phone);
        String unknown = Residents.newPhone();
        var fresh = post("/api/v1/auth/sms-codes", Map.of("phone", unknown, "purpose", "SIGNUP"));
        int before = SmsOutbox.to(phone).size();
        var known = post("/api/v1/auth/sms-codes", Map.of("phone", phone, "purpose", "SIGNUP"));
        assertThat(known.getStatus().value()).isEqualTo(fresh.getStatus().value()).isEqualTo(202);
        assertThat(json(known).properties().stream().map(Map.Entry::getKey).toList())
                .isEqualTo(json(fresh).properties().stream().map(Map.Entry::getKey).toList());
        assertThat(json(known).path("validForS")).isEqualTo(json(fresh).path("validForS"));
        SmsOutbox.Message notice = SmsOutbox.next(phone, before);
        assertThat(notice.text()).contains("已注册");
        assertThat(SmsOutbox.code(notice)).isEmpty();

        // a reset for a number without an account: the same answer, a notice to the phone
        String nobody = Residents.newPhone();
        int none = SmsOutbox.to(nobody).size();
        assertThat(post("/api/v1/auth/sms-codes", Map.of("phone", nobody, "purpose", "RESET")).getStatus().value()).isEqualTo(202);
        SmsOutbox.Message hint = SmsOutbox.next(nobody, none);
        assertThat(hint.text()).contains("尚未注册");
        assertThat(SmsOutbox.code(hint)).isEmpty();
        var guess = post("/api/v1/auth/password-reset", Map.of("phone", nobody, "code", "123456", "password", "whistle-2026"));
        assertThat(guess.getStatus().value()).isEqualTo(400);
        assertThat(json(guess).path("errors").get(0).path("field").asText()).isEqualTo("code");

        // guessing a code tells nothing either: a registered number and a fresh one answer the same words
        String wrong = "000000";
        var onKnown = post("/api/v1/auth/signup", Map.of("phone", phone, "code", wrong, "password", "whistle-2026", "displayName", "猜"));
        var onFresh = post("/api/v1/auth/signup", Map.of("phone", unknown, "code", wrong, "password", "whistle-2026", "displayName", "猜"));
        assertThat(onKnown.getStatus().value()).isEqualTo(onFresh.getStatus().value()).isEqualTo(400);
        assertThat(json(onKnown).path("errors")).isEqualTo(json(onFresh).path("errors"));
        assertThat(json(guess).path("errors")).isEqualTo(json(onFresh).path("errors"));
    }

    @Test
    void staffPasswordsAreNotResetByTextMessage() {
        // the demo's community operator is reached on 13600000002: to this page the number has no resident account
        jdbc.sql("update app_user set phone = '13600000002' where username = 'operator'").update();
        String before = jdbc.sql("select password_hash from app_user where username = 'operator'").query(String.class).single();
        int sent = SmsOutbox.to("13600000002").size();
        assertThat(post("/api/v1/auth/sms-codes", Map.of("phone", "13600000002", "purpose", "RESET")).getStatus().value()).isEqualTo(202);
        SmsOutbox.Message hint = SmsOutbox.next("13600000002", sent);
        assertThat(hint.text()).contains("尚未注册");
        assertThat(SmsOutbox.code(hint)).isEmpty();
        var r = post("/api/v1/auth/password-reset", Map.of("phone", "13600000002", "code", "123456", "password", "taken-over-1"));
        assertThat(r.getStatus().value()).isEqualTo(400);
        assertThat(jdbc.sql("select password_hash from app_user where username = 'operator'").query(String.class).single()).isEqualTo(before);
    }

    @Test
    void aResetSetsTheNewPasswordAndEndsTheOtherSessions() {
        String phone = Residents.newPhone();
        JsonNode first = signUp(phone, "whistle-2026");
        resendAllowed(phone);
        String code = code(phone, "RESET");
        var r = post("/api/v1/auth/password-reset", Map.of("phone", phone, "code", code, "password", "new-whistle-1"));
        assertThat(r.getStatus().value()).as(new String(r.getResponseBody())).isEqualTo(200);
        assertThat(json(r).path("accessToken").asText()).isNotBlank();
        assertThat(login(phone, "whistle-2026")).isEqualTo(401);
        assertThat(login(phone, "new-whistle-1")).isEqualTo(200);
        assertThat(post("/api/v1/auth/refresh", Map.of("refreshToken", first.path("refreshToken").asText())).getStatus().value()).isEqualTo(401);
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'auth.password-reset' and actor = ?").param(phone).query(Long.class)
                .single()).isEqualTo(1);
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        String phone = Residents.newPhone();
        assertField(post("/api/v1/auth/sms-codes", Map.of("phone", "12345678901", "purpose", "SIGNUP")), "phone");
        assertField(post("/api/v1/auth/sms-codes", Map.of("phone", "1380000", "purpose", "SIGNUP")), "phone");
        assertField(post("/api/v1/auth/sms-codes", Map.of("purpose", "SIGNUP")), "phone");
        assertField(post("/api/v1/auth/sms-codes", Map.of("phone", phone, "purpose", "LOGIN")), "purpose");
        assertField(post("/api/v1/auth/signup", Map.of("phone", phone, "code", "12345", "password", "whistle-2026", "displayName", "居民")), "code");
        assertField(post("/api/v1/auth/signup", Map.of("phone", phone, "code", "123456", "password", "short", "displayName", "居民")), "password");
        assertField(post("/api/v1/auth/signup", Map.of("phone", phone, "code", "123456", "password", "whistle-2026", "displayName", " ")),
                "displayName");
        assertField(post("/api/v1/auth/password-reset", Map.of("phone", "phone", "code", "123456", "password", "whistle-2026")), "phone");
        // a +86 prefix and spaces are fine
        assertThat(post("/api/v1/auth/sms-codes", Map.of("phone", "+86 " + phone.substring(0, 3) + " " + phone.substring(3), "purpose", "SIGNUP"))
                .getStatus().value()).isEqualTo(202);
    }

    private void assertField(EntityExchangeResult<byte[]> r, String field) {
        assertThat(r.getStatus().value()).as(new String(r.getResponseBody())).isEqualTo(400);
        assertThat(r.getResponseHeaders().getContentType().toString()).contains("problem+json");
        assertThat(json(r).path("errors").get(0).path("field").asText()).isEqualTo(field);
    }
}
