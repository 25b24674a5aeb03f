package org.redwhistle.api.registry.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.redwhistle.api.Blocking;
import org.redwhistle.api.access.Caller;
import org.redwhistle.api.access.Permission;
import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.errors.Params;
import org.redwhistle.api.errors.Refuses;
import org.redwhistle.api.registry.CivicRole;
import org.redwhistle.api.registry.Household;
import org.redwhistle.api.registry.Person;
import org.redwhistle.api.registry.internal.RegistryEditing.HouseholdBody;
import org.redwhistle.api.registry.internal.RegistryEditing.PersonBody;
import org.redwhistle.api.registry.internal.RegistryViews.AgentView;
import org.redwhistle.api.registry.internal.RegistryViews.GridCount;
import org.redwhistle.api.registry.internal.RegistryViews.HouseholdCard;
import org.redwhistle.api.registry.internal.RegistryViews.HouseholdPage;
import org.redwhistle.api.registry.internal.RegistryViews.HouseholdRow;
import org.redwhistle.api.registry.internal.RegistryViews.PersonView;
import org.redwhistle.api.registry.internal.RegistryViews.PersonalData;
import org.redwhistle.api.registry.internal.RegistryViews.RoleCount;
import org.redwhistle.api.registry.internal.RegistryViews.Roster;
import org.redwhistle.api.registry.internal.RegistryViews.Summary;
import org.redwhistle.geo.area.AreaRef;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import reactor.core.publisher.Mono;

/**
 * The ledger of households and people (户籍台账) of a village or community: lists, a household's card,
 * rosters by civic role, the caller's own household, the forms' writes, and the audited reveal of a
 * person's full personal data. Reads answer only what the caller reaches; ID numbers are masked.
 */
@RestController
public class RegistryController {

    private static final int MAX_LIMIT = 200;

    private final RegistryStore store;
    private final RegistryAccess access;
    private final RegistryEditing editing;
    private final Blocking blocking;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final AccountLinks links;

    public RegistryController(RegistryStore store, RegistryAccess access, RegistryEditing editing, Blocking blocking, TransactionTemplate tx,
            AuditLog audit, AccountLinks links) {
        this.links = links;
        this.store = store;
        this.access = access;
        this.editing = editing;
        this.blocking = blocking;
        this.tx = tx;
        this.audit = audit;
    }

    @Operation(summary = "The ledger at a glance: the village's grids with their households and people, the number of people per civic role, "
            + "and what the caller may see and do")
    @GetMapping("/api/v1/registry/summary")
    public Mono<Summary> summary(Caller caller, @Parameter(description = "the village or community; default the caller's") @RequestParam(required = false) Long areaId) {
        return blocking.call(() -> {
            AreaRef village = access.village(caller, areaId);
            Map<Long, int[]> counts = store.perGrid(village.id());
            List<GridCount> grids = new ArrayList<>();
            for (AreaRef g : access.grids(village.id())) {
                int[] c = counts.getOrDefault(g.id(), new int[2]);
                grids.add(new GridCount(g.id(), g.code(), g.name(), c[0], c[1]));
            }
            if (counts.containsKey(null)) {
                grids.add(new GridCount(null, null, "未划入网格", counts.get(null)[0], counts.get(null)[1]));
            }
            Map<CivicRole, Integer> byRole = store.roleCounts(village.id());
            List<RoleCount> roles = java.util.Arrays.stream(CivicRole.values()).map(r -> new RoleCount(r.name(), r.label(), byRole.getOrDefault(r, 0)))
                    .toList();
            RegistryAccess.Shown shown = access.shown(caller);
            return new Summary(village.id(), village.name(), village.code(), counts.values().stream().mapToInt(c -> c[0]).sum(),
                    counts.values().stream().mapToInt(c -> c[1]).sum(), grids, roles, shown.phones(), shown.personal(),
                    caller.scopeFor(Permission.REGISTRY_MANAGE).isPresent());
        });
    }

