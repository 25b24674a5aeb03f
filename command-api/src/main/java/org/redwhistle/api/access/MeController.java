package org.redwhistle.api.access;

import java.util.ArrayList;
import java.util.List;

import org.redwhistle.api.Blocking;
import org.redwhistle.api.security.CurrentUser;
import org.redwhistle.api.units.Department;
import org.redwhistle.api.units.Departments;
import org.redwhistle.geo.area.AreaDirectory;
import org.redwhistle.geo.area.AreaRef;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/**
 * Who the caller is and what the policy lets them do, so a page shows each role only the work it
 * may do (and says so when it is the wrong page for the role), and names the unit the caller works for.
 */
@RestController
public class MeController {

    private final AreaDirectory areas;
    private final Departments departments;
    private final Blocking blocking;

    public MeController(AreaDirectory areas, Departments departments, Blocking blocking) {
        this.areas = areas;
        this.departments = departments;
        this.blocking = blocking;
    }

    /** One permission the caller holds and how far it reaches. */
    public record Grant(String permission, String label, String does, String scope, String scopeLabel) {
    }

    /**
     * The caller, with every permission they hold, and their unit: {@code areaName} and {@code areaLevel}
     * (DISTRICT, STREET, COMMUNITY or GRID) of their area, {@code dutyUnit} the unit on duty there
     * (奎文区社会治理服务中心, 广文街道综治中心, …); for a DEPARTMENT account its {@code department} (code),
     * {@code departmentName} and {@code departmentShortName}. Null where the caller has none (an administrator's area).
     */
    public record Me(long id, String username, String role, String roleLabel, Long areaId, List<Grant> permissions, String areaName,
            String areaLevel, String dutyUnit, String department, String departmentName, String departmentShortName) {
    }

    @GetMapping("/api/v1/me")
    public Mono<Me> me(Caller caller) {
        CurrentUser u = caller.user();
        List<Grant> grants = new ArrayList<>();
        for (Permission p : Permission.values()) {
            AccessPolicy.scope(u.role(), p).ifPresent(s -> grants.add(new Grant(p.key(), p.label(), p.does(), s.name(), s.chinese())));
        }
        return blocking.call(() -> {
            AreaRef area = u.areaId() == null ? null : areas.all().get(u.areaId());
            String duty = area == null ? null : areas.dutyUnit(area.id()).orElse(null);
            Department d = departments.of(u.id()).orElse(null);
            return new Me(u.id(), u.username(), u.role().name(), u.role().label(), u.areaId(), grants, area == null ? null : area.name(),
                    area == null ? null : area.level().name(), duty, d == null ? null : d.code(), d == null ? null : d.name(),
                    d == null ? null : d.shortName());
        });
    }
}
