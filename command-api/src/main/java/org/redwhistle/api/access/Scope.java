package org.redwhistle.api.access;

/**
 * How far a role's permission reaches. What "own" means depends on the permission
 * ({@link Permission#own()}): the alarms dispatched to them, the requests they filed, the devices
 * of their provisioning keys, their own track.
 */
public enum Scope {
    /** Everything, everywhere (administrators). */
    ALL("everywhere", "全部"),
    /** What lies inside the user's area: a grid worker's grid, a community, a street, the district. */
    AREA("in their area", "本辖区"),
    /** Only what is the user's own. */
    OWN("their own", "本人"),
    /** Reference data that is the same for everyone (the calendar, case types, basemaps). */
    SHARED("shared", "共用");

    private final String english;
    private final String chinese;

    Scope(String english, String chinese) {
        this.english = english;
        this.chinese = chinese;
    }

    public String english() {
        return english;
    }

    public String chinese() {
        return chinese;
    }
}