    @Operation(summary = "The households of a village or community the caller reaches, by 户号, a page at a time")
    @GetMapping("/api/v1/registry/households")
    public Mono<HouseholdPage> households(Caller caller,
            @Parameter(description = "the village or community; default the caller's") @RequestParam(required = false) Long areaId,
            @Parameter(description = "only this grid's households") @RequestParam(required = false) Long gridId,
            @Parameter(description = "matches 户号, address or a member's name") @RequestParam(required = false) String q,
            @Parameter(description = "at most this many (1–200, default 50)") @RequestParam(required = false) Integer limit,
            @Parameter(description = "skip this many (default 0)") @RequestParam(required = false) Integer offset) {
        int lim = limit == null ? 50 : limit;
        int off = offset == null ? 0 : offset;
        if (lim < 1 || lim > MAX_LIMIT) {
            throw ApiException.badField("limit", "应在 1 到 " + MAX_LIMIT + " 之间");
        }
        if (off < 0) {
            throw ApiException.badField("offset", "不能为负数");
        }
        if (q != null && q.length() > 50) {
            throw ApiException.badField("q", "最多 50 个字");
        }
        return blocking.call(() -> {
            AreaRef village = access.village(caller, areaId);
            Map<Long, String> gridNames = new java.util.HashMap<>();
            access.grids(village.id()).forEach(g -> gridNames.put(g.id(), g.name()));
            if (gridId != null && !gridNames.containsKey(gridId)) {
                throw ApiException.badField("gridId", "网格 " + gridId + " 不属于" + village.name());
            }
            Reach reach = access.reach(caller);
            RegistryAccess.Shown shown = access.shown(caller);
            List<HouseholdRow> rows = store.rows(village.id(), reach, gridId, q, lim, off).stream()
                    .map(r -> new HouseholdRow(r.id(), r.code(), r.address(), r.gridId(), r.gridId() == null ? null : gridNames.get(r.gridId()),
                            shown.phones() ? r.phone() : RegistryViews.maskedPhone(r.phone()), r.members(), r.head(), r.agent()))
                    .toList();
            return new HouseholdPage(rows, store.total(village.id(), reach, gridId, q), off, lim);
        });
    }

    @Operation(summary = "A household with its members (head first) and their civic roles, the members who left, its grid and its 代办员")
    @GetMapping("/api/v1/registry/households/{id}")
    public Mono<HouseholdCard> household(Caller caller, @PathVariable long id) {
        return blocking.call(() -> card(caller, access.household(caller, id)));
    }

    @Operation(summary = "The caller's own household, as the registry links their account to a person")
    @GetMapping("/api/v1/registry/me")
    public Mono<HouseholdCard> me(Caller caller) {
        return blocking.call(() -> {
            Person me = store.personOfUser(caller.user().id()).filter(p -> p.active() && p.householdId() != null)
                    .orElseThrow(() -> ApiException.notFound("your household (the registry links no household to your account)"));
            return card(caller, store.household(me.householdId()).orElseThrow());
        });
    }

    @Operation(summary = "A roster: the active people of a village or community holding a civic role, as far as the caller reaches")
    @GetMapping("/api/v1/registry/roster")
    public Mono<Roster> roster(Caller caller,
            @Parameter(description = "PARTY_MEMBER, COMMITTEE_MEMBER, REPRESENTATIVE, GRID_WORKER, MEDIATOR, PEACEMAKER, LEGAL_ADVISER or AGENT")
            @RequestParam(required = false) String role,
            @Parameter(description = "the village or community; default the caller's") @RequestParam(required = false) Long areaId) {
        if (role == null) {
            throw ApiException.badField("role", "必填：" + String.join("、", java.util.Arrays.stream(CivicRole.values()).map(CivicRole::name).toList()));
        }
        CivicRole r = Params.enumValue(CivicRole.class, "role", role);
        return blocking.call(() -> {
            AreaRef village = access.village(caller, areaId);
            RegistryAccess.Shown shown = access.shown(caller);
            Map<Long, String> codes = new java.util.HashMap<>();
            List<PersonView> people = store.roster(village.id(), r, access.reach(caller)).stream()
                    .map(p -> PersonView.of(p, code(codes, p.householdId()), shown)).toList();
            return new Roster(village.id(), r.name(), r.label(), people);
        });
    }

    @Operation(summary = "Reveals a person's full ID number, birth date and phone; every reveal is written to the audit log (who looked at whose data)")
    @PostMapping("/api/v1/registry/people/{id}/reveal")
    public Mono<PersonalData> reveal(Caller caller, @PathVariable long id) {
        return blocking.call(() -> tx.execute(s -> {
            Person p = access.person(caller, id);
            audit.record(caller.user().username(), "registry.person.revealed", "person", String.valueOf(id), "查看完整个人信息",
                    Map.of("name", p.name(), "fields", List.of("idNumber", "birthDate", "phone")));
            return new PersonalData(p.id(), p.name(), p.idNumber(), p.birthDate(), p.gender(), RegistryViews.genderLabel(p.gender()), p.phone());
        }));
    }

