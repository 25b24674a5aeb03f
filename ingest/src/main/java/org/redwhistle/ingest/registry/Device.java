package org.redwhistle.ingest.registry;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.ColumnTransformer;
import org.locationtech.jts.geom.Point;
import org.redwhistle.devices.contract.DeviceKind;

/** A registered device: a camera, access gate, wall-climbing alarm or patrol terminal. */
@Entity
@Table(name = "device")
public class Device {

    @Id
    private String id;

    @Column(nullable = false)
    private DeviceKind kind;

    @Column(nullable = false, unique = true)
    private String serial;

    @Column(nullable = false)
    private String name;

    @Column(name = "area_id", nullable = false)
    private Long areaId;

    @Column(nullable = false, columnDefinition = "geometry(Point,4326)")
    private Point location;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private DeviceState state = DeviceState.PROVISIONED;

    @Column(nullable = false)
    private boolean online;

    @Column(name = "last_seen")
    private Instant lastSeen;

    private String firmware;

    /** Free attributes as a JSON object text (e.g. a wall alarm's {@code zoneId}). */
    @Column(nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String attributes = "{}";

    protected Device() {
    }

    public Device(String id, DeviceKind kind, String serial, String name, Long areaId, Point location, String attributes) {
        this.id = id;
        this.kind = kind;
        this.serial = serial;
        this.name = name;
        this.areaId = areaId;
        this.location = location;
        this.attributes = attributes == null ? "{}" : attributes;
    }

    public String getId() {
        return id;
    }

    public DeviceKind getKind() {
        return kind;
    }

    public String getSerial() {
        return serial;
    }

    public String getName() {
        return name;
    }

    public Long getAreaId() {
        return areaId;
    }

    public Point getLocation() {
        return location;
    }

    public DeviceState getState() {
        return state;
    }

    public void setState(DeviceState state) {
        this.state = state;
    }

    public boolean isOnline() {
        return online;
    }

    public Instant getLastSeen() {
        return lastSeen;
    }

    public String getFirmware() {
        return firmware;
    }

    public String getAttributes() {
        return attributes;
    }
}
