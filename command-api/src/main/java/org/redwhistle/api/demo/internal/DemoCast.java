package org.redwhistle.api.demo.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.redwhistle.api.security.CurrentUser;
import org.redwhistle.api.users.UserAccount;
import org.redwhistle.api.users.UserAccountRepository;
import org.redwhistle.devices.contract.DemoDistrictPlan;
import org.redwhistle.devices.contract.DemoDistrictPlan.Community;

/**
 * Who plays which part in the replayed year, and how each unit tends to work: the accounts of the
 * district's units (from {@link DemoDistrictPlan} and the village's own), what each kind of request is
 * about and which departments the district center routes it to, and how often each unit is late on
 * purpose (some communities, streets and departments more than others, so the leaders' ranking has
 * something to show).
 */
final class DemoCast {

    static final String CENTER = "operator-district";
    static final String LEADER = "leader";
    /** The lateness of the work at the top of a chain (the leaders', the legal adviser's), where an order escalates no further. */
    static final String TOP = "top-of-chain";

    /** A kind of request: its catalogue code, how often residents file it, what they say, and who handles it at the district. */
    record Kind(String category, int weight, List<String> sayings, String lead, String coHandler) {
    }

    static final List<Kind> KINDS = List.of(
            new Kind("ENV", 20, List.of("楼道堆放杂物，影响通行", "垃圾清运不及时，气味很大", "小区绿化带有卫生死角"), "ENFORCEMENT", "HOUSING"),
            new Kind("FACILITY", 18, List.of("路灯不亮，晚上出行不便", "井盖松动，车一压就响", "健身器材损坏"), "HOUSING", "POWER"),
            new Kind("NOISE", 12, List.of("夜间装修噪音", "临街商铺音响太响", "广场舞音响扰民"), "ENFORCEMENT", "MARKET"),
            new Kind("PARKING", 12, List.of("车辆乱停堵塞通道", "僵尸车长期占用车位"), "ENFORCEMENT", null),
            new Kind("FIRE", 6, List.of("消防通道被占用", "楼道里给电动车充电"), "EMERGENCY", "ENFORCEMENT"),
            new Kind("UTILITY", 8, List.of("小区停水一整天没有通知", "楼下电表箱门坏了，电线外露"), "WATER", "POWER"),
            new Kind("BUILDING", 6, List.of("一楼住户私搭彩钢房", "楼顶有人加盖"), "ENFORCEMENT", "HOUSING"),
            new Kind("SAFETY", 6, List.of("单元门禁损坏，陌生人随意进出", "车棚有人撬电动车锁"), "EMERGENCY", null),
            new Kind("DISPUTE", 7, List.of("楼上漏水引发纠纷", "加高院墙遮挡采光"), null, null),
            new Kind("ASSIST", 5, List.of("独居老人几天没出门，请去看看", "困难家庭需要帮扶"), null, null));

    /** The departments' duty accounts, by department code. */
    static final Map<String, String> DEPARTMENT_ACCOUNTS = Map.of("ENFORCEMENT", "department", "HOUSING", "dept-housing",
            "MARKET", "dept-market", "POWER", "dept-power", "WATER", "dept-water", "EMERGENCY", "dept-emergency");

    /** Whom the district center routes to instead when a department sends a case back. */
    static final Map<String, String> INSTEAD = Map.of("ENFORCEMENT", "HOUSING", "HOUSING", "ENFORCEMENT", "EMERGENCY", "ENFORCEMENT",
            "WATER", "HOUSING", "MARKET", "ENFORCEMENT", "POWER", "HOUSING");

    /** How often a unit lets a deadline pass (per deadline in its hands); the rest default to 2 %. */
    private static final Map<String, Double> LATE = Map.ofEntries(
            Map.entry("370705001001", 0.01), Map.entry("370705001002", 0.03), Map.entry("370705002002", 0.07),
            Map.entry("370705004001", 0.05), Map.entry("370705003002", 0.04),
            Map.entry("370705002", 0.06), Map.entry("370705004", 0.04), Map.entry("370705001", 0.015),
            Map.entry(CENTER, 0.03), Map.entry("reroute", 0.25), Map.entry(LEADER, 0.02), Map.entry(TOP, 0.3),
            Map.entry("HOUSING", 0.10), Map.entry("ENFORCEMENT", 0.05), Map.entry("MARKET", 0.04), Map.entry("WATER", 0.03),
            Map.entry("POWER", 0.02), Map.entry("EMERGENCY", 0.01));

    private final UserAccountRepository users;
    private final Map<String, CurrentUser> cache = new HashMap<>();

    DemoCast(UserAccountRepository users) {
        this.users = users;
    }

    CurrentUser user(String username) {
        return cache.computeIfAbsent(username, u -> users.findByUsername(u).map(UserAccount::asCurrentUser)
                .orElseThrow(() -> new IllegalStateException("demo user " + u + " missing")));
    }

    static double late(String unit) {
        return LATE.getOrDefault(unit, 0.02);
    }

    /** The residents of a community who file requests (松鹤园社区 also has {@code resident}). */
    static List<String> residents(Community c) {
        List<String> phones = DemoDistrictPlan.residents().stream().filter(r -> r.community().equals(c.code()))
                .map(DemoDistrictPlan.Resident::phone).toList();
        return c.code().equals(DemoVillage.SONGHEYUAN) ? java.util.stream.Stream.concat(java.util.stream.Stream.of("resident"), phones.stream()).toList()
                : phones;
    }

    /** The grid worker for a place in the community: the west or east half's (奎文门社区 has one). */
    static String worker(Community c, double lon) {
        List<String> workers = DemoDistrict.gridWorkers(c);
        double mid = (c.box().x0() + c.box().x1()) / 2;
        return workers.get(lon < mid || workers.size() == 1 ? 0 : workers.size() - 1);
    }
}
