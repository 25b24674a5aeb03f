package org.redwhistle.api.devices.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.redwhistle.api.access.Caller;
import org.redwhistle.api.access.Scope;
import org.redwhistle.api.areas.AreaScope;
import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.devices.CentreCodes;
import org.redwhistle.api.devices.DeviceScope;
import org.redwhistle.api.devices.NationalCode;
import org.redwhistle.api.devices.NationalCode.Rejection;
import org.redwhistle.api.geo.Crs;
import org.redwhistle.geo.area.AreaRef;
import org.redwhistle.geo.grid.GridChain;
import org.redwhistle.geo.grid.GridLocator;
import org.redwhistle.ingest.provisioning.ProvisioningKeys;
import org.redwhistle.ingest.registry.DeviceDirectory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Imports cameras from a GB/T 28181 Catalog, keyed by national code: an item whose code is new creates
 * a camera (PROVISIONED, offline until it connects), one whose code a camera has updates its name, place
 * and catalogue metadata. Loss-free per item: each bad item is refused with its DeviceID and the reason,
 * the good ones are written, all in one transaction; a dry run checks everything and writes nothing.
 * The place decides the grid (the geo engine's locate), which must lie inside the caller's area; the
 * code's centre and the item's CivilCode must agree with it. The Status is kept as metadata only: a
 * camera's online state is what the platform hears from it. Audited (one entry per import that wrote).
 */
@Component
class CatalogImport {

    /** What became of one item. */
    public enum Outcome {
        CREATED, UPDATED, UNCHANGED, REFUSED
    }

    /**
     * One item's result: its position in the file (1-based) and line, its DeviceID and Name as read, the
     * outcome, the camera written (its id), and for a refusal the reason (key, Chinese, English).
     */
    public record ItemResult(int index, int line, String deviceId, String name, Outcome outcome, String device, String reasonKey,
            String reason, String reasonEn) {
    }

    /**
     * What an import did or, in a dry run, would do. {@code complete} is false when the document says it
     * is one part of a longer catalogue (SumNum larger than its items).
     */
    public record ImportResult(boolean dryRun, String sourceDeviceId, Integer sumNum, boolean complete, int items, int created, int updated,
            int unchanged, int refused, List<ItemResult> results) {
    }

    /** An item that passed every check: what to write. */
    private record Planned(NationalCode code, String name, double lon, double lat, long gridId, ObjectNode meta, DeviceView existing) {
    }

    private final DeviceStore store;
    private final GridLocator grids;
    private final AreaScope scope;
    private final ProvisioningKeys keys;
    private final DeviceDirectory directory;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Gb28181Properties props;
    private final JsonMapper json;

    CatalogImport(DeviceStore store, GridLocator grids, AreaScope scope, ProvisioningKeys keys, DeviceDirectory directory, AuditLog audit,
            TransactionTemplate tx, Gb28181Properties props, JsonMapper json) {
        this.store = store;
        this.grids = grids;
        this.scope = scope;
        this.keys = keys;
        this.directory = directory;
        this.audit = audit;
        this.tx = tx;
        this.props = props;
        this.json = json;
    }

    /** Blocking. The document must be readable ({@link CatalogXml.Unreadable} otherwise, nothing written). */
    ImportResult run(Caller caller, byte[] bytes, String fileName, boolean dryRun) {
        CatalogXml.Catalog catalog = CatalogXml.read(bytes);
        ImportResult result = tx.execute(s -> apply(caller, catalog, fileName, dryRun));
        result.results().stream().filter(r -> r.device() != null && r.outcome() != Outcome.UNCHANGED).forEach(r -> directory.evict(r.device()));
        return result;
    }

    private ImportResult apply(Caller caller, CatalogXml.Catalog catalog, String fileName, boolean dryRun) {
        List<ItemResult> results = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        List<String> written = new ArrayList<>();
        for (int i = 0; i < catalog.items().size(); i++) {
            CatalogItem item = catalog.items().get(i);
            int index = i + 1;
            Object checked = check(caller, item, seen, index, catalog.deviceId());
            if (checked instanceof Rejection r) {
                results.add(new ItemResult(index, item.line(), item.deviceId(), item.name(), Outcome.REFUSED, null, r.key(), r.zh(), r.en()));
                continue;
            }
            Planned p = (Planned) checked;
            String id = p.existing() != null ? p.existing().id() : "gb-" + p.code().value();
            Outcome outcome = p.existing() == null ? Outcome.CREATED : same(p) ? Outcome.UNCHANGED : Outcome.UPDATED;
            if (!dryRun && outcome == Outcome.CREATED) {
                ObjectNode attributes = json.createObjectNode();
                attributes.set("gb28181", p.meta());
                store.insertCatalogCamera(id, p.code().value(), p.name(), p.gridId(), p.lon(), p.lat(), attributes.toString());
            } else if (!dryRun && outcome == Outcome.UPDATED) {
                store.updateCatalogCamera(id, p.name(), p.gridId(), p.lon(), p.lat(), p.meta().toString());
            }
            switch (outcome) {
                case CREATED -> created++;
                case UPDATED -> updated++;
                default -> unchanged++;
            }
            if (outcome != Outcome.UNCHANGED) {
                written.add(id);
                if (!dryRun) {
                    audit.record(caller.user().username(), outcome == Outcome.CREATED ? "device.created" : "device.edited", "device", id,
                            "国标目录导入", Map.of("nationalCode", p.code().value(), "name", p.name(), "location", List.of(p.lon(), p.lat()),
                                    "areaId", p.gridId()));
                }
            }
            results.add(new ItemResult(index, item.line(), item.deviceId(), item.name(), outcome, id, null, null, null));
        }
        int refused = (int) results.stream().filter(r -> r.outcome() == Outcome.REFUSED).count();
        boolean complete = catalog.sumNum() == null || catalog.sumNum() <= catalog.items().size();
        if (!dryRun) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("file", fileName);
            detail.put("source", catalog.deviceId());
            detail.put("items", catalog.items().size());
            detail.put("created", created);
            detail.put("updated", updated);
            detail.put("refused", refused);
            detail.put("devices", written);
            audit.record(caller.user().username(), "cameras.catalog.imported", "area", areaOf(caller), null, detail);
        }
        return new ImportResult(dryRun, catalog.deviceId(), catalog.sumNum(), complete, catalog.items().size(), created, updated, unchanged,
                refused, results);
    }

    /** The audit entry's entity: the caller's area, or "all" for those who act everywhere. */
    static String areaOf(Caller caller) {
        return caller.is(Scope.ALL) || caller.user().areaId() == null ? "all" : String.valueOf(caller.user().areaId());
    }

    /** A {@link Planned} write, or the {@link Rejection} of the item. */
    private Object check(Caller caller, CatalogItem item, Map<String, Integer> seen, int index, String sourceId) {
        NationalCode.Parsed parsed = NationalCode.parseCamera(item.deviceId());
        if (!parsed.ok()) {
            return parsed.rejection();
        }
        NationalCode code = parsed.code();
        Integer first = seen.putIfAbsent(code.value(), index);
        if (first != null) {
            return new Rejection("duplicate", "国标编码与第 " + first + " 项重复", "the national code repeats item " + first);
        }
        String name = item.name() == null ? "" : item.name().strip();
        if (name.isEmpty() || name.length() > 100) {
            return name.isEmpty() ? new Rejection("name", "缺少名称（Name）", "Name is missing")
                    : new Rejection("name", "名称超过 100 个字", "Name is longer than 100 characters");
        }
        Double lon = number(item.longitude());
        Double lat = number(item.latitude());
        if (lon == null || lat == null || (lon == 0 && lat == 0)) {
            return new Rejection("coordinates", "缺少经纬度（Longitude/Latitude），无法确定所在网格",
                    "Longitude/Latitude are missing or not numbers, so the camera's grid cannot be found");
        }
        if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
            return new Rejection("coordinates", "经纬度超出范围：" + item.longitude() + ", " + item.latitude(),
                    "Longitude/Latitude out of range: " + item.longitude() + ", " + item.latitude());
        }
        var wgs = Crs.toWgs84(props.datum(), lon, lat);
        Optional<GridChain> located = grids.locate(wgs.lon(), wgs.lat());
        if (located.isEmpty()) {
            return new Rejection("no-grid", "位置（" + item.longitude() + ", " + item.latitude() + "）不在平台的任何网格内",
                    "the place " + item.longitude() + "," + item.latitude() + " is not inside any grid of the platform");
        }
        GridChain chain = located.get();
        if (!caller.is(Scope.ALL) && !chain.ids().contains(caller.user().areaId())) {
            return new Rejection("outside-area", "位置不在您的辖区内（位于" + chain.grid().name() + "）",
                    "the place is outside your area (it lies in " + chain.grid().name() + ")");
        }
        Optional<CentreCodes> centres = CentreCodes.of(chain.areas());
        if (centres.isEmpty()) {
            return new Rejection("no-civil-code", "所在区域没有行政区划代码，无法核对中心编码",
                    "the place's area has no administrative division code to check the centre code against");
        }
        Optional<Rejection> centre = code.centreWithin(centres.get());
        if (centre.isPresent()) {
            return centre.get();
        }
        String civil = item.civilCode() == null ? "" : item.civilCode().strip();
        if (!civil.isEmpty() && !civilMatches(civil, centres.get(), chain.areas())) {
            return new Rejection("civil-code", "行政区域 CivilCode“" + civil + "”与位置所在区域“" + centres.get().areaName() + "”（"
                    + centres.get().own() + "）不符", "CivilCode " + civil + " does not match the place's area " + centres.get().areaName());
        }
        DeviceView existing = store.findByNationalCode(code.value()).orElse(null);
        if (existing != null) {
            if (!DeviceScope.of(caller).admits(scope.chainIds(existing.areaId()), existing.keyOwnerId())) {
                return new Rejection("taken", "国标编码已被您辖区外的设备使用", "the national code is a device's outside your area");
            }
            if (existing.provisioningKey() != null && !chain.ids().contains(keys.find(existing.provisioningKey()).areaId())) {
                return new Rejection("key-area", "新位置不在该摄像机接入密钥的区域内", "the new place is outside the area of the camera's provisioning key");
            }
        } else if (store.serialOrIdTaken(code.value(), "gb-" + code.value())) {
            return new Rejection("taken", "已有设备使用该编号作为序列号或设备编号", "another device has this code as its serial or id");
        }
        return new Planned(code, name, wgs.lon(), wgs.lat(), chain.grid().id(), metadata(item, sourceId), existing);
    }

    /** CivilCode may be the place's county (6 digits), a centre code it may carry (8), or the code of an area of its chain. */
    private static boolean civilMatches(String civil, CentreCodes centres, List<AreaRef> chain) {
        return centres.allowed().contains(civil) || civil.equals(centres.own().substring(0, 6))
                || chain.stream().anyMatch(a -> civil.equals(a.code()));
    }

    /** The item's catalogue fields kept with the camera ({@code attributes.gb28181}): metadata, not state. */
    private ObjectNode metadata(CatalogItem item, String sourceId) {
        ObjectNode m = json.createObjectNode();
        put(m, "manufacturer", item.manufacturer());
        put(m, "model", item.model());
        put(m, "owner", item.owner());
        put(m, "civilCode", item.civilCode());
        put(m, "address", item.address());
        put(m, "parentId", item.parentId());
        put(m, "status", item.status());
        put(m, "source", sourceId);
        return m;
    }

    private static void put(ObjectNode m, String field, String value) {
        if (value != null && !value.isBlank()) {
            m.put(field, value.strip());
        }
    }

    /** Whether an existing camera already is as the item says (name, place to 1e-6°, grid, metadata). */
    private static boolean same(Planned p) {
        DeviceView d = p.existing();
        JsonNode meta = d.attributes() == null ? null : d.attributes().get("gb28181");
        return d.name().equals(p.name()) && Math.abs(d.lon() - p.lon()) < 5e-7 && Math.abs(d.lat() - p.lat()) < 5e-7 && d.areaId() == p.gridId()
                && p.meta().equals(meta);
    }

    private static Double number(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            double v = Double.parseDouble(s.strip());
            return Double.isFinite(v) ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