    @Operation(summary = "Adds a household to a village or community")
    @Refuses(status = 409, when = "户号 already used in the village")
    @PostMapping("/api/v1/registry/households")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<HouseholdCard> createHousehold(Caller caller, @RequestBody(required = false) HouseholdBody body) {
        HouseholdBody b = body == null ? new HouseholdBody(null, null, null, null, null, null) : body;
        return blocking.call(() -> tx.execute(s -> card(caller, store.household(editing.createHousehold(caller, b)).orElseThrow())));
    }

    @Operation(summary = "Changes a household (fields left out keep their value)")
    @Refuses(status = 409, when = "户号 already used in the village")
    @PutMapping("/api/v1/registry/households/{id}")
    public Mono<HouseholdCard> updateHousehold(Caller caller, @PathVariable long id, @RequestBody(required = false) HouseholdBody body) {
        HouseholdBody b = body == null ? new HouseholdBody(null, null, null, null, null, null) : body;
        return blocking.call(() -> tx.execute(s -> {
            editing.updateHousehold(caller, id, b);
            return card(caller, store.household(id).orElseThrow());
        }));
    }

    @Operation(summary = "Adds a person: into a household (householdId), or to a village's teams without one (areaId)")
    @Refuses(status = 409, when = "the ID number is registered for someone else in the village")
    @PostMapping("/api/v1/registry/people")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<PersonView> createPerson(Caller caller, @RequestBody(required = false) PersonBody body) {
        PersonBody b = body == null ? new PersonBody(null, null, null, null, null, null, null, null, null, null) : body;
        return blocking.call(() -> tx.execute(s -> view(caller, editing.createPerson(caller, b))));
    }

    @Operation(summary = "Changes a person: data, civic roles, household; active false when they moved away (fields left out keep their value)")
    @Refuses(status = 409, when = "the ID number is registered for someone else in the village")
    @PutMapping("/api/v1/registry/people/{id}")
    public Mono<PersonView> updatePerson(Caller caller, @PathVariable long id, @RequestBody(required = false) PersonBody body) {
        PersonBody b = body == null ? new PersonBody(null, null, null, null, null, null, null, null, null, null) : body;
        return blocking.call(() -> tx.execute(s -> {
            editing.updatePerson(caller, id, b);
            return view(caller, id);
        }));
    }

    /** The account to link a person to; null or blank unlinks them. */
    public record AccountBody(String username) {
    }

    @Operation(summary = "Links a person to their account (a villager's, a committee member's, a mediator's or a grid worker's of the same village), "
            + "or unlinks them with a null username; audited")
    @Refuses(status = 409, when = "the account is linked to another person")
    @PutMapping("/api/v1/registry/people/{id}/account")
    public Mono<PersonView> linkAccount(Caller caller, @PathVariable long id, @RequestBody(required = false) AccountBody body) {
        return blocking.call(() -> tx.execute(s -> {
            links.link(caller, id, body == null ? null : body.username());
            return view(caller, id);
        }));
    }

    private PersonView view(Caller caller, long id) {
        Person p = store.person(id).orElseThrow();
        return PersonView.of(p, p.householdId() == null ? null : store.household(p.householdId()).map(Household::code).orElse(null), access.shown(caller));
    }

    private HouseholdCard card(Caller caller, Household h) {
        RegistryAccess.Shown shown = access.shown(caller);
        AgentView agent = h.agentId() == null ? null : store.person(h.agentId())
                .map(a -> new AgentView(a.id(), a.name(), shown.phones() ? a.phone() : RegistryViews.maskedPhone(a.phone()))).orElse(null);
        AreaRef area = access.area(h.areaId());
        return new HouseholdCard(h.id(), h.areaId(), area == null ? null : area.name(), h.code(), h.address(), h.gridId(), gridName(h.gridId()),
                shown.phones() ? h.phone() : RegistryViews.maskedPhone(h.phone()), agent,
                store.members(h.id()).stream().map(p -> PersonView.of(p, h.code(), shown)).toList(),
                store.formerMembers(h.id()).stream().map(p -> PersonView.of(p, h.code(), shown)).toList());
    }

    private String gridName(Long gridId) {
        if (gridId == null) {
            return null;
        }
        AreaRef g = access.area(gridId);
        return g == null ? null : g.name();
    }

    private String code(Map<Long, String> codes, Long householdId) {
        return householdId == null ? null : codes.computeIfAbsent(householdId, id -> store.household(id).map(Household::code).orElse(null));
    }
}
