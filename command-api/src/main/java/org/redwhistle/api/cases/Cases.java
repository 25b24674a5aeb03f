package org.redwhistle.api.cases;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.redwhistle.api.access.AccessPolicy;
import org.redwhistle.api.access.Permission;
import org.redwhistle.api.access.Scope;
import org.redwhistle.api.areas.AreaScope;
import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.calendar.WorkingCalendar;
import org.redwhistle.api.cases.internal.CaseDeadlines;
import org.redwhistle.api.cases.internal.CaseHandling;
import org.redwhistle.api.cases.internal.CasePhotoAttachments;
import org.redwhistle.api.cases.internal.CaseNotes;
import org.redwhistle.api.cases.internal.CaseStore;
import org.redwhistle.api.cases.internal.CaseType;
import org.redwhistle.api.cases.internal.CaseTypeStore;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.security.CurrentUser;
import org.redwhistle.geo.area.AreaLevel;
import org.redwhistle.geo.area.AreaRef;
import org.redwhistle.geo.grid.GridChain;
import org.redwhistle.geo.grid.GridLocator;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * The 小红哨 workflow (DOMAIN.md): a resident blows the whistle → the platform accepts it and
 * dispatches it (派单) to the community whose grid holds the place → the community takes it (接单)
 * and assigns a grid worker → the worker reports → the resident evaluates; unresolved or
 * dissatisfied sends it back for rework. What a community cannot solve it escalates along the case
 * type's chain (community → district center → departments, which must report → leaders; or the
 * village mediation chain). Deadlines are working days on the official calendar: take within 1,
 * resolve within 3, complex within 5. Every step is a timeline entry and an audit record, in the
 * same transaction, and a {@link CaseView.CaseChanged} after it.
 */
@Service
public class Cases {

    private static final ZoneId CHINA = WorkingCalendar.CHINA;

    private final CaseStore store;
    private final CaseTypeStore types;
    private final CaseCategories categories;
    private final CaseHandling handling;
    private final CaseDeadlines deadlines;
    private final TransactionTemplate tx;
    private final GridLocator grids;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final CasePhotoAttachments photos;
    private final AreaScope areas;

    public Cases(CaseStore store, CaseTypeStore types, CaseCategories categories, CaseHandling handling, CaseDeadlines deadlines, TransactionTemplate tx, GridLocator grids,
            AuditLog audit, ApplicationEventPublisher events, JsonMapper json, CasePhotoAttachments photos, AreaScope areas) {
        this.areas = areas;
        this.photos = photos;
        this.store = store;
        this.types = types;
        this.categories = categories;
        this.handling = handling;
        this.deadlines = deadlines;
        this.tx = tx;
        this.grids = grids;
        this.audit = audit;
        this.events = events;
        this.json = json;
    }

    /**
     * A new request, already converted to WGS-84. {@code category} is an active code of the catalogue;
     * {@code type} null takes the category's case type.
     * {@code photos}: urls of the user's uploads ({@link CasePhotos}), attached as SUBMITTED photos,
     * or links to pictures elsewhere (Open311's {@code media_url}), kept as they are.
     */
    public record NewCase(String type, String category, String description, List<String> photos, double lon, double lat, String channel) {
    }

    /**
     * An action's input; which fields matter depends on the action. The report's {@code photos} are
     * urls of the reporter's uploads, attached at {@code photoStage} (BEFORE or AFTER the work; AFTER
     * when absent); no other action takes photos. {@code assignments}: the departments the district center
     * routes the case to (多部门联办), one of them the lead.
     */
    public record Action(String assignee, List<DepartmentAssignment> assignments, String note, Boolean resolved, String satisfaction,
            Boolean complex, List<String> photos, String photoStage) {

        public static final Action NONE = new Action(null, null, null, null, null, null, null, null);
    }

