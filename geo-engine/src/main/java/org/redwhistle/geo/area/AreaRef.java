package org.redwhistle.geo.area;

/** A light reference to an area: enough for a grid chain, a label or a scope check. */
public record AreaRef(long id, AreaLevel level, String code, String name, Long parentId) {
}
