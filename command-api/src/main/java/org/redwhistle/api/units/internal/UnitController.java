package org.redwhistle.api.units.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.redwhistle.api.Blocking;
import org.redwhistle.api.access.Caller;
import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.errors.Refuses;
import org.redwhistle.api.security.CurrentUser;
import org.redwhistle.api.security.Role;
import org.redwhistle.api.units.Department;
import org.redwhistle.api.users.UserAccount;
import org.redwhistle.api.users.UserAccountRepository;
import org.redwhistle.geo.area.AreaDirectory;
import org.redwhistle.geo.area.AreaLevel;
import org.redwhistle.geo.area.AreaRef;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/**
 * The district's organisation: {@code GET /api/v1/units} lists the units in the caller's reach — the
 * district center, streets, communities and grids (areas) and the departments — each with its kind in
 * words and its accounts per role; {@code /api/v1/departments} lists, adds and changes departments.
 */
@RestController
public class UnitController {

    private final DepartmentStore departments;
    private final AreaDirectory areas;
    private final Blocking blocking;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final UserAccountRepository users;

    public UnitController(DepartmentStore departments, AreaDirectory areas, Blocking blocking, TransactionTemplate tx, AuditLog audit,
            UserAccountRepository users) {
        this.users = users;
        this.departments = departments;
        this.areas = areas;
        this.blocking = blocking;
        this.tx = tx;
        this.audit = audit;
    }

    /**
     * One unit: {@code kind} DISTRICT_CENTER, STREET, COMMUNITY, GRID or DEPARTMENT with {@code kindLabel} in
     * words; {@code areaId} the area it serves; {@code shortName} a department's short name; {@code accounts} its enabled staff accounts per role (roles in words).
     */
    public record Unit(String kind, String kindLabel, Long areaId, Long parentAreaId, String code, String name, String shortName,
            Map<String, Long> accounts) {
    }

    public record Units(List<Unit> units) {
    }

    @GetMapping("/api/v1/units")
    public Mono<Units> units(Caller caller) {
        CurrentUser user = caller.user();
        return blocking.call(() -> {
            Map<Long, AreaRef> all = areas.all();
            Map<Long, Map<String, Long>> accounts = departments.accountsByArea();
            List<Unit> out = new ArrayList<>();
            all.values().stream().filter(a -> user.isAdmin() || AreaDirectory.chain(all, a.id()).stream().anyMatch(x -> java.util.Objects.equals(x.id(), user.areaId())))
                    .sorted(Comparator.comparing((AreaRef a) -> a.level().ordinal()).thenComparing(AreaRef::code))
                    .forEach(a -> out.add(new Unit(kind(a.level()), kindLabel(a.level()), a.id(), a.parentId(), a.code(), a.name(), null,
                            labelled(accounts.getOrDefault(a.id(), Map.of())))));
            Map<Long, Long> staff = departments.accounts();
            for (Department d : departments.all(user.isAdmin() ? null : user.areaId())) {
                out.add(new Unit("DEPARTMENT", "职能部门", d.areaId(), d.areaId(), d.code(), d.name(), d.shortName(),
                        Map.of(Role.DEPARTMENT.label(), staff.getOrDefault(d.id(), 0L))));
            }
            return new Units(out);
        });
    }

    /** The departments in the caller's reach (those of their area and those serving it), active and not. */
    public record DepartmentList(List<Department> items) {
    }

    @GetMapping("/api/v1/departments")
    public Mono<DepartmentList> list(Caller caller) {
        CurrentUser user = caller.user();
        return blocking.call(() -> new DepartmentList(departments.all(user.isAdmin() ? null : user.areaId())));
    }

    /**
     * A department as an administrator writes it; {@code areaCode} the district's (or a street's) area code;
     * {@code accounts} the user names of DEPARTMENT accounts that work for it (attached to it; leave out to keep them as they are).
     */
    public record DepartmentBody(String code, String name, String shortName, String areaCode, String phone, Boolean active, Integer sort,
            List<String> accounts) {
    }

