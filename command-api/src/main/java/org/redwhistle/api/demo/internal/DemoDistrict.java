package org.redwhistle.api.demo.internal;

import java.util.List;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.redwhistle.api.security.Role;
import org.redwhistle.devices.contract.DemoDistrictPlan;
import org.redwhistle.devices.contract.DemoDistrictPlan.Box;
import org.redwhistle.geo.Geometries;
import org.redwhistle.geo.area.Area;
import org.redwhistle.geo.area.AreaLevel;
import org.redwhistle.geo.area.AreaRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The district around the demo village ({@link DemoDistrictPlan}): the streets and communities of 奎文区
 * beyond 松鹤园社区 and 奎文门社区, their grids, and the accounts of each unit — an operator per street
 * and per community ({@code operator-<pinyin>}), a grid worker per grid ({@code grid-<pinyin>-<n>}), the
 * community police of each street's station ({@code police-<pinyin>}) and a resident per community who
 * files from the residents' page. Seeded by code: what exists is left as it is, what is missing is
 * added, so a database of the first, two-community demo grows into the district on its next start.
 */
@Component
class DemoDistrict {

    private static final Logger log = LoggerFactory.getLogger(DemoDistrict.class);
    private static final String[] SURNAMES = {"杨", "黄", "朱", "林", "郭", "罗", "梁", "宋", "唐", "许", "韩", "邓", "曹", "彭", "曾",
        "萧", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕"};

    private final AreaRepository areas;
    private final DemoAccounts accounts;

    DemoDistrict(AreaRepository areas, DemoAccounts accounts) {
        this.areas = areas;
        this.accounts = accounts;
    }

    /** Adds the streets, communities and grids the database lacks; returns how many areas it added. */
    int seedAreas() {
        long district = areaId(DemoDistrictPlan.DISTRICT);
        int added = 0;
        for (DemoDistrictPlan.Street s : DemoDistrictPlan.streets()) {
            if (areas.findByCode(s.code()).isEmpty()) {
                areas.save(new Area(AreaLevel.STREET, s.code(), s.name(), district, s.name() + "综治中心", box(s.box())));
                added++;
            }
        }
        for (DemoDistrictPlan.Community c : DemoDistrictPlan.communities()) {
            if (areas.findByCode(c.code()).isEmpty()) {
                areas.save(new Area(AreaLevel.COMMUNITY, c.code(), c.name(), areaId(c.street()), c.name() + "综治中心", box(c.box())));
                added++;
            }
            for (DemoDistrictPlan.Grid g : c.grids()) {
                if (areas.findByCode(g.code()).isEmpty()) {
                    areas.save(new Area(AreaLevel.GRID, g.code(), g.name(), areaId(c.code()), null, box(g.box())));
                    added++;
                }
            }
        }
        if (added > 0) {
            log.info("demo district: {} streets, {} communities; {} areas added", DemoDistrictPlan.streets().size(),
                    DemoDistrictPlan.communities().size(), added);
        }
        return added;
    }

    /** The accounts of the units beyond the first demo village, and every community's resident; existing ones are kept. */
    void seedAccounts() {
        int n = 0;
        for (DemoDistrictPlan.Street s : DemoDistrictPlan.streets()) {
            if (s.code().equals(DemoVillage.STREET)) {
                continue; // 广文街道: operator-street and police, seeded with the village
            }
            long street = areaId(s.code());
            int i = DemoDistrictPlan.streets().indexOf(s);
            accounts.user("operator-" + s.pinyin(), s.name() + "综治中心 " + SURNAMES[n++ % SURNAMES.length], Role.OPERATOR, street,
                    String.format("136000002%02d", i));
            String police = "police-" + s.pinyin();
            accounts.user(police, s.name().replace("街道", "") + "派出所 社区民警 " + SURNAMES[n++ % SURNAMES.length], Role.POLICE, street,
                    String.format("136000003%02d", i));
            Box b = s.box();
            accounts.member(police, "POLICE", s.name().replace("街道", "") + "派出所", street, null,
                    new double[] {(b.x0() + b.x1()) / 2, (b.y0() + b.y1()) / 2});
        }
        List<DemoDistrictPlan.Community> communities = DemoDistrictPlan.communities();
        for (int i = 0; i < communities.size(); i++) {
            DemoDistrictPlan.Community c = communities.get(i);
            boolean village = c.code().equals(DemoVillage.SONGHEYUAN) || c.code().equals(DemoVillage.KUIWENMEN);
            if (!village) {
                accounts.user("operator-" + c.pinyin(), c.name() + "指挥员 " + SURNAMES[n++ % SURNAMES.length], Role.OPERATOR, areaId(c.code()),
                        String.format("136000001%02d", i));
            }
            if (c.code().equals(DemoVillage.SONGHEYUAN)) {
                continue; // grid1 and grid2, seeded with the village
            }
            for (int g = 0; g < c.grids().size(); g++) {
                DemoDistrictPlan.Grid grid = c.grids().get(g);
                String worker = "grid-" + c.pinyin() + "-" + (g + 1);
                long gridId = areaId(grid.code());
                accounts.user(worker, "网格员 " + SURNAMES[n++ % SURNAMES.length] + "（" + grid.name() + "）", Role.GRID_WORKER, gridId,
                        String.format("1390000%02d%02d", i, g + 1));
                if (!village) {
                    // on their phones at their grid's middle; 奎文门社区's worker is not placed, so the village's alarms
                    // next door keep the responders they always had
                    Box gb = grid.box();
                    accounts.member(worker, "GRID_WORKER", c.name() + grid.name(), gridId, null,
                            new double[] {(gb.x0() + gb.x1()) / 2, (gb.y0() + gb.y1()) / 2});
                }
            }
        }
        for (DemoDistrictPlan.Resident r : DemoDistrictPlan.residents()) {
            accounts.user(r.phone(), r.name(), Role.RESIDENT, areaId(r.community()), r.phone());
        }
    }

    /** The user names of a community's grid workers (松鹤园社区's are grid1 and grid2). */
    static List<String> gridWorkers(DemoDistrictPlan.Community c) {
        if (c.code().equals(DemoVillage.SONGHEYUAN)) {
            return List.of("grid1", "grid2");
        }
        return java.util.stream.IntStream.rangeClosed(1, c.grids().size()).mapToObj(g -> "grid-" + c.pinyin() + "-" + g).toList();
    }

    /** The operator of a community (松鹤园社区's is operator, 奎文门社区's operator-kwm). */
    static String operator(DemoDistrictPlan.Community c) {
        return c.code().equals(DemoVillage.SONGHEYUAN) ? "operator" : "operator-" + c.pinyin();
    }

    /** The operator of a street (广文街道's is operator-street). */
    static String operator(DemoDistrictPlan.Street s) {
        return s.code().equals(DemoVillage.STREET) ? "operator-street" : "operator-" + s.pinyin();
    }

    private long areaId(String code) {
        return areas.findByCode(code).orElseThrow(() -> new IllegalStateException("demo area " + code + " missing")).getId();
    }

    private static MultiPolygon box(Box b) {
        Polygon p = Geometries.WGS84.createPolygon(new Coordinate[] {
            new Coordinate(b.x0(), b.y0()), new Coordinate(b.x1(), b.y0()), new Coordinate(b.x1(), b.y1()), new Coordinate(b.x0(), b.y1()),
            new Coordinate(b.x0(), b.y0())});
        return Geometries.WGS84.createMultiPolygon(new Polygon[] {p});
    }
}
