package org.redwhistle.api.registry.internal;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.redwhistle.api.access.Caller;
import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.registry.CivicRole;
import org.redwhistle.api.registry.Household;
import org.redwhistle.api.registry.IdNumbers;
import org.redwhistle.api.registry.Person;
import org.redwhistle.geo.area.AreaRef;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Adding and changing households and people through the forms: every value checked with the field
 * named, every change audited with the changed fields before and after (ID numbers masked in the
 * audit: the log is read by more people than the ledger's personal data).
 */
@Component
class RegistryEditing {

    /** A household as a form writes it; on update, fields left out keep their value. */
    public record HouseholdBody(Long areaId, String code, String address, Long gridId, String phone, Long agentId) {
    }

    /**
     * A person as a form writes it; on update, fields left out keep their value ({@code idNumber} also when it is the masked
     * number); {@code roles} the civic roles' codes (an empty list clears them); {@code active} false: moved away or deceased.
     */
    public record PersonBody(Long areaId, Long householdId, String name, String gender, LocalDate birthDate, String idNumber, String phone,
            String relation, List<String> roles, Boolean active) {
    }

    private final RegistryStore store;
    private final RegistryAccess access;
    private final AuditLog audit;

    RegistryEditing(RegistryStore store, RegistryAccess access, AuditLog audit) {
        this.store = store;
        this.access = access;
        this.audit = audit;
    }

    long createHousehold(Caller caller, HouseholdBody b) {
        AreaRef village = access.village(caller, b.areaId());
        Household h = checked(caller, new Household(0, village.id(), b.gridId(), trim(b.code()), trim(b.address()), trim(b.phone()), b.agentId()));
        long id = store.insertHousehold(h.areaId(), h.gridId(), h.code(), h.address(), h.phone());
        if (h.agentId() != null) {
            store.setAgent(id, h.agentId());
        }
        audit.record(caller.user().username(), "registry.household.created", "household", String.valueOf(id), null,
                Map.of("code", h.code(), "changed", changes(new Household(id, h.areaId(), null, null, null, null, null), h)));
        return id;
    }

    void updateHousehold(Caller caller, long id, HouseholdBody b) {
        Household old = access.household(caller, id);
        Household h = checked(caller, new Household(id, old.areaId(), b.gridId() != null ? b.gridId() : old.gridId(), or(trim(b.code()), old.code()),
                or(trim(b.address()), old.address()), b.phone() != null ? trim(b.phone()) : old.phone(), b.agentId() != null ? b.agentId() : old.agentId()));
        Map<String, Object> changed = changes(old, h);
        if (changed.isEmpty()) {
            return;
        }
        store.updateHousehold(id, h.gridId(), h.code(), h.address(), h.phone(), h.agentId());
        audit.record(caller.user().username(), "registry.household.updated", "household", String.valueOf(id), null,
                Map.of("code", h.code(), "changed", changed));
    }

    long createPerson(Caller caller, PersonBody b) {
        Long householdId = b.householdId();
        long areaId = householdId != null ? access.household(caller, householdId).areaId() : access.village(caller, b.areaId()).id();
        Person p = checked(new Person(0, areaId, householdId, trim(b.name()), b.gender(), b.birthDate(), upper(trim(b.idNumber())),
                trim(b.phone()), trim(b.relation()), null, b.active() == null || b.active(), roles(b.roles())));
        long id = store.insertPerson(p.areaId(), p.householdId(), p.name(), p.gender(), p.birthDate(), p.idNumber(), p.phone(), p.relation(), null,
                p.roles());
        if (!p.active()) {
            store.updatePerson(withId(p, id));
        }
        audit.record(caller.user().username(), "registry.person.created", "person", String.valueOf(id), null,
                Map.of("name", p.name(), "changed", changes(new Person(id, areaId, null, null, null, null, null, null, null, null, true, Set.of()), p)));
        return id;
    }

    void updatePerson(Caller caller, long id, PersonBody b) {
        Person old = access.person(caller, id);
        Long householdId = b.householdId() != null ? b.householdId() : old.householdId();
        if (b.householdId() != null && !b.householdId().equals(old.householdId())
                && access.household(caller, b.householdId()).areaId() != old.areaId()) {
            throw ApiException.badField("householdId", "只能在本村（社区）的户之间迁移");
        }
        String idNumber = b.idNumber() == null || b.idNumber().contains("*") ? old.idNumber() : upper(trim(b.idNumber()));
        Person p = checked(new Person(id, old.areaId(), householdId, or(trim(b.name()), old.name()), b.gender() != null ? b.gender() : old.gender(),
                b.birthDate() != null ? b.birthDate() : old.birthDate(), idNumber, b.phone() != null ? trim(b.phone()) : old.phone(),
                b.relation() != null ? trim(b.relation()) : old.relation(), old.userId(), b.active() != null ? b.active() : old.active(),
                b.roles() != null ? roles(b.roles()) : old.roles()));
        Map<String, Object> changed = changes(old, p);
        if (changed.isEmpty()) {
            return;
        }
        store.updatePerson(p);
        if (!p.active() && old.active()) {
            releaseAgency(caller, p);
        }
        audit.record(caller.user().username(), p.active() || !old.active() ? "registry.person.updated" : "registry.person.moved-out", "person",
                String.valueOf(id), null, Map.of("name", p.name(), "changed", changed));
    }

    /** A 代办员 who moved away no longer looks after households: they are left without one, to be assigned again. */
    private void releaseAgency(Caller caller, Person p) {
        store.clearAgency(p.id()).forEach(code -> audit.record(caller.user().username(), "registry.household.updated", "household", code, null,
                Map.of("code", code, "changed", Map.of("agent", Map.of("before", p.name(), "after", "")))));
    }

    // ---- checks ----

    private Household checked(Caller caller, Household h) {
        if (h.code() == null || h.code().length() > LedgerRules.MAX_CODE) {
            throw ApiException.badField("code", "户号必填，最多 " + LedgerRules.MAX_CODE + " 个字符");
        }
        if (h.address() == null || h.address().length() > LedgerRules.MAX_ADDRESS) {
            throw ApiException.badField("address", "地址必填，最多 " + LedgerRules.MAX_ADDRESS + " 个字符");
        }
        LedgerRules.phoneProblem(h.phone()).ifPresent(m -> {
            throw ApiException.badField("phone", m);
        });
        if (h.gridId() != null && access.grids(h.areaId()).stream().noneMatch(g -> g.id() == h.gridId())) {
            throw ApiException.badField("gridId", "网格 " + h.gridId() + " 不属于本村（社区）");
        }
        if (h.agentId() != null) {
            Person agent = store.person(h.agentId()).filter(a -> a.areaId() == h.areaId() && a.active())
                    .orElseThrow(() -> ApiException.badField("agentId", "本村（社区）没有此人"));
            if (!agent.has(CivicRole.AGENT)) {
                throw ApiException.badField("agentId", agent.name() + " 不是代办员：请先在其身份中加上“代办员”");
            }
        }
        store.householdByCode(h.areaId(), h.code()).filter(o -> o.id() != h.id()).ifPresent(o -> {
            throw new ApiException(HttpStatus.CONFLICT, "Household exists", "户号 " + h.code() + " 已被 " + o.address() + " 使用",
                    List.of(new ApiException.FieldError("code", "户号已存在")));
        });
        return h;
    }

    private Person checked(Person p) {
        if (p.name() == null || p.name().length() > LedgerRules.MAX_NAME) {
            throw ApiException.badField("name", "姓名必填，最多 " + LedgerRules.MAX_NAME + " 个字符");
        }
        if (p.gender() != null && LedgerRules.gender(p.gender()) == null) {
            throw ApiException.badField("gender", "性别应为 男 或 女（MALE、FEMALE）");
        }
        String gender = LedgerRules.gender(p.gender());
        LocalDate birth = p.birthDate();
        if (p.idNumber() != null) {
            LedgerRules.idProblem(p.idNumber()).ifPresent(m -> {
                throw ApiException.badField("idNumber", m);
            });
            LocalDate stated = IdNumbers.birthDate(p.idNumber()).orElseThrow();
            if (birth != null && !birth.equals(stated)) {
                throw ApiException.badField("birthDate", "出生日期与身份证号中的 " + stated + " 不一致");
            }
            if (gender != null && !gender.equals(IdNumbers.gender(p.idNumber()))) {
                throw ApiException.badField("gender", "性别与身份证号（第 17 位）不一致");
            }
            birth = stated;
            gender = IdNumbers.gender(p.idNumber());
            store.personByIdNumber(p.areaId(), p.idNumber()).filter(o -> o.id() != p.id()).ifPresent(o -> {
                throw new ApiException(HttpStatus.CONFLICT, "Person exists", "此身份证号已登记为 " + o.name(),
                        List.of(new ApiException.FieldError("idNumber", "身份证号已登记")));
            });
        }
        LedgerRules.mobileProblem(p.phone()).ifPresent(m -> {
            throw ApiException.badField("phone", m);
        });
        if (p.relation() != null && p.relation().length() > 10) {
            throw ApiException.badField("relation", "与户主关系最多 10 个字（如 户主、配偶、子女）");
        }
        if (p.householdId() == null && p.relation() != null && !p.relation().isBlank()) {
            throw ApiException.badField("relation", "不在户内的人没有与户主关系");
        }
        return new Person(p.id(), p.areaId(), p.householdId(), p.name(), gender, birth, p.idNumber(), p.phone(), p.relation(), p.userId(),
                p.active(), p.roles());
    }

    private static Set<CivicRole> roles(List<String> codes) {
        Set<CivicRole> out = EnumSet.noneOf(CivicRole.class);
        if (codes == null) {
            return out;
        }
        for (int i = 0; i < codes.size(); i++) {
            String c = codes.get(i);
            CivicRole r = c == null ? null : LedgerRules.ROLE_WORDS.get(c.strip());
            if (r == null) {
                throw ApiException.badField("roles[" + i + "]", "未知身份“" + c + "”；可用：" + LedgerRules.knownRoles());
            }
            out.add(r);
        }
        return out;
    }

    // ---- audit details ----

    /** The household's fields that differ, before and after. */
    static Map<String, Object> changes(Household a, Household b) {
        Map<String, Object> out = new LinkedHashMap<>();
        diff(out, "code", a.code(), b.code());
        diff(out, "address", a.address(), b.address());
        diff(out, "gridId", a.gridId(), b.gridId());
        changed(out, "phone", a.phone(), b.phone());
        diff(out, "agentId", a.agentId(), b.agentId());
        return out;
    }

    /**
     * The person's fields that differ, before and after; the ID number masked, its change said without the number;
     * a phone's change said without the numbers and a birth date's left out (the audit is append-only and kept for good).
     */
    static Map<String, Object> changes(Person a, Person b) {
        Map<String, Object> out = new LinkedHashMap<>();
        diff(out, "name", a.name(), b.name());
        diff(out, "householdId", a.householdId(), b.householdId());
        diff(out, "gender", a.gender(), b.gender());
        diff(out, "idNumber", IdNumbers.masked(a.idNumber()), IdNumbers.masked(b.idNumber()));
        if (!out.containsKey("idNumber") && !Objects.equals(a.idNumber(), b.idNumber())) {
            out.put("idNumber", Map.of("before", IdNumbers.masked(a.idNumber()), "after", IdNumbers.masked(b.idNumber()) + "（号码已更改）"));
        }
        changed(out, "phone", a.phone(), b.phone());
        diff(out, "relation", a.relation(), b.relation());
        diff(out, "active", a.active(), b.active());
        diff(out, "roles", a.roles().stream().sorted().map(CivicRole::label).toList(), b.roles().stream().sorted().map(CivicRole::label).toList());
        return out;
    }

    /** A personal field's change said without its values: 已更改 (or 已填写, 已删除). */
    private static void changed(Map<String, Object> out, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            out.put(field, before == null ? "已填写" : after == null ? "已删除" : "已更改");
        }
    }

    private static void diff(Map<String, Object> out, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("before", shown(before));
            m.put("after", shown(after));
            out.put(field, m);
        }
    }

    /** A value as the audit detail keeps it: lists as lists, everything else as text, nothing as "". */
    private static Object shown(Object value) {
        return value == null ? "" : value instanceof java.util.Collection<?> c ? List.copyOf(c) : value.toString();
    }

    private static Person withId(Person p, long id) {
        return new Person(id, p.areaId(), p.householdId(), p.name(), p.gender(), p.birthDate(), p.idNumber(), p.phone(), p.relation(), p.userId(),
                p.active(), p.roles());
    }

    static String trim(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String upper(String s) {
        return s == null ? null : s.toUpperCase(java.util.Locale.ROOT);
    }

    private static String or(String value, String fallback) {
        return value != null ? value : fallback;
    }
}
