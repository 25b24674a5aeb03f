package org.redwhistle.api.alarms.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.redwhistle.api.access.Caller;
import org.redwhistle.api.alarms.AlarmResponder;
import org.redwhistle.api.alarms.AlarmView;
import org.redwhistle.api.areas.AreaScope;
import org.redwhistle.api.devices.CameraCoverage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Who to send: the nearest available patrol members and police, the cameras that see the place and what they saw. */
@Component
class DispatchProposal {

    /** A member the operator may send: role as code and in words, affiliation (派出所, 物业保安, …). */
    public record ProposedMember(long memberId, String name, String role, String roleLabel, String affiliation, long distanceM) {
    }

    /**
     * A picture of the place: a snapshot linked to the alarm, else a covering camera's latest;
     * {@code detections} are people and motion boxes in the image's pixels, for the dashboard to draw.
     */
    public record SceneSnapshot(long snapshotId, String deviceId, Instant capturedAt, boolean linked, int width, int height, Integer people,
            JsonNode detections, String imageUrl, String thumbnailUrl) {
    }

    public record Proposal(long alarmId, List<ProposedMember> members, List<CameraCoverage.Seen> cameras, List<SceneSnapshot> snapshots) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final AlarmAccess access;
    private final Dispatcher dispatcher;
    private final CameraCoverage cameras;
    private final AreaScope scope;

    DispatchProposal(JdbcClient jdbc, JsonMapper json, AlarmAccess access, Dispatcher dispatcher, CameraCoverage cameras, AreaScope scope) {
        this.jdbc = jdbc;
        this.json = json;
        this.access = access;
        this.dispatcher = dispatcher;
        this.cameras = cameras;
        this.scope = scope;
    }

    Proposal of(Caller caller, long id) {
        AlarmView a = access.visible(caller, id);
        var nearest = dispatcher.nearest(caller.user(), a);
        Map<Long, String> affiliations = new HashMap<>();
        jdbc.sql("select id, affiliation from member where id = any(?)")
                .param(nearest.stream().map(n -> n.responder().id()).toArray(Long[]::new))
                .query(rs -> {
                    affiliations.put(rs.getLong(1), rs.getString(2));
                });
        List<ProposedMember> members = nearest.stream()
                .map(n -> new ProposedMember(n.responder().id(), n.responder().name(), n.responder().role().name(),
                        AlarmResponder.roleLabel(n.responder().role().name()), affiliations.get(n.responder().id()), Math.round(n.distanceM())))
                .toList();
        var covering = cameras.covering(a.lon(), a.lat(), area -> scope.isInside(caller.user(), area));
        return new Proposal(id, members, covering, latestSnapshots(a, covering.stream().map(CameraCoverage.Seen::deviceId).toList()));
    }

    /**
     * What the cameras saw: the snapshots linked to the alarm, else the latest snapshot of each
     * covering camera, newest first (the snapshots feature's {@code snapshot} table, read only).
     */
    private List<SceneSnapshot> latestSnapshots(AlarmView a, List<String> cameraIds) {
        return jdbc.sql("""
                select * from (
                    select s.id, s.device_id, s.captured_at, s.alarm_id = :alarm linked, s.width, s.height, s.people,
                           coalesce(s.detections, '[]'::jsonb)::text detections,
                           row_number() over (partition by s.device_id order by (s.alarm_id = :alarm) desc nulls last,
                                              (s.people > 0) desc nulls last, s.captured_at desc) n
                    from snapshot s where s.alarm_id = :alarm or s.device_id = any(:cameras)) x
                where n = 1 order by linked desc nulls last, people desc nulls last, captured_at desc limit 4""")
                .param("alarm", a.id()).param("cameras", cameraIds.toArray(String[]::new))
                .query((rs, i) -> new SceneSnapshot(rs.getLong("id"), rs.getString("device_id"), rs.getTimestamp("captured_at").toInstant(),
                        rs.getBoolean("linked"), rs.getInt("width"), rs.getInt("height"), (Integer) rs.getObject("people"),
                        json.readTree(rs.getString("detections")), "/api/v1/snapshots/" + rs.getLong("id") + "/image",
                        "/api/v1/snapshots/" + rs.getLong("id") + "/thumbnail"))
                .list();
    }
}
