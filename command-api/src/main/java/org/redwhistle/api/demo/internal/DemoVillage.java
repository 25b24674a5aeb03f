package org.redwhistle.api.demo.internal;

import java.util.List;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.redwhistle.api.security.Role;
import org.redwhistle.api.units.Department;
import org.redwhistle.api.units.Departments;
import org.redwhistle.devices.contract.DemoVillagePlan;
import org.redwhistle.geo.Geometries;
import org.redwhistle.geo.area.Area;
import org.redwhistle.geo.area.AreaLevel;
import org.redwhistle.geo.area.AreaRepository;
import org.redwhistle.geo.area.AreasChanged;
import org.redwhistle.ingest.registry.Device;
import org.redwhistle.ingest.registry.DeviceRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seeds a demo village so the map is not empty: 潍坊市奎文区 → 广文街道 → 松鹤园社区 (four grids,
 * with the cameras, gates, wall-climbing alarms, patrol terminals, video intercoms and face gates of {@link DemoVillagePlan}
 * pre-registered by serial, for the simulator to claim over MQTT provisioning) and 奎文门社区 next to
 * it, plus users of every role; then the rest of the district ({@link DemoDistrict}). Idempotent: areas,
 * devices and accounts are created once, by code and user name, and what an older demo database lacks is
 * added on its next start; accounts keep their rows, but take the configured password when it changed.
 */
@Component
@ConditionalOnProperty(name = "redwhistle.demo.enabled", havingValue = "true")
public class DemoVillage implements ApplicationRunner {

    public static final String DISTRICT = "370705";
    public static final String STREET = "370705001";
    public static final String SONGHEYUAN = "370705001001";
    public static final String KUIWENMEN = "370705001002";

    private static final Logger log = LoggerFactory.getLogger(DemoVillage.class);
    // 松鹤园社区 spans 119.120–119.132 E, 36.700–36.709 N, split into a 2 × 2 grid
    private static final double X0 = 119.120;
    private static final double X1 = 119.132;
    private static final double Y0 = 36.700;
    private static final double Y1 = 36.709;

    private final DemoProperties props;
    private final AreaRepository areas;
    private final DeviceRepository devices;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final DemoSeeds seeds;
    private final Departments departments;
    private final DemoAccounts accounts;
    private final DemoDistrict district;
    private final DemoDongding dongding;
    private final ObjectProvider<DemoPart> parts;

    public DemoVillage(DemoProperties props, AreaRepository areas, DeviceRepository devices, TransactionTemplate tx,
            ApplicationEventPublisher events, DemoSeeds seeds, Departments departments, DemoAccounts accounts, DemoDistrict district,
            DemoDongding dongding, ObjectProvider<DemoPart> parts) {
        this.dongding = dongding;
        this.parts = parts;
        this.departments = departments;
        this.seeds = seeds;
        this.props = props;
        this.areas = areas;
        this.devices = devices;
        this.tx = tx;
        this.events = events;
        this.accounts = accounts;
        this.district = district;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (props.password() == null || props.password().length() < 8) {
            throw new IllegalStateException("redwhistle.demo.password (RW_DEMO_PASSWORD) must be set, 8+ characters, when the demo is enabled");
        }
        boolean created = Boolean.TRUE.equals(tx.execute(s -> seedAreasAndDevices()));
        tx.executeWithoutResult(s -> seedMissingDevices());
        created |= tx.execute(s -> district.seedAreas()) > 0;
        created |= tx.execute(s -> dongding.seedAreas()) > 0;
        tx.executeWithoutResult(s -> seedUsers());
        tx.executeWithoutResult(s -> district.seedAccounts());
        tx.executeWithoutResult(s -> dongding.seedAccounts());
        tx.executeWithoutResult(s -> seedZones());
        tx.executeWithoutResult(s -> seedTour());
        if (created) {
            events.publishEvent(new AreasChanged("demo village seeded"));
        }
        // each feature's demo data (the registry, decisions, the compact, mediation), in @Order order
        parts.orderedStream().forEach(part -> tx.executeWithoutResult(s -> part.seed()));
    }

    private boolean seedAreasAndDevices() {
        if (areas.findByCode(DISTRICT).isPresent()) {
            return false;
        }
        Area district = areas.save(new Area(AreaLevel.DISTRICT, DISTRICT, "奎文区", null, "奎文区社会治理服务中心",
                box(119.08, 36.66, 119.20, 36.75)));
        Area street = areas.save(new Area(AreaLevel.STREET, STREET, "广文街道", district.getId(), "广文街道综治中心",
                box(119.110, 36.690, 119.150, 36.720)));
        Area shy = areas.save(new Area(AreaLevel.COMMUNITY, SONGHEYUAN, "松鹤园社区", street.getId(), "松鹤园社区综治中心",
                box(X0, Y0, X1, Y1)));
        Area kwm = areas.save(new Area(AreaLevel.COMMUNITY, KUIWENMEN, "奎文门社区", street.getId(), "奎文门社区综治中心",
                box(X1, Y0, 119.142, Y1)));
        double mx = (X0 + X1) / 2;
        double my = (Y0 + Y1) / 2;
        Area g1 = grid(shy, 1, "第一网格（西北）", X0, my, mx, Y1);
        Area g2 = grid(shy, 2, "第二网格（东北）", mx, my, X1, Y1);
        Area g3 = grid(shy, 3, "第三网格（西南）", X0, Y0, mx, my);
        Area g4 = grid(shy, 4, "第四网格（东南）", mx, Y0, X1, my);
        grid(kwm, 1, "奎文门第一网格", X1, Y0, 119.142, Y1);

        int registered = seedDevices(List.of(g1, g2, g3, g4));
        log.info("demo village seeded: 奎文区 → 广文街道 → 松鹤园社区 (4 grids, {} devices), 奎文门社区 (1 grid)", registered);
        return true;
    }

