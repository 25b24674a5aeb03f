package org.redwhistle.api.access;

import java.util.ArrayList;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who the caller is and what the policy lets them do, so a page shows each role only the work it
 * may do (and says so when it is the wrong page for the role).
 */
@RestController
public class MeController {

    /** One permission the caller holds and how far it reaches. */
    public record Grant(String permission, String label, String does, String scope, String scopeLabel) {
    }

    /** The caller, with every permission they hold. */
    public record Me(long id, String username, String role, String roleLabel, Long areaId, List<Grant> permissions) {
    }

    @GetMapping("/api/v1/me")
    public Me me(Caller caller) {
        List<Grant> grants = new ArrayList<>();
        for (Permission p : Permission.values()) {
            AccessPolicy.scope(caller.user().role(), p).ifPresent(s -> grants.add(new Grant(p.key(), p.label(), p.does(), s.name(), s.chinese())));
        }
        var u = caller.user();
        return new Me(u.id(), u.username(), u.role().name(), u.role().label(), u.areaId(), grants);
    }
}
