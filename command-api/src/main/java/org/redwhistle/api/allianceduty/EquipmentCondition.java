package org.redwhistle.api.allianceduty;

/** The condition an item is in (and came back in): only an item in good condition is issued. */
public enum EquipmentCondition {
    GOOD("完好"),
    DAMAGED("损坏"),
    LOST("遗失");

    private final String label;

    EquipmentCondition(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
