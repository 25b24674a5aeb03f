package org.redwhistle.api.access;

import java.util.ArrayList;
import java.util.List;

import org.redwhistle.api.Blocking;
import org.redwhistle.api.security.Role;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/**
 * Who the caller is and what the policy lets them do, so a page shows each role only the work it
 * may do (and says so when it is the wrong page for the role).
 */
@RestController
public class MeController {

    /** One permission the caller holds and how far it reaches. */
    public record Grant(String permission, String label, String does, String scope, String scopeLabel) {
    }

    /**
     * The caller, with every permission they hold; {@code department} the department a DEPARTMENT account
     * works for (null for every other account).
     */
    public record Me(long id, String username, String role, String roleLabel, Long areaId, List<Grant> permissions,
            Workplaces.UserDepartment department) {
    }

    private final Workplaces workplaces;
    private final Blocking blocking;

    public MeController(Workplaces workplaces, Blocking blocking) {
        this.workplaces = workplaces;
        this.blocking = blocking;
    }

    @GetMapping("/api/v1/me")
    public Mono<Me> me(Caller caller) {
        List<Grant> grants = new ArrayList<>();
        for (Permission p : Permission.values()) {
            AccessPolicy.scope(caller.user().role(), p).ifPresent(s -> grants.add(new Grant(p.key(), p.label(), p.does(), s.name(), s.chinese())));
        }
        var u = caller.user();
        if (u.role() != Role.DEPARTMENT) {
            return Mono.just(new Me(u.id(), u.username(), u.role().name(), u.role().label(), u.areaId(), grants, null));
        }
        return blocking.call(() -> new Me(u.id(), u.username(), u.role().name(), u.role().label(), u.areaId(), grants,
                workplaces.departmentOf(u.id()).orElse(null)));
    }
}
