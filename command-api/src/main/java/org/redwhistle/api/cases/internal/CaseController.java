package org.redwhistle.api.cases.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.redwhistle.api.access.Caller;
import org.redwhistle.api.access.AccessPolicy;
import org.redwhistle.api.access.Permission;
import org.redwhistle.api.access.Scope;
import org.redwhistle.api.Blocking;
import org.redwhistle.api.calendar.WorkingCalendar;
import org.redwhistle.api.cases.CaseAction;
import org.redwhistle.api.cases.CaseLevel;
import org.redwhistle.api.cases.CasePage;
import org.redwhistle.api.cases.CaseQuery;
import org.redwhistle.api.cases.CaseStatus;
import org.redwhistle.api.cases.CaseView;
import org.redwhistle.api.cases.Cases;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.errors.Params;
import org.redwhistle.api.errors.Refuses;
import org.redwhistle.api.geo.Crs;
import org.redwhistle.api.security.CurrentUser;
import org.redwhistle.devices.contract.CoordinateSystem;
import org.redwhistle.geo.crs.ChineseCoordinates;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/** 小红哨 cases: a resident's request, the list and detail (with the timeline and deadlines), and the workflow actions. */
@RestController
@RequestMapping("/api/v1/cases")
public class CaseController {

    private final Cases cases;
    private final Blocking blocking;
    private final Clock clock;

    public CaseController(Cases cases, Blocking blocking, Clock clock) {
        this.cases = cases;
        this.blocking = blocking;
        this.clock = clock;
    }

    /**
     * A request: text, category, place in any supported coordinate system, and {@code photos}: the
     * urls POST /api/v1/case-photos returned for the caller's own uploads (at most 9).
     */
    public record NewCaseBody(String type, String category, String description, List<String> photos, Double lon, Double lat, String crs) {
    }

    @Refuses(status = 422, when = "the working calendar of a year the deadlines need is not loaded; or photos[i] is not an upload of "
            + "the caller's waiting to be attached")
    @Refuses(status = 422, when = "category is not an active code of the catalogue (GET /api/v1/case-categories)")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<CaseView> submit(Caller caller, @RequestBody NewCaseBody b) {
        CurrentUser user = caller.user();
        if (b.description() == null || b.description().isBlank() || b.description().length() > 2000) {
            throw ApiException.badField("description", "is required, at most 2,000 characters");
        }
        if (b.category() == null || b.category().isBlank()) {
            throw ApiException.badField("category", "is required: a code of the catalogue (GET /api/v1/case-categories), e.g. ENV");
        }
        CasePhotoAttachments.uploadsOnly("photos", b.photos() == null ? List.of() : b.photos());
        Crs.checkLonLat(b.lon(), b.lat());
        CoordinateSystem crs = Crs.parse("crs", b.crs());
        ChineseCoordinates.LonLat p = Crs.toWgs84(crs, b.lon(), b.lat());
        String channel = caller.is(Scope.OWN) ? "APP" : "OPERATOR";
        // the category decides the type (and so the escalation chain); only those who handle cases may choose another
        boolean mayChooseType = AccessPolicy.scope(user.role(), Permission.CASES_HANDLE).isPresent();
        String type = !mayChooseType || b.type() == null || b.type().isBlank() ? null : b.type();
        return blocking.call(() -> cases.submit(user, new Cases.NewCase(type, b.category(), b.description(),
                b.photos() == null ? List.of() : b.photos(), p.lon(), p.lat(), channel), clock.instant()));
    }

