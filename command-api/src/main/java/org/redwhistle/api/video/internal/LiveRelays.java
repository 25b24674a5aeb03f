package org.redwhistle.api.video.internal;

import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.PreDestroy;

import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.security.CurrentUser;
import org.redwhistle.api.video.VideoProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The live relays and their viewers' leases. A relay starts with its camera's first lease and stops
 * when the last one is released or lapses (not renewed within {@code redwhistle.video.lease-ttl});
 * at most {@code redwhistle.video.max-relays} run at once, and a lease for one more camera is refused
 * with 503. A lease id is a 128-bit random secret: the viewer's socket presents it ({@link LiveSocketHandler}).
 */
@Component
class LiveRelays {

    private static final Logger log = LoggerFactory.getLogger(LiveRelays.class);

    /** A viewer's lease on a camera's relay. */
    record Lease(String id, String cameraId, long userId, String username, Instant expiresAt) {
    }

    private final VideoProperties props;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Relay> relays = new HashMap<>();
    private final Map<String, Lease> leases = new HashMap<>();

    LiveRelays(VideoProperties props, Clock clock) {
        this.props = props;
        this.clock = clock;
    }

    /** Blocking: a new lease on the camera's relay, starting the relay if it is the camera's first viewer. */
    Lease watch(CurrentUser user, String cameraId, URI source) {
        Lease lease;
        synchronized (this) {
            Relay relay = relays.get(cameraId);
            if (relay == null || !relay.isRunning()) {
                if (relay == null && relays.size() >= props.maxRelays()) {
                    throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "直播路数已达上限 (live relay limit reached)",
                            "已达并发直播上限 " + props.maxRelays() + " 路，请关闭其他直播后再试 (at most " + props.maxRelays()
                                    + " cameras are relayed at once, redwhistle.video.max-relays; close another live view and retry)",
                            List.of());
                }
                relays.put(cameraId, start(cameraId, source));
            }
            lease = new Lease(newId(), cameraId, user.id(), user.username(), clock.instant().plus(props.leaseTtl()));
            leases.put(lease.id(), lease);
        }
        log.info("live view started camera={} user={} viewers={}", cameraId, user.username(), viewers(cameraId));
        return lease;
    }

    private Relay start(String cameraId, URI source) {
        try {
            return Relay.start(cameraId, source, props, this::ended);
        } catch (IOException e) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "无法启动直播 (cannot start the relay)",
                    "ffmpeg could not be started (" + props.ffmpeg() + "): " + e.getMessage(), List.of());
        }
    }

    /** The relay ended by itself (the camera went away, ffmpeg failed): its leases end with it. */
    private void ended(Relay relay) {
        synchronized (this) {
            if (relays.get(relay.cameraId()) != relay) {
                return;
            }
            relays.remove(relay.cameraId());
            leases.values().removeIf(l -> l.cameraId().equals(relay.cameraId()));
        }
        log.info("live relay ended camera={}", relay.cameraId());
    }

    /** Extends the caller's lease; 404 when it lapsed or is not theirs. */
    synchronized Lease renew(CurrentUser user, String leaseId) {
        Lease l = own(user, leaseId);
        Lease renewed = new Lease(l.id(), l.cameraId(), l.userId(), l.username(), clock.instant().plus(props.leaseTtl()));
        leases.put(l.id(), renewed);
        return renewed;
    }

    /** Blocking: ends the caller's lease, and the relay with its last one. */
    void release(CurrentUser user, String leaseId) {
        Relay idle;
        synchronized (this) {
            Lease l = own(user, leaseId);
            leases.remove(l.id());
            idle = idleRelay(l.cameraId());
        }
        stop(idle);
    }

    private Lease own(CurrentUser user, String leaseId) {
        Lease l = leases.get(leaseId);
        if (l == null || l.userId() != user.id()) {
            throw ApiException.notFound("live lease " + leaseId);
        }
        return l;
    }

    /** The relay of a lease that is alive, for the viewer's socket. */
    synchronized Optional<Relay> relayOf(String leaseId) {
        Lease l = leases.get(leaseId);
        return l == null ? Optional.empty() : Optional.ofNullable(relays.get(l.cameraId()));
    }

    /** Ends lapsed leases and stops the relays left without viewers. */
    @Scheduled(fixedDelayString = "${redwhistle.video.sweep-interval:1s}")
    void sweep() {
        List<Relay> idle = new ArrayList<>();
        synchronized (this) {
            Instant now = clock.instant();
            List<Lease> lapsed = leases.values().stream().filter(l -> !l.expiresAt().isAfter(now)).toList();
            for (Lease l : lapsed) {
                leases.remove(l.id());
                log.info("live lease lapsed camera={} user={}", l.cameraId(), l.username());
                Relay r = idleRelay(l.cameraId());
                if (r != null) {
                    idle.add(r);
                }
            }
        }
        idle.forEach(this::stop);
    }

    /** Removes and answers the camera's relay if no lease holds it any more (under the lock). */
    private Relay idleRelay(String cameraId) {
        if (leases.values().stream().anyMatch(l -> l.cameraId().equals(cameraId))) {
            return null;
        }
        return relays.remove(cameraId);
    }

    private void stop(Relay relay) {
        if (relay != null) {
            relay.stop(props.stopGrace());
            log.info("live relay stopped camera={} (no viewers)", relay.cameraId());
        }
    }

    /** The cameras relayed now, with their viewers' leases and ffmpeg's pid. */
    synchronized List<RelayStatus> status() {
        return relays.values().stream()
                .map(r -> new RelayStatus(r.cameraId(), viewers(r.cameraId()), r.pid()))
                .sorted(java.util.Comparator.comparing(RelayStatus::cameraId)).toList();
    }

    /** One running relay. */
    record RelayStatus(String cameraId, int viewers, long pid) {
    }

    synchronized int running() {
        return relays.size();
    }

    private synchronized int viewers(String cameraId) {
        return (int) leases.values().stream().filter(l -> l.cameraId().equals(cameraId)).count();
    }

    private String newId() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    @PreDestroy
    void stopAll() {
        List<Relay> all;
        synchronized (this) {
            all = new ArrayList<>(relays.values());
            relays.clear();
            leases.clear();
        }
        all.forEach(this::stop);
    }
}
