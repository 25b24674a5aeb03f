package org.redwhistle.api.cases.internal;

import java.util.List;
import java.util.Map;

import org.redwhistle.api.Blocking;
import org.redwhistle.api.access.Caller;
import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.cases.CaseLevel;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.security.CurrentUser;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/**
 * Case types and their escalation chains: {@code GET /api/v1/case-types}, {@code PUT
 * /api/v1/case-types/{code}} (ADMIN, audited). A chain is an ordered list of holder levels
 * ({@link CaseLevel}); the community-side levels come before the district-side ones.
 */
@RestController
@RequestMapping("/api/v1/case-types")
public class CaseTypeController {

    private final CaseTypeStore types;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Blocking blocking;

    public CaseTypeController(CaseTypeStore types, AuditLog audit, TransactionTemplate tx, Blocking blocking) {
        this.types = types;
        this.audit = audit;
        this.tx = tx;
        this.blocking = blocking;
    }

    /** All case types. */
    public record CaseTypePage(List<CaseType> items) {
    }

    /** A type as an administrator writes it; the chain's levels by name. */
    public record CaseTypeBody(String code, String name, List<String> chain) {
    }

    @GetMapping
    public Mono<CaseTypePage> all() {
        return blocking.call(() -> new CaseTypePage(types.all()));
    }

    @PutMapping("/{code}")
    public Mono<CaseType> put(Caller caller, @PathVariable String code, @RequestBody CaseTypeBody body) {
        CurrentUser user = caller.user();
        if (!code.matches("[A-Z][A-Z0-9_]{1,31}")) {
            throw ApiException.badField("code", "upper-case letters, digits and _, 2 to 32 characters");
        }
        if (body.name() == null || body.name().isBlank()) {
            throw ApiException.badField("name", "is required");
        }
        CaseType type = new CaseType(code, body.name(), CaseType.parseChain(body.chain()));
        return blocking.call(() -> tx.execute(s -> {
            types.save(type);
            audit.record(user.username(), "case-type.saved", "case_type", code, null, Map.of("chain", body.chain()));
            return type;
        }));
    }
}
