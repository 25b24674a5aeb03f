package org.redwhistle.api.members.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.redwhistle.api.access.Caller;
import org.redwhistle.api.Blocking;
import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.geo.Crs;
import org.redwhistle.api.members.Members;
import org.redwhistle.api.members.SosAlarms;
import org.redwhistle.api.security.CurrentUser;
import org.redwhistle.devices.contract.CoordinateSystem;
import org.redwhistle.geo.crs.ChineseCoordinates;
import org.redwhistle.geo.grid.GridChain;
import org.redwhistle.geo.grid.GridLocator;
import org.redwhistle.geo.responders.ResponderLocator;
import org.redwhistle.geo.responders.ResponderState;
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
    private final SosAlarms alarms;
    private final GridLocator grids;
    private final LeadStore leads;
    private final AuditLog audit;
    private final Blocking blocking;
    private final ResponderLocator responders;

    public PhoneReports(Members members, SosAlarms alarms, GridLocator grids, LeadStore leads, AuditLog audit, Blocking blocking,
            ResponderLocator responders) {
        this.members = members;
        this.alarms = alarms;
        this.grids = grids;
        this.leads = leads;
        this.audit = audit;
        this.blocking = blocking;
        this.responders = responders;
    }

    /** Where and what; {@code text} and {@code photoUrl} for leads. */
    public record FieldReport(Double lon, Double lat, String crs, String text, String photoUrl) {
    }

    private ChineseCoordinates.LonLat place(FieldReport r) {
        Crs.checkLonLat(r.lon(), r.lat());
        CoordinateSystem crs = Crs.parse("crs", r.crs());
        return Crs.toWgs84(crs, r.lon(), r.lat());
    }

    /** The SOS alarm raised. */
    public record SosRaised(long alarmId) {
    }

    /** The lead stored. */
    public record LeadSubmitted(long leadId) {
    }

    /** The leads the caller may read. */
    public record LeadList(List<LeadStore.LeadView> items) {
    }

    @PostMapping("/api/v1/members/me/sos")
    public Mono<SosRaised> sos(Caller caller, @RequestBody FieldReport r) {
        CurrentUser user = caller.user();
        ChineseCoordinates.LonLat p = place(r);
        return blocking.call(() -> {
            var me = members.byUser(user.id()).orElseThrow(() -> ApiException.notFound("a member record for user " + user.username()));
            members.setState(me.id(), ResponderState.BUSY);
            responders.follow();
            members.reportPhoneFix(me.id(), p.lon(), p.lat(), null, Instant.now());
            long alarmId = alarms.raiseSos("巡逻队员紧急求助（" + me.name() + "）", "member:" + me.id(), p.lon(), p.lat(), Instant.now(),
                    "SOS from " + user.username() + (r.text() == null ? "" : ": " + r.text()));
            audit.record(user.username(), "member.sos", "alarm", String.valueOf(alarmId), r.text(), Map.of("memberId", me.id()));
            return new SosRaised(alarmId);
        });
    }

    @PostMapping("/api/v1/members/me/leads")
    public Mono<LeadSubmitted> lead(Caller caller, @RequestBody FieldReport r) {
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
            long id = leads.insert(me.id(), r.text(), r.photoUrl(), p.lon(), p.lat(), path);
            audit.record(user.username(), "lead.submitted", "lead", String.valueOf(id), null, Map.of("memberId", me.id()));
            return new LeadSubmitted(id);
        });
    }

    @GetMapping("/api/v1/leads")
    public Mono<LeadList> leads(Caller caller) {
        CurrentUser user = caller.user();
        return blocking.call(() -> new LeadList(leads.list(user.areaId())));
    }
}
