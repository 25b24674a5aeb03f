package org.redwhistle.api.registry;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * Writes a village's ledger in batches, for seeding: the households whose 户号 the area lacks, with
 * their members, and the people the area lacks (by ID number). What exists is kept, so running it
 * again changes nothing. Edits and imports by people go through the audited REST API instead.
 */
public interface RegistryLoader {

    /** A person to load; {@code agentOf}-style links are by ID number, since ids do not exist yet. */
    record NewPerson(String name, String gender, LocalDate birthDate, String idNumber, String phone, String relation, Set<CivicRole> roles) {
    }

    /** A household with its members, head first; {@code agentIdNumber}: the ID number of its 代办员 (null: none). */
    record NewHousehold(String code, Long gridId, String address, String phone, String agentIdNumber, List<NewPerson> members) {
    }

    /** Inserts the households (with their members) whose code the area lacks, and sets their 代办员; how many were inserted. */
    int loadHouseholds(long areaId, List<NewHousehold> households);

    /** Inserts the people without a household (a legal adviser) whose ID number the area lacks; how many were inserted. */
    int loadPeople(long areaId, List<NewPerson> people);

    /** Links an account to the area's person with this ID number, when the person has none yet; true when linked now. */
    boolean linkAccount(long areaId, String idNumber, long userId);
}
