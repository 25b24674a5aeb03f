package org.redwhistle.api.allianceduty.internal;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.redwhistle.api.allianceduty.EquipmentCondition;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The one owner of {@code equipment_kind}, {@code equipment_item} and {@code equipment_issue}. Reads join
 * {@code area} (for the area's name and path) and {@code member} (for the holder's name), owned elsewhere.
 */
@Repository
class EquipmentStore {

    /** A kind of equipment with the words users read. */
    record Kind(String code, String label) {
    }

    /** An item, with whoever holds it now (null fields when it is in stock). */
    record Item(long id, String kind, String kindLabel, String assetNo, String serial, long areaId, String areaName, EquipmentCondition condition,
            String note, Long issueId, Long holderId, String holderName, LocalDate issuedOn) {
    }

    /** One issue of an item to a member, and its return once returned. */
    record Issue(long id, long itemId, String kindLabel, String assetNo, long memberId, String memberName, LocalDate issuedOn, String issuedBy,
            LocalDate returnedOn, String returnedBy, EquipmentCondition condition, String note) {
    }

    private static final String ITEMS = """
            select i.id, i.kind, k.label, i.asset_no, i.serial, i.area_id, a.name area_name, i.condition, i.note,
                   x.id issue_id, x.member_id, m.name member_name, x.issued_on
            from equipment_item i join equipment_kind k on k.code = i.kind join area a on a.id = i.area_id
                 left join equipment_issue x on x.item_id = i.id and x.returned_on is null
                 left join member m on m.id = x.member_id
            """;

    private static final String ISSUES = """
            select x.id, x.item_id, k.label, i.asset_no, x.member_id, m.name, x.issued_on, x.issued_by, x.returned_on, x.returned_by,
                   x.condition, x.return_note
            from equipment_issue x join equipment_item i on i.id = x.item_id join equipment_kind k on k.code = i.kind
                 join member m on m.id = x.member_id
            """;

    private final JdbcClient jdbc;

    EquipmentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Kind> kinds() {
        return jdbc.sql("select code, label from equipment_kind where active order by sort, code").query((rs, i) -> new Kind(rs.getString(1),
                rs.getString(2))).list();
    }

    Optional<Kind> kind(String code) {
        return jdbc.sql("select code, label from equipment_kind where code = ? and active").param(code)
                .query((rs, i) -> new Kind(rs.getString(1), rs.getString(2))).optional();
    }

    long insertItem(String kind, String assetNo, String serial, long areaId, String note, String by, Instant at) {
        return jdbc.sql("""
                insert into equipment_item (kind, asset_no, serial, area_id, note, created_by, created_at)
                values (?, ?, ?, ?, ?, ?, ?) returning id""").params(kind, assetNo, serial, areaId, note, by, Timestamp.from(at))
                .query(Long.class).single();
    }

    Optional<Long> itemByAssetNo(String assetNo) {
        return jdbc.sql("select id from equipment_item where asset_no = ?").param(assetNo).query(Long.class).optional();
    }

    /** Locks the item's row for an issue or a return: two desks issuing the same vest wait for each other. */
    Optional<Item> lock(long id) {
        jdbc.sql("select id from equipment_item where id = ? for update").param(id).query(Long.class).optional();
        return item(id);
    }

    Optional<Item> item(long id) {
        return jdbc.sql(ITEMS + " where i.id = ?").param(id).query(EquipmentStore::item).optional();
    }

    /** The items inside the area (all when null), of a kind when given, by kind and asset number. */
    List<Item> items(Long scopeAreaId, String kind) {
        return jdbc.sql(ITEMS + """
                 where (cast(:scope as bigint) is null or cast(:scope as bigint) = any(a.path))
                   and (cast(:kind as text) is null or i.kind = cast(:kind as text))
                 order by k.sort, i.asset_no""").param("scope", scopeAreaId).param("kind", kind).query(EquipmentStore::item).list();
    }

    long insertIssue(long itemId, long memberId, LocalDate on, String by, Instant at) {
        return jdbc.sql("""
                insert into equipment_issue (item_id, member_id, issued_on, issued_by, issued_at) values (?, ?, ?, ?, ?) returning id""")
                .params(itemId, memberId, Date.valueOf(on), by, Timestamp.from(at)).query(Long.class).single();
    }

    void closeIssue(long issueId, LocalDate on, EquipmentCondition condition, String note, String by, Instant at) {
        jdbc.sql("""
                update equipment_issue set returned_on = ?, returned_by = ?, returned_at = ?, condition = ?, return_note = ?
                where id = ? and returned_on is null""").params(Date.valueOf(on), by, Timestamp.from(at), condition.name(), note, issueId).update();
    }

    void setCondition(long itemId, EquipmentCondition condition) {
        jdbc.sql("update equipment_item set condition = ? where id = ?").params(condition.name(), itemId).update();
    }

    /** The item's issues, latest first. */
    List<Issue> historyOfItem(long itemId) {
        return jdbc.sql(ISSUES + " where x.item_id = ? order by x.issued_on desc, x.id desc").param(itemId).query(EquipmentStore::issue).list();
    }

    /** The member's issues, what they hold first, then the latest. */
    List<Issue> historyOfMember(long memberId) {
        return jdbc.sql(ISSUES + " where x.member_id = ? order by x.returned_on is null desc, x.issued_on desc, x.id desc").param(memberId)
                .query(EquipmentStore::issue).list();
    }

    private static LocalDate date(ResultSet rs, String col) throws SQLException {
        Date d = rs.getDate(col);
        return d == null ? null : d.toLocalDate();
    }

    private static Item item(ResultSet rs, int i) throws SQLException {
        return new Item(rs.getLong("id"), rs.getString("kind"), rs.getString("label"), rs.getString("asset_no"), rs.getString("serial"),
                rs.getLong("area_id"), rs.getString("area_name"), EquipmentCondition.valueOf(rs.getString("condition")), rs.getString("note"),
                rs.getObject("issue_id", Long.class), rs.getObject("member_id", Long.class), rs.getString("member_name"), date(rs, "issued_on"));
    }

    private static Issue issue(ResultSet rs, int i) throws SQLException {
        String c = rs.getString("condition");
        return new Issue(rs.getLong("id"), rs.getLong("item_id"), rs.getString("label"), rs.getString("asset_no"), rs.getLong("member_id"),
                rs.getString("name"), date(rs, "issued_on"), rs.getString("issued_by"), date(rs, "returned_on"), rs.getString("returned_by"),
                c == null ? null : EquipmentCondition.valueOf(c), rs.getString("return_note"));
    }
}