    /**
     * One department of a joint routing: its {@code department} code (GET /api/v1/departments), whether it
     * leads ({@code lead}; a single department leads without saying so), and its own limit in working days
     * ({@code workingDays}, 1–30; the resolve limit, 3 or 5 when complex, when absent).
     */
    public record DepartmentAssignment(String department, Boolean lead, Integer workingDays) {
    }

    public CaseView submit(CurrentUser user, NewCase c, Instant now) {
        GridChain chain = grids.locate(c.lon(), c.lat())
                .orElseThrow(() -> ApiException.badField("lon", "the place is not inside any grid of the platform"));
        // the policy's cases.file: in their area (operators, grid workers, patrol members), anywhere for a resident's own
        // request; an Open311 client files inside its key's area
        Scope filing = AccessPolicy.scope(user.role(), Permission.CASES_FILE).orElse(Scope.AREA);
        boolean areaBound = filing == Scope.AREA || "OPEN311".equals(c.channel());
        if (!user.isAdmin() && areaBound && !user.covers(chain.ids())) {
            throw ApiException.badField("lon", "the place is outside your area");
        }
        CaseCategory category = categories.activeByCode(c.category()).orElseThrow(() -> new ApiException(HttpStatus.UNPROCESSABLE_CONTENT,
                "Unknown category", "category: " + c.category() + " is not an active category of the catalogue (GET /api/v1/case-categories)",
                List.of(new ApiException.FieldError("category", "must be an active catalogue code, e.g. ENV"))));
        String typeCode = c.type() == null ? category.caseType() : c.type();
        CaseType type = types.find(typeCode).orElseThrow(() -> ApiException.badField("type", "is not a case type (GENERAL, MEDIATION, …)"));
        Long community = chain.areas().stream().filter(a -> a.level() == AreaLevel.COMMUNITY).map(AreaRef::id).findFirst().orElse(null);
        WorkingCalendar.Deadline acceptDue = deadlines.accept(now);
        WorkingCalendar.Deadline resolveDue = deadlines.resolve(now, false);
        List<Long> path = new ArrayList<>(chain.ids());
        Collections.reverse(path); // root first, like area.path
        CasePhotoAttachments.Split pictures = CasePhotoAttachments.split(c.photos());
        long id = tx.execute(s -> {
            String ref = "XHS-" + now.atZone(CHINA).toLocalDate().toString().replace("-", "") + "-" + String.format("%06d", store.nextRefNumber());
            long created = store.insert(new CaseStore.NewRow(ref, typeCode, category.code(), c.description(), json.writeValueAsString(pictures.links()),
                    c.lon(), c.lat(), chain.grid().id(), community, path, user.id(), c.channel(), CaseStatus.DISPATCHED, type.first(), now,
                    acceptDue, resolveDue));
            photos.attach("photos", user, pictures.uploads(), created, PhotoStage.SUBMITTED);
            int pictured = pictures.uploads().size() + pictures.links().size();
            String unit = type.first().isDistrictSide() || community == null ? type.first().label()
                    : chain.areas().stream().filter(a -> a.id() == community).map(AreaRef::name).findFirst().orElse(type.first().label());
            store.step(created, user.username(), "submit", CaseStatus.DISPATCHED, type.first(), "受理" + category.name() + "诉求，派单至" + unit
                    + "（" + chain.grid().name() + "）：请于 " + CaseNotes.time(acceptDue.at()) + " 前接单，" + CaseNotes.time(resolveDue.at()) + " 前办结"
                    + (acceptDue.provisional() || resolveDue.provisional() ? "（时限按法定节假日暂定）" : "")
                    + (pictured > 0 ? "；附现场照片 " + pictured + " 张" : ""), now);
            audit.record(user.username(), "case.submitted", "case", String.valueOf(created), null,
                    Map.of("ref", ref, "type", typeCode, "category", category.code(), "photos", pictured));
            return created;
        });
        return publish(id);
    }

    private CaseView publish(long id) {
        CaseView v = find(id, true).orElseThrow();
        events.publishEvent(v.changed(store.followers(id), handling.departmentAccounts(v)));
        return v;
    }

