package org.redwhistle.geo.area;

/** The administrative hierarchy: 区 district → 街道/镇 street or town → 社区/村 community → 网格 grid. */
public enum AreaLevel {
    DISTRICT,
    STREET,
    COMMUNITY,
    GRID
}
