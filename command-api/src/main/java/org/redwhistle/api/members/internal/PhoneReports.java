package org.redwhistle.api.members.internal;

import java.time.Instant;
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
import org.redwhistle.geo.responders.ResponderLocator;
import org.redwhistle.geo.responders.ResponderState;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/**
 * What a patrol member sends from the phone besides positions: an SOS (a CRITICAL {@code patrol.sos}
 * alarm at their place; they are marked busy so a dispatch goes to others). Leads (线索) are the leads
 * module's ({@code POST /api/v1/members/me/leads}).
 */
@RestController
public class PhoneReports {

    private final Members members;
    private final SosAlarms alarms;
    private final AuditLog audit;
    private final Blocking blocking;
    private final ResponderLocator responders;

    public PhoneReports(Members members, SosAlarms alarms, AuditLog audit, Blocking blocking,
            ResponderLocator responders) {
        this.members = members;
        this.alarms = alarms;
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
}