    /**
     * Pre-registers the planned devices not registered yet, in the grid that covers each: all of them
     * on a new database; on an older demo database, the ones the plan gained since (the video
     * intercoms and face gates of issue 21).
     */
    private int seedDevices(List<Area> grids) {
        int registered = 0;
        for (DemoVillagePlan.PlannedDevice d : DemoVillagePlan.devices()) {
            if (devices.existsById(d.id())) {
                continue;
            }
            var point = Geometries.point(d.lon(), d.lat());
            Area grid = grids.stream().filter(g -> g.getGeom().covers(point)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("demo device " + d.id() + " lies outside 松鹤园社区"));
            devices.save(new Device(d.id(), d.kind(), d.serial(), d.name(), grid.getId(), point, d.attributes().toString()));
            registered++;
        }
        return registered;
    }

    private void seedMissingDevices() {
        List<Area> grids = new java.util.ArrayList<>();
        for (int n = 1; n <= 4; n++) {
            areas.findByCode(SONGHEYUAN + "-G" + n).ifPresent(grids::add);
        }
        int added = grids.size() == 4 ? seedDevices(grids) : 0;
        if (added > 0) {
            log.info("demo village: {} planned devices registered that the database lacked", added);
        }
    }

    private void seedUsers() {
        long district = areaId(DISTRICT);
        long street = areaId(STREET);
        long shy = areaId(SONGHEYUAN);
        long kwm = areaId(KUIWENMEN);
        user("admin", "系统管理员", Role.ADMIN, null, null);
        user("leader", "区领导 王", Role.LEADER, district, null);
        user("operator-district", "区社会治理服务中心 值班员 孙", Role.OPERATOR, district, "13600000006");
        // the departments that report when the district center routes a case to them (部门报到), each with its duty account
        String[][] depts = {
            {"ENFORCEMENT", "区综合行政执法局", "区执法局", "department", "区综合行政执法局 值班 钱", "13600000001"},
            {"HOUSING", "区住房和城乡建设局", "区住建局", "dept-housing", "区住建局 值班 冯", "13600000011"},
            {"MARKET", "区市场监督管理局", "区市场监管局", "dept-market", "区市场监管局 值班 陈", "13600000012"},
            {"POWER", "国网奎文区供电中心", "供电中心", "dept-power", "供电中心 抢修值班 褚", "13600000013"},
            {"WATER", "奎文区供水服务中心", "供水中心", "dept-water", "供水中心 值班 卫", "13600000014"},
            {"EMERGENCY", "区应急管理局", "区应急局", "dept-emergency", "区应急局 值班 蒋", "13600000015"}};
        for (int i = 0; i < depts.length; i++) {
            String[] d = depts[i];
            long id = departments.ensure(new Department(0, d[0], d[1], d[2], district, d[5], true, (i + 1) * 10));
            user(d[3], d[4], Role.DEPARTMENT, district, d[5]);
            accounts.inDepartment(d[3], id);
        }
        user("operator", "松鹤园社区指挥员 李", Role.OPERATOR, shy, "13600000002");
        user("operator-street", "广文街道综治中心 张", Role.OPERATOR, street, "13600000003");
        user("operator-kwm", "奎文门社区指挥员 赵", Role.OPERATOR, kwm, "13600000004");
        user("grid1", "网格员 刘（第一网格）", Role.GRID_WORKER, areaId(SONGHEYUAN + "-G1"), "13900000001");
        user("grid2", "网格员 陈（第二网格）", Role.GRID_WORKER, areaId(SONGHEYUAN + "-G2"), "13900000002");
        user("patrol1", "平安联盟 孙（物业保安）", Role.PATROL, shy, "13700000001");
        user("patrol2", "平安联盟 周（出租车司机）", Role.PATROL, shy, "13700000002");
        user("police", "社区民警 吴", Role.POLICE, street, "13600000005");
        user("police-leader", "广文街道派出所所长 彭", Role.POLICE_LEADER, street, "13600000007");
        user("integrator", "设备集成商 郑", Role.INTEGRATOR, shy, null);
        user("resident", "居民 冯", Role.RESIDENT, shy, null);
        // the communities' committees (社区“两委”): 五事工作法 and the registry; 东顶村's are in DemoDongding
        user("committee", "松鹤园社区党委书记 宋", Role.COMMITTEE, shy, "13600000021");
        user("committee-kwm", "奎文门社区居委会主任 韩", Role.COMMITTEE, kwm, "13600000022");
        // the residents who use the residents' page (/whistle.html), 13800000001 on, are the district's (DemoDistrict)
        // responders: two 平安联盟 members carrying the first two patrol terminals, the grid workers and the
        // community police officer on their phones (placed where they start their duty)
        member("patrol1", "PATROL", "物业保安", shy, "patrol-01", null);
        member("patrol2", "PATROL", "出租车司机", shy, "patrol-02", null);
        member("grid1", "GRID_WORKER", "松鹤园社区第一网格", areaId(SONGHEYUAN + "-G1"), null, new double[] {119.1232, 36.7068});
        member("grid2", "GRID_WORKER", "松鹤园社区第二网格", areaId(SONGHEYUAN + "-G2"), null, new double[] {119.1290, 36.7070});
        member("police", "POLICE", "广文街道派出所", street, null, new double[] {119.1262, 36.7040});
    }

