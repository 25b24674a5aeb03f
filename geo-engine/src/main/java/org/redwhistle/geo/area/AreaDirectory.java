package org.redwhistle.geo.area;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Read side of the area hierarchy: references, ancestor chains and GeoJSON, straight from PostGIS.
 */
@Component
public class AreaDirectory {

    private final JdbcClient jdbc;

    public AreaDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Map<Long, AreaRef> all() {
        return jdbc.sql("select id, level, code, name, parent_id from area")
                .query((rs, i) -> new AreaRef(rs.getLong("id"), AreaLevel.valueOf(rs.getString("level")),
                        rs.getString("code"), rs.getString("name"), (Long) rs.getObject("parent_id")))
                .list().stream().collect(Collectors.toMap(AreaRef::id, Function.identity()));
    }

    /** The ids of the area and its ancestors (empty for an unknown area): what scoping checks. */
    public List<Long> path(long id) {
        return jdbc.sql("select path from area where id = ?").param(id)
                .query((rs, i) -> List.of((Long[]) rs.getArray(1).getArray())).optional().orElse(List.of());
    }

    /** The unit on duty for the area (奎文区社会治理服务中心, 广文街道综治中心, …), if it has one. */
    public Optional<String> dutyUnit(long id) {
        return jdbc.sql("select duty_unit from area where id = ?").param(id).query(String.class).list().stream()
                .filter(java.util.Objects::nonNull).findFirst();
    }

    /** The area and its ancestors, nearest first (grid, community, street, district). */
    public static List<AreaRef> chain(Map<Long, AreaRef> areas, long id) {
        List<AreaRef> chain = new ArrayList<>();
        AreaRef a = areas.get(id);
        while (a != null && chain.size() < 16) {
            chain.add(a);
            a = a.parentId() == null ? null : areas.get(a.parentId());
        }
        return chain;
    }

    /**
     * The areas inside {@code scopeAreaId} (itself included; every area when null) as an RFC 7946
     * FeatureCollection built by PostGIS: exterior rings counter-clockwise, properties as the import
     * reads them (level, code, name, parent code, duty unit, workers), so an export re-imports as is.
     */
    public String featureCollection(Long scopeAreaId) {
        return jdbc.sql("""
                with recursive scope as (
                    select id from area where (cast(:scope as bigint) is null and parent_id is null) or id = cast(:scope as bigint)
                    union all
                    select a.id from area a join scope s on a.parent_id = s.id)
                select json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(
                    json_build_object('type', 'Feature', 'id', a.id,
                        'geometry', st_asgeojson(st_forcepolygonccw(a.geom), 7)::json,
                        'properties', json_build_object('id', a.id, 'level', a.level, 'code', a.code,
                            'name', a.name, 'parentId', a.parent_id, 'parent', p.code, 'dutyUnit', a.duty_unit,
                            'workers', a.workers))
                    order by a.path), '[]'::json))::text
                from area a left join area p on p.id = a.parent_id where a.id in (select id from scope)
                """).param("scope", scopeAreaId).query(String.class).single();
    }
}
