package org.redwhistle.api.alliance;

/** Who leads a team of the 平安联盟: a police station (派出所) or a community police office (社区警务室). */
public enum LedBy {
    POLICE_STATION("派出所"),
    POLICE_OFFICE("社区警务室");

    private final String label;

    LedBy(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
