package org.redwhistle.ingest.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class AnswerSealTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String NONCE = "0123456789abcdef0123456789abcdef";
    private static final byte[] ANSWER = "{\"status\":\"SUCCESS\",\"password\":\"s3cr3t-pw\"}".getBytes(StandardCharsets.UTF_8);

    private static String hash(String request) {
        byte[] b = request.getBytes(StandardCharsets.UTF_8);
        return AnswerSeal.requestHash(b, JSON.readTree(b));
    }

    @Test
    void opensWithTheSecretAndNonceItWasSealedWith() {
        String h = hash("{\"provisionSecret\":\"abc\",\"serial\":\"S1\"}");
        byte[] sealed = AnswerSeal.seal("abc", NONCE, h, ANSWER);
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("s3cr3t-pw");
        assertThat(AnswerSeal.open("abc", NONCE, h, sealed)).hasValue(ANSWER);
    }

    @Test
    void doesNotOpenWithAnotherSecretNonceOrRequestOrWhenChanged() {
        String h = hash("{\"provisionSecret\":\"abc\",\"serial\":\"S1\"}");
        byte[] sealed = AnswerSeal.seal("abc", NONCE, h, ANSWER);
        assertThat(AnswerSeal.open("abd", NONCE, h, sealed)).isEmpty();
        assertThat(AnswerSeal.open("abc", "0123456789abcdef0123456789abcdee", h, sealed)).isEmpty();
        assertThat(AnswerSeal.open("abc", NONCE, hash("{\"provisionSecret\":\"abc\",\"serial\":\"S2\"}"), sealed)).isEmpty();
        byte[] changed = sealed.clone();
        changed[changed.length - 1] ^= 1;
        assertThat(AnswerSeal.open("abc", NONCE, h, changed)).isEmpty();
        assertThat(AnswerSeal.open("abc", NONCE, h, new byte[5])).isEmpty();
    }

    @Test
    void sealsTheSameAnswerDifferentlyEachTime() {
        String h = hash("{}");
        assertThat(AnswerSeal.seal("abc", NONCE, h, ANSWER)).isNotEqualTo(AnswerSeal.seal("abc", NONCE, h, ANSWER));
    }

    @Test
    void theRequestHashIgnoresKeyOrderAndWhiteSpaceButNotValuesOrTheSecret() {
        String a = hash("{\"serial\":\"S1\",\"lon\":119.125,\"attributes\":{\"b\":1,\"a\":2},\"provisionSecret\":\"abc\"}");
        assertThat(hash("{ \"provisionSecret\": \"abc\", \"attributes\": {\"a\":2, \"b\":1}, \"lon\": 119.1250, \"serial\": \"S1\" }")).isEqualTo(a);
        assertThat(hash("{\"serial\":\"S2\",\"lon\":119.125,\"attributes\":{\"b\":1,\"a\":2},\"provisionSecret\":\"abc\"}")).isNotEqualTo(a);
        assertThat(hash("{\"serial\":\"S1\",\"lon\":119.125,\"attributes\":{\"b\":1,\"a\":2},\"provisionSecret\":\"abd\"}")).isNotEqualTo(a);
    }

    @Test
    void aRequestThatIsNotJsonIsHashedAsItsBytes() throws Exception {
        byte[] junk = "not json".getBytes(StandardCharsets.UTF_8);
        assertThat(AnswerSeal.requestHash(junk, null))
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(junk)));
    }

    @Test
    void derivesItsKeyWithHkdfSha256AsRfc5869() throws Exception {
        // RFC 5869, A.1: the first 32 bytes of the OKM are T(1), the one block this key needs
        byte[] ikm = HexFormat.of().parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
        byte[] salt = HexFormat.of().parseHex("000102030405060708090a0b0c");
        byte[] info = HexFormat.of().parseHex("f0f1f2f3f4f5f6f7f8f9");
        assertThat(HexFormat.of().formatHex(AnswerSeal.hkdfSha256(ikm, salt, info)))
                .isEqualTo("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf");
    }
}
