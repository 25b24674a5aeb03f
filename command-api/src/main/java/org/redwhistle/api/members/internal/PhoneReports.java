package org.redwhistle.api.members;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.redwhistle.api.access.Caller;
import org.redwhistle.api.Blocking;
import org.redwhistle.api.alarms.AlarmService;
import org.redwhistle.api.alarms.AlarmSeverity;
import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.geo.Crs;
import org.redwhistle.api.security.CurrentUser;
import org.redwhistle.devices.contract.CoordinateSystem;
import org.redwhistle.geo.crs.ChineseCoordinates;
import org.redwhistle.geo.grid.GridChain;
import org.redwhistle.geo.grid.GridLocator;
import org.redwhistle.geo.responders.ResponderLocator;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/**
 * What a patrol member sends from the phone besides positions: an SOS (a CRITICAL {@code patrol.sos}
 * alarm at their place; they are marked busy so a dispatch goes to others) and a lead (线索: text,
 * photo, place) for police and the command center.
 */
@RestController
public class PhoneReports {

    private final Members members;
    private final AlarmService alarms;
    private final GridLocator grids;
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Blocking blocking;
    private final ResponderLocator responders;

    public PhoneReports(Members members, AlarmService alarms, GridLocator grids, JdbcClient jdbc, AuditLog audit, Blocking blocking,
            ResponderLocator responders) {
        this.members = members;
        this.alarms = alarms;
        this.grids = grids;
        this.jdbc = jdbc;
        this.audit = audit;
        this.blocking = blocking;
        this.responders = responders;
    }

    /** Where and what; {@code text} and {@code photoUrl} for leads. */
    public record Report(Double lon, Double lat, String crs, String text, String photoUrl) {
    }

    private ChineseCoordinates.LonLat place(Report r) {
        Crs.checkLonLat(r.lon(), r.lat());
        CoordinateSystem crs = Crs.parse("crs", r.crs());
        return Crs.toWgs84(crs, r.lon(), r.lat());
    }

    @PostMapping("/api/v1/members/me/sos")
    public Mono<Map<String, Object>> sos(Caller caller, @RequestBody Report r) {
        CurrentUser user = caller.user();
        ChineseCoordinates.LonLat p = place(r);
        return blocking.call(() -> {
            var me = members.byUser(user.id()).orElseThrow(() -> ApiException.notFound("a member record for user " + user.username()));
            jdbc.sql("update member set state = 'BUSY', updated_at = now() where id = ?").param(me.id()).update();
            responders.follow();
            members.reportPhoneFix(me.id(), p.lon(), p.lat(), null, Instant.now());
            long alarmId = alarms.raiseRule("patrol.sos", AlarmSeverity.CRITICAL, "巡逻队员紧急求助（" + me.name() + "）", "member:" + me.id(),
                    p.lon(), p.lat(), Instant.now(), "SOS from " + user.username() + (r.text() == null ? "" : ": " + r.text())).id();
            audit.record(user.username(), "member.sos", "alarm", String.valueOf(alarmId), r.text(), Map.of("memberId", me.id()));
            return Map.<String, Object>of("alarmId", alarmId);
        });
    }

    @PostMapping("/api/v1/members/me/leads")
    public Mono<Map<String, Object>> lead(Caller caller, @RequestBody Report r) {
        CurrentUser user = caller.user();
        if (r.text() == null || r.text().isBlank() || r.text().length() > 2000) {
            throw ApiException.badField("text", "is required, at most 2,000 characters");
        }
        if (r.photoUrl() != null && (r.photoUrl().length() > 500 || !r.photoUrl().startsWith("http"))) {
            throw ApiException.badField("photoUrl", "must be an http(s) URL of at most 500 characters");
        }
        ChineseCoordinates.LonLat p = place(r);
        return blocking.call(() -> {
            var me = members.byUser(user.id()).orElseThrow(() -> ApiException.notFound("a member record for user " + user.username()));
            GridChain chain = grids.locate(p.lon(), p.lat()).orElse(null);
            List<Long> path = new ArrayList<>(chain != null ? chain.ids() : members.areaPath(me.id()));
            if (chain != null) {
                java.util.Collections.reverse(path);
            }
            long id = jdbc.sql("""
                    insert into lead (member_id, text, photo_url, location, area_path) values (?, ?, ?, st_setsrid(st_makepoint(?, ?), 4326), ?)
                    returning id""").params(me.id(), r.text(), r.photoUrl(), p.lon(), p.lat(), path.toArray(Long[]::new)).query(Long.class).single();
            audit.record(user.username(), "lead.submitted", "lead", String.valueOf(id), null, Map.of("memberId", me.id()));
            return Map.<String, Object>of("leadId", id);
        });
    }

    @GetMapping("/api/v1/leads")
    public Mono<Map<String, Object>> leads(Caller caller) {
        CurrentUser user = caller.user();
        return blocking.call(() -> Map.of("items", jdbc.sql("""
                select l.id, m.name, l.text, l.photo_url, st_x(l.location), st_y(l.location), l.status, l.created_at
                from lead l join member m on m.id = l.member_id
                where cast(:area as bigint) is null or cast(:area as bigint) = any(l.area_path) order by l.created_at desc limit 500""")
                .param("area", user.areaId())
                .query((rs, i) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", rs.getLong(1));
                    m.put("member", rs.getString(2));
                    m.put("text", rs.getString(3));
                    m.put("photoUrl", rs.getString(4));
                    m.put("lon", rs.getDouble(5));
                    m.put("lat", rs.getDouble(6));
                    m.put("status", rs.getString(7));
                    m.put("createdAt", rs.getTimestamp(8).toInstant());
                    return m;
                }).list()));
    }
}