    /** Announces the case as it is now (a {@link CaseView.CaseChanged}), after a change made outside {@link #act}: supervision, auto-close, a recount. */
    public void announce(long id) {
        publish(id);
    }

    /** Links the case to the alarm it was made from (an alarm turned into a case). */
    public void linkAlarm(long caseId, long alarmId) {
        store.linkAlarm(caseId, alarmId);
    }

    public Optional<CaseView> find(long id, boolean withTimeline) {
        return store.find(id, withTimeline);
    }

    /**
     * A page of the cases the user may see, by the policy's cases.read: their own (residents, Open311
     * clients), their area's and those assigned to them, or all; nothing without it. Narrowed by
     * {@code q}; its area must be known (404) and, for those who see an area's cases, inside theirs
     * (403); its category a code of the catalogue (400). {@code now} decides {@link Overdue}.
     */
    public CasePage list(CurrentUser user, CaseQuery q, Instant now) {
        Scope reach = AccessPolicy.scope(user.role(), Permission.CASES_READ).orElse(null);
        if (reach == null || reach == Scope.SHARED) {
            return new CasePage(List.of(), null);
        }
        if (q.areaId() != null) {
            if (grids.chainOf(q.areaId()).isEmpty()) {
                throw ApiException.notFound("area " + q.areaId());
            }
            if (reach == Scope.AREA) {
                areas.requireInside(user, q.areaId());
            }
        }
        if (q.department() != null && !handling.isDepartment(q.department())) {
            throw ApiException.badField("department", "is not a department's code (GET /api/v1/departments), e.g. HOUSING");
        }
        if (q.category() != null && categories.byCode(q.category()).isEmpty()) {
            throw ApiException.badField("category", "is not a code of the catalogue (GET /api/v1/case-categories), e.g. ENV");
        }
        // a department's accounts list the cases routed to their department (an account of no department: its area's)
        Optional<Long> department = user.role() == org.redwhistle.api.security.Role.DEPARTMENT
                ? handling.departmentOf(user) : Optional.empty();
        CaseStore.Reach rows = switch (reach) {
            case ALL -> CaseStore.Reach.ALL;
            case OWN -> CaseStore.Reach.OWN;
            default -> department.isPresent() ? CaseStore.Reach.DEPARTMENT : CaseStore.Reach.AREA;
        };
        CasePage page = store.list(q, rows, user.id(), department.orElse(user.areaId()), now);
        return reach == Scope.OWN ? new CasePage(page.items().stream().map(c -> c.asSeenByResident(user.username())).toList(), page.nextCursor())
                : page;
    }

    /** The case with its timeline as {@code user} may see it (a resident sees who filed it only when it was them); empty outside their reach. */
    public Optional<CaseView> visible(CurrentUser user, long id) {
        boolean own = AccessPolicy.scope(user.role(), Permission.CASES_READ).filter(r -> r == Scope.OWN).isPresent();
        return find(id, true).filter(c -> canSee(user, c)).map(c -> own ? c.asSeenByResident(user.username()) : c);
    }

    /** Whether the case is within the user's cases.read: their own, their area's or assigned to them, or all. */
    public boolean canSee(CurrentUser user, CaseView c) {
        return AccessPolicy.scope(user.role(), Permission.CASES_READ).map(reach -> switch (reach) {
            case ALL -> true;
            case OWN -> user.username().equals(c.reporter()) || store.followsMerged(c.id(), user.id());
            // a department's accounts see the cases routed to their department (a department-less account: its area's)
            case AREA -> user.role() == org.redwhistle.api.security.Role.DEPARTMENT ? handling.departmentSees(user, c)
                    : user.covers(c.areaPath()) || user.username().equals(c.assignee());
            case SHARED -> false;
        }).orElse(false);
    }

    /**
     * Who follows the case as its resident: its reporter and the reporters of the duplicates merged
     * into it (usernames), e.g. for pushing it to them.
     */
    public List<String> followers(long id) {
        return store.followers(id);
    }

