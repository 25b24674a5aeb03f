package org.redwhistle.api.push;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.redwhistle.api.push.internal.RepeatConflation;
import org.redwhistle.api.push.internal.StompSession;
import org.redwhistle.api.security.CurrentUser;
import org.redwhistle.geo.area.AreaRef;
import org.redwhistle.geo.grid.GridLocator;
import org.redwhistle.ingest.commands.DeviceCommandCompleted;
import org.redwhistle.ingest.registry.DeviceDirectory;
import org.redwhistle.ingest.registry.DeviceStatusChanged;
import org.redwhistle.ingest.workers.WorkerPools;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fan-out of pushes to the STOMP sessions of this instance, and through {@link PushRelay} to those
 * of the other instances. Every delivery is filtered by the receiving user's area, so a subscriber
 * only ever sees what their area allows.
 */
@Component
public class PushHub {

    private static final Object ADMIN_SCOPE = new Object();

    private final Set<StompSession> sessions = ConcurrentHashMap.newKeySet();
    private final JsonMapper json;
    private final DeviceDirectory devices;
    private final GridLocator grids;
    private final Counter framesOut;
    private final MeterRegistry meters;
    private final Map<String, Timer> publishTimers = new ConcurrentHashMap<>();
    private volatile PushRelay relay = PushRelay.NONE;

    private final Duration repeatInterval;
    private final java.util.concurrent.ScheduledExecutorService repeatTimer;
    private final List<Conflated> conflated = new java.util.concurrent.CopyOnWriteArrayList<>();

    public PushHub(JsonMapper json, DeviceDirectory devices, GridLocator grids, MeterRegistry meters, PushProperties props, WorkerPools pools) {
        this.repeatTimer = pools.scheduler("push-repeats");
        this.json = json;
        this.repeatInterval = props.alarmRepeatInterval();
        this.devices = devices;
        this.grids = grids;
        this.meters = meters;
        meters.gaugeCollectionSize("rw.push.sessions", List.of(), sessions);
        this.framesOut = Counter.builder("rw.push.frames").description("MESSAGE frames sent to STOMP sessions of this instance")
                .register(meters);
    }

    public void add(StompSession s) {
        sessions.add(s);
    }

    public void remove(StompSession s) {
        sessions.remove(s);
    }

    /** Routes pushes to the other instances from now on. */
    public void relayThrough(PushRelay r) {
        this.relay = r == null ? PushRelay.NONE : r;
    }

    /** Sends {@code payload} as JSON to the sessions on {@code destination} (here and on other instances) that {@code audience} admits. */
    public void publish(String destination, Object payload, Audience audience) {
        long started = System.nanoTime();
        byte[] body = json.writeValueAsBytes(payload);
        deliver(destination, audience, body);
        relay.forward(destination, audience, body);
        publishTimer(destination).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }

    /** rw.push.publish{destination}: encoding a push and handing it to this instance's sessions and the relay. */
    private Timer publishTimer(String destination) {
        return publishTimers.computeIfAbsent(destination, d -> Timer.builder("rw.push.publish").tag("destination", d)
                .description("encoding a push and handing its frames to this instance's sessions and to the relay")
                .publishPercentiles(0.5, 0.99).register(meters));
    }

    /** Sends {@code payload} to the sessions on {@code destination} whose user's area contains the device. */
    public void publishForDevice(String destination, String deviceId, Object payload) {
        devices.find(deviceId).ifPresent(d -> publish(destination, payload, Audience.area(areaPath(d.areaId()))));
    }

    /** The ancestor ids of an area, itself included. */
    public List<Long> areaPath(long areaId) {
        return grids.chainOf(areaId).stream().map(AreaRef::id).toList();
    }

    /** One item of a batch: a payload and the area it belongs to. */
    public record Item(Audience.Area audience, Object payload) {
    }

    /**
     * Sends many payloads as one frame per session: a JSON array holding those the session's user may
     * see (sessions that may see none get nothing). Used for conflated positions, so that a session
     * gets one frame per flush whatever the number of members moving.
     */
    public void publishBatch(String destination, List<Item> items) {
        if (items.isEmpty()) {
            return;
        }
        List<Audience.Area> audiences = items.stream().map(Item::audience).toList();
        long started = System.nanoTime();
        List<byte[]> bodies = items.stream().map(i -> json.writeValueAsBytes(i.payload())).toList();
        deliverBatch(destination, audiences, bodies);
        relay.forwardBatch(destination, audiences, bodies);
        publishTimer(destination).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }

    /** Delivers a push another instance raised (never relayed again). */
    public void deliverRelayed(String destination, Audience audience, byte[] body) {
        deliver(destination, audience, body);
    }

    /** Delivers a batch another instance raised (never relayed again). */
    public void deliverRelayedBatch(String destination, List<Audience.Area> audiences, List<byte[]> bodies) {
        deliverBatch(destination, audiences, bodies);
    }

    private void deliver(String destination, Audience audience, byte[] body) {
        for (StompSession s : sessions) {
            CurrentUser u = s.user();
            if (u != null && s.subscribedTo(destination) && audience.admits(u)) {
                framesOut.increment(s.deliver(destination, body));
            }
        }
    }

