package org.redwhistle.api.leads.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.redwhistle.api.Blocking;
import org.redwhistle.api.access.Caller;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.errors.Params;
import org.redwhistle.api.geo.Crs;
import org.redwhistle.api.leads.LeadStatus;
import org.redwhistle.api.leads.LeadView;
import org.redwhistle.api.leads.Leads;
import org.redwhistle.api.members.Members;
import org.redwhistle.api.security.CurrentUser;
import org.redwhistle.devices.contract.CoordinateSystem;
import org.redwhistle.geo.crs.ChineseCoordinates;
import org.redwhistle.geo.grid.GridChain;
import org.redwhistle.geo.grid.GridLocator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/**
 * Leads: a member sends one from the phone; police, the command center and leaders read those of their area,
 * a patrol member their own; the police review them, record the outcome, turn them into a case or an alarm.
 */
@RestController
public class LeadController {

    static final int MAX_LIMIT = 1000;

    private final Leads leads;
    private final Members members;
    private final GridLocator grids;
    private final Blocking blocking;
    private final Clock clock;

    public LeadController(Leads leads, Members members, GridLocator grids, Blocking blocking, Clock clock) {
        this.leads = leads;
        this.members = members;
        this.grids = grids;
        this.blocking = blocking;
        this.clock = clock;
    }

    /** Where and what: {@code text} (required) and a {@code photoUrl}; the place in any of the three coordinate systems. */
    public record LeadReport(Double lon, Double lat, String crs, String text, String photoUrl) {
    }

    /** The lead stored. */
    public record LeadSubmitted(long leadId) {
    }

    /** The leads the caller may read. */
    public record LeadList(List<LeadView> items) {
    }

    @PostMapping("/api/v1/members/me/leads")
    public Mono<LeadSubmitted> submit(Caller caller, @RequestBody LeadReport r) {
        CurrentUser user = caller.user();
        if (r.text() == null || r.text().isBlank() || r.text().length() > 2000) {
            throw ApiException.badField("text", "is required, at most 2,000 characters");
        }
        if (r.photoUrl() != null && (r.photoUrl().length() > 500 || !r.photoUrl().startsWith("http"))) {
            throw ApiException.badField("photoUrl", "must be an http(s) URL of at most 500 characters");
        }
        Crs.checkLonLat(r.lon(), r.lat());
        CoordinateSystem crs = Crs.parse("crs", r.crs());
        ChineseCoordinates.LonLat p = Crs.toWgs84(crs, r.lon(), r.lat());
        return blocking.call(() -> {
            var me = members.byUser(user.id()).orElseThrow(() -> ApiException.notFound("a member record for user " + user.username()));
            GridChain chain = grids.locate(p.lon(), p.lat()).orElse(null);
            List<Long> path = new ArrayList<>(chain != null ? chain.ids() : members.areaPath(me.id()));
            if (chain != null) {
                Collections.reverse(path); // root first
            }
            return new LeadSubmitted(leads.submit(user.username(), me.id(), r.text().strip(), r.photoUrl(), p.lon(), p.lat(), path, clock.instant()));
        });
    }

    @GetMapping("/api/v1/leads")
    public Mono<LeadList> list(Caller caller, @RequestParam(required = false) String status, @RequestParam(required = false) Integer year,
            @RequestParam(defaultValue = "500") int limit) {
        LeadStatus s = status == null || status.isBlank() ? null : Params.enumValue(LeadStatus.class, "status", status);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.badField("limit", "must be from 1 to " + MAX_LIMIT);
        }
        Instant[] span = year == null ? new Instant[] {null, null} : Funds.year(checkYear(year));
        return blocking.call(() -> new LeadList(leads.list(new Leads.Query(LeadScope.area(caller), LeadScope.member(caller, members), s, span[0],
                span[1], limit))));
    }

    @GetMapping("/api/v1/leads/{id}")
    public Mono<LeadView> one(Caller caller, @PathVariable long id) {
        return blocking.call(() -> visible(caller, id));
    }

    /** A review step: {@code status} REVIEWING (核实中), VALID (有效) or INVALID (无效); {@code note} what the check found (required to judge). */
    public record LeadReview(String status, String note) {
    }

    @PostMapping("/api/v1/leads/{id}/review")
    public Mono<LeadView> review(Caller caller, @PathVariable long id, @RequestBody LeadReview body) {
        LeadStatus to = Params.enumValue(LeadStatus.class, "status", body.status());
        if (to == LeadStatus.NEW) {
            throw ApiException.badField("status", "must be REVIEWING, VALID or INVALID");
        }
        if (body.note() != null && body.note().length() > 1000) {
            throw ApiException.badField("note", "is at most 1,000 characters");
        }
        return blocking.call(() -> {
            visible(caller, id);
            return leads.review(caller.user().username(), id, to, body.note(), clock.instant());
        });
    }

    /** What came of the lead: suspects caught (0 or more), property recovered (what, its value in yuan), anything else. */
    public record LeadOutcomeBody(Integer suspectsCaught, String propertyDescription, BigDecimal propertyValueYuan, String note) {
    }

    @PostMapping("/api/v1/leads/{id}/outcome")
    public Mono<LeadView> outcome(Caller caller, @PathVariable long id, @RequestBody LeadOutcomeBody body) {
        int caught = body.suspectsCaught() == null ? 0 : body.suspectsCaught();
        if (caught < 0 || caught > 1000) {
            throw ApiException.badField("suspectsCaught", "must be from 0 to 1000");
        }
        BigDecimal value = body.propertyValueYuan();
        if (value != null && (value.signum() < 0 || value.stripTrailingZeros().scale() > 2 || value.compareTo(new BigDecimal("100000000")) > 0)) {
            throw ApiException.badField("propertyValueYuan", "must be yuan from 0 to 100,000,000 with at most two decimals");
        }
        String what = blankToNull(body.propertyDescription());
        if (value != null && value.signum() > 0 && what == null) {
            throw ApiException.badField("propertyDescription", "is required with a property value: say what was recovered");
        }
        if (caught == 0 && what == null && blankToNull(body.note()) == null) {
            throw ApiException.badField("suspectsCaught", "an outcome needs suspects caught, property recovered or a note");
        }
        return blocking.call(() -> {
            visible(caller, id);
            return leads.outcome(caller.user().username(), id, new Leads.Outcome(caught, what, value, blankToNull(body.note())), clock.instant());
        });
    }

    /** Why the lead becomes a case or an alarm. */
    public record LeadConversion(String note) {
    }

    @PostMapping("/api/v1/leads/{id}/to-case")
    public Mono<LeadView> toCase(Caller caller, @PathVariable long id, @RequestBody(required = false) LeadConversion body) {
        return blocking.call(() -> {
            visible(caller, id);
            return leads.toCase(caller.user(), id, body == null ? null : body.note(), clock.instant());
        });
    }

    @PostMapping("/api/v1/leads/{id}/to-alarm")
    public Mono<LeadView> toAlarm(Caller caller, @PathVariable long id, @RequestBody(required = false) LeadConversion body) {
        return blocking.call(() -> {
            visible(caller, id);
            return leads.toAlarm(caller.user().username(), id, body == null ? null : body.note(), clock.instant());
        });
    }

    private LeadView visible(Caller caller, long id) {
        return leads.find(id).filter(l -> LeadScope.reaches(caller, members, l.areaPath(), l.memberId()))
                .orElseThrow(() -> ApiException.notFound("lead " + id));
    }

    static int checkYear(int year) {
        if (year < 2000 || year > 2200) {
            throw ApiException.badField("year", "must be from 2000 to 2200");
        }
        return year;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