    /**
     * 合并: ends the duplicate {@code id} in favour of the open case {@code into} in the user's reach;
     * both rows locked (in id order), both timelines noted, both changes published.
     */
    public CaseView merge(CurrentUser user, long id, long into, String note, Instant now) {
        find(id, false).filter(x -> canSee(user, x)).orElseThrow(() -> ApiException.notFound("case " + id));
        tx.executeWithoutResult(s -> {
            store.lockBoth(id, into);
            CaseView c = find(id, false).orElseThrow();
            CaseAction.MERGE.requireAllowedFrom(c.status());
            CaseView survivor = find(into, false).filter(x -> canSee(user, x))
                    .orElseThrow(() -> ApiException.badField("into", "case " + into + " does not exist or is outside your area"));
            handling.merge(user, c, survivor, note, now);
            store.bumpVersion(id);
            store.bumpVersion(into);
            audit.record(user.username(), "case." + CaseAction.MERGE.wire(), "case", String.valueOf(id), note,
                    Map.of("from", c.status().name(), "level", c.level().name(), "into", into, "intoRef", survivor.ref()));
        });
        publish(into);
        return publish(id);
    }

    /**
     * Takes {@code action} on the case as {@code user} at {@code now}: 404 outside the user's reach,
     * 409 when the action is not allowed at the case's status, then the action's own checks.
     */
    public CaseView act(CurrentUser user, long id, CaseAction action, Action in, Instant now) {
        find(id, false).filter(x -> canSee(user, x)).orElseThrow(() -> ApiException.notFound("case " + id));
        if (action != CaseAction.REPORT && in.photos() != null && !in.photos().isEmpty()) {
            throw ApiException.badField("photos", "only the report carries photos");
        }
        tx.executeWithoutResult(s -> {
            // one action at a time per case: lock it, then decide on what is there now
            store.lock(id);
            CaseView c = find(id, false).orElseThrow();
            action.requireAllowedFrom(c.status());
            if (action == CaseAction.MERGE || action == CaseAction.AUTO_CLOSE) {
                throw new IllegalArgumentException(action + " is taken through merge or the auto-close job");
            }
            handling.apply(action, user, c, in, now);
            store.bumpVersion(id);
            audit.record(user.username(), "case." + action.wire(), "case", String.valueOf(id), in.note(),
                    Map.of("from", c.status().name(), "level", c.level().name()));
        });
        CaseView v = publish(id);
        if (action == CaseAction.INSTRUCT) {
            events.publishEvent(new CaseInstructed(v.id(), v.ref(), v.holderName(), in.note().strip(), user.username(), now, handling.holders(v)));
        }
        // in a person's hands: assigned to them, or back to them after the resident's evaluation (rework)
        boolean rework = action == CaseAction.EVALUATE && v.status() == CaseStatus.ASSIGNED;
        if ((action == CaseAction.ASSIGN || rework) && v.assignee() != null) {
            events.publishEvent(new CaseAssigned(v.id(), v.ref(), v.categoryName() == null ? v.category() : v.categoryName(), v.description(),
                    v.assignee(), v.holderName(), now, v.resolveDue(), rework));
        }
        return v;
    }

    /**
     * A leader's instruction (批示) on a case, published after it was written: pushed on /user/queue/alerts
     * to {@code recipients}, the user ids of the unit holding the case (its operators, or the departments'
     * accounts while departments hold it).
     */
    public record CaseInstructed(long caseId, String ref, String holderName, String text, String by, Instant at, List<Long> recipients) {
    }

    /**
     * A case put in a person's hands (a grid worker), published after it was written: pushed on
     * /user/queue/alerts to {@code assignee} (their user name), who has no live feed of cases, so that
     * their phone notices the new work. {@code by} is the unit holding the case; {@code rework}: it came
     * back to them because the resident's evaluation said unresolved or dissatisfied (退回重办).
     */
    public record CaseAssigned(long caseId, String ref, String categoryName, String description, String assignee, String by, Instant at,
            Instant resolveDue, boolean rework) {
    }
}