    /** Area audiences depend only on the user's area (or admin), so each distinct scope is filtered and encoded once. */
    private void deliverBatch(String destination, List<Audience.Area> audiences, List<byte[]> bodies) {
        Map<Object, byte[]> byScope = new HashMap<>();
        for (StompSession s : sessions) {
            CurrentUser u = s.user();
            if (u == null || !s.subscribedTo(destination)) {
                continue;
            }
            Object scope = u.isAdmin() ? ADMIN_SCOPE : u.areaId();
            byte[] frame = byScope.computeIfAbsent(scope, k -> joined(u, audiences, bodies));
            if (frame.length > 0) {
                framesOut.increment(s.deliver(destination, frame));
            }
        }
    }

    private static byte[] joined(CurrentUser u, List<Audience.Area> audiences, List<byte[]> bodies) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * bodies.size() + 2);
        out.write('[');
        boolean any = false;
        for (int i = 0; i < bodies.size(); i++) {
            if (audiences.get(i).admits(u)) {
                if (any) {
                    out.write(',');
                }
                out.writeBytes(bodies.get(i));
                any = true;
            }
        }
        if (!any) {
            return new byte[0];
        }
        out.write(']');
        return out.toByteArray();
    }

    /**
     * A destination on which the repeats of one thing (an alarm firing again and again) are conflated
     * to at most one frame per {@code redwhistle.push.alarm-repeat-interval}; every other change
     * goes out at once ({@link RepeatConflation}).
     */
    public Conflated conflated(String destination) {
        Conflated c = new Conflated(destination);
        conflated.add(c);
        return c;
    }

    /** See {@link #conflated}. */
    public final class Conflated {

        private record Frame(Object payload, Audience audience) {
        }

        private final RepeatConflation<Frame> repeats;

        private Conflated(String destination) {
            this.repeats = new RepeatConflation<>(repeatInterval, repeatTimer, f -> publish(destination, f.payload(), f.audience()));
        }

        /** {@code key}'s new state; {@code repeated}: the same thing happened again rather than someone acting on it. */
        public void changed(long key, Object payload, Audience audience, boolean repeated) {
            repeats.changed(key, new Frame(payload, audience), repeated);
        }
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        conflated.forEach(c -> c.repeats.close());
    }

    /**
     * A case changed: to the operators of its area on /topic/cases, and to the residents who follow it
     * on /user/queue/cases (by user name: the one who filed it, and those whose duplicates were merged into it).
     */
    @EventListener
    public void on(org.redwhistle.api.cases.CaseView.CaseChanged e) {
        publish(Destinations.CASES, e.view(), Audience.area(e.view().areaPath()));
        for (long account : e.departmentAccounts()) {
            publish(Destinations.CASES, e.view(), Audience.user(account));
        }
        for (String follower : e.followers()) {
            publish(Destinations.OWN_CASES, e.view().asSeenByResident(follower), Audience.username(follower));
        }
    }

    /** A leader's instruction (批示): to each account of the unit holding the case, as an alert of kind case-instruction. */
    @EventListener
    public void on(org.redwhistle.api.cases.Cases.CaseInstructed e) {
        Map<String, Object> alert = Map.of("kind", "case-instruction", "caseId", e.caseId(), "ref", e.ref(), "holderName", e.holderName(),
                "text", e.text(), "by", e.by(), "at", e.at().toString());
        for (long user : e.recipients()) {
            publish(Destinations.ALERTS, alert, Audience.user(user));
        }
    }

    /**
     * A case put in a person's hands (assigned, or back after the resident's evaluation): to them, as an
     * alert of kind case-assigned (grid workers have no /topic/cases; their phone reloads its cases on
     * it). The description is clipped to 80 characters.
     */
    @EventListener
    public void on(org.redwhistle.api.cases.Cases.CaseAssigned e) {
        String text = e.description().length() > 80 ? e.description().substring(0, 80) + "…" : e.description();
        Map<String, Object> alert = new java.util.LinkedHashMap<>();
        alert.put("kind", "case-assigned");
        alert.put("caseId", e.caseId());
        alert.put("ref", e.ref());
        alert.put("categoryName", e.categoryName());
        alert.put("text", text);
        alert.put("by", e.by());
        alert.put("at", e.at().toString());
        alert.put("resolveDue", e.resolveDue().toString());
        alert.put("rework", e.rework());
        publish(Destinations.ALERTS, alert, Audience.username(e.assignee()));
    }

    @EventListener
    public void on(DeviceCommandCompleted e) {
        publishForDevice(Destinations.DEVICES, e.command().deviceId(), Map.of("deviceId", e.command().deviceId(), "command", e.command()));
    }

    @EventListener
    public void on(DeviceStatusChanged e) {
        devices.find(e.deviceId()).ifPresent(d -> publishForDevice(Destinations.DEVICES, d.id(),
                Map.of("deviceId", d.id(), "kind", d.kind().wire(), "online", e.online(), "at", e.at().toString())));
    }
}
