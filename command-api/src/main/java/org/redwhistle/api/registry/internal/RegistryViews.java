package org.redwhistle.api.registry.internal;

import java.time.LocalDate;
import java.util.List;

import org.redwhistle.api.registry.CivicRole;
import org.redwhistle.api.registry.IdNumbers;
import org.redwhistle.api.registry.Person;

/** What the registry's REST answers carry; personal data masked as {@link RegistryAccess.Shown} says. */
final class RegistryViews {

    private RegistryViews() {
    }

    /** A civic role: the code and the words. */
    public record RoleView(String role, String label) {
        static List<RoleView> of(java.util.Collection<CivicRole> roles) {
            return roles.stream().sorted().map(r -> new RoleView(r.name(), r.label())).toList();
        }
    }

    /**
     * A person as the caller may see them: {@code idNumber} always masked (**************1234; the full number only
     * through the audited reveal), {@code phone} masked (138****0001) unless the caller may see phones, {@code birthDate}
     * null unless they may see personal data; {@code active} false: moved away or deceased.
     */
    public record PersonView(long id, long areaId, Long householdId, String householdCode, String name, String gender, String genderLabel,
            LocalDate birthDate, String idNumber, String phone, String relation, boolean active, boolean hasAccount, List<RoleView> roles,
            boolean phoneMasked) {

        static PersonView of(Person p, String householdCode, RegistryAccess.Shown shown) {
            return new PersonView(p.id(), p.areaId(), p.householdId(), householdCode, p.name(), p.gender(), RegistryViews.genderLabel(p.gender()),
                    shown.personal() ? p.birthDate() : null, IdNumbers.masked(p.idNumber()), shown.phones() ? p.phone() : maskedPhone(p.phone()),
                    p.relation(), p.active(), p.userId() != null, RoleView.of(p.roles()), !shown.phones() && p.phone() != null);
        }
    }

    /** A person's full personal data, as the audited reveal answers it. */
    public record PersonalData(long id, String name, String idNumber, LocalDate birthDate, String gender, String genderLabel, String phone) {
    }

    /** A line of the household list; {@code phone} masked like a person's. */
    public record HouseholdRow(long id, String code, String address, Long gridId, String gridName, String phone, int members, String head,
            String agentName) {
    }

    /** A page of households: {@code total} matching, this page from {@code offset}. */
    public record HouseholdPage(List<HouseholdRow> items, int total, int offset, int limit) {
    }

    /** A household's 代办员 (or none). */
    public record AgentView(long id, String name, String phone) {
    }

    /** A household with its members (head first), the people who left it, its grid and its 代办员. */
    public record HouseholdCard(long id, long areaId, String areaName, String code, String address, Long gridId, String gridName, String phone,
            AgentView agent, List<PersonView> members, List<PersonView> former) {
    }

    /** A grid of the village with its households and people. */
    public record GridCount(Long gridId, String code, String name, int households, int people) {
    }

    /** How many active people hold a role. */
    public record RoleCount(String role, String label, int people) {
    }

    /** A village's or community's ledger at a glance: its grids, and its people per role (the rosters' sizes). */
    public record Summary(long areaId, String areaName, String areaCode, int households, int people, List<GridCount> grids, List<RoleCount> roles,
            boolean phones, boolean personal, boolean manage) {
    }

    /** A roster: the active people of a village holding a role. */
    public record Roster(long areaId, String role, String label, List<PersonView> people) {
    }

    static String genderLabel(String gender) {
        return gender == null ? null : gender.equals("MALE") ? "男" : "女";
    }

    /** 138****0001: the first three and last four digits. */
    static String maskedPhone(String phone) {
        if (phone == null) {
            return null;
        }
        if (phone.length() < 8) {
            return "*".repeat(phone.length());
        }
        return phone.substring(0, 3) + "*".repeat(phone.length() - 7) + phone.substring(phone.length() - 4);
    }
}
