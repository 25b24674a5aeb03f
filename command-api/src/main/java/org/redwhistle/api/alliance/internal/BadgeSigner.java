package org.redwhistle.api.alliance.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * The badge's token, what its QR code carries: {@code <alliance id>.<badge version>.<signature>}, the signature
 * HMAC-SHA256 over {@code badge:<id>:<version>} in base64url without padding. The key is the installation's
 * (made by the migration in {@code alliance_badge_key}, never in the repository), read once; every instance
 * reads the same row, so a badge made by one is checked by any. A reissue bumps the version, so the older
 * QR codes still verify as signed but name a version that is no longer the member's.
 */
@Component
class BadgeSigner {

    private static final Pattern TOKEN = Pattern.compile("([1-9][0-9]{0,17})\\.([1-9][0-9]{0,8})\\.([A-Za-z0-9_-]{43})");

    /** What a well-signed token names. */
    record Badge(long allianceId, int version) {
    }

    private final AllianceStore store;
    private volatile byte[] key;

    BadgeSigner(AllianceStore store) {
        this.store = store;
    }

    String token(long allianceId, int version) {
        return allianceId + "." + version + "." + sign(allianceId, version);
    }

    /** The id and version a token names, when its signature is this installation's; empty for anything else. */
    Optional<Badge> verify(String token) {
        if (token == null) {
            return Optional.empty();
        }
        Matcher m = TOKEN.matcher(token);
        if (!m.matches()) {
            return Optional.empty();
        }
        long id = Long.parseLong(m.group(1));
        int version = Integer.parseInt(m.group(2));
        byte[] expected = sign(id, version).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, m.group(3).getBytes(StandardCharsets.US_ASCII)) ? Optional.of(new Badge(id, version)) : Optional.empty();
    }

    private String sign(long id, int version) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            byte[] sig = mac.doFinal(("badge:" + id + ":" + version).getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private byte[] key() {
        byte[] k = key;
        if (k == null) {
            k = store.badgeKey();
            key = k;
        }
        return k;
    }
}
