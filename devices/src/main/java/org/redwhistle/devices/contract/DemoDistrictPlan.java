package org.redwhistle.devices.contract;

import java.util.List;

/**
 * The demo district's layout, one list for both sides: the platform seeds these streets, communities
 * and grids (by code, adding what an older demo database lacks), and the simulator's residents file
 * their requests inside them. 潍坊市奎文区 and its streets are real names; the communities beside
 * 松鹤园社区 and 奎文门社区 are made up, and every box is a plain rectangle laid out so that none
 * overlaps another, all inside the district's box (119.08–119.20 E, 36.66–36.75 N).
 */
public final class DemoDistrictPlan {

    private DemoDistrictPlan() {
    }

    /** A rectangle in WGS-84. */
    public record Box(double x0, double y0, double x1, double y1) {

        public boolean contains(Box b) {
            return b.x0 >= x0 && b.x1 <= x1 && b.y0 >= y0 && b.y1 <= y1;
        }

        public boolean overlaps(Box b) {
            return b.x0 < x1 && x0 < b.x1 && b.y0 < y1 && y0 < b.y1;
        }
    }

    /** A street (街道) with its code, name and the pinyin its accounts are named after. */
    public record Street(String code, String name, String pinyin, Box box) {
    }

    /** A grid (网格) of a community. */
    public record Grid(String code, String name, Box box) {
    }

    /** A community (社区) of a street, with its grids. */
    public record Community(String code, String name, String pinyin, String street, Box box, List<Grid> grids) {
    }

    public static final String DISTRICT = "370705";
    public static final Box DISTRICT_BOX = new Box(119.08, 36.66, 119.20, 36.75);

    private static final List<Street> STREETS = List.of(
            new Street("370705001", "广文街道", "guangwen", new Box(119.110, 36.690, 119.150, 36.720)),
            new Street("370705002", "东关街道", "dongguan", new Box(119.150, 36.690, 119.190, 36.720)),
            new Street("370705003", "北苑街道", "beiyuan", new Box(119.110, 36.720, 119.150, 36.745)),
            new Street("370705004", "大虞街道", "dayu", new Box(119.110, 36.665, 119.150, 36.690)));

    private static final List<Community> COMMUNITIES = List.of(
            // 松鹤园社区 (2 × 2 grids) and 奎文门社区 (one grid): the demo village as it was first seeded
            new Community("370705001001", "松鹤园社区", "songheyuan", "370705001", new Box(119.120, 36.700, 119.132, 36.709), List.of(
                    new Grid("370705001001-G1", "第一网格（西北）", new Box(119.120, 36.7045, 119.126, 36.709)),
                    new Grid("370705001001-G2", "第二网格（东北）", new Box(119.126, 36.7045, 119.132, 36.709)),
                    new Grid("370705001001-G3", "第三网格（西南）", new Box(119.120, 36.700, 119.126, 36.7045)),
                    new Grid("370705001001-G4", "第四网格（东南）", new Box(119.126, 36.700, 119.132, 36.7045)))),
            new Community("370705001002", "奎文门社区", "kwm", "370705001", new Box(119.132, 36.700, 119.142, 36.709), List.of(
                    new Grid("370705001002-G1", "奎文门第一网格", new Box(119.132, 36.700, 119.142, 36.709)))),
            community("370705001003", "月河社区", "yuehe", "370705001", new Box(119.120, 36.711, 119.132, 36.719)),
            community("370705002001", "南关社区", "nanguan", "370705002", new Box(119.155, 36.695, 119.167, 36.704)),
            community("370705002002", "新华社区", "xinhua", "370705002", new Box(119.169, 36.695, 119.181, 36.704)),
            community("370705002003", "福寿社区", "fushou", "370705002", new Box(119.155, 36.706, 119.167, 36.715)),
            community("370705003001", "鸢飞社区", "yuanfei", "370705003", new Box(119.115, 36.725, 119.127, 36.734)),
            community("370705003002", "樱前社区", "yingqian", "370705003", new Box(119.129, 36.725, 119.141, 36.734)),
            community("370705004001", "虞河社区", "yuhe", "370705004", new Box(119.115, 36.672, 119.127, 36.681)),
            community("370705004002", "金宝社区", "jinbao", "370705004", new Box(119.129, 36.672, 119.141, 36.681)));

    /** A community of two grids, its west and east halves. */
    private static Community community(String code, String name, String pinyin, String street, Box b) {
        double mid = (b.x0() + b.x1()) / 2;
        String shortName = name.replace("社区", "");
        return new Community(code, name, pinyin, street, b, List.of(
                new Grid(code + "-G1", shortName + "第一网格（西）", new Box(b.x0(), b.y0(), mid, b.y1())),
                new Grid(code + "-G2", shortName + "第二网格（东）", new Box(mid, b.y0(), b.x1(), b.y1()))));
    }

    public static List<Street> streets() {
        return STREETS;
    }

    public static List<Community> communities() {
        return COMMUNITIES;
    }

    public static Street street(String code) {
        return STREETS.stream().filter(s -> s.code().equals(code)).findFirst().orElseThrow();
    }

    /**
     * The residents who file requests from the residents' page, one or more per community: their login
     * is their mobile number. 13800000001–3 live in 松鹤园社区 (and the simulator has always used them).
     */
    public record Resident(String phone, String name, String community) {
    }

    private static final List<Resident> RESIDENTS = List.of(
            new Resident("13800000001", "居民 马", "370705001001"),
            new Resident("13800000002", "居民 何", "370705001001"),
            new Resident("13800000003", "居民 高", "370705001001"),
            new Resident("13800000004", "居民 潘", "370705001002"),
            new Resident("13800000005", "居民 葛", "370705001003"),
            new Resident("13800000006", "居民 范", "370705002001"),
            new Resident("13800000007", "居民 彭", "370705002002"),
            new Resident("13800000008", "居民 郎", "370705002003"),
            new Resident("13800000009", "居民 鲁", "370705003001"),
            new Resident("13800000010", "居民 韦", "370705003002"),
            new Resident("13800000011", "居民 昌", "370705004001"),
            new Resident("13800000012", "居民 苗", "370705004002"));

    public static List<Resident> residents() {
        return RESIDENTS;
    }
}
