package org.redwhistle.ingest.provisioning;

import java.security.SecureRandom;
import java.sql.Array;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.redwhistle.devices.contract.CoordinateSystem;
import org.redwhistle.devices.contract.DeviceKind;
import org.redwhistle.geo.area.AreaRef;
import org.redwhistle.geo.crs.ChineseCoordinates;
import org.redwhistle.geo.grid.GridChain;
import org.redwhistle.geo.grid.GridLocator;
import org.redwhistle.ingest.broker.BrokerAccess;
import org.redwhistle.ingest.broker.BrokerAccessException;
import org.redwhistle.ingest.broker.DeviceCredentials;
import org.redwhistle.ingest.registry.DeviceDirectory;
import org.redwhistle.ingest.registry.DeviceState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decides a provisioning request: checks the key (secret, expiry, revocation, kinds, quota, area),
 * then creates the device, claims a pre-registered one with the same serial, or re-provisions one of
 * the same integrator's devices, and issues its broker account. All or nothing: a refusal or a broker
 * failure leaves no device behind. A DISABLED device stays disabled: provisioning its serial again is
 * refused, so a disabled device cannot get itself new credentials.
 */
@Service
public class DeviceProvisioner {

    private static final Pattern SERIAL = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final BrokerAccess broker;
    private final GridLocator grids;
    private final DeviceDirectory directory;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;

