package org.redwhistle.ingest.provisioning;

import java.security.SecureRandom;
import java.sql.Array;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.redwhistle.devices.contract.CoordinateSystem;
import org.redwhistle.devices.contract.DeviceKind;
import org.redwhistle.geo.area.AreaRef;
import org.redwhistle.geo.crs.ChineseCoordinates;
import org.redwhistle.geo.grid.GridChain;
import org.redwhistle.geo.grid.GridLocator;
import org.redwhistle.ingest.broker.Broker;
import org.redwhistle.ingest.broker.BrokerAccess;
import org.redwhistle.ingest.broker.BrokerAccessException;
import org.redwhistle.ingest.broker.BrokerPool;
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
import tools.jackson.databind.node.ObjectNode;

/**
 * Decides a provisioning request: checks the key (secret, expiry, revocation, kinds, quota, area),
 * then creates the device, claims a pre-registered one with the same serial, or re-provisions one of
 * the same integrator's devices, and issues its broker account. All or nothing: a refusal or a broker
 * failure leaves no device behind. A DISABLED device stays disabled: provisioning its serial again is
 * refused, so a disabled device cannot get itself new credentials. Each request nonce is decided once
 * in the cluster ({@link #provision}, docs/cluster.md).
 */
@Service
public class DeviceProvisioner {

    private static final Pattern SERIAL = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final BrokerAccess broker;
    private final BrokerPool brokers;
    private final GridLocator grids;
    private final DeviceDirectory directory;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final ProvisioningAnswers answers;

