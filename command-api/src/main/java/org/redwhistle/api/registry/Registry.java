package org.redwhistle.api.registry;

import java.util.List;
import java.util.Optional;

/** Households and people, for the features of self-governance (meetings, the compact, mediation). */
public interface Registry {

    Optional<Household> household(long id);

    Optional<Person> person(long id);

    /** The registry's person with this account, if any. */
    Optional<Person> personOfUser(long userId);

    /** The active members of a household, head first. */
    List<Person> members(long householdId);

    /** The households of a village or community, of one grid when {@code gridId} is given, by 户号 (a residents' meeting votes by household). */
    List<Household> households(long areaId, Long gridId);

    /** The active people of a village or community holding {@code role}, by name. */
    List<Person> withRole(long areaId, CivicRole role);

    /** How many active people of a village or community hold {@code role}: the membership of the meeting they form. */
    int count(long areaId, CivicRole role);
}
