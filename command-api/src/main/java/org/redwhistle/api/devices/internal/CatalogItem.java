package org.redwhistle.api.devices.internal;

/**
 * One {@code <Item>} of a GB/T 28181 Catalog, its fields as text (as read; null where absent). What
 * each means and how it maps onto a camera is in docs/gb28181.md.
 *
 * @param line where the item starts in the file (1-based), for per-item results
 */
public record CatalogItem(int line, String deviceId, String name, String manufacturer, String model, String owner, String civilCode,
        String address, String parental, String parentId, String safetyWay, String registerWay, String secrecy, String status,
        String longitude, String latitude) {
}
