package org.redwhistle.api.demo.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.redwhistle.api.alliance.AllianceLoader;
import org.redwhistle.api.alliance.AllianceLoader.NewMember;
import org.redwhistle.api.alliance.LedBy;
import org.redwhistle.api.alliance.MembershipStatus;
import org.redwhistle.api.alliance.Trade;
import org.redwhistle.api.members.Members;
import org.redwhistle.api.registry.IdNumbers;
import org.redwhistle.api.users.UserAccount;
import org.redwhistle.api.users.UserAccountRepository;
import org.redwhistle.devices.contract.DemoDistrictPlan;
import org.redwhistle.geo.area.AreaRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * 奎文区's 平安联盟: a team per street led by its police station (广文街道's by the demo's police officer), and teams
 * of a few communities led by their community police offices; about 480 members across the trades, in the
 * proportions of the seed's alliance (estate guards and property staff the most, then taxi drivers, in-house
 * security, sanitation workers and shopkeepers), most in the register, some applications waiting, a few
 * suspended or gone. The demo's patrol members (patrol1 孙, an estate guard; patrol2 周, a taxi driver) are
 * members of 广文街道's team, in the register, with their accounts and responders. Members are made up and
 * generated from a fixed seed, so every start produces the same people; seeded once (by ID number).
 */
@Component
@Order(60)
class DemoAlliance implements DemoPart {

    private static final Logger log = LoggerFactory.getLogger(DemoAlliance.class);

