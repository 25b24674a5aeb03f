package org.redwhistle.api.units;

/**
 * A department of the district (or of a street) that takes part in handling requests (部门报到): its
 * {@code code} as the API names it (HOUSING), its full and short names in Chinese, the area it serves,
 * its duty phone, whether it still receives assignments, and where it sorts in lists.
 */
public record Department(long id, String code, String name, String shortName, long areaId, String phone, boolean active, int sort) {
}
