package org.redwhistle.api.registry;

/** A person's role in the village's or community's self-governance, as the registry records it. */
public enum CivicRole {
    PARTY_MEMBER("党员"),
    COMMITTEE_MEMBER("两委委员"),
    REPRESENTATIVE("村（居）民代表"),
    GRID_WORKER("网格员"),
    MEDIATOR("调解员"),
    PEACEMAKER("和事佬"),
    LEGAL_ADVISER("法律顾问"),
    AGENT("代办员");

    private final String label;

    CivicRole(String label) {
        this.label = label;
    }

    /** The role as users read it. */
    public String label() {
        return label;
    }
}