    /**
     * The four walls of 松鹤园社区 as perimeter zones, armed all the time, and the community's power
     * room as a restricted area armed at night (22:00–06:00).
     */
    private void seedZones() {
        long shy = areaId(SONGHEYUAN);
        zone("SHY-EAST", "东墙（A段）", "PERIMETER", shy, line(X1, Y0, X1, Y1), "[]");
        zone("SHY-WEST", "西墙（B段）", "PERIMETER", shy, line(X0, Y0, X0, Y1), "[]");
        zone("SHY-NORTH", "北墙（C段）", "PERIMETER", shy, line(X0, Y1, X1, Y1), "[]");
        zone("SHY-SOUTH", "南墙（D段）", "PERIMETER", shy, line(X0, Y0, X1, Y0), "[]");
        zone("SHY-POWER", "配电房（夜间禁入）", "RESTRICTED", shy,
                "{\"type\":\"Polygon\",\"coordinates\":[[[119.1300,36.7005],[119.1312,36.7005],[119.1312,36.7013],[119.1300,36.7013],[119.1300,36.7005]]]}",
                "[{\"from\":\"22:00\",\"to\":\"06:00\"}]");
    }

    /**
     * A guard tour for 平安联盟 孙 (patrol-01): three checkpoints on the simulated terminal's 150 m
     * beat, a round every 20 minutes around the clock, each within 15 minutes; GPS proximity 25 m.
     */
    private void seedTour() {
        if (seeds.tourExists("SHY-TOUR-1")) {
            return;
        }
        var post = DemoVillagePlan.devices().stream().filter(d -> d.id().equals("patrol-01")).findFirst().orElseThrow();
        long tour = seeds.tour("SHY-TOUR-1", "松鹤园夜间巡更（西北片）", areaId(SONGHEYUAN), 20, 15, 25, seeds.memberCarrying("patrol-01"));
        // the simulator's walk: a 150 m circle starting at a phase fixed by the device id
        double phase = (Math.abs("patrol-01".hashCode()) % 360) * Math.PI / 180;
        String[] names = {"巡更点一（健身广场）", "巡更点二（车棚）", "巡更点三（配电箱）"};
        for (int k = 0; k < 3; k++) {
            double angle = phase + k * 2 * Math.PI / 3;
            double lat = post.lat() + 150 * Math.sin(angle) / 111_320.0;
            double lon = post.lon() + 150 * Math.cos(angle) / (111_320.0 * Math.cos(Math.toRadians(post.lat())));
            seeds.checkpoint(tour, k + 1, "SHY-CP-" + (k + 1), names[k], lon, lat);
        }
    }

    private static String line(double x0, double y0, double x1, double y1) {
        return "{\"type\":\"LineString\",\"coordinates\":[[" + x0 + "," + y0 + "],[" + x1 + "," + y1 + "]]}";
    }

    private void zone(String code, String name, String kind, long areaId, String geojson, String schedule) {
        seeds.zone(code, name, kind, areaId, geojson, schedule);
    }

    private void member(String username, String role, String affiliation, long areaId, String deviceId, double[] at) {
        accounts.member(username, role, affiliation, areaId, deviceId, at);
    }

    private long areaId(String code) {
        return areas.findByCode(code).orElseThrow(() -> new IllegalStateException("demo area " + code + " missing")).getId();
    }

    private void user(String username, String name, Role role, Long areaId, String phone) {
        accounts.user(username, name, role, areaId, phone);
    }

    private Area grid(Area community, int n, String name, double x0, double y0, double x1, double y1) {
        return areas.save(new Area(AreaLevel.GRID, community.getCode() + "-G" + n, name, community.getId(), null, box(x0, y0, x1, y1)));
    }

    private static MultiPolygon box(double x0, double y0, double x1, double y1) {
        Polygon p = Geometries.WGS84.createPolygon(new Coordinate[] {
            new Coordinate(x0, y0), new Coordinate(x1, y0), new Coordinate(x1, y1), new Coordinate(x0, y1), new Coordinate(x0, y0)});
        return Geometries.WGS84.createMultiPolygon(new Polygon[] {p});
    }
}