    /**
     * The cases the caller may see, newest first by submission (then id), filtered: {@code status} and
     * {@code level} one or more enum names, comma-separated; {@code overdue} true or false by
     * {@link org.redwhistle.api.cases.Overdue}; {@code area} an area id on the case's path (street, community or grid), inside
     * the caller's; {@code from}/{@code to} the submission period [from, to), each an ISO instant or an
     * ISO date (Asia/Shanghai midnight); {@code category} a catalogue code; {@code department} a department's
     * code (the cases routed to it); {@code q} a part of the ref
     * or the description. {@code limit} rows a page (1 to 1,000, 100); {@code cursor} the previous
     * page's {@code nextCursor}.
     */
    @Refuses(status = 404, when = "area is not an area of the platform (an area outside the caller's is refused with 403)")
    @GetMapping
    public Mono<CasePage> list(Caller caller, @RequestParam(required = false) String status, @RequestParam(required = false) String level,
            @RequestParam(required = false) String overdue, @RequestParam(required = false) String area,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String category, @RequestParam(required = false) String department,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String cursor, @RequestParam(defaultValue = "100") int limit) {
        CurrentUser user = caller.user();
        if (limit < 1 || limit > 1000) {
            throw ApiException.badField("limit", "must be from 1 to 1000");
        }
        Instant start = blank(from) ? null : Params.instantOrDate("from", from, WorkingCalendar.CHINA);
        Instant end = blank(to) ? null : Params.instantOrDate("to", to, WorkingCalendar.CHINA);
        if (start != null && end != null && !start.isBefore(end)) {
            throw ApiException.badField("from", "must be before to");
        }
        if (!blank(q) && q.strip().length() > 100) {
            throw ApiException.badField("q", "at most 100 characters");
        }
        CaseQuery query = new CaseQuery(Params.enumValues(CaseStatus.class, "status", status), Params.enumValues(CaseLevel.class, "level", level),
                blank(overdue) ? null : Params.bool("overdue", overdue), blank(area) ? null : Params.id("area", area), start, end,
                blank(category) ? null : category.strip(), blank(department) ? null : department.strip(), blank(q) ? null : q.strip(),
                blank(cursor) ? null : CaseQuery.Cursor.parse("cursor", cursor.strip()), limit);
        return blocking.call(() -> cases.list(user, query, clock.instant()));
    }

    private static boolean blank(String v) {
        return v == null || v.isBlank();
    }

    @GetMapping("/{id}")
    public Mono<CaseView> get(Caller caller, @PathVariable long id) {
        CurrentUser user = caller.user();
        return blocking.call(() -> cases.visible(user, id).orElseThrow(() -> ApiException.notFound("case " + id)));
    }

    /** 接单: the unit holding the case takes it. */
    @Refuses(status = 409, when = "the case is not in a status this action needs")
    @PostMapping("/{id}/take")
    public Mono<CaseView> take(Caller caller, @PathVariable long id, @RequestBody(required = false) Cases.Action body) {
        return act(caller, id, CaseAction.TAKE, body);
    }

    /**
     * Assigns a grid worker ({@code assignee}); or, by the district center, routes the case to departments
     * ({@code assignments}: one lead and co-handlers, each with its own limit), again after a send-back.
     */
    @Refuses(status = 409, when = "the case is not in a status this action needs")
    @PostMapping("/{id}/assign")
    public Mono<CaseView> assign(Caller caller, @PathVariable long id, @RequestBody(required = false) Cases.Action body) {
        return act(caller, id, CaseAction.ASSIGN, body);
    }

    /** Moves the case up its type's chain, with the reason ({@code note}). */
    @Refuses(status = 409, when = "the case is not in a status this action needs, or at the top of its chain")
    @PostMapping("/{id}/escalate")
    public Mono<CaseView> escalate(Caller caller, @PathVariable long id, @RequestBody(required = false) Cases.Action body) {
        return act(caller, id, CaseAction.ESCALATE, body);
    }

    /** 复杂疑难: the resolution deadline becomes 5 working days. */
    @Refuses(status = 409, when = "the case is not in a status this action needs")
    @PostMapping("/{id}/complex")
    public Mono<CaseView> complex(Caller caller, @PathVariable long id, @RequestBody(required = false) Cases.Action body) {
        return act(caller, id, CaseAction.COMPLEX, body);
    }

