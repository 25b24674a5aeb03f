package org.redwhistle.api.push;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import org.redwhistle.api.alarms.AlarmChanged;
import org.redwhistle.api.push.internal.StompSession;
import org.redwhistle.api.security.CurrentUser;
import org.redwhistle.geo.area.AreaRef;
import org.redwhistle.geo.grid.GridLocator;
import org.redwhistle.ingest.commands.DeviceCommandCompleted;
import org.redwhistle.ingest.registry.DeviceDirectory;
import org.redwhistle.ingest.registry.DeviceStatusChanged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * In-process fan-out of pushes to STOMP sessions. Every delivery is filtered by the receiving
 * user's area, so a subscriber only ever sees what their area allows.
 */
@Component
public class PushHub {

    private final Set<StompSession> sessions = ConcurrentHashMap.newKeySet();
    private final JsonMapper json;
    private final DeviceDirectory devices;
    private final GridLocator grids;

    public PushHub(JsonMapper json, DeviceDirectory devices, GridLocator grids, MeterRegistry meters) {
        this.json = json;
        this.devices = devices;
        this.grids = grids;
        meters.gaugeCollectionSize("rw.push.sessions", List.of(), sessions);
    }

    public void add(StompSession s) {
        sessions.add(s);
    }

    public void remove(StompSession s) {
        sessions.remove(s);
    }

    /** Sends {@code payload} as JSON to the sessions on {@code destination} whose user passes {@code audience}. */
    public void publish(String destination, Object payload, Predicate<CurrentUser> audience) {
        byte[] body = json.writeValueAsBytes(payload);
        for (StompSession s : sessions) {
            CurrentUser u = s.user();
            if (u != null && audience.test(u)) {
                s.deliver(destination, body);
            }
        }
    }

    /** Sends {@code payload} to the sessions on {@code destination} whose user's area contains the device. */
    public void publishForDevice(String destination, String deviceId, Object payload) {
        devices.find(deviceId).ifPresent(d -> {
            List<Long> path = grids.chainOf(d.areaId()).stream().map(AreaRef::id).toList();
            publish(destination, payload, u -> u.covers(path));
        });
    }

    @EventListener
    public void on(AlarmChanged e) {
        publish(Destinations.ALARMS, e.alarm(), u -> u.covers(e.alarm().areaPath()));
    }

    @EventListener
    public void on(org.redwhistle.api.cases.CaseView.CaseChanged e) {
        publish(Destinations.CASES, e.view(), u -> u.covers(e.view().areaPath()));
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
