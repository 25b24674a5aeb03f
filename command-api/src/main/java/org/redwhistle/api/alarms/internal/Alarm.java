package org.redwhistle.api.alarms.internal;

import org.redwhistle.api.alarms.AlarmSeverity;
import org.redwhistle.api.alarms.AlarmStatus;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.locationtech.jts.geom.Point;

/**
 * An alarm raised by a rule on device events; repeats within the correlation window update it.
 * Raised and repeated in one statement by {@link AlarmService}; this entity is what the system clears.
 */
@Entity
@Table(name = "alarm")
public class Alarm {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String type;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private AlarmSeverity severity;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private AlarmStatus status = AlarmStatus.NEW;

    @Column(nullable = false)
    private String title;

    @Column(name = "device_id")
    private String deviceId;

    @Column(name = "event_msg_id")
    private String eventMsgId;

    @Column(name = "zone_id")
    private String zoneId;

    @Column(name = "grid_id")
    private Long gridId;

    /** Area ids from the district down to the grid: what area scoping matches. */
    @Column(name = "area_path", nullable = false)
    private Long[] areaPath;

    @Column(nullable = false, columnDefinition = "geometry(Point,4326)")
    private Point location;

    @Column(nullable = false)
    private int count = 1;

    @Column(name = "first_seen_at", nullable = false)
    private Instant firstSeenAt;

    @Column(name = "last_seen_at", nullable = false)
    private Instant lastSeenAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private int version;

    protected Alarm() {
    }

    /** Closed by the platform itself (the condition that raised it is gone). */
    public void resolveBySystem() {
        status = AlarmStatus.RESOLVED;
        updatedAt = Instant.now();
    }

    public Long getId() {
        return id;
    }

    public String getType() {
        return type;
    }

    public AlarmStatus getStatus() {
        return status;
    }

    public int getCount() {
        return count;
    }
}