    /**
     * The assignee (or a department at the departments' level) reports what was done, with
     * {@code photos} (urls of their uploads) taken before or after the work ({@code photoStage}).
     */
    @Refuses(status = 409, when = "the case is not in a status this action needs")
    @Refuses(status = 422, when = "photos[i] is not an upload of the caller's waiting to be attached")
    @PostMapping("/{id}/report")
    public Mono<CaseView> report(Caller caller, @PathVariable long id, @RequestBody(required = false) Cases.Action body) {
        return act(caller, id, CaseAction.REPORT, body);
    }

    /** 群众评事: the resident who filed the case evaluates it. */
    @Refuses(status = 409, when = "the case is not in a status this action needs")
    @PostMapping("/{id}/evaluate")
    public Mono<CaseView> evaluate(Caller caller, @PathVariable long id, @RequestBody(required = false) Cases.Action body) {
        return act(caller, id, CaseAction.EVALUATE, body);
    }

    /** 撤回: the resident who filed the case, while nobody has taken it; {@code note} optional. */
    @Refuses(status = 409, when = "the case is no longer DISPATCHED (its unit has taken it)")
    @PostMapping("/{id}/withdraw")
    public Mono<CaseView> withdraw(Caller caller, @PathVariable long id, @RequestBody(required = false) Cases.Action body) {
        return act(caller, id, CaseAction.WITHDRAW, body);
    }

    /** 不予受理: the unit holding the case declines it; {@code note} is the reason, required, shown to the resident. */
    @Refuses(status = 409, when = "the case is not in a status this action needs")
    @PostMapping("/{id}/reject")
    public Mono<CaseView> reject(Caller caller, @PathVariable long id, @RequestBody(required = false) Cases.Action body) {
        return act(caller, id, CaseAction.REJECT, body);
    }

    /**
     * 退回: a department holding the case (at the departments' level) sends back its part as a wrong
     * assignment; {@code note} is the reason, required. The district center must route it again within
     * one working day.
     */
    @Refuses(status = 409, when = "the case is not ASSIGNED to departments")
    @PostMapping("/{id}/send-back")
    public Mono<CaseView> sendBack(Caller caller, @PathVariable long id, @RequestBody(required = false) Cases.Action body) {
        return act(caller, id, CaseAction.SEND_BACK, body);
    }

    /** 批示: a leader's written instruction ({@code note}) on an open case; pushed to the unit holding it on /user/queue/alerts. */
    @Refuses(status = 409, when = "the case is no longer open")
    @PostMapping("/{id}/instruct")
    public Mono<CaseView> instruct(Caller caller, @PathVariable long id, @RequestBody(required = false) Cases.Action body) {
        return act(caller, id, CaseAction.INSTRUCT, body);
    }

    /** Where a duplicate goes: {@code into} the id of an open case in the caller's reach; {@code note} optional. */
    public record MergeBody(Long into, String note) {
    }

    /** 合并: the unit holding the case merges it, a duplicate, into an open case; its resident then follows that case. */
    @Refuses(status = 409, when = "the case is not in a status this action needs, or the case named by into is no longer open")
    @PostMapping("/{id}/merge")
    public Mono<CaseView> merge(Caller caller, @PathVariable long id, @RequestBody(required = false) MergeBody body) {
        if (body == null || body.into() == null) {
            throw ApiException.badField("into", "is required: the id of the open case this one duplicates");
        }
        return blocking.call(() -> cases.merge(caller.user(), id, body.into(), body.note(), clock.instant()));
    }

    /** 催办: the resident who filed the case, once a deadline in force has passed, at most once a day. */
    @Refuses(status = 409, when = "no deadline in force has passed yet, or the case is not in a status this action needs")
    @Refuses(status = 429, when = "the resident already reminded the unit today (Asia/Shanghai); Retry-After says when the next day starts")
    @PostMapping("/{id}/remind")
    public Mono<CaseView> remind(Caller caller, @PathVariable long id) {
        return act(caller, id, CaseAction.REMIND, null);
    }

    private Mono<CaseView> act(Caller caller, long id, CaseAction action, Cases.Action body) {
        Cases.Action in = body == null ? Cases.Action.NONE : body;
        return blocking.call(() -> cases.act(caller.user(), id, action, in, clock.instant()));
    }
}
