package org.redwhistle.geo.area.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.redwhistle.geo.area.AreaFeature;
import org.redwhistle.geo.area.AreaLevel;
import org.redwhistle.geo.area.ImportProblem;

/**
 * The rules between areas of one import and those already stored: codes are unique in the file;
 * every area below district level names a parent one level up (in the file or stored); a child
 * lies inside its parent; the grids of one community do not overlap each other (shared edges are
 * fine). Tolerances absorb digitising noise: a child may stick out of its parent by at most 0.01 %
 * of its area, and two grids may share at most 1 m².
 */
public final class AreaHierarchyCheck {

    static final double OUTSIDE_PARENT_TOLERANCE = 1e-4;
    static final double OVERLAP_TOLERANCE_M2 = 1.0;

    private AreaHierarchyCheck() {
    }

    /** An area already stored. */
    public record Stored(long id, AreaLevel level, String code, String parentCode, Geometry geometry) {
    }

    public static List<ImportProblem> check(List<AreaFeature> features, Map<String, Stored> stored) {
        List<ImportProblem> problems = new ArrayList<>();
        Map<String, AreaFeature> byCode = new LinkedHashMap<>();
        for (AreaFeature f : features) {
            AreaFeature dup = byCode.putIfAbsent(f.code(), f);
            if (dup != null) {
                problems.add(new ImportProblem(f.index(), f.code(), "code " + f.code() + " is also used by feature " + dup.index()));
            }
        }
        Map<String, PreparedGeometry> prepared = new HashMap<>();
        for (AreaFeature f : byCode.values()) {
            if (f.level() == AreaLevel.DISTRICT) {
                if (f.parentCode() != null) {
                    problems.add(new ImportProblem(f.index(), f.code(), "a district has no parent, but parent " + f.parentCode() + " is given"));
                }
                continue;
            }
            AreaLevel expected = AreaLevel.values()[f.level().ordinal() - 1];
            if (f.parentCode() == null) {
                problems.add(new ImportProblem(f.index(), f.code(), "a " + name(f.level()) + " needs properties.parent, the code of its "
                        + name(expected)));
                continue;
            }
            AreaFeature inFile = byCode.get(f.parentCode());
            Stored inDb = stored.get(f.parentCode());
            AreaLevel parentLevel = inFile != null ? inFile.level() : inDb != null ? inDb.level() : null;
            Geometry parentGeom = inFile != null ? inFile.geometry() : inDb != null ? inDb.geometry() : null;
            if (parentLevel == null) {
                problems.add(new ImportProblem(f.index(), f.code(), "parent " + f.parentCode() + " is neither in this file nor stored"));
                continue;
            }
            if (parentLevel != expected) {
                problems.add(new ImportProblem(f.index(), f.code(), "the parent of a " + name(f.level()) + " must be a " + name(expected)
                        + ", but " + f.parentCode() + " is a " + name(parentLevel)));
                continue;
            }
            PreparedGeometry parent = prepared.computeIfAbsent(f.parentCode(), c -> PreparedGeometryFactory.prepare(parentGeom));
            if (!parent.covers(f.geometry())) {
                double outside = f.geometry().difference(parentGeom).getArea() / f.geometry().getArea();
                if (outside > OUTSIDE_PARENT_TOLERANCE) {
                    problems.add(new ImportProblem(f.index(), f.code(), "is not inside its parent " + f.parentCode() + ": "
                            + String.format("%.2f", outside * 100) + " % of its area lies outside"));
                }
            }
        }
        // stored children of an area this import reshapes must still fit inside it
        for (Stored child : stored.values()) {
            AreaFeature parent = child.parentCode() == null ? null : byCode.get(child.parentCode());
            if (parent == null || byCode.containsKey(child.code())) {
                continue;
            }
            PreparedGeometry pg = prepared.computeIfAbsent(parent.code(), c -> PreparedGeometryFactory.prepare(parent.geometry()));
            if (!pg.covers(child.geometry())) {
                double outside = child.geometry().difference(parent.geometry()).getArea() / child.geometry().getArea();
                if (outside > OUTSIDE_PARENT_TOLERANCE) {
                    problems.add(new ImportProblem(parent.index(), parent.code(), "would no longer contain its stored child " + child.code()
                            + ": " + String.format("%.2f", outside * 100) + " % of the child's area would lie outside"));
                }
            }
        }
        problems.addAll(overlappingGrids(byCode, stored));
        return problems;
    }

    /** Grids of the same community, as they will be after the import, compared pairwise. */
    private static List<ImportProblem> overlappingGrids(Map<String, AreaFeature> file, Map<String, Stored> stored) {
        record Grid(String code, Integer index, Geometry geom) {
        }
        Map<String, List<Grid>> byCommunity = new HashMap<>();
        for (Stored s : stored.values()) {
            if (s.level() == AreaLevel.GRID && !file.containsKey(s.code()) && s.parentCode() != null) {
                byCommunity.computeIfAbsent(s.parentCode(), k -> new ArrayList<>()).add(new Grid(s.code(), null, s.geometry()));
            }
        }
        for (AreaFeature f : file.values()) {
            if (f.level() == AreaLevel.GRID && f.parentCode() != null) {
                byCommunity.computeIfAbsent(f.parentCode(), k -> new ArrayList<>()).add(new Grid(f.code(), f.index(), f.geometry()));
            }
        }
        List<ImportProblem> problems = new ArrayList<>();
        for (var e : byCommunity.entrySet()) {
            List<Grid> grids = e.getValue();
            for (int i = 0; i < grids.size(); i++) {
                Grid a = grids.get(i);
                PreparedGeometry pa = null;
                for (int j = i + 1; j < grids.size(); j++) {
                    Grid b = grids.get(j);
                    if ((a.index() == null && b.index() == null) || !a.geom().getEnvelopeInternal().intersects(b.geom().getEnvelopeInternal())) {
                        continue;
                    }
                    pa = pa != null ? pa : PreparedGeometryFactory.prepare(a.geom());
                    if (!pa.intersects(b.geom())) {
                        continue;
                    }
                    Geometry common = a.geom().intersection(b.geom());
                    double m2 = squareMetres(common);
                    if (m2 > OVERLAP_TOLERANCE_M2) {
                        Grid reported = b.index() != null ? b : a;
                        Grid other = reported == b ? a : b;
                        problems.add(new ImportProblem(reported.index(), reported.code(), "overlaps grid " + other.code() + " of the same community "
                                + e.getKey() + " by about " + Math.round(m2) + " m²"));
                    }
                }
            }
        }
        return problems;
    }

    /** Area of a small lon/lat geometry in m², on a local equirectangular approximation. */
    static double squareMetres(Geometry g) {
        if (g.isEmpty()) {
            return 0;
        }
        double lat = Math.toRadians(g.getCentroid().getY());
        return g.getArea() * 111_320.0 * 110_574.0 * Math.cos(lat);
    }

    private static String name(AreaLevel l) {
        return switch (l) {
            case DISTRICT -> "district (区)";
            case STREET -> "street or town (街道/镇)";
            case COMMUNITY -> "community or village (社区/村)";
            case GRID -> "grid (网格)";
        };
    }
}
