package org.redwhistle.geo.area;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;
import org.redwhistle.geo.Geometries;
import org.redwhistle.geo.area.internal.AreaHierarchyCheck;
import org.redwhistle.geo.area.internal.GeoJsonAreaParser;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.JsonNode;

/**
 * Imports a GeoJSON FeatureCollection of areas, all or nothing: every feature is validated on its
 * own and against the hierarchy (file and stored areas together); one problem anywhere and nothing
 * is stored. Areas are matched by code, so re-importing an edited export updates it in place.
 * Imports are serialised by an advisory lock, so two of them cannot validate against stale data.
 */
@Service
public class AreaImporter {

    /** At most this many problems are reported; a file with more is usually wrong as a whole. */
    static final int MAX_PROBLEMS = 200;
    private static final long LOCK_KEY = 0x7277_6172_6561L; // "rwarea"

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final JsonMapper json = JsonMapper.builder().build();

    public AreaImporter(JdbcClient jdbc, TransactionTemplate tx, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.events = events;
    }

    /** What an import did. */
    public record Result(int created, int updated, List<String> windingCorrected) {
    }

    public Result importCollection(JsonNode collection) {
        GeoJsonAreaParser.Parsed parsed = GeoJsonAreaParser.parse(collection);
        if (!parsed.problems().isEmpty()) {
            throw refused(parsed.problems());
        }
        Result result = tx.execute(s -> {
            jdbc.sql("select pg_advisory_xact_lock(?)").param(LOCK_KEY).query().singleValue();
            List<ImportProblem> problems = AreaHierarchyCheck.check(parsed.features(), stored());
            if (!problems.isEmpty()) {
                throw refused(problems);
            }
            return write(parsed.features());
        });
        events.publishEvent(new AreasChanged("imported " + (result.created() + result.updated()) + " areas"));
        return result;
    }

    private static AreaImportException refused(List<ImportProblem> problems) {
        List<ImportProblem> sorted = new ArrayList<>(problems);
        sorted.sort(Comparator.comparingInt(ImportProblem::feature));
        return new AreaImportException(sorted.size() > MAX_PROBLEMS ? sorted.subList(0, MAX_PROBLEMS) : sorted);
    }

    private Map<String, AreaHierarchyCheck.Stored> stored() {
        WKBReader wkb = new WKBReader(Geometries.WGS84);
        Map<String, AreaHierarchyCheck.Stored> out = new HashMap<>();
        jdbc.sql("select a.id, a.level, a.code, p.code parent_code, st_asbinary(a.geom) wkb from area a left join area p on p.id = a.parent_id")
                .query(rs -> {
                    try {
                        out.put(rs.getString("code"), new AreaHierarchyCheck.Stored(rs.getLong("id"), AreaLevel.valueOf(rs.getString("level")),
                                rs.getString("code"), rs.getString("parent_code"), wkb.read(rs.getBytes("wkb"))));
                    } catch (ParseException e) {
                        throw new IllegalStateException("unreadable geometry of area " + rs.getString("code"), e);
                    }
                });
        return out;
    }

    private Result write(List<AreaFeature> features) {
        List<AreaFeature> ordered = new ArrayList<>(features);
        ordered.sort(Comparator.comparing(AreaFeature::level));
        WKBWriter wkb = new WKBWriter();
        int created = 0;
        int updated = 0;
        List<String> turned = new ArrayList<>();
        for (AreaFeature f : ordered) {
            Boolean inserted = jdbc.sql("""
                    insert into area (level, code, name, parent_id, duty_unit, workers, geom, updated_at)
                    values (:level, :code, :name, (select id from area where code = :parent), :duty, cast(:workers as jsonb),
                            st_setsrid(st_geomfromwkb(:wkb), 4326), now())
                    on conflict (code) do update set level = excluded.level, name = excluded.name, parent_id = excluded.parent_id,
                        duty_unit = excluded.duty_unit, workers = excluded.workers, geom = excluded.geom, updated_at = now()
                    returning (xmax = 0)""")
                    .param("level", f.level().name()).param("code", f.code()).param("name", f.name())
                    .param("parent", f.parentCode()).param("duty", f.dutyUnit())
                    .param("workers", json.writeValueAsString(f.workers())).param("wkb", wkb.write(f.geometry()))
                    .query(Boolean.class).single();
            if (Boolean.TRUE.equals(inserted)) {
                created++;
            } else {
                updated++;
            }
            if (f.windingCorrected()) {
                turned.add(f.code());
            }
        }
        // a moved area moves its whole subtree: recompute every path that changed
        jdbc.sql("""
                with recursive t as (
                    select id, array[id] p from area where parent_id is null
                    union all
                    select a.id, t.p || a.id from area a join t on a.parent_id = t.id)
                update area set path = t.p from t where area.id = t.id and area.path is distinct from t.p""").update();
        return new Result(created, updated, turned);
    }
}
