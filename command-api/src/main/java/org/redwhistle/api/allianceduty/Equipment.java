package org.redwhistle.api.allianceduty;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The alliance's equipment (统一配备装备器材): items by asset number, issued to one member at a time and
 * returned with the condition they came back in. Who may act is the caller's business (the controller applies
 * the access policy and the area); these methods refuse only what the items' state does not allow, with a 409
 * in Chinese. Every change is audited under {@code by}.
 */
public interface Equipment {

    /** A new item of a kind (a code of the kinds' table, e.g. VEST), kept in an area. */
    record NewItem(String kind, String assetNo, String serial, long areaId, String note) {
    }

    long addItem(NewItem item, String by, Instant at);

    /** The item by its asset number (资产编号). */
    Optional<Long> itemByAssetNo(String assetNo);

    /** Into the member's hands from {@code on}; refused when someone holds it, or it is damaged or lost. Returns the issue's id. */
    long issue(long itemId, long memberId, LocalDate on, String by, Instant at);

    /** Back from its holder on {@code on}, in a condition (遗失: it is not coming back); refused when nobody holds it. */
    void giveBack(long itemId, LocalDate on, EquipmentCondition condition, String note, String by, Instant at);
}