    /** How many members each street's teams have (广文街道 is the demo's, and the largest). */
    static final int[] PER_STREET = {150, 120, 110, 100};

    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何",
        "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧", "程", "曹", "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕",
        "苏", "卢", "蒋", "蔡", "贾", "丁", "魏", "薛", "叶", "阎", "潘", "杜", "戴", "夏", "钟", "汪", "田", "任", "姜", "范", "方", "石", "姚",
        "谭", "廖", "邹", "熊", "金", "陆", "郝", "孔", "白", "崔", "康", "毛", "邱", "秦", "江", "史", "顾", "侯", "邵", "孟", "龙", "万", "段"};
    private static final String[] GIVEN = {"建国", "志强", "秀英", "桂英", "明", "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇",
        "艳", "杰", "涛", "超", "秀兰", "霞", "平", "刚", "桂兰", "玉兰", "海燕", "国庆", "春梅", "红梅", "立新", "卫东", "建华", "振华", "文斌",
        "晓东", "洪涛", "永胜", "淑珍", "凤英", "德福", "宝山", "长春", "金凤", "玉梅", "学军", "庆华", "成林", "广田", "树森"};

    /** The trades in the seed's proportions (per 100 members), each with employers of 奎文区 (made up). */
    private record TradeMix(Trade trade, int per100, String[] employers) {
    }

    private static final List<TradeMix> MIX = List.of(
            new TradeMix(Trade.ESTATE_GUARD, 22, new String[] {"潍坊鸢都物业保安服务有限公司", "松鹤园小区物业保安部", "金宝花园保安队", "恒信保安服务公司"}),
            new TradeMix(Trade.PROPERTY, 19, new String[] {"潍坊泰华物业服务有限公司", "奎文区康居物业", "月河湾物业服务中心", "福寿里物业管理处"}),
            new TradeMix(Trade.TAXI, 14, new String[] {"潍坊恒信出租汽车公司", "潍坊顺达出租汽车公司", "奎文区公交出租分公司"}),
            new TradeMix(Trade.IN_HOUSE_SECURITY, 12, new String[] {"潍坊市人民医院保卫科", "奎文区实验小学", "潍百集团保卫部", "潍坊银座商城"}),
            new TradeMix(Trade.SANITATION, 12, new String[] {"奎文区环境卫生服务中心", "潍坊城投环卫公司"}),
            new TradeMix(Trade.SHOPKEEPER, 12, new String[] {"东关便民超市", "鸢飞路早餐店", "虞河路五金店", "南关水果店", "新华路理发店"}),
            new TradeMix(Trade.PARK, 6, new String[] {"奎文区园林绿化服务中心", "白浪河湿地公园管理处"}),
            new TradeMix(Trade.OTHER, 3, new String[] {"社区志愿者", "退休职工"}));

    /** The communities with a police office's own team (the rest are in their street's station's team). */
    static final List<String> OFFICE_TEAMS = List.of("370705001001", "370705002001", "370705003001");

    private final AllianceLoader alliance;
    private final AreaRepository areas;
    private final UserAccountRepository users;
    private final Members members;
    private final Clock clock;

    DemoAlliance(AllianceLoader alliance, AreaRepository areas, UserAccountRepository users, Members members, Clock clock) {
        this.alliance = alliance;
        this.areas = areas;
        this.users = users;
        this.members = members;
        this.clock = clock;
    }

    @Override
    public void seed() {
        long started = System.nanoTime();
        Instant now = clock.instant();
        Random random = new Random(21);
        List<NewMember> batch = new ArrayList<>();
        List<DemoDistrictPlan.Street> streets = DemoDistrictPlan.streets();
        long guangwenTeam = 0;
        int serial = 0;
        for (int s = 0; s < streets.size(); s++) {
            DemoDistrictPlan.Street street = streets.get(s);
            long streetId = areaId(street.code());
            String station = street.name().replace("街道", "") + "派出所";
            String stationFull = street.name() + "派出所";
            String policeUser = street.code().equals(DemoVillage.STREET) ? "police" : "police-" + street.pinyin();
            Long leader = users.findByUsername(policeUser).map(UserAccount::getId).orElse(null);
            long team = alliance.team(streetId, street.name() + "平安联盟队", LedBy.POLICE_STATION, stationFull, leader);
            if (street.code().equals(DemoVillage.STREET)) {
                guangwenTeam = team;
            }
            List<DemoDistrictPlan.Community> communities = DemoDistrictPlan.communities().stream().filter(c -> c.street().equals(street.code())).toList();
            List<long[]> teams = new ArrayList<>(); // {teamId, areaId}
            teams.add(new long[] {team, streetId});
            for (DemoDistrictPlan.Community c : communities) {
                if (OFFICE_TEAMS.contains(c.code())) {
                    long office = alliance.team(areaId(c.code()), c.name() + "平安联盟分队", LedBy.POLICE_OFFICE, c.name() + "警务室", leader);
                    teams.add(new long[] {office, areaId(c.code())});
                }
            }
            for (int i = 0; i < PER_STREET[s]; i++) {
                serial++;
                long[] t = teams.get(i % 3 == 2 && teams.size() > 1 ? 1 + (i / 3) % (teams.size() - 1) : 0);
                DemoDistrictPlan.Community home = communities.get(i % communities.size());
                batch.add(person(random, serial, t, areaId(home.code()), now, station));
            }
        }
        batch.addAll(patrolMembers(guangwenTeam, areaId(DemoVillage.STREET), now));
        int added = alliance.loadMembers(batch);
        if (added > 0) {
            log.info("demo alliance: {} members loaded of {} ({} ms)", added, batch.size(), (System.nanoTime() - started) / 1_000_000);
        }
    }

    private NewMember person(Random random, int serial, long[] team, long homeAreaId, Instant now, String station) {
        String name = SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)];
        int pick = random.nextInt(100);
        TradeMix mix = MIX.get(MIX.size() - 1);
        for (TradeMix m : MIX) {
            if (pick < m.per100()) {
                mix = m;
                break;
            }
            pick -= m.per100();
        }
        String employer = mix.employers()[random.nextInt(mix.employers().length)];
        LocalDate birth = LocalDate.of(1962, 1, 1).plusDays(random.nextInt(365 * 38));
        String idNumber = IdNumbers.of("370705", birth, serial % 1000);
        String phone = String.format("158536%05d", serial);
        Instant applied = now.minus(Duration.ofDays(30 + random.nextInt(700)));
        int roll = random.nextInt(100);
        MembershipStatus status = roll < 87 ? MembershipStatus.ACTIVE : roll < 94 ? MembershipStatus.APPLIED : roll < 97 ? MembershipStatus.SUSPENDED
                : roll < 99 ? MembershipStatus.LEFT : MembershipStatus.REJECTED;
        String reason = switch (status) {
            case SUSPENDED -> random.nextBoolean() ? "连续两个月未参加巡逻，暂停资格待谈话" : "岗前培训考核未通过，待补训";
            case LEFT -> random.nextBoolean() ? "本人申请退出（工作调动）" : "离开本辖区";
            case REJECTED -> "经" + station + "审核，不符合入盟条件";
            default -> null;
        };
        if (status == MembershipStatus.APPLIED) {
            applied = now.minus(Duration.ofDays(1 + random.nextInt(20)));
            return new NewMember(homeAreaId, null, name, phone, idNumber, mix.trade(), employer, status, null, applied, null, null, null);
        }
        Instant since = status == MembershipStatus.REJECTED ? null : applied.plus(Duration.ofDays(3));
        Long teamId = status == MembershipStatus.REJECTED ? null : team[0];
        long areaId = status == MembershipStatus.REJECTED ? homeAreaId : team[1];
        return new NewMember(areaId, teamId, name, phone, idNumber, mix.trade(), employer, status, reason, applied, since, null, null);
    }

    /** patrol1 孙 (an estate guard of 松鹤园) and patrol2 周 (a taxi driver): in the register, with their accounts and responders. */
    private List<NewMember> patrolMembers(long team, long streetId, Instant now) {
        List<NewMember> out = new ArrayList<>();
        Object[][] who = {
            {"patrol1", "孙建国", IdNumbers.of("370705", LocalDate.of(1975, 4, 18), 213), Trade.ESTATE_GUARD, "松鹤园小区物业保安部"},
            {"patrol2", "周志强", IdNumbers.of("370705", LocalDate.of(1981, 9, 3), 457), Trade.TAXI, "潍坊恒信出租汽车公司"}};
        for (Object[] w : who) {
            UserAccount u = users.findByUsername((String) w[0]).orElse(null);
            if (u == null) {
                continue;
            }
            Long memberId = members.byUser(u.getId()).map(Members.MemberView::id).orElse(null);
            Instant applied = now.minus(Duration.ofDays(400));
            out.add(new NewMember(u.getAreaId() == null ? streetId : u.getAreaId(), team, (String) w[1], u.getPhone(), (String) w[2], (Trade) w[3],
                    (String) w[4], MembershipStatus.ACTIVE, null, applied, applied.plus(Duration.ofDays(3)), u.getId(), memberId));
        }
        return out;
    }

    private long areaId(String code) {
        return areas.findByCode(code).orElseThrow(() -> new IllegalStateException("demo area " + code + " missing")).getId();
    }
}
