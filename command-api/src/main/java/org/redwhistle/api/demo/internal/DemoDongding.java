package org.redwhistle.api.demo.internal;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.redwhistle.api.security.Role;
import org.redwhistle.geo.Geometries;
import org.redwhistle.geo.area.Area;
import org.redwhistle.geo.area.AreaLevel;
import org.redwhistle.geo.area.AreaRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The seed's village, 东顶村 of 八陡镇 in 淄博市博山区 (1,035 people, 49 party members): its own area tree
 * beside 奎文区 (the village is in another city, so it is not put inside the demo district), four grids,
 * and the accounts of those who govern it: the two committees (村“两委”), the mediation team
 * (3 调解员, 3 和事佬, 2 法律顾问, and a household's 代办员), its grid worker and a villager. The outline is
 * approximate.
 */
@Component
class DemoDongding {

    public static final String DISTRICT = "370304";
    public static final String TOWN = "370304104";
    public static final String VILLAGE = "370304104201";

    private static final Logger log = LoggerFactory.getLogger(DemoDongding.class);
    private static final double X0 = 117.905;
    private static final double X1 = 117.915;
    private static final double Y0 = 36.405;
    private static final double Y1 = 36.412;

    private final AreaRepository areas;
    private final DemoAccounts accounts;

    DemoDongding(AreaRepository areas, DemoAccounts accounts) {
        this.areas = areas;
        this.accounts = accounts;
    }

    /** Adds the village's areas the database lacks; how many it added. */
    int seedAreas() {
        int added = 0;
        if (areas.findByCode(DISTRICT).isEmpty()) {
            areas.save(new Area(AreaLevel.DISTRICT, DISTRICT, "博山区", null, "博山区社会治理服务中心", box(117.80, 36.35, 118.00, 36.50)));
            added++;
        }
        if (areas.findByCode(TOWN).isEmpty()) {
            areas.save(new Area(AreaLevel.STREET, TOWN, "八陡镇", areaId(DISTRICT), "八陡镇综治中心", box(117.88, 36.39, 117.94, 36.43)));
            added++;
        }
        if (areas.findByCode(VILLAGE).isEmpty()) {
            areas.save(new Area(AreaLevel.COMMUNITY, VILLAGE, "东顶村", areaId(TOWN), "东顶村综治中心", box(X0, Y0, X1, Y1)));
            added++;
        }
        double mx = (X0 + X1) / 2;
        double my = (Y0 + Y1) / 2;
        String[] names = {"东顶村第一网格（老村西片）", "东顶村第二网格（老村东片）", "东顶村第三网格（新村 1–11 号楼）", "东顶村第四网格（新村 12–22 号楼）"};
        double[][] boxes = {{X0, my, mx, Y1}, {mx, my, X1, Y1}, {X0, Y0, mx, my}, {mx, Y0, X1, my}};
        for (int g = 0; g < 4; g++) {
            String code = VILLAGE + "-G" + (g + 1);
            if (areas.findByCode(code).isEmpty()) {
                double[] b = boxes[g];
                areas.save(new Area(AreaLevel.GRID, code, names[g], areaId(VILLAGE), null, box(b[0], b[1], b[2], b[3])));
                added++;
            }
        }
        if (added > 0) {
            log.info("demo village 东顶村: {} areas added", added);
        }
        return added;
    }

    /** The village's accounts; existing ones are kept. */
    void seedAccounts() {
        long village = areaId(VILLAGE);
        accounts.user("committee-dongding", "东顶村党支部书记 陈", Role.COMMITTEE, village, "13500000001");
        accounts.user("committee-dongding-2", "东顶村村委会主任 孙", Role.COMMITTEE, village, "13500000002");
        String[][] team = {
            {"mediator", "东顶村调解员 赵", "13500000011"}, {"mediator-2", "东顶村调解员 钱", "13500000012"},
            {"mediator-3", "东顶村调解员 周", "13500000013"}, {"peacemaker-1", "东顶村和事佬 吴", "13500000021"},
            {"peacemaker-2", "东顶村和事佬 郑", "13500000022"}, {"peacemaker-3", "东顶村和事佬 王", "13500000023"},
            {"lawyer-1", "东顶村法律顾问 冯律师", "13500000031"}, {"lawyer-2", "东顶村法律顾问 褚律师", "13500000032"},
            {"agent-1", "东顶村代办员 卫（党员）", "13500000041"}};
        for (String[] m : team) {
            accounts.user(m[0], m[1], Role.MEDIATOR, village, m[2]);
        }
        accounts.user("grid-dongding-1", "东顶村网格员 蒋（第一网格）", Role.GRID_WORKER, areaId(VILLAGE + "-G1"), "13500000051");
        accounts.user("13810000001", "村民 李", Role.RESIDENT, village, "13810000001");
        accounts.user("13810000002", "村民 沈", Role.RESIDENT, village, "13810000002");
    }

    private long areaId(String code) {
        return areas.findByCode(code).orElseThrow(() -> new IllegalStateException("demo area " + code + " missing")).getId();
    }

    private static MultiPolygon box(double x0, double y0, double x1, double y1) {
        Polygon p = Geometries.WGS84.createPolygon(new Coordinate[] {
            new Coordinate(x0, y0), new Coordinate(x1, y0), new Coordinate(x1, y1), new Coordinate(x0, y1), new Coordinate(x0, y0)});
        return Geometries.WGS84.createMultiPolygon(new Polygon[] {p});
    }
}
