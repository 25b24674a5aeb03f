package org.redwhistle.api.cases;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.redwhistle.api.access.Caller;
import org.redwhistle.api.Blocking;
import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.security.CurrentUser;
import org.redwhistle.api.security.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/**
 * Case types and their escalation chains: {@code GET /api/v1/case-types}, {@code PUT
 * /api/v1/case-types/{code}} (ADMIN, audited). A chain is an ordered list of holder levels; the
 * community-side levels (COMMUNITY, HOUSEHOLD_HELPER, MEDIATORS, LEGAL_ADVISER) come before the
 * district-side ones (DISTRICT_CENTER, DEPARTMENTS, LEADERS).
 */
@RestController
@RequestMapping("/api/v1/case-types")
public class CaseTypeController {

    static final List<String> COMMUNITY_SIDE = List.of("COMMUNITY", "HOUSEHOLD_HELPER", "MEDIATORS", "LEGAL_ADVISER");
    static final List<String> DISTRICT_SIDE = List.of("DISTRICT_CENTER", "DEPARTMENTS", "LEADERS");

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Blocking blocking;

    public CaseTypeController(JdbcClient jdbc, AuditLog audit, Blocking blocking) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.blocking = blocking;
    }

    public record CaseType(String code, String name, List<String> chain) {
    }

    @GetMapping
    public Mono<Map<String, Object>> all() {
        return blocking.call(() -> Map.of("items", jdbc.sql("select code, name, chain from case_type order by code")
                .query((rs, i) -> new CaseType(rs.getString(1), rs.getString(2), List.of((String[]) rs.getArray(3).getArray()))).list()));
    }

    @PutMapping("/{code}")
    public Mono<CaseType> put(Caller caller, @PathVariable String code, @RequestBody CaseType body) {
        CurrentUser user = caller.user();
        if (!code.matches("[A-Z][A-Z0-9_]{1,31}")) {
            throw ApiException.badField("code", "upper-case letters, digits and _, 2 to 32 characters");
        }
        if (body.name() == null || body.name().isBlank()) {
            throw ApiException.badField("name", "is required");
        }
        List<String> chain = body.chain();
        if (chain == null || chain.isEmpty()) {
            throw ApiException.badField("chain", "list the holder levels in escalation order");
        }
        boolean districtSeen = false;
        for (int i = 0; i < chain.size(); i++) {
            String level = chain.get(i);
            if (!COMMUNITY_SIDE.contains(level) && !DISTRICT_SIDE.contains(level)) {
                throw ApiException.badField("chain[" + i + "]", "must be one of " + COMMUNITY_SIDE + " or " + DISTRICT_SIDE);
            }
            if (COMMUNITY_SIDE.contains(level) && districtSeen) {
                throw ApiException.badField("chain[" + i + "]", level + " cannot follow a district-side level");
            }
            districtSeen |= DISTRICT_SIDE.contains(level);
        }
        if (Set.copyOf(chain).size() != chain.size()) {
            throw ApiException.badField("chain", "a level appears twice");
        }
        return blocking.call(() -> {
            jdbc.sql("insert into case_type (code, name, chain) values (?, ?, ?) on conflict (code) do update set name = excluded.name, chain = excluded.chain")
                    .params(code, body.name(), chain.toArray(String[]::new)).update();
            audit.record(user.username(), "case-type.saved", "case_type", code, null, Map.of("chain", chain));
            return new CaseType(code, body.name(), chain);
        });
    }
}
