package org.redwhistle.api.allianceduty.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.redwhistle.api.allianceduty.Equipment;
import org.redwhistle.api.allianceduty.EquipmentCondition;
import org.redwhistle.api.allianceduty.internal.EquipmentStore.Item;
import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.members.Members;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** {@link Equipment}: the rules of issuing and returning, each step in one transaction with its audit row. */
@Service
class EquipmentService implements Equipment {

    private final EquipmentStore store;
    private final Members members;
    private final AuditLog audit;
    private final TransactionTemplate tx;

    EquipmentService(EquipmentStore store, Members members, AuditLog audit, TransactionTemplate tx) {
        this.store = store;
        this.members = members;
        this.audit = audit;
        this.tx = tx;
    }

    static ApiException conflict(String why) {
        return new ApiException(HttpStatus.CONFLICT, "Not allowed now", why, List.of());
    }

    @Override
    public long addItem(NewItem item, String by, Instant at) {
        String kind = required("kind", item.kind());
        String assetNo = required("assetNo", item.assetNo());
        if (store.kind(kind).isEmpty()) {
            throw ApiException.badField("kind", "no such kind of equipment: " + kind + " (GET /api/v1/alliance/equipment/kinds lists them)");
        }
        return tx.execute(s -> {
            long id;
            try {
                id = store.insertItem(kind, assetNo, blank(item.serial()), item.areaId(), blank(item.note()), by, at);
            } catch (DuplicateKeyException taken) {
                throw conflict("资产编号 " + assetNo + " 已登记，请核对");
            }
            audit.record(by, "alliance.equipment.add", "equipment_item", String.valueOf(id), null,
                    detail("kind", kind, "assetNo", assetNo, "areaId", item.areaId()));
            return id;
        });
    }

    @Override
    public Optional<Long> itemByAssetNo(String assetNo) {
        return store.itemByAssetNo(assetNo);
    }

    @Override
    public long issue(long itemId, long memberId, LocalDate on, String by, Instant at) {
        Members.MemberView m = members.byId(memberId).orElseThrow(() -> ApiException.notFound("member " + memberId));
        return tx.execute(s -> {
            Item item = store.lock(itemId).orElseThrow(() -> ApiException.notFound("equipment item " + itemId));
            if (item.holderId() != null) {
                throw conflict(item.kindLabel() + "（" + item.assetNo() + "）已发放给 " + item.holderName() + "，须先收回才能再发放");
            }
            if (item.condition() != EquipmentCondition.GOOD) {
                throw conflict(item.kindLabel() + "（" + item.assetNo() + "）" + item.condition().label() + "，不能发放");
            }
            long id;
            try {
                id = store.insertIssue(itemId, memberId, on, by, at);
            } catch (DuplicateKeyException raced) {
                // the partial unique index: someone issued it between our read and our insert
                throw conflict(item.kindLabel() + "（" + item.assetNo() + "）已发放给其他队员，须先收回才能再发放");
            }
            audit.record(by, "alliance.equipment.issue", "equipment_item", String.valueOf(itemId), null,
                    detail("issueId", id, "memberId", memberId, "member", m.name(), "issuedOn", on.toString()));
            return id;
        });
    }

    @Override
    public void giveBack(long itemId, LocalDate on, EquipmentCondition condition, String note, String by, Instant at) {
        if (condition == null) {
            throw ApiException.badField("condition", "GOOD (完好), DAMAGED (损坏) or LOST (遗失)");
        }
        tx.executeWithoutResult(s -> {
            Item item = store.lock(itemId).orElseThrow(() -> ApiException.notFound("equipment item " + itemId));
            if (item.issueId() == null) {
                throw conflict(item.kindLabel() + "（" + item.assetNo() + "）在库，未发放给任何队员");
            }
            if (on.isBefore(item.issuedOn())) {
                throw ApiException.badField("returnedOn", "收回日期不能早于发放日期 " + item.issuedOn());
            }
            store.closeIssue(item.issueId(), on, condition, blank(note), by, at);
            store.setCondition(itemId, condition);
            audit.record(by, "alliance.equipment.return", "equipment_item", String.valueOf(itemId), blank(note),
                    detail("issueId", item.issueId(), "memberId", item.holderId(), "member", item.holderName(), "returnedOn", on.toString(),
                            "condition", condition.name()));
        });
    }

    /** A damaged item repaired (or a lost one found): in stock in good condition again. */
    void repaired(long itemId, String note, String by) {
        tx.executeWithoutResult(s -> {
            Item item = store.lock(itemId).orElseThrow(() -> ApiException.notFound("equipment item " + itemId));
            if (item.issueId() != null || item.condition() == EquipmentCondition.GOOD) {
                throw conflict(item.kindLabel() + "（" + item.assetNo() + "）" + (item.issueId() != null ? "在队员手中" : "完好") + "，无须修复");
            }
            store.setCondition(itemId, EquipmentCondition.GOOD);
            audit.record(by, "alliance.equipment.repaired", "equipment_item", String.valueOf(itemId), blank(note),
                    detail("from", item.condition().name()));
        });
    }

    static String required(String field, String v) {
        if (v == null || v.isBlank()) {
            throw ApiException.badField(field, "required");
        }
        return v.trim();
    }

    static String blank(String v) {
        return v == null || v.isBlank() ? null : v.trim();
    }

    static Map<String, Object> detail(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
