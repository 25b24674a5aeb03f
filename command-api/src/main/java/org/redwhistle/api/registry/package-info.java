/**
 * The registry of households and people per village or community (户籍台账), with each person's roles
 * in self-governance ({@link org.redwhistle.api.registry.CivicRole}): the members of the meetings that
 * decide (party members, villagers' representatives, the two committees), the mediation team and the
 * households' 代办员. The API: {@link org.redwhistle.api.registry.Registry} with the
 * {@link org.redwhistle.api.registry.Household} and {@link org.redwhistle.api.registry.Person} views;
 * the store, the import and the controller are {@code internal}.
 */
package org.redwhistle.api.registry;
