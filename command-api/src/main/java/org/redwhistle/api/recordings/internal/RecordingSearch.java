package org.redwhistle.api.recordings.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.redwhistle.api.devices.DeviceScope;
import org.redwhistle.api.recordings.RecordingMode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Search: the caller's cameras within a radius of a point (PostGIS, on the geography in metres) and/or named, each
 * with its footage in a time window as segments, the continuous spans they form and the gaps between them. Reads
 * {@code device} and {@code area} for {@link DeviceScope#SQL}.
 */
@Component
class RecordingSearch {

    /** Segments closer than this are one continuous span (the recorder's cut and filing jitter). */
    static final Duration JOIN = Duration.ofMillis(1500);
    static final int MAX_CAMERAS = 50;

    record Interval(Instant from, Instant to) {
    }

    record SegmentView(long id, Instant startedAt, Instant endedAt, long bytes, boolean kept) {
    }

    record CameraFootage(String cameraId, String name, double lon, double lat, Double distanceM, RecordingMode mode, long recordedSeconds,
            long bytes, List<Interval> spans, List<Interval> gaps, List<SegmentView> segments) {
    }

    private static final String CAMERAS = """
            select d.id, d.name, st_x(d.location) lon, st_y(d.location) lat,
                   case when cast(:lon as float8) is null then null
                        else st_distance(d.location::geography, st_setsrid(st_makepoint(:lon, :lat), 4326)::geography) end dist
            from device d join area a on a.id = d.area_id
            where d.kind = 'camera' and d.location is not null
              and (cast(:lon as float8) is null
                   or st_dwithin(d.location::geography, st_setsrid(st_makepoint(:lon, :lat), 4326)::geography, :radius))""";

    private final JdbcClient jdbc;
    private final SegmentStore segments;
    private final RecordingModes modes;

    RecordingSearch(JdbcClient jdbc, SegmentStore segments, RecordingModes modes) {
        this.jdbc = jdbc;
        this.segments = segments;
        this.modes = modes;
    }

    /** {@code lon}/{@code lat} null: no place, only the named cameras; {@code cameraIds} empty: every camera near the place. */
    List<CameraFootage> search(DeviceScope reach, Double lon, Double lat, double radiusM, List<String> cameraIds, Instant from, Instant to,
            Instant now) {
        Map<String, Object> p = new HashMap<>(reach.bind());
        p.put("lon", lon);
        p.put("lat", lat);
        p.put("radius", radiusM);
        String sql = CAMERAS + DeviceScope.SQL;
        if (!cameraIds.isEmpty()) {
            sql += " and d.id in (:ids)";
            p.put("ids", cameraIds);
        }
        sql += " order by dist nulls last, d.id limit " + MAX_CAMERAS;
        List<CameraFootage> out = new ArrayList<>();
        jdbc.sql(sql).params(p).query(rs -> {
            double d = rs.getDouble("dist");
            Double dist = rs.wasNull() ? null : Math.round(d * 10) / 10.0;
            out.add(new CameraFootage(rs.getString("id"), rs.getString("name"), rs.getDouble("lon"), rs.getDouble("lat"), dist, null, 0, 0,
                    List.of(), List.of(), List.of()));
        });
        List<CameraFootage> filled = new ArrayList<>();
        for (CameraFootage c : out) {
            filled.add(footage(c, segments.overlapping(c.cameraId(), from, to), from, to.isAfter(now) ? now : to, now));
        }
        return filled;
    }

    private CameraFootage footage(CameraFootage c, List<SegmentStore.Segment> found, Instant from, Instant until, Instant now) {
        List<SegmentView> views = new ArrayList<>();
        List<Interval> spans = new ArrayList<>();
        long bytes = 0;
        long millis = 0;
        for (SegmentStore.Segment s : found) {
            views.add(new SegmentView(s.id(), s.startedAt(), s.endedAt(), s.bytes(), s.keptUntil() != null && s.keptUntil().isAfter(now)));
            bytes += s.bytes();
            Instant a = s.startedAt().isBefore(from) ? from : s.startedAt();
            Instant b = s.endedAt().isAfter(until) ? until : s.endedAt();
            if (b.isAfter(a)) {
                millis += Duration.between(a, b).toMillis();
            }
            Interval last = spans.isEmpty() ? null : spans.get(spans.size() - 1);
            if (last != null && !s.startedAt().isAfter(last.to().plus(JOIN))) {
                spans.set(spans.size() - 1, new Interval(last.from(), s.endedAt().isAfter(last.to()) ? s.endedAt() : last.to()));
            } else {
                spans.add(new Interval(s.startedAt(), s.endedAt()));
            }
        }
        return new CameraFootage(c.cameraId(), c.name(), c.lon(), c.lat(), c.distanceM(), modes.modeOf(c.cameraId()), millis / 1000, bytes,
                spans, gaps(spans, from, until), views);
    }

    /** The parts of {@code [from, until)} no span covers (longer than {@link #JOIN}). */
    static List<Interval> gaps(List<Interval> spans, Instant from, Instant until) {
        List<Interval> gaps = new ArrayList<>();
        Instant cursor = from;
        for (Interval s : spans) {
            if (s.from().isAfter(cursor.plus(JOIN))) {
                gaps.add(new Interval(cursor, s.from().isBefore(until) ? s.from() : until));
            }
            if (s.to().isAfter(cursor)) {
                cursor = s.to();
            }
            if (!cursor.isBefore(until)) {
                return gaps;
            }
        }
        if (until.isAfter(cursor.plus(JOIN))) {
            gaps.add(new Interval(cursor, until));
        }
        return gaps;
    }
}
