package org.redwhistle.api.devices.internal;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.redwhistle.api.access.Caller;
import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.devices.DeviceScope;
import org.redwhistle.api.geo.Crs;
import org.redwhistle.geo.area.AreaLevel;
import org.redwhistle.geo.area.AreaRef;
import org.redwhistle.geo.grid.GridLocator;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * The caller's cameras as a GB/T 28181 Catalog response: every camera in their area that has a
 * national code, one {@code <Item>} each, in code order; the platform's own code as the document's
 * DeviceID and each item's ParentID. The field mapping is in docs/gb28181.md. Audited.
 */
@Component
class CatalogExport {

    /** The document's bytes, its charset, and how many cameras of the area were left out for having no code. */
    record Exported(byte[] body, String charset, int items, int uncoded) {
    }

    private final DeviceStore store;
    private final GridLocator grids;
    private final Gb28181Properties props;
    private final AuditLog audit;
    private final Clock clock;

    CatalogExport(DeviceStore store, GridLocator grids, Gb28181Properties props, AuditLog audit, Clock clock) {
        this.store = store;
        this.grids = grids;
        this.props = props;
        this.audit = audit;
        this.clock = clock;
    }

    /** Blocking. */
    Exported export(Caller caller) {
        DeviceScope reach = DeviceScope.of(caller);
        List<DeviceView> cameras = store.list(new DeviceStore.Filter(reach.areaId(), reach.keyOwnerId(), "camera", null, null, null, 100_000));
        List<CatalogItem> items = cameras.stream().filter(d -> d.nationalCode() != null)
                .sorted(java.util.Comparator.comparing(DeviceView::nationalCode)).map(this::item).toList();
        String sn = String.valueOf(clock.instant().getEpochSecond() % 1_000_000_000L);
        var catalog = new CatalogXml.Catalog("Response", sn, props.platformCode(), items.size(), items.size(), items);
        byte[] body = CatalogXml.write(catalog, props.charset());
        int uncoded = cameras.size() - items.size();
        audit.record(caller.user().username(), "cameras.catalog.exported", "area", CatalogImport.areaOf(caller), null,
                Map.of("items", items.size(), "uncoded", uncoded, "platformCode", props.platformCode()));
        return new Exported(body, props.charset().name(), items.size(), uncoded);
    }

    private CatalogItem item(DeviceView d) {
        JsonNode meta = d.attributes() == null ? null : d.attributes().get("gb28181");
        List<AreaRef> chain = grids.chainOf(d.areaId());
        // 设备归属 and 安装地址: what the catalogue brought, else the community and the chain of names (district first)
        String owner = chain.stream().filter(a -> a.level() != AreaLevel.GRID).map(AreaRef::name).findFirst().orElse(d.areaName());
        StringBuilder address = new StringBuilder();
        for (int i = chain.size() - 1; i >= 0; i--) {
            address.append(chain.get(i).name());
        }
        var p = Crs.fromWgs84(props.datum(), d.lon(), d.lat());
        String code = d.nationalCode();
        return new CatalogItem(0, code, d.name(), text(meta, "manufacturer", "RedWhistle"),
                text(meta, "model", d.firmware() == null ? "camera" : d.firmware()), text(meta, "owner", owner), code.substring(0, 8),
                text(meta, "address", address.toString()), "0", props.platformCode(), "0", "1", "0", d.online() ? "ON" : "OFF",
                String.format(Locale.ROOT, "%.7f", p.lon()), String.format(Locale.ROOT, "%.7f", p.lat()));
    }

    private static String text(JsonNode meta, String field, String fallback) {
        return meta != null && meta.hasNonNull(field) ? meta.get(field).asText() : fallback;
    }
}
