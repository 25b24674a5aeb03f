package org.redwhistle.api.alliance.internal;

import java.util.List;

import org.redwhistle.api.Blocking;
import org.redwhistle.api.access.Caller;
import org.redwhistle.api.alliance.MembershipStatus;
import org.redwhistle.api.alliance.Trade;
import org.redwhistle.api.alliance.internal.AllianceViews.AllianceMemberRecord;
import org.redwhistle.api.alliance.internal.AllianceViews.AllianceMember;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.errors.Refuses;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/**
 * The 平安联盟's members over REST: a resident's own application, the police's entry for someone, the list and a
 * member's record, the steps of vetting, suspension, reinstatement and leaving, the badge's reissue, and a patrol
 * member's own membership. The steps are {@link Enrolment}'s; who reaches whom is {@link AllianceAccess}'s.
 */
@RestController
public class MembersController {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    private final Enrolment enrolment;
    private final AllianceStore store;
    private final AllianceAccess access;
    private final AllianceViews views;
    private final Blocking blocking;

    public MembersController(Enrolment enrolment, AllianceStore store, AllianceAccess access, AllianceViews views, Blocking blocking) {
        this.enrolment = enrolment;
        this.store = store;
        this.access = access;
        this.views = views;
        this.blocking = blocking;
    }

    /** An application: who (ID number checked by GB 11643's rules), the trade (a code or its label) and the employer. */
    public record AllianceApplicationBody(String name, String phone, String idNumber, String trade, String employer) {
    }

    /** An application the police enter for someone, in an area inside theirs (default: their own). */
    public record AllianceEntryBody(String name, String phone, String idNumber, String trade, String employer, Long areaId) {
    }

    public record AllianceApplicationList(List<AllianceMemberRecord> items) {
    }

    @Refuses(status = 409, when = "an application is already waiting, or the person is already a member")
    @PostMapping("/api/v1/alliance/applications")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<AllianceMemberRecord> apply(Caller caller, @RequestBody AllianceApplicationBody b) {
        Enrolment.Form f = Enrolment.form(b.name(), b.phone(), b.idNumber(), b.trade(), b.employer());
        return blocking.call(() -> views.detail(store.byId(enrolment.applyAsResident(caller.user(), f)).orElseThrow()));
    }

    /** The caller's own application and membership, with its history (none: an empty list). */
    @GetMapping("/api/v1/alliance/applications/mine")
    public Mono<AllianceApplicationList> mine(Caller caller) {
        return blocking.call(() -> new AllianceApplicationList(store.byUser(caller.user().id()).map(views::detail).stream().toList()));
    }

    @Refuses(status = 409, when = "the person is already a member or has an application waiting")
    @PostMapping("/api/v1/alliance/members")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<AllianceMemberRecord> enter(Caller caller, @RequestBody AllianceEntryBody b) {
        Enrolment.Form f = Enrolment.form(b.name(), b.phone(), b.idNumber(), b.trade(), b.employer());
        return blocking.call(() -> views.detail(store.byId(enrolment.enter(caller, f, b.areaId())).orElseThrow()));
    }

    /** A page of members, newest first; {@code nextCursor} asks for the next page (null: none). */
    public record AllianceMemberPage(List<AllianceMember> items, Long nextCursor) {
    }

    /** The members the caller reaches, by team, trade (code or label), status (code or label) and a text in name, phone, badge number or employer. */
    @GetMapping("/api/v1/alliance/members")
    public Mono<AllianceMemberPage> list(Caller caller, @RequestParam(required = false) Long team, @RequestParam(required = false) String trade,
            @RequestParam(required = false) String status, @RequestParam(required = false) String q, @RequestParam(required = false) Long cursor,
            @RequestParam(required = false) Integer limit) {
        Trade t = trade == null || trade.isBlank() ? null
                : Trade.parse(trade).orElseThrow(() -> ApiException.badField("trade", "unknown trade " + trade));
        MembershipStatus s = status == null || status.isBlank() ? null
                : MembershipStatus.parse(status).orElseThrow(() -> ApiException.badField("status", "unknown status " + status));
        int n = limit == null ? DEFAULT_LIMIT : limit;
        if (n < 1 || n > MAX_LIMIT) {
            throw ApiException.badField("limit", "must be from 1 to " + MAX_LIMIT);
        }
        String text = q == null || q.isBlank() ? null : q.strip();
        return blocking.call(() -> {
            AllianceAccess.Reach r = access.reach(caller);
            List<AllianceStore.Row> rows = store.list(new AllianceStore.Filter(r.scope(), r.userId(), team, t, s, text, cursor, n + 1));
            Long next = rows.size() > n ? rows.get(n - 1).id() : null;
            return new AllianceMemberPage(rows.stream().limit(n).map(views::view).toList(), next);
        });
    }