    @Refuses(status = 409, when = "a department with this code or name exists")
    @PostMapping("/api/v1/departments")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<Department> create(Caller caller, @RequestBody DepartmentBody b) {
        if (b == null || b.code() == null || !b.code().matches("[A-Z][A-Z0-9_]{1,31}")) {
            throw ApiException.badField("code", "is required: 2–32 capital letters, digits or _, starting with a letter (e.g. HOUSING)");
        }
        return blocking.call(() -> tx.execute(s -> {
            if (departments.byCode(b.code()).isPresent()) {
                throw new ApiException(HttpStatus.CONFLICT, "Department exists", "a department with code " + b.code() + " exists",
                        List.of(new ApiException.FieldError("code", b.code())));
            }
            Department d = read(0, b.code(), b);
            requireUniqueName(d);
            long id = departments.insert(d);
            attach(id, b.accounts());
            audit.record(caller.user().username(), "department.created", "department", b.code(), null, Map.of("name", d.name()));
            return departments.byId(id).orElseThrow();
        }));
    }

    @PutMapping("/api/v1/departments/{code}")
    public Mono<Department> update(Caller caller, @PathVariable String code, @RequestBody DepartmentBody b) {
        if (b == null) {
            throw ApiException.badField("name", "is required");
        }
        return blocking.call(() -> tx.execute(s -> {
            Department old = departments.byCode(code).orElseThrow(() -> ApiException.notFound("department " + code));
            Department d = read(old.id(), code, b);
            requireUniqueName(d);
            departments.update(d);
            attach(old.id(), b.accounts());
            audit.record(caller.user().username(), "department.updated", "department", code, null,
                    Map.of("name", d.name(), "active", d.active()));
            return departments.byId(old.id()).orElseThrow();
        }));
    }

    private void requireUniqueName(Department d) {
        if (departments.all(null).stream().anyMatch(x -> x.id() != d.id() && x.name().equals(d.name()))) {
            throw new ApiException(HttpStatus.CONFLICT, "Department exists", "a department named " + d.name() + " exists",
                    List.of(new ApiException.FieldError("name", d.name())));
        }
    }

    /** Attaches DEPARTMENT accounts to the department (how an installation links the accounts it had before departments were data). */
    private void attach(long departmentId, List<String> accounts) {
        if (accounts == null) {
            return;
        }
        for (int i = 0; i < accounts.size(); i++) {
            String field = "accounts[" + i + "]";
            UserAccount u = users.findByUsername(accounts.get(i)).orElseThrow(() -> ApiException.badField(field, "no such user"));
            if (u.getRole() != Role.DEPARTMENT) {
                throw ApiException.badField(field, u.getUsername() + " is not a department's account (" + u.getRole().label() + ")");
            }
            u.setDepartmentId(departmentId);
            users.save(u);
        }
    }

    private Department read(long id, String code, DepartmentBody b) {
        if (b.name() == null || b.name().isBlank() || b.name().length() > 60) {
            throw ApiException.badField("name", "is required, at most 60 characters (e.g. 区住房和城乡建设局)");
        }
        String shortName = b.shortName() == null || b.shortName().isBlank() ? b.name().strip() : b.shortName().strip();
        if (shortName.length() > 20) {
            throw ApiException.badField("shortName", "at most 20 characters (e.g. 区住建局)");
        }
        if (b.areaCode() == null) {
            throw ApiException.badField("areaCode", "is required: the code of the district (or street) the department serves");
        }
        AreaRef area = areas.all().values().stream().filter(a -> a.code().equals(b.areaCode())).findFirst()
                .orElseThrow(() -> ApiException.badField("areaCode", "no area has code " + b.areaCode()));
        if (area.level() != AreaLevel.DISTRICT && area.level() != AreaLevel.STREET) {
            throw ApiException.badField("areaCode", "a department serves a district or a street, not a " + area.level());
        }
        if (b.phone() != null && !b.phone().matches("[0-9+\\-]{3,20}")) {
            throw ApiException.badField("phone", "digits, + and - only");
        }
        return new Department(id, code, b.name().strip(), shortName, area.id(), b.phone(), b.active() == null || b.active(),
                b.sort() == null ? 0 : b.sort());
    }

    private static String kind(AreaLevel level) {
        return level == AreaLevel.DISTRICT ? "DISTRICT_CENTER" : level.name();
    }

    private static String kindLabel(AreaLevel level) {
        return switch (level) {
            case DISTRICT -> "区社会治理服务中心";
            case STREET -> "街道";
            case COMMUNITY -> "社区";
            case GRID -> "网格";
        };
    }

    private static Map<String, Long> labelled(Map<String, Long> byRole) {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        byRole.forEach((role, n) -> out.put(Role.valueOf(role).label(), n));
        return out;
    }
}
