package org.redwhistle.api.registry.internal;

/**
 * What part of the registry a caller reaches: everything ({@link #ALL}, administrators), what lies
 * inside an area (a village's or community's committee, the mediation team: the village; a grid
 * worker: their grid), or one household (a resident: their own). A household lies where its grid is,
 * or in its village when it has no grid yet.
 */
record Reach(Long area, Long household) {

    static final Reach ALL = new Reach(null, null);

    /** Reaches nothing: a resident the registry does not know. */
    static final Reach NOTHING = new Reach(null, -1L);

    static Reach area(long areaId) {
        return new Reach(areaId, null);
    }

    static Reach household(long householdId) {
        return new Reach(null, householdId);
    }
}