    @GetMapping("/api/v1/alliance/members/{id}")
    public Mono<AllianceMemberRecord> get(Caller caller, @PathVariable long id) {
        return blocking.call(() -> views.detail(access.member(caller, id)));
    }

    /** The vetting: {@code approve} with the team to join, or not with the reason ({@code note}). */
    public record AllianceVetBody(Boolean approve, Long teamId, String note) {
    }

    /** The account an approval gave: its login name; {@code initialPassword} only when made now, shown this once. */
    public record AllianceAccount(String username, String initialPassword, boolean promoted) {
    }

    public record AllianceVetResult(AllianceMemberRecord record, AllianceAccount account) {
    }

    @Refuses(status = 409, when = "the membership is not an application waiting to be vetted, or the phone is a staff account's")
    @PostMapping("/api/v1/alliance/members/{id}/vet")
    public Mono<AllianceVetResult> vet(Caller caller, @PathVariable long id, @RequestBody AllianceVetBody b) {
        if (b.approve() == null) {
            throw ApiException.badField("approve", "请选择通过或不通过");
        }
        return blocking.call(() -> {
            var account = enrolment.vet(caller, id, b.approve(), b.teamId(), b.note())
                    .map(a -> new AllianceAccount(a.username(), a.initialPassword(), a.promoted())).orElse(null);
            return new AllianceVetResult(views.detail(store.byId(id).orElseThrow()), account);
        });
    }

    /** An account for a member in the register without one (imported or seeded): the initial password is shown this once. */
    @Refuses(status = 409, when = "the member is not in the register, or has an account already")
    @PostMapping("/api/v1/alliance/members/{id}/account")
    public Mono<AllianceAccount> openAccount(Caller caller, @PathVariable long id) {
        return blocking.call(() -> {
            Enrolment.Account a = enrolment.openAccount(caller, id);
            return new AllianceAccount(a.username(), a.initialPassword(), a.promoted());
        });
    }

    /** Why a membership changes (required to suspend or end one). */
    public record AllianceReasonBody(String reason) {
    }

    @Refuses(status = 409, when = "the member is not in the register (在册)")
    @PostMapping("/api/v1/alliance/members/{id}/suspend")
    public Mono<AllianceMemberRecord> suspend(Caller caller, @PathVariable long id, @RequestBody AllianceReasonBody b) {
        return blocking.call(() -> {
            enrolment.suspend(caller, id, b.reason());
            return views.detail(store.byId(id).orElseThrow());
        });
    }

    @Refuses(status = 409, when = "the member is not suspended")
    @PostMapping("/api/v1/alliance/members/{id}/reinstate")
    public Mono<AllianceMemberRecord> reinstate(Caller caller, @PathVariable long id, @RequestBody(required = false) AllianceReasonBody b) {
        return blocking.call(() -> {
            enrolment.reinstate(caller, id, b == null ? null : b.reason());
            return views.detail(store.byId(id).orElseThrow());
        });
    }

    @Refuses(status = 409, when = "the member is neither in the register nor suspended")
    @PostMapping("/api/v1/alliance/members/{id}/leave")
    public Mono<AllianceMemberRecord> leave(Caller caller, @PathVariable long id, @RequestBody AllianceReasonBody b) {
        return blocking.call(() -> {
            enrolment.leave(caller, id, b.reason());
            return views.detail(store.byId(id).orElseThrow());
        });
    }

    /** A new badge (a lost one, say): its QR code replaces the older ones, which show 已失效. */
    @Refuses(status = 409, when = "the member has no badge (not in the register or suspended)")
    @PostMapping("/api/v1/alliance/members/{id}/badge")
    public Mono<AllianceMemberRecord> reissue(Caller caller, @PathVariable long id, @RequestBody(required = false) AllianceReasonBody b) {
        return blocking.call(() -> {
            enrolment.reissue(caller, id, b == null ? null : b.reason());
            return views.detail(store.byId(id).orElseThrow());
        });
    }

    /** A patrol member's own membership, for their phone page and badge. */
    public record MyMembership(Long memberId, long allianceId, String name, String badgeNo, String badgeToken, String team, String ledBy,
            String trade, String tradeLabel, String status, String statusLabel, java.time.Instant since) {
    }

    @GetMapping("/api/v1/alliance/me")
    public Mono<MyMembership> me(Caller caller) {
        return blocking.call(() -> {
            AllianceStore.Row m = store.byUser(caller.user().id()).orElseThrow(() -> ApiException.notFound("an alliance membership of " + caller.user().username()));
            AllianceMember v = views.view(m);
            return new MyMembership(m.memberId(), m.id(), m.name(), m.badgeNo(), v.badgeToken(), m.teamName(), m.ledByName(), m.trade().name(),
                    m.trade().label(), m.status().name(), m.status().label(), m.since());
        });
    }
}
