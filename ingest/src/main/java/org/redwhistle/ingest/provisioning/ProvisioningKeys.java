package org.redwhistle.ingest.provisioning;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import org.redwhistle.devices.contract.DeviceKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Issues and lists provisioning keys; secrets are stored only as SHA-256 hashes. */
@Service
public class ProvisioningKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;

    public ProvisioningKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new key; {@code secret} is shown once. */
    public record IssuedKey(String key, String secret, KeyView view) {
    }

    /** A key as its owner sees it (never the secret). */
    public record KeyView(String key, String name, long areaId, List<String> kinds, int quota, int used,
            Instant expiresAt, boolean revoked, long ownerId, Instant createdAt) {
    }

    public IssuedKey issue(long ownerId, long areaId, Set<DeviceKind> kinds, int quota, Instant expiresAt, String name) {
        String key = "pk_" + token(12);
        String secret = token(32);
        String[] kindNames = kinds.stream().map(DeviceKind::wire).sorted().toArray(String[]::new);
        jdbc.sql("""
                insert into provisioning_key (id, name, secret_hash, area_id, kinds, quota, expires_at, owner_id)
                values (:id, :name, :hash, :area, :kinds, :quota, :expires, :owner)""")
                .param("id", key).param("name", name).param("hash", sha256(secret)).param("area", areaId)
                .param("kinds", kindNames).param("quota", quota).param("expires", Timestamp.from(expiresAt))
                .param("owner", ownerId).update();
        return new IssuedKey(key, secret, find(key));
    }

    /** The keys of one owner, or every key when {@code ownerId} is null. */
    public List<KeyView> list(Long ownerId) {
        return jdbc.sql(SELECT + " where cast(:owner as bigint) is null or k.owner_id = cast(:owner as bigint) order by k.created_at desc")
                .param("owner", ownerId).query((rs, i) -> view(rs)).list();
    }

    public KeyView find(String key) {
        return jdbc.sql(SELECT + " where k.id = :id").param("id", key).query((rs, i) -> view(rs)).single();
    }

    private static final String SELECT = """
            select k.id, k.name, k.area_id, k.kinds, k.quota, k.expires_at, k.revoked, k.owner_id, k.created_at,
                   (select count(*) from device d where d.provisioning_key_id = k.id) used
            from provisioning_key k""";

    private static KeyView view(java.sql.ResultSet rs) throws java.sql.SQLException {
        Array kinds = rs.getArray("kinds");
        return new KeyView(rs.getString("id"), rs.getString("name"), rs.getLong("area_id"),
                Arrays.asList((String[]) kinds.getArray()), rs.getInt("quota"), rs.getInt("used"),
                rs.getTimestamp("expires_at").toInstant(), rs.getBoolean("revoked"), rs.getLong("owner_id"),
                rs.getTimestamp("created_at").toInstant());
    }

    /** SHA-256 of a secret, hex: how the platform stores every secret it hands out (also Open311 keys and refresh tokens). */
    public static String sha256(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compares a presented secret with a stored hash in constant time. */
    static boolean matches(String secret, String storedHash) {
        return MessageDigest.isEqual(sha256(secret).getBytes(StandardCharsets.US_ASCII), storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    private static String token(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