    public DeviceProvisioner(JdbcClient jdbc, TransactionTemplate tx, BrokerAccess broker, BrokerPool brokers, GridLocator grids,
            DeviceDirectory directory, ApplicationEventPublisher events, JsonMapper json, ProvisioningAnswers answers) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.broker = broker;
        this.brokers = brokers;
        this.grids = grids;
        this.directory = directory;
        this.events = events;
        this.json = json;
        this.answers = answers;
    }

    /** What was decided; {@code broker} is the broker of the pool the device is to connect to. */
    record Outcome(boolean success, String detail, String deviceId, DeviceCredentials credentials, long ownerId, Broker broker) {

        static Outcome failure(String why) {
            return new Outcome(false, why, null, null, 0, null);
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

    private record Existing(String id, String kind, String keyId, Long keyOwner, long areaId, DeviceState state, String brokerId) {
    }

    /**
     * Answers the request published under {@code nonce}: decided once in the cluster, the decision and
     * its answer committed together ({@link ProvisioningAnswers}). The same request again gets the stored
     * answer, nothing decided anew (no new password, no change in the broker); another request under the
     * nonce is refused. Transient failures are not stored, so a retry under the same nonce is decided.
     */
    public ProvisioningAnswer provision(String nonce, byte[] payload) {
        JsonNode r = parse(payload);
        String secret = r != null && r.path("provisionSecret").isString() ? r.path("provisionSecret").asText() : "";
        String requestHash = AnswerSeal.requestHash(payload, r);
        try {
            Decision d = tx.execute(s -> decideOnce(nonce, r, secret, requestHash));
            Outcome o = d.outcome();
            if (o != null && o.success()) {
                events.publishEvent(new DeviceProvisioned(o.deviceId(), r.path("serial").asText(),
                        r.path("provisionKey").asText(), o.ownerId(), o.detail()));
                directory.evict(o.deviceId());
            }
            return d.answer();
        } catch (BrokerAccessException e) {
            return notStored(json, "the broker could not create the device's account now; try again later");
        } catch (DataIntegrityViolationException e) {
            return notStored(json, "the device could not be registered (a concurrent request for the same serial?); try again");
        }
    }

    /** A failure that is sent but not stored: a retry under the same nonce is decided afresh. */
    static ProvisioningAnswer notStored(JsonMapper json, String why) {
        return new ProvisioningAnswer(ProvisioningAnswer.Source.NOT_STORED, false, why, null,
                json.writeValueAsBytes(json.createObjectNode().put("status", "FAILURE").put("detail", why)));
    }

    /** What one transaction did: {@code outcome} is null when it only found the stored answer. */
    private record Decision(Outcome outcome, ProvisioningAnswer answer) {
    }

    private Decision decideOnce(String nonce, JsonNode r, String secret, String requestHash) {
        if (!answers.claim(nonce, requestHash)) {
            return new Decision(null, answers.repeat(nonce, requestHash, secret));
        }
        // a refusal undoes what the decision wrote so far, but keeps the claim: the refusal is the nonce's answer
        // (a savepoint in SQL: the application's transaction manager does not offer nested transactions)
        jdbc.sql("savepoint provisioning_decision").update();
        Outcome o;
        try {
            o = decide(r);
        } catch (Refused e) {
            jdbc.sql("rollback to savepoint provisioning_decision").update();
            o = Outcome.failure(e.getMessage());
        }
        byte[] answer = render(o);
        answers.store(nonce, requestHash, secret, answer, o.success());
        return new Decision(o, new ProvisioningAnswer(ProvisioningAnswer.Source.DECIDED, o.success(), o.detail(), o.deviceId(), answer));
    }

    private byte[] render(Outcome o) {
        ObjectNode a = json.createObjectNode().put("status", o.success() ? "SUCCESS" : "FAILURE").put("detail", o.detail());
        if (o.success()) {
            a.put("deviceId", o.deviceId())
                    .put("username", o.credentials().username())
                    .put("password", o.credentials().password())
                    .put("clientId", o.credentials().clientId())
                    // the broker of the pool the device is to connect to from now on (docs/cluster.md)
                    .put("broker", o.broker().id())
                    .put("brokerUrl", o.broker().publicUrl());
        }
        return json.writeValueAsBytes(a);
    }

    private JsonNode parse(byte[] payload) {
        try {
            return json.readTree(payload);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private Outcome decide(JsonNode r) {
        if (r == null) {
            throw new Refused("request is not valid JSON");
        }
        if (!r.isObject()) {
            throw new Refused("request must be a JSON object");
        }
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
                select d.id, d.kind, d.provisioning_key_id, k.owner_id, d.area_id, d.state, d.broker_id
                from device d left join provisioning_key k on k.id = d.provisioning_key_id where d.serial = :serial for update of d""")
                .param("serial", serial)
                .query((rs, i) -> new Existing(rs.getString(1), rs.getString(2), rs.getString(3), (Long) rs.getObject(4), rs.getLong(5),
                        DeviceState.valueOf(rs.getString(6)), rs.getString(7)))
                .optional();
        String how;
        String deviceId;
        Broker assigned;
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
            // a device keeps its broker; one without (pre-registered) or whose broker left the pool is assigned anew
            assigned = brokers.byId(e.brokerId()).orElseGet(this::leastLoadedBroker);
            jdbc.sql("update device set provisioning_key_id = :key, firmware = coalesce(:fw, firmware), broker_id = :broker where id = :id")
                    .param("key", key.id()).param("fw", optionalText(r, "firmware")).param("broker", assigned.id()).param("id", deviceId).update();
        } else {
            requireQuota(key, null);
            deviceId = newDeviceId(kind);
            long areaId = grids.locate(p.lon(), p.lat()).map(GridChain::grid).map(AreaRef::id).orElse(key.areaId());
            JsonNode attrs = r.path("attributes");
            assigned = leastLoadedBroker();
            jdbc.sql("""
                    insert into device (id, kind, serial, name, area_id, location, firmware, attributes, provisioning_key_id, broker_id)
                    values (:id, :kind, :serial, :name, :area, st_setsrid(st_makepoint(:lon, :lat), 4326), :fw, cast(:attrs as jsonb), :key, :broker)""")
                    .param("id", deviceId).param("kind", kind.wire()).param("serial", serial).param("name", name)
                    .param("area", areaId).param("lon", p.lon()).param("lat", p.lat()).param("fw", optionalText(r, "firmware"))
                    .param("attrs", attrs.isObject() ? attrs.toString() : "{}").param("key", key.id()).param("broker", assigned.id()).update();
            how = "created";
        }
        DeviceCredentials credentials = broker.issueCredentials(deviceId);
        return new Outcome(true, how, deviceId, credentials, key.ownerId(), assigned);
    }

    /** The pool's broker with the fewest devices (devices without one count for the first). */
    private Broker leastLoadedBroker() {
        if (!brokers.isPool()) {
            return brokers.first();
        }
        Map<String, Long> counts = new HashMap<>();
        jdbc.sql("select coalesce(broker_id, :first), count(*) from device group by 1").param("first", brokers.first().id())
                .query((rs, i) -> counts.put(rs.getString(1), rs.getLong(2))).list();
        return brokers.leastLoaded(counts);
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
