package org.redwhistle.ingest.provisioning;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seals a stored provisioning answer so that only whoever holds the request's provisioning secret can
 * have it opened again: AES-256-GCM under a key derived with HKDF-SHA256 (RFC 5869) from the secret
 * (input key material) and the nonce (salt). The database keeps the sealed bytes and a hash of the
 * request, never the secret nor the device's password readable. The nonce and the request hash are the
 * cipher's associated data, so a sealed answer moved to another row does not open.
 */
public final class AnswerSeal {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] INFO = "red-whistle provisioning answer v1".getBytes(StandardCharsets.US_ASCII);
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    /** Key order and white space do not make another request: the hash is taken over this form. */
    private static final JsonMapper CANONICAL = JsonMapper.builder().enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED).build();

    private AnswerSeal() {
    }

    /**
     * SHA-256 (hex) of the request: of its JSON with the keys sorted and no white space when it is
     * JSON ({@code parsed}), of its bytes otherwise. The secret is part of the request, so the same
     * fields with another secret are another request.
     */
    public static String requestHash(byte[] payload, JsonNode parsed) {
        byte[] canonical = parsed == null ? payload : CANONICAL.writeValueAsBytes(parsed);
        return HexFormat.of().formatHex(sha256(canonical));
    }

    /** Whether two request hashes are the same (constant time). */
    static boolean sameRequest(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }

    /** The answer sealed: a random 96-bit IV followed by the ciphertext and its 128-bit tag. */
    public static byte[] seal(String secret, String nonce, String requestHash, byte[] answer) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher c = cipher(Cipher.ENCRYPT_MODE, secret, nonce, requestHash, iv);
            byte[] sealed = c.doFinal(answer);
            return ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available: " + e.getMessage(), e);
        }
    }

    /** The answer, or empty when the secret, nonce or request hash is not the one it was sealed with, or the bytes were changed. */
    public static Optional<byte[]> open(String secret, String nonce, String requestHash, byte[] sealed) {
        if (sealed == null || sealed.length <= IV_BYTES) {
            return Optional.empty();
        }
        try {
            Cipher c = cipher(Cipher.DECRYPT_MODE, secret, nonce, requestHash, Arrays.copyOf(sealed, IV_BYTES));
            return Optional.of(c.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES));
        } catch (javax.crypto.AEADBadTagException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available: " + e.getMessage(), e);
        }
    }

    private static Cipher cipher(int mode, String secret, String nonce, String requestHash, byte[] iv) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(mode, new SecretKeySpec(key(secret, nonce), "AES"), new GCMParameterSpec(TAG_BITS, iv));
        c.updateAAD((nonce + "\n" + requestHash).getBytes(StandardCharsets.UTF_8));
        return c;
    }

    private static byte[] key(String secret, String nonce) throws GeneralSecurityException {
        return hkdfSha256(secret.getBytes(StandardCharsets.UTF_8), nonce.getBytes(StandardCharsets.UTF_8), INFO);
    }

    /** HKDF-SHA256 (RFC 5869) with a 32-byte output, one block of expand: PRK = HMAC(salt, ikm); OKM = HMAC(PRK, info || 0x01). */
    static byte[] hkdfSha256(byte[] ikm, byte[] salt, byte[] info) throws GeneralSecurityException {
        Mac extract = Mac.getInstance("HmacSHA256");
        extract.init(new SecretKeySpec(salt, "HmacSHA256"));
        byte[] prk = extract.doFinal(ikm);
        Mac expand = Mac.getInstance("HmacSHA256");
        expand.init(new SecretKeySpec(prk, "HmacSHA256"));
        expand.update(info);
        expand.update((byte) 1);
        return expand.doFinal();
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
