package org.redwhistle.api.cases.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.redwhistle.api.Blocking;
import org.redwhistle.api.access.Caller;
import org.redwhistle.api.access.Permission;
import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.cases.CaseCategory;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.errors.Refuses;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/**
 * The category catalogue: {@code GET /api/v1/case-categories} (everyone signed in; the active ones,
 * {@code ?all=true} also the inactive ones for administrators), {@code POST}, {@code PUT /{code}}
 * and {@code DELETE /{code}} (deactivates; cases filed under it keep it) by ADMIN, audited.
 */
@RestController
@RequestMapping("/api/v1/case-categories")
public class CaseCategoryController {

    private static final int MAX_TEXT = 200;

    private final CaseCategoryStore store;
    private final CaseTypeStore types;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Blocking blocking;

    public CaseCategoryController(CaseCategoryStore store, CaseTypeStore types, AuditLog audit, TransactionTemplate tx, Blocking blocking) {
        this.store = store;
        this.types = types;
        this.audit = audit;
        this.tx = tx;
        this.blocking = blocking;
    }

    /** The catalogue, in its sort order. */
    public record CaseCategoryPage(List<CaseCategory> items) {
    }

    /**
     * A category as an administrator writes it; {@code code} only when creating. {@code sort} defaults
     * to 100, {@code active} to true, {@code caseType} to GENERAL.
     */
    public record CaseCategoryBody(String code, String name, String icon, String description, String caseType, Integer sort, Boolean active,
            String keywords, String open311Group) {
    }

    @GetMapping
    public Mono<CaseCategoryPage> list(Caller caller, @RequestParam(defaultValue = "false") boolean all) {
        if (all && caller.scopeFor(Permission.CASE_TYPES_MANAGE).isEmpty()) {
            throw ApiException.forbidden("only administrators list the inactive categories (all=true)");
        }
        return blocking.call(() -> new CaseCategoryPage(store.list(all)));
    }

    @Refuses(status = 409, when = "a category with this code already exists")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<CaseCategory> create(Caller caller, @RequestBody CaseCategoryBody body) {
        String code = body.code();
        if (code == null || !code.matches("[A-Z][A-Z0-9_]{1,31}")) {
            throw ApiException.badField("code", "is required: upper-case letters, digits and _, 2 to 32 characters, e.g. STRAY_DOGS");
        }
        return blocking.call(() -> tx.execute(s -> {
            CaseCategoryStore.Row row = validated(code, body);
            if (!store.insert(row)) {
                throw new ApiException(HttpStatus.CONFLICT, "Already exists", "category " + code + " already exists; change it with PUT",
                        List.of(new ApiException.FieldError("code", "exists")));
            }
            audit.record(caller.user().username(), "case-category.created", "case_category", code, null, details(row));
            return store.find(code).orElseThrow();
        }));
    }

    @PutMapping("/{code}")
    public Mono<CaseCategory> update(Caller caller, @PathVariable String code, @RequestBody CaseCategoryBody body) {
        if (body.code() != null && !body.code().equals(code)) {
            throw ApiException.badField("code", "a category's code cannot change (it is in the URL, " + code + ")");
        }
        return blocking.call(() -> tx.execute(s -> {
            store.find(code).orElseThrow(() -> ApiException.notFound("category " + code));
            CaseCategoryStore.Row row = validated(code, body);
            store.update(row);
            audit.record(caller.user().username(), "case-category.updated", "case_category", code, null, details(row));
            return store.find(code).orElseThrow();
        }));
    }

    /** Deactivates the category: no longer offered to residents or Open311; its cases keep it. */
    @DeleteMapping("/{code}")
    public Mono<CaseCategory> deactivate(Caller caller, @PathVariable String code) {
        return blocking.call(() -> tx.execute(s -> {
            if (!store.deactivate(code)) {
                throw ApiException.notFound("category " + code);
            }
            audit.record(caller.user().username(), "case-category.deactivated", "case_category", code, null, Map.of("active", false));
            return store.find(code).orElseThrow();
        }));
    }

    private CaseCategoryStore.Row validated(String code, CaseCategoryBody b) {
        String name = required("name", b.name(), 32);
        String icon = required("icon", b.icon(), 16);
        if (icon.codePoints().anyMatch(cp -> cp < 0x2000)) {
            throw ApiException.badField("icon", "one emoji (e.g. 🧹), no letters or digits");
        }
        String caseType = b.caseType() == null ? "GENERAL" : b.caseType();
        if (types.find(caseType).isEmpty()) {
            throw ApiException.badField("caseType", "is not a case type (see GET /api/v1/case-types)");
        }
        if (store.nameTaken(name, code)) {
            throw ApiException.badField("name", "another category is already called " + name);
        }
        int sort = b.sort() == null ? 100 : b.sort();
        if (sort < 0 || sort > 9999) {
            throw ApiException.badField("sort", "must be from 0 to 9999");
        }
        return new CaseCategoryStore.Row(code, name, icon, optional("description", b.description()), caseType, sort,
                b.active() == null || b.active(), optional("keywords", b.keywords()),
                b.open311Group() == null || b.open311Group().isBlank() ? "社区服务" : required("open311Group", b.open311Group(), 32));
    }

    private static String required(String field, String v, int max) {
        if (v == null || v.isBlank() || v.strip().length() > max) {
            throw ApiException.badField(field, "is required, at most " + max + " characters");
        }
        return v.strip();
    }

    private static String optional(String field, String v) {
        if (v != null && v.length() > MAX_TEXT) {
            throw ApiException.badField(field, "at most " + MAX_TEXT + " characters");
        }
        return v == null ? "" : v.strip();
    }

    private static Map<String, Object> details(CaseCategoryStore.Row r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", r.name());
        m.put("icon", r.icon());
        m.put("caseType", r.caseType());
        m.put("sort", r.sort());
        m.put("active", r.active());
        return m;
    }
}