    public DeviceProvisioner(JdbcClient jdbc, TransactionTemplate tx, BrokerAccess broker, GridLocator grids,
            DeviceDirectory directory, ApplicationEventPublisher events, JsonMapper json) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.broker = broker;
        this.grids = grids;
        this.directory = directory;
        this.events = events;
        this.json = json;
    }

    /** The answer sent on the device's response topic. */
    public record Outcome(boolean success, String detail, String deviceId, DeviceCredentials credentials, long ownerId) {

        static Outcome failure(String why) {
            return new Outcome(false, why, null, null, 0);
        }
    }

    private static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private record Key(String id, String secretHash, long areaId, List<String> kinds, int quota, Instant expiresAt,
            boolean revoked, long ownerId) {
    }

    private record Existing(String id, String kind, String keyId, Long keyOwner, long areaId, DeviceState state) {
    }

    public Outcome provision(byte[] payload) {
        JsonNode r;
        try {
            r = json.readTree(payload);
        } catch (RuntimeException e) {
            return Outcome.failure("request is not valid JSON");
        }
        if (r == null || !r.isObject()) {
            return Outcome.failure("request must be a JSON object");
        }
        try {
            Outcome outcome = tx.execute(s -> decide(r));
            events.publishEvent(new DeviceProvisioned(outcome.deviceId(), r.path("serial").asText(),
                    r.path("provisionKey").asText(), outcome.ownerId(), outcome.detail()));
            directory.evict(outcome.deviceId());
            return outcome;
        } catch (Refused e) {
            return Outcome.failure(e.getMessage());
        } catch (BrokerAccessException e) {
            return Outcome.failure("the broker could not create the device's account now; try again later");
        } catch (DataIntegrityViolationException e) {
            return Outcome.failure("the device could not be registered (a concurrent request for the same serial?); try again");
        }
    }

    private Outcome decide(JsonNode r) {
        String keyId = text(r, "provisionKey", 64);
        String secret = text(r, "provisionSecret", 128);
        Key key = lockKey(keyId).filter(k -> ProvisioningKeys.matches(secret, k.secretHash()))
                .orElseThrow(() -> new Refused("unknown provisioning key or wrong secret"));
        if (key.revoked()) {
            throw new Refused("provisioning key is revoked");
        }
        if (key.expiresAt().isBefore(Instant.now())) {
            throw new Refused("provisioning key expired at " + key.expiresAt());
        }
        String kindName = text(r, "kind", 32);
        DeviceKind kind = DeviceKind.fromWire(kindName)
                .orElseThrow(() -> new Refused("kind '" + kindName + "' is not one of " + DeviceKind.wireNames()));
        if (!key.kinds().contains(kind.wire())) {
            throw new Refused("kind '" + kind.wire() + "' is not allowed by this provisioning key (allowed: " + String.join(", ", key.kinds()) + ")");
        }
        String serial = text(r, "serial", 64);
        if (!SERIAL.matcher(serial).matches()) {
            throw new Refused("serial may contain only letters, digits and . _ : -");
        }
        String name = text(r, "name", 100);
        ChineseCoordinates.LonLat p = location(r);
        boolean inArea = Boolean.TRUE.equals(jdbc.sql("select st_covers(geom, st_setsrid(st_makepoint(:lon, :lat), 4326)) from area where id = :id")
                .param("lon", p.lon()).param("lat", p.lat()).param("id", key.areaId()).query(Boolean.class).single());
        if (!inArea) {
            throw new Refused("location " + p.lon() + "," + p.lat() + " is outside the area of this provisioning key");
        }

        Optional<Existing> existing = jdbc.sql("""
                select d.id, d.kind, d.provisioning_key_id, k.owner_id, d.area_id, d.state
                from device d left join provisioning_key k on k.id = d.provisioning_key_id where d.serial = :serial for update of d""")
                .param("serial", serial)
                .query((rs, i) -> new Existing(rs.getString(1), rs.getString(2), rs.getString(3), (Long) rs.getObject(4), rs.getLong(5),
                        DeviceState.valueOf(rs.getString(6))))
                .optional();
        String how;
        String deviceId;
        if (existing.isPresent()) {
            Existing e = existing.get();
            if (!e.kind().equals(kind.wire())) {
                throw new Refused("serial " + serial + " is registered as a " + e.kind());
            }
            if (e.keyId() == null) {
                boolean within = grids.chainOf(e.areaId()).stream().map(AreaRef::id).anyMatch(id -> id == key.areaId());
                if (!within) {
                    throw new Refused("serial " + serial + " is pre-registered outside the area of this provisioning key");
                }
                how = "claimed";
            } else if (e.keyOwner() != null && e.keyOwner() == key.ownerId()) {
                how = "re-provisioned";
            } else {
                throw new Refused("serial " + serial + " is registered to another integrator");
            }
            if (e.state() == DeviceState.DISABLED) {
                // the row lock above orders this against a concurrent PATCH: whichever commits second sees the other
                throw new Refused("device " + e.id() + " (serial " + serial + ") is disabled; provisioning cannot enable it again, "
                        + "only someone allowed to re-enable the device can");
            }
            requireQuota(key, e.id());
            deviceId = e.id();
            jdbc.sql("update device set provisioning_key_id = :key, firmware = coalesce(:fw, firmware) where id = :id")
                    .param("key", key.id()).param("fw", optionalText(r, "firmware")).param("id", deviceId).update();
        } else {
            requireQuota(key, null);
            deviceId = newDeviceId(kind);
            long areaId = grids.locate(p.lon(), p.lat()).map(GridChain::grid).map(AreaRef::id).orElse(key.areaId());
            JsonNode attrs = r.path("attributes");
            jdbc.sql("""
                    insert into device (id, kind, serial, name, area_id, location, firmware, attributes, provisioning_key_id)
                    values (:id, :kind, :serial, :name, :area, st_setsrid(st_makepoint(:lon, :lat), 4326), :fw, cast(:attrs as jsonb), :key)""")
                    .param("id", deviceId).param("kind", kind.wire()).param("serial", serial).param("name", name)
                    .param("area", areaId).param("lon", p.lon()).param("lat", p.lat()).param("fw", optionalText(r, "firmware"))
                    .param("attrs", attrs.isObject() ? attrs.toString() : "{}").param("key", key.id()).update();
            how = "created";
        }
        DeviceCredentials credentials = broker.issueCredentials(deviceId);
        return new Outcome(true, how, deviceId, credentials, key.ownerId());
    }

    private Optional<Key> lockKey(String keyId) {
        return jdbc.sql("select id, secret_hash, area_id, kinds, quota, expires_at, revoked, owner_id from provisioning_key where id = :id for update")
                .param("id", keyId)
                .query((rs, i) -> {
                    Array kinds = rs.getArray("kinds");
                    return new Key(rs.getString("id"), rs.getString("secret_hash"), rs.getLong("area_id"),
                            Arrays.asList((String[]) kinds.getArray()), rs.getInt("quota"), rs.getTimestamp("expires_at").toInstant(),
                            rs.getBoolean("revoked"), rs.getLong("owner_id"));
                }).optional();
    }

    private void requireQuota(Key key, String exceptDeviceId) {
        long used = jdbc.sql("select count(*) from device where provisioning_key_id = :key and id is distinct from :except")
                .param("key", key.id()).param("except", exceptDeviceId).query(Long.class).single();
        if (used >= key.quota()) {
            throw new Refused("quota of " + key.quota() + " devices for this provisioning key is used up");
        }
    }

    private static ChineseCoordinates.LonLat location(JsonNode r) {
        JsonNode lon = r.get("lon");
        JsonNode lat = r.get("lat");
        if (lon == null || !lon.isNumber() || lat == null || !lat.isNumber()) {
            throw new Refused("lon and lat are required numbers");
        }
        double x = lon.asDouble();
        double y = lat.asDouble();
        if (!(x >= -180 && x <= 180 && y >= -90 && y <= 90)) {
            throw new Refused("lon/lat " + x + "," + y + " are out of range");
        }
        String crs = r.path("crs").asText("wgs84");
        return switch (CoordinateSystem.fromWire(crs).orElseThrow(() -> new Refused("crs '" + crs + "' is not one of wgs84, gcj02, bd09"))) {
            case WGS84 -> new ChineseCoordinates.LonLat(x, y);
            case GCJ02 -> ChineseCoordinates.gcj02ToWgs84(x, y);
            case BD09 -> ChineseCoordinates.bd09ToWgs84(x, y);
        };
    }

    private static String text(JsonNode r, String field, int max) {
        JsonNode v = r.get(field);
        if (v == null || !v.isString() || v.asText().isBlank()) {
            throw new Refused(field + " is required");
        }
        if (v.asText().length() > max) {
            throw new Refused(field + " is longer than " + max + " characters");
        }
        return v.asText();
    }

    private static String optionalText(JsonNode r, String field) {
        JsonNode v = r.get(field);
        return v != null && v.isString() ? v.asText() : null;
    }

    private static String newDeviceId(DeviceKind kind) {
        String prefix = kind.spec().idPrefix();
        byte[] b = new byte[5];
        RANDOM.nextBytes(b);
        return prefix + "-" + HexFormat.of().formatHex(b);
    }
}
