package org.redwhistle.geo.area;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.locationtech.jts.geom.MultiPolygon;

/** One area of the hierarchy with its boundary (WGS-84). */
@Entity
@Table(name = "area")
public class Area {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private AreaLevel level;

    @Column(nullable = false, unique = true)
    private String code;

    @Column(nullable = false)
    private String name;

    @Column(name = "parent_id")
    private Long parentId;

    @Column(name = "duty_unit")
    private String dutyUnit;

    @Column(nullable = false, columnDefinition = "geometry(MultiPolygon,4326)")
    private MultiPolygon geom;

    protected Area() {
    }

    public Area(AreaLevel level, String code, String name, Long parentId, String dutyUnit, MultiPolygon geom) {
        this.level = level;
        this.code = code;
        this.name = name;
        this.parentId = parentId;
        this.dutyUnit = dutyUnit;
        this.geom = geom;
    }

    public Long getId() {
        return id;
    }

    public AreaLevel getLevel() {
        return level;
    }

    public String getCode() {
        return code;
    }

    public String getName() {
        return name;
    }

    public Long getParentId() {
        return parentId;
    }

    public String getDutyUnit() {
        return dutyUnit;
    }

    public MultiPolygon getGeom() {
        return geom;
    }
}
