package org.redwhistle.api.alliance;

import java.util.Arrays;
import java.util.Optional;

/** What a member of the 平安联盟 does for a living: the trades the alliance recruits from. */
public enum Trade {
    PROPERTY("物业人员"),
    ESTATE_GUARD("小区保安"),
    IN_HOUSE_SECURITY("企事业单位内保"),
    SANITATION("环卫工人"),
    PARK("园林工人"),
    TAXI("出租车司机"),
    SHOPKEEPER("个体工商户"),
    OTHER("其他");

    private final String label;

    Trade(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The trade a cell or a form names, by its code or its Chinese label. */
    public static Optional<Trade> parse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        String v = s.strip();
        return Arrays.stream(values()).filter(t -> t.name().equalsIgnoreCase(v) || t.label.equals(v)).findFirst();
    }
}
