package org.redwhistle.api.registry.internal;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.redwhistle.api.access.Caller;
import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.registry.Person;
import org.redwhistle.api.security.Role;
import org.redwhistle.api.users.UserAccount;
import org.redwhistle.api.users.UserAccountRepository;
import org.redwhistle.geo.area.AreaDirectory;
import org.redwhistle.geo.area.AreaRef;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The committee links a person of its ledger to their account (or unlinks them): what makes a villager see their
 * own household, and a committee member, mediator or 代办员 receive their alerts. Only accounts that belong in a
 * village fit (residents, committees, the mediation team, grid workers), of the person's village; an account links
 * one person. Every link and unlink is audited, naming the account by its display name, never by a resident's
 * username (their phone number).
 */
@Component
class AccountLinks {

    /** The roles whose accounts belong to a villager. */
    static final Set<Role> FITTING = EnumSet.of(Role.RESIDENT, Role.COMMITTEE, Role.MEDIATOR, Role.GRID_WORKER);

    private final RegistryStore store;
    private final RegistryAccess access;
    private final UserAccountRepository users;
    private final AreaDirectory areas;
    private final AuditLog audit;

    AccountLinks(RegistryStore store, RegistryAccess access, UserAccountRepository users, AreaDirectory areas, AuditLog audit) {
        this.store = store;
        this.access = access;
        this.users = users;
        this.areas = areas;
        this.audit = audit;
    }

    /** Links person {@code id} to the account {@code username}; null or blank unlinks them. */
    void link(Caller caller, long id, String username) {
        Person p = access.person(caller, id);
        if (username == null || username.isBlank()) {
            if (p.userId() != null) {
                store.setUser(id, null);
                audit.record(caller.user().username(), "registry.person.account-unlinked", "person", String.valueOf(id), null,
                        detail(p, users.findById(p.userId()).orElse(null)));
            }
            return;
        }
        UserAccount u = users.findByUsername(username.strip())
                .orElseThrow(() -> ApiException.badField("username", "没有这个账号：" + username.strip()));
        if (!FITTING.contains(u.getRole())) {
            throw ApiException.badField("username", u.getRole().label() + "账号不能关联到户籍台账中的人员（只能关联居民、村（居）委会、调解员、网格员账号）");
        }
        if (!ofVillage(u.getRole(), u.getAreaId(), p.areaId())) {
            throw ApiException.badField("username", "该账号不属于本村（社区）");
        }
        if (Objects.equals(p.userId(), u.getId())) {
            return;
        }
        store.personOfUser(u.getId()).ifPresent(other -> {
            throw new ApiException(HttpStatus.CONFLICT, "Account already linked", "该账号已关联到" + other.name() + "，请先解除原关联", java.util.List.of());
        });
        store.setUser(id, u.getId());
        audit.record(caller.user().username(), "registry.person.account-linked", "person", String.valueOf(id), null, detail(p, u));
    }

    /**
     * The account's area lies in the person's village (the village itself or one of its grids); a resident who signed
     * up on the residents' page has the top area, which contains every village.
     */
    private boolean ofVillage(Role role, Long accountArea, long village) {
        if (accountArea == null) {
            return false;
        }
        Map<Long, AreaRef> all = areas.all();
        if (AreaDirectory.chain(all, accountArea).stream().anyMatch(a -> a.id() == village)) {
            return true;
        }
        return role == Role.RESIDENT && AreaDirectory.chain(all, village).stream().anyMatch(a -> a.id() == accountArea);
    }

    private static Map<String, Object> detail(Person p, UserAccount u) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", p.name());
        d.put("accountId", u == null ? null : u.getId());
        d.put("account", u == null ? null : u.getDisplayName());
        d.put("role", u == null ? null : u.getRole().label());
        return d;
    }
}
